import type { TenancyPolicy } from './config.js';
import type { UserDirectory } from './directory.js';
import { TenancyError, TenancyErrorCode } from './errors.js';
import { type Invitation, type Membership, type Tenant, TenantRole } from './model.js';
import { resolveTenant, type TenantSource } from './resolve.js';
import type { TenantStore } from './store/index.js';
import type { ProvenEmail } from './trust.js';

/** What provisioning by email touches in the store: two writes, no read. */
export type EmailProvisioningStore = Pick<TenantStore, 'ensureTenant' | 'ensureMembership'>;

/** What provisioning on any admission touches in the store. */
export type ProvisioningStore = EmailProvisioningStore &
  Pick<TenantStore, 'getTenant' | 'acceptInvitation'>;

/**
 * The two edges provisioning writes to. A caller that provisions by email only (post
 * confirmation) may pass the store's writes alone (`createTenantWriter`), so that its bundle, and
 * its IAM policy, hold `UpdateItem` and nothing else.
 */
export interface ProvisionDependencies<TStore extends EmailProvisioningStore = ProvisioningStore> {
  readonly store: TStore;
  readonly directory: UserDirectory;
}

/**
 * The fact that lets a user into a tenant (DESIGN.md, "Tenant trust"). Nothing the user typed or
 * wrote is one: an email counts only as a {@link ProvenEmail}, an invitation only as the record
 * the store holds for this user.
 */
export type Admission =
  /** A proven email: the tenant follows from its domain (created if new, its creator admin). */
  | EmailAdmission
  /** The user's invitation, read from the store: its tenant and role, whatever the email says. */
  | { readonly kind: 'invitation'; readonly invitation: Invitation }
  /**
   * A membership the store already holds (`cognito-triggers reconcile` repairs towards it): the
   * tenant must exist; the stored role is kept.
   */
  | { readonly kind: 'membership'; readonly tenantId: string };

/** An admission by proven email. */
export interface EmailAdmission {
  readonly kind: 'email';
  readonly email: ProvenEmail;
}

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
  /** How the tenant was chosen: from the email, an invitation, or an existing membership. */
  readonly source: TenantSource | 'invitation' | 'existing';
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

/**
 * Provisions a user on a proven {@link Admission}:
 *
 * - `email`: the tenant is resolved from the domain and created unless it exists (its creator
 *   becomes `admin`, everyone after `member`);
 * - `invitation`: the invitation is accepted (refused if revoked or expired meanwhile) and the
 *   user joins its tenant, which must exist, with its role;
 * - `membership`: the existing membership's tenant, which must exist.
 *
 * Then the membership is created unless it exists (an existing role is never changed), and
 * `custom:tenant_id` and the role group are set, side by side. Every step is idempotent: run it
 * again after any failure, or concurrently with colleagues, and the result is the state of one
 * clean run. Costs 2 DynamoDB round trips (3 for an invitation) and at most 2 Cognito calls.
 *
 * The post confirmation trigger, the token trigger's healing path and `cognito-triggers
 * reconcile` all call this one function.
 *
 * @example
 * const email = proveEmail({ username: event.userName, attributes }, config);
 * const result = await provisionUser(
 *   { store, directory },
 *   { userPoolId: event.userPoolId, username: event.userName, sub, admission: { kind: 'email', email } },
 *   config,
 *   { signal: context.signal },
 * );
 * @throws {TenancyError} when the admission cannot decide a tenant; SDK errors as they come.
 */
export function provisionUser(
  dependencies: ProvisionDependencies<EmailProvisioningStore>,
  request: ProvisionRequest & { readonly admission: EmailAdmission },
  policy: TenancyPolicy,
  options?: { readonly signal?: AbortSignal | undefined },
): Promise<ProvisionResult>;
export function provisionUser(
  dependencies: ProvisionDependencies,
  request: ProvisionRequest,
  policy: TenancyPolicy,
  options?: { readonly signal?: AbortSignal | undefined },
): Promise<ProvisionResult>;
export async function provisionUser(
  dependencies: ProvisionDependencies<EmailProvisioningStore & Partial<ProvisioningStore>>,
  request: ProvisionRequest,
  policy: TenancyPolicy,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<ProvisionResult> {
  const { store, directory } = dependencies;
  const { signal } = options;
  const { admission, sub } = request;

  let tenant: Tenant;
  let role: TenantRole;
  let createdTenant = false;
  let source: ProvisionResult['source'];
  switch (admission.kind) {
    case 'email': {
      const target = resolveTenant({ sub, email: admission.email.address }, policy);
      const ensured = await store.ensureTenant(
        {
          tenantId: target.tenantId,
          name: target.name,
          domain: target.domain,
          tier: policy.defaultTier,
          createdBy: sub,
        },
        { signal },
      );
      tenant = ensured.tenant;
      createdTenant = ensured.created;
      source = target.source;
      // Whoever's sub the tenant recorded is its admin: the winner of a race, and the same user
      // again on a retry.
      role = tenant.createdBy === sub ? TenantRole.Admin : TenantRole.Member;
      break;
    }
    case 'invitation': {
      const { invitation } = admission;
      const { getTenant, acceptInvitation } = readsOf(store);
      if (invitation.sub !== sub) {
        throw new TenancyError(
          TenancyErrorCode.InvitationInvalid,
          'the invitation is not the user’s',
        );
      }
      const found = await getTenant(invitation.tenantId, { signal });
      if (found === undefined) {
        throw new TenancyError(
          TenancyErrorCode.InvitationInvalid,
          `the invitation's tenant ${invitation.tenantId} does not exist`,
        );
      }
      // Refused here if it was revoked or expired since it was read.
      await acceptInvitation(sub, invitation.tenantId, { signal });
      tenant = found;
      role = invitation.role;
      source = 'invitation';
      break;
    }
    case 'membership': {
      const found = await readsOf(store).getTenant(admission.tenantId, { signal });
      if (found === undefined) {
        throw new TenancyError(TenancyErrorCode.TenantNotFound, `no tenant ${admission.tenantId}`);
      }
      tenant = found;
      role = tenant.createdBy === sub ? TenantRole.Admin : TenantRole.Member;
      source = 'existing';
      break;
    }
    default:
      return admission satisfies never;
  }

  const { membership, created: createdMembership } = await store.ensureMembership(
    { sub, tenantId: tenant.id, role },
    { signal },
  );

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
    source,
    createdTenant,
    createdMembership,
    group,
    setTenantId,
    addedToGroup,
  };
}

/** The store's reads an invitation or a membership needs; a writer alone cannot serve them. */
function readsOf(store: EmailProvisioningStore & Partial<ProvisioningStore>): ProvisioningStore {
  const { getTenant, acceptInvitation } = store;
  if (getTenant === undefined || acceptInvitation === undefined) {
    throw new TypeError(
      'provisionUser: an invitation or a membership needs the whole tenant store',
    );
  }
  return { ...store, getTenant, acceptInvitation };
}
