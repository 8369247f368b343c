import type { TenancyPolicy } from './config.js';
import type { UserDirectory } from './directory.js';
import { enrollmentFor } from './domains.js';
import type { EnrollmentMode } from './enrollment.js';
import { EnrollmentMode as Mode } from './enrollment.js';
import { TenancyError, TenancyErrorCode } from './errors.js';
import {
  type Invitation,
  type Membership,
  MembershipStatus,
  type Tenant,
  TenantRole,
} from './model.js';
import { type ResolvedTenant, resolveTenant, TenantSource } from './resolve.js';
import type { ProvisioningStore } from './store/index.js';
import type { ProvenEmail } from './trust.js';

/** The two edges provisioning writes to. */
export interface ProvisionDependencies {
  /** The store's single-item reads and sign-in writes (`createProvisioningStore`, or more). */
  readonly store: ProvisioningStore;
  readonly directory: UserDirectory;
}

/** An admission by proven email. */
export interface EmailAdmission {
  readonly kind: 'email';
  readonly email: ProvenEmail;
}

/**
 * The fact that lets a user into a tenant (DESIGN.md, "Tenant trust"). Nothing the user typed or
 * wrote is one: an email counts only as a {@link ProvenEmail}, an invitation only as the record
 * the store holds for this user.
 */
export type Admission =
  /** A proven email: the tenant follows from its domain, as the domain's enrollment mode allows. */
  | EmailAdmission
  /** The user's invitation, read from the store: its tenant and role, whatever the email says. */
  | { readonly kind: 'invitation'; readonly invitation: Invitation };

/** The user to provision, as the caller knows them. */
export interface ProvisionRequest {
  /** From the event (`event.userPoolId`), never from configuration. */
  readonly userPoolId: string;
  /** `event.userName`. */
  readonly username: string;
  readonly sub: string;
  readonly admission: Admission;
  /**
   * The user's `custom:tenant_id` as the caller read it from Cognito, when it is known to be
   * current: if it already names the tenant, `AdminUpdateUserAttributes` is skipped. It never
   * chooses the tenant. Leave it out when the value may have been chosen by the user (post
   * confirmation does).
   */
  readonly currentTenantId?: string | undefined;
  /** The user's current Cognito groups, when known: an existing role group is not re-added. */
  readonly currentGroups?: readonly string[] | undefined;
}

/** What provisioning found, and what it changed. */
export interface ProvisionResult {
  readonly tenant: Tenant;
  readonly membership: Membership;
  /** How the tenant was chosen: from the email, or an invitation. */
  readonly source: TenantSource | 'invitation';
  /** The enrollment mode that applied (an admission by email only). */
  readonly enrollment?: EnrollmentMode | undefined;
  /** This call created the tenant (its caller is the admin). */
  readonly createdTenant: boolean;
  /** This call created the membership; false for a retry or an earlier partial run. */
  readonly createdMembership: boolean;
  /** The Cognito group of the member's role. */
  readonly group: string;
  /** `AdminUpdateUserAttributes` was called (set `custom:tenant_id`). */
  readonly setTenantId: boolean;
  /** `AdminAddUserToGroup` was called. */
  readonly addedToGroup: boolean;
}

interface Placement {
  readonly tenant: Tenant;
  readonly membership: Membership;
  readonly createdTenant: boolean;
  readonly createdMembership: boolean;
  readonly source: ProvisionResult['source'];
  readonly enrollment?: EnrollmentMode;
}

/**
 * Provisions a user on a proven {@link Admission}:
 *
 * - `email`: the tenant is resolved from the domain (`TENANT_DOMAIN_MAP`, then a tenant that
 *   claims the domain, a personal tenant, or an id derived from the domain), and the domain's
 *   enrollment mode decides: `open` creates the tenant unless it exists (its creator becomes
 *   `admin`, everyone after `member`); `join` needs the tenant to exist and makes a `member`
 *   (`TENANT_NOT_SET_UP` otherwise); `invite` refuses (`TENANT_INVITATION_REQUIRED`);
 * - `invitation`: the invitation is accepted (refused if revoked or expired meanwhile) and the
 *   user joins its tenant, which must exist, with its role (reviving a removed membership).
 *
 * A removed membership (a tombstone) is never revived but by an invitation:
 * `TENANT_MEMBERSHIP_REMOVED`. Then `custom:tenant_id` and the role group are set, side by
 * side. Every step is idempotent: run it again after any failure, or concurrently with
 * colleagues, and the result is the state of one clean run. A joining user costs at most 3
 * DynamoDB round trips (a domain claim, the tenant, the membership) and 2 Cognito calls.
 *
 * The post confirmation trigger, the token trigger's healing path and `cognito-triggers
 * reconcile` (for a user without a membership) all call this one function.
 *
 * @example
 * const email = proveEmail({ username: event.userName, attributes }, config);
 * const result = await provisionUser(
 *   { store, directory },
 *   { userPoolId: event.userPoolId, username: event.userName, sub, admission: { kind: 'email', email } },
 *   config,
 *   { signal: context.signal },
 * );
 * @throws {TenancyError} when the admission does not let the user in; SDK errors as they come.
 */
