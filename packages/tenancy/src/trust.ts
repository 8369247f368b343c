import { parseEmailAddress } from '@cognito-triggers/events';
import { type AuthoritativeProvider, findDomainMapping } from './domains.js';
import { TenancyError, TenancyErrorCode } from './errors.js';
import { type Invitation, InvitationStatus, type Membership } from './model.js';
import type { Admission } from './provision.js';

/** How a user proved the email whose domain decides their tenant. */
export const EmailProof = {
  /** A native user whose `email_verified` is `"true"`: Cognito checked a code sent there. */
  Verified: 'verified',
  /** A federated user whose provider asserted `email_verified` `"true"` (mapped by the pool). */
  ProviderVerified: 'provider-verified',
  /** A federated user of a provider the policy names authoritative for the email's domain. */
  ProviderAuthoritative: 'provider-authoritative',
} as const;
export type EmailProof = (typeof EmailProof)[keyof typeof EmailProof];

declare const proven: unique symbol;

/**
 * An email a tenant may be resolved from, and how it was proven. Only {@link proveEmail} makes
 * one: provisioning from an email takes this type, never a plain string, so no caller can hand
 * it an address the user merely typed.
 */
export interface ProvenEmail {
  readonly address: string;
  readonly proof: EmailProof;
  /** The identity provider of a federated user, as the pool names it. */
  readonly provider?: string | undefined;
  readonly [proven]: true;
}

