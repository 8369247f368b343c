import fc from 'fast-check';
import type { Invitation } from '../model.js';

/**
 * Generators of the users an attacker can make, for property tests of tenant trust: every way a
 * user can shape the attributes a trigger sees (a planted `identities`, a chosen
 * `custom:tenant_id`, an unverified or malformed email, a provider that does not verify email),
 * and the invitations the store may hold. Built on fast-check; a separate entry point
 * (`@cognito-triggers/tenancy/testing/trust`) so that other test helpers do not need it.
 */

/** The domains the generated users claim, and the policy they are judged by. */
export const TRUST_WORLD = {
  /** A company whose tenant exists already, created by someone else. */
  victimDomain: 'victim-corp.test',
  victimTenant: 'victim',
  /** `TENANT_DOMAIN_MAP` of the world. */
  domainMap: 'victim-corp.test=victim',
  /** `AUTHORITATIVE_IDPS` of the world: CorpSAML owns corp.example.com and its subdomains. */
  authoritativeIdps: 'corp.example.com=CorpSAML,*.corp.example.com=CorpSAML',
  /** The provider each authoritative domain belongs to, for the oracle. */
  authority: { 'corp.example.com': 'CorpSAML' } as Readonly<Record<string, string>>,
} as const;

const identitiesOf = (providerName: string) =>
  JSON.stringify([
    { userId: '123', providerName, providerType: 'SAML', issuer: null, primary: 'true' },
  ]);

/** Everything a user (or a crafted event) can put in front of a trigger. */
export interface GeneratedUser {
  readonly username: string;
  readonly attributes: Record<string, unknown>;
}

const email = fc.oneof(
  fc.constantFrom(
    'ceo@victim-corp.test',
    'ana@corp.example.com',
    'bo@eu.corp.example.com',
    'cfo@acme.example',
    'eve@example.com',
  ),
  fc.emailAddress(),
  fc.constantFrom(null, 42, ['ceo@victim-corp.test'], '', 'not-an-email'),
);

/**
 * A user as a trigger event shows them: any status, any (planted) identities, any email and
 * `email_verified`, any `custom:tenant_id`, any user name.
 */
export const generatedUser: fc.Arbitrary<GeneratedUser> = fc
  .record({
    username: fc.constantFrom(
      'a1b2c3d4-0000-4000-8000-000000000001',
      'Google_113345678901234567890',
      'CorpSAML_ana@corp.example.com',
      'EntraMultiTenant_abc',
    ),
    email,
    emailVerified: fc.constantFrom(undefined, 'true', 'false', 'True', '1', true),
    status: fc.constantFrom(
      undefined,
      'CONFIRMED',
      'EXTERNAL_PROVIDER',
      'FORCE_CHANGE_PASSWORD',
      'UNCONFIRMED',
    ),
    identities: fc.constantFrom(
      undefined,
      '[{}]',
      identitiesOf('Google'),
      identitiesOf('CorpSAML'),
      identitiesOf('EntraMultiTenant'),
      'not json',
    ),
    tenantId: fc.constantFrom(
      undefined,
      'victim',
      'acme',
      '../globex","x":"*',
      'corp-example-com-00000000',
    ),
    extra: fc.dictionary(
      fc.constantFrom('custom:tenant_role', 'custom:tenant_tier', 'custom:role', 'name'),
      fc.constantFrom('admin', 'gold', 'victim', 'x'),
    ),
  })
  .map(({ username, email, emailVerified, status, identities, tenantId, extra }) => {
    const attributes: Record<string, unknown> = { ...extra };
    if (email !== undefined) attributes.email = email;
    if (emailVerified !== undefined) attributes.email_verified = emailVerified;
    if (status !== undefined) attributes['cognito:user_status'] = status;
    if (identities !== undefined) attributes.identities = identities;
    if (tenantId !== undefined) attributes['custom:tenant_id'] = tenantId;
    return { username, attributes };
  });

/** The shape of an invitation the store may hold, bound to a user by {@link invitationFor}. */
export interface InvitationShape {
  /** For the user signing in, or for someone else. */
  readonly mine: boolean;
  readonly tenantId: string;
  readonly role: 'admin' | 'member';
  readonly status: 'pending' | 'revoked';
  /** Expiry relative to now: negative is expired. */
  readonly expiresInMs: number;
}

/** An invitation in any state, or none. */
export const generatedInvitation: fc.Arbitrary<InvitationShape | undefined> = fc.option(
  fc.record({
    mine: fc.boolean(),
    tenantId: fc.constantFrom('acme', 'victim'),
    role: fc.constantFrom('admin', 'member') as fc.Arbitrary<'admin' | 'member'>,
    status: fc.constantFrom('pending', 'revoked') as fc.Arbitrary<'pending' | 'revoked'>,
    expiresInMs: fc.constantFrom(-60_000, -1, 60_000, 7 * 24 * 3600 * 1000),
  }),
  { nil: undefined },
);

/** The invitation of a shape for the user `sub` (or for someone else), as of `now`. */
export function invitationFor(
  shape: InvitationShape | undefined,
  sub: string,
  now: Date,
): Invitation | undefined {
  if (shape === undefined) return undefined;
  return {
    sub: shape.mine ? sub : `someone-else-${sub}`,
    tenantId: shape.tenantId,
    role: shape.role,
    email: 'invitee@acme.example',
    invitedBy: 'operator:test',
    status: shape.status,
    createdAt: new Date(now.getTime() - 3600_000).toISOString(),
    expiresAt: new Date(now.getTime() + shape.expiresInMs).toISOString(),
  };
}

/**
 * The oracle, written apart from the code under test: whether a user's email proves anything,
 * by DESIGN.md's table. A native user needs `email_verified` exactly `"true"` (Cognito sends
 * lower-case strings); a user Cognito created by federation needs the provider's verification,
 * or a provider authoritative for the domain: named by the user name, and by `identities` too
 * when the event carries it.
 */
export function emailIsProven(user: GeneratedUser): boolean {
  const { attributes } = user;
  if (typeof attributes.email !== 'string' || attributes.email.trim() === '') return false;
  const verified =
    typeof attributes.email_verified === 'string' &&
    attributes.email_verified.toLowerCase() === 'true';
  if (attributes['cognito:user_status'] !== 'EXTERNAL_PROVIDER') return verified;
  if (verified) return true;
  const domain = attributes.email.trim().toLowerCase().split('@')[1] ?? '';
  const owner = Object.entries(TRUST_WORLD.authority).find(
    ([apex]) => domain === apex || domain.endsWith(`.${apex}`),
  )?.[1];
  if (owner === undefined) return false;
  const named = user.username.toLowerCase().startsWith(`${owner.toLowerCase()}_`);
  if (attributes.identities === undefined) return named;
  return attributes.identities === identitiesOf(owner) && named;
}

/** Whether the invitation lets its invitee `sub` in at `now`, by the same table. */
export function invitationAdmits(
  invitation: Invitation | undefined,
  sub: string,
  now: Date,
): boolean {
  return (
    invitation !== undefined &&
    invitation.sub === sub &&
    invitation.status === 'pending' &&
    Date.parse(invitation.expiresAt) > now.getTime()
  );
}