export async function provisionUser(
  dependencies: ProvisionDependencies,
  request: ProvisionRequest,
  policy: TenancyPolicy,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<ProvisionResult> {
  const { store, directory } = dependencies;
  const { signal } = options;
  const { admission, sub } = request;

  let placement: Placement;
  switch (admission.kind) {
    case 'email':
      placement = await placeByEmail(store, sub, admission.email, policy, signal);
      break;
    case 'invitation':
      placement = await placeByInvitation(store, sub, admission.invitation, signal);
      break;
    default:
      return admission satisfies never;
  }
  const { tenant, membership } = placement;
  if (membership.status === MembershipStatus.Removed) {
    throw new TenancyError(
      TenancyErrorCode.MembershipRemoved,
      `the membership of ${sub} in ${tenant.id} was removed`,
    );
  }

  // The tenant's admins follow its admin memberships (the creator of a new tenant is there
  // already); settled from the membership as it is now, so that a removal racing this sign-in
  // never leaves a removed user among them.
  if (membership.role === TenantRole.Admin && !tenant.admins.includes(sub)) {
    await store.settleAdmin(tenant.id, sub, { signal });
  }

  // The stored role wins over the one just computed: a retry never changes a role.
  const group = membership.role === TenantRole.Admin ? policy.adminGroup : policy.memberGroup;
  const user = { userPoolId: request.userPoolId, username: request.username };
  const setTenantId = request.currentTenantId !== tenant.id;
  const addedToGroup = !(request.currentGroups ?? []).includes(group);
  await Promise.all([
    setTenantId ? directory.setTenantId(user, tenant.id, { signal }) : undefined,
    addedToGroup ? directory.addToGroup(user, group, { signal }) : undefined,
  ]);

  return {
    tenant,
    membership,
    source: placement.source,
    ...(placement.enrollment === undefined ? {} : { enrollment: placement.enrollment }),
    createdTenant: placement.createdTenant,
    createdMembership: placement.createdMembership,
    group,
    setTenantId,
    addedToGroup,
  };
}

/**
 * The tenant a proven email resolves to, before any enrollment rule: `TENANT_DOMAIN_MAP`, a
 * personal tenant, a tenant that claims the domain in the store (one `GetItem`), else the id
 * derived from the domain.
 *
 * @throws {TenancyError} `TENANT_EMAIL_INVALID`, `TENANT_USER_INVALID`.
 */
export async function resolveTenantOf(
  store: Pick<ProvisioningStore, 'getDomainClaim'>,
  user: { readonly sub: string; readonly email: string },
  policy: Pick<TenancyPolicy, 'domainMap' | 'personalEmailDomains'>,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<ResolvedTenant> {
  const resolved = resolveTenant(user, policy);
  if (resolved.source !== TenantSource.Derived) return resolved;
  const claim = await store.getDomainClaim(resolved.domain, options);
  return claim === undefined
    ? resolved
    : { ...resolved, tenantId: claim.tenantId, source: TenantSource.Claimed };
}

async function placeByEmail(
  store: ProvisioningStore,
  sub: string,
  email: ProvenEmail,
  policy: TenancyPolicy,
  signal: AbortSignal | undefined,
): Promise<Placement> {
  const target = await resolveTenantOf(store, { sub, email: email.address }, policy, { signal });
  const enrollment = enrollmentFor(policy, target.domain);
  switch (enrollment) {
    case Mode.Invite:
      throw new TenancyError(
        TenancyErrorCode.InvitationRequired,
        `${target.domain} admits members by invitation only`,
      );
    case Mode.Join: {
      const tenant = await store.getTenant(target.tenantId, { signal });
      if (tenant === undefined) {
        throw new TenancyError(
          TenancyErrorCode.TenantNotSetUp,
          `${target.domain} joins an existing tenant only, and ${target.tenantId} does not exist`,
        );
      }
      const { membership, created } = await store.ensureMembership(
        { sub, tenantId: tenant.id, role: TenantRole.Member },
        { signal },
      );
      return {
        tenant,
        membership,
        createdTenant: false,
        createdMembership: created,
        source: target.source,
        enrollment,
      };
    }
    case Mode.Open: {
      const { tenant, created: createdTenant } = await store.ensureTenant(
        {
          tenantId: target.tenantId,
          name: target.name,
          domain: target.domain,
          tier: policy.defaultTier,
          createdBy: sub,
        },
        { signal },
      );
      // Whoever's sub the tenant recorded is its admin: the winner of a race, and the same user
      // again on a retry.
      const role = tenant.createdBy === sub ? TenantRole.Admin : TenantRole.Member;
      const { membership, created } = await store.ensureMembership(
        { sub, tenantId: tenant.id, role },
        { signal },
      );
      return {
        tenant,
        membership,
        createdTenant,
        createdMembership: created,
        source: target.source,
        enrollment,
      };
    }
    default:
      return enrollment satisfies never;
  }
}

async function placeByInvitation(
  store: ProvisioningStore,
  sub: string,
  invitation: Invitation,
  signal: AbortSignal | undefined,
): Promise<Placement> {
  if (invitation.sub !== sub) {
    throw new TenancyError(TenancyErrorCode.InvitationInvalid, 'the invitation is not the user’s');
  }
  const tenant = await store.getTenant(invitation.tenantId, { signal });
  if (tenant === undefined) {
    throw new TenancyError(
      TenancyErrorCode.InvitationInvalid,
      `the invitation's tenant ${invitation.tenantId} does not exist`,
    );
  }
  // Refused here if it was revoked or expired since it was read.
  await store.acceptInvitation(sub, invitation.tenantId, { signal });
  const { membership, created } = await store.admitMember(
    { sub, tenantId: tenant.id, role: invitation.role, by: 'invitation' },
    { signal },
  );
  return {
    tenant,
    membership,
    createdTenant: false,
    createdMembership: created,
    source: 'invitation',
  };
}