/** The user as a trigger event (or ListUsers) shows them. */
export interface UserFacts {
  /** `event.userName`: `<ProviderName>_<id>` for a user created by federation. */
  readonly username: string;
  /** Cognito user attributes, as strings; anything else is treated as absent. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** The status Cognito gives a user it created from an identity provider's sign-in. */
export const EXTERNAL_PROVIDER_STATUS = 'EXTERNAL_PROVIDER';

/**
 * Proves the email a user's tenant may come from, or refuses. What counts (DESIGN.md, "Tenant
 * trust"):
 *
 * - a native user: `email_verified` is `"true"`;
 * - a federated user (`cognito:user_status` is `EXTERNAL_PROVIDER`, which Cognito alone sets):
 *   the provider's `email_verified` is `"true"`, or the provider is named authoritative for the
 *   email's domain in `AUTHORITATIVE_IDPS`.
 *
 * Nothing else: an `identities` attribute does not make a user federated (only the status
 * does), and a federated status alone proves nothing about the email.
 *
 * @example
 * const email = proveEmail({ username: event.userName, attributes }, config);
 * @throws {TenancyError} `TENANT_EMAIL_MISSING`, `TENANT_EMAIL_NOT_VERIFIED` or
 *   `TENANT_PROVIDER_EMAIL_UNVERIFIED`.
 */
export function proveEmail(
  user: UserFacts,
  policy: { readonly authoritativeProviders: readonly AuthoritativeProvider[] },
): ProvenEmail {
  const { attributes } = user;
  const raw = stringAttribute(attributes, 'email')?.trim();
  if (raw === undefined || raw.length === 0) {
    throw new TenancyError(TenancyErrorCode.EmailMissing, 'the user has no email attribute');
  }
  const verified = stringAttribute(attributes, 'email_verified')?.toLowerCase() === 'true';
  if (stringAttribute(attributes, 'cognito:user_status') !== EXTERNAL_PROVIDER_STATUS) {
    if (!verified) {
      throw new TenancyError(
        TenancyErrorCode.EmailNotVerified,
        'the email of a native user is not verified (email_verified is not "true")',
      );
    }
    return brand({ address: raw, proof: EmailProof.Verified });
  }

  const provider = federatedProvider(user);
  if (verified) return brand({ address: raw, proof: EmailProof.ProviderVerified, provider });
  const parsed = parseEmailAddress(raw);
  const authority =
    parsed.ok && provider !== undefined
      ? findDomainMapping(
          policy.authoritativeProviders.filter(
            (entry) => entry.providerName.toLowerCase() === provider.toLowerCase(),
          ),
          parsed.email.domain,
        )
      : undefined;
  if (authority === undefined) {
    throw new TenancyError(
      TenancyErrorCode.ProviderEmailNotVerified,
      `the identity provider ${provider ?? '(unknown)'} did not verify the email and is not authoritative for its domain`,
    );
  }
  return brand({ address: raw, proof: EmailProof.ProviderAuthoritative, provider });
}

/**
 * The identity provider of a user Cognito created from a federated sign-in, as the pool names it:
 * from the `identities` attribute (a JSON array Cognito maintains), which must agree with the
 * user name (`<ProviderName>_<id>`); from the user name alone when the event has no
 * `identities`. Both are Cognito's own for such a user. An `identities` that does not parse, or
 * names another provider, gives none. `undefined` for a native user.
 *
 * @example
 * federatedProvider({ username: 'CorpSAML_ana@corp.example.com', attributes }) // 'CorpSAML'
 */
export function federatedProvider(user: UserFacts): string | undefined {
  if (stringAttribute(user.attributes, 'cognito:user_status') !== EXTERNAL_PROVIDER_STATUS) {
    return undefined;
  }
  const identities = stringAttribute(user.attributes, 'identities');
  const username = typeof user.username === 'string' ? user.username : '';
  if (identities === undefined) {
    const separator = username.indexOf('_');
    return separator > 0 ? username.slice(0, separator) : undefined;
  }
  // Present but unreadable, or naming another provider than the user name: no provider.
  const named = providerOfIdentities(identities);
  if (named === undefined) return undefined;
  return username.toLowerCase().startsWith(`${named.toLowerCase()}_`) ? named : undefined;
}

function providerOfIdentities(identities: string | undefined): string | undefined {
  if (identities === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(identities);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 1) return undefined;
  const name = (parsed[0] as { providerName?: unknown } | null)?.providerName;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

function stringAttribute(
  attributes: Readonly<Record<string, unknown>>,
  name: string,
): string | undefined {
  const value = attributes?.[name];
  return typeof value === 'string' ? value : undefined;
}

function brand(email: Omit<ProvenEmail, typeof proven>): ProvenEmail {
  return email as ProvenEmail;
}

/**
 * What lets a user who has no active membership into a tenant: their invitation when a usable
 * one exists (pending and unexpired; accepted too, so that a retry after a crash completes);
 * else, unless a membership of theirs was removed (a tombstone only an invitation revives), their
 * proven email. Pure.
 *
 * @example
 * const record = await store.lookupUser(sub);
 * const admission = admissionFor({ username, attributes }, sub, record, config);
 * @throws {TenancyError} when nothing proves anything: `TENANT_MEMBERSHIP_REMOVED`,
 *   `TENANT_INVITATION_INVALID` when the user holds only expired or revoked invitations, else
 *   {@link proveEmail}'s refusal.
 */
export function admissionFor(
  user: UserFacts,
  sub: string,
  record: {
    readonly invitations: readonly Invitation[];
    readonly removed?: readonly Membership[] | undefined;
  },
  policy: { readonly authoritativeProviders: readonly AuthoritativeProvider[] },
  now: Date = new Date(),
): Admission {
  const { invitations } = record;
  const usable = usableInvitation(record, sub, now);
  if (usable !== undefined) return { kind: 'invitation', invitation: usable };
  const removed = record.removed ?? [];
  if (removed.length > 0) {
    throw new TenancyError(
      TenancyErrorCode.MembershipRemoved,
      `the membership of ${sub} in ${removed.map((m) => m.tenantId).join(', ')} was removed`,
    );
  }
  try {
    return { kind: 'email', email: proveEmail(user, policy) };
  } catch (error) {
    if (invitations.length > 0 && error instanceof TenancyError) {
      throw new TenancyError(
        TenancyErrorCode.InvitationInvalid,
        'the user holds no pending, unexpired invitation, and the email proves nothing',
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * The invitation that lets a user without an active membership in, if any: the oldest of theirs
 * that {@link isUsable} at `now`, given the memberships of theirs that were removed. Pure.
 */
export function usableInvitation(
  record: {
    readonly invitations: readonly Invitation[];
    readonly removed?: readonly Membership[] | undefined;
  },
  sub: string,
  now: Date = new Date(),
): Invitation | undefined {
  return record.invitations
    .filter((invitation) => invitation.sub === sub && isUsable(invitation, now, record.removed))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))[0];
}

/**
 * Whether an invitation still lets its invitee in at `now`: a pending one until it expires; an
 * accepted one too (a sign-in that accepted it and failed before the membership was written
 * completes at the next), until a removal from its tenant after the acceptance spends it. Give
 * the user's removed memberships (`lookupUser(sub).removed`): without them a removed invitee
 * would be let back in by the invitation they once accepted.
 */
export function isUsable(
  invitation: Invitation,
  now: Date,
  removed: readonly Membership[] = [],
): boolean {
  if (invitation.status === InvitationStatus.Accepted) {
    const acceptedAt = invitation.acceptedAt ?? '';
    return !removed.some(
      (membership) =>
        membership.tenantId === invitation.tenantId &&
        membership.sub === invitation.sub &&
        (membership.updatedAt ?? membership.joinedAt) >= acceptedAt,
    );
  }
  return (
    invitation.status === InvitationStatus.Pending &&
    Date.parse(invitation.expiresAt) > now.getTime()
  );
}
