import { parseEmailAddress } from '@cognito-triggers/events';
import type { TenancyPolicy } from './config.js';
import type { UserDirectory } from './directory.js';
import { type Membership, type Tenant, TenantRole } from './model.js';
import { resolveTenant, type TenantSource } from './resolve.js';
import type { TenantStore } from './store.js';

/** The two edges provisioning writes to. */
export interface ProvisionDependencies {
  readonly store: TenantStore;
  readonly directory: UserDirectory;
}

/** The user to provision, as the caller knows them. */
export interface ProvisionRequest {
  /** From the event (`event.userPoolId`), never from configuration. */
  readonly userPoolId: string;
  /** `event.userName`. */
  readonly username: string;
  readonly sub: string;
  /** A verified email (see `readVerifiedEmail`): its domain decides the tenant. */
  readonly email: string | undefined;
  /**
   * Provision into this tenant rather than resolving one from the email: the tenant of a
   * membership the store already holds (`cognito-triggers reconcile` repairs towards the store).
   * Never a value the user could set.
   */
  readonly tenantId?: string | undefined;
  /**
   * The user's `custom:tenant_id` as the caller read it from Cognito, when it is known to be
   * current: if it already names the tenant, `AdminUpdateUserAttributes` is skipped. Leave it
   * out when the value may have been chosen by the user (post confirmation does).
   */
  readonly currentTenantId?: string | undefined;
  /** The user's current Cognito groups, when known: an existing role group is not re-added. */
  readonly currentGroups?: readonly string[] | undefined;
}

/** What provisioning found, and what it changed. */
export interface ProvisionResult {
  readonly tenant: Tenant;
  readonly membership: Membership;
  /** How the tenant was chosen: from the email, or `existing` (the request named it). */
  readonly source: TenantSource | 'existing';
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
 * Provisions a user: resolves the tenant from the email domain, creates the tenant unless it
 * exists (its creator becomes `admin`), creates the membership unless it exists (an existing
 * role is never changed), then sets `custom:tenant_id` and adds the role group, side by side.
 * Every step is idempotent: run it again after any failure, or concurrently with colleagues,
 * and the result is the state of one clean run. Costs 2 DynamoDB round trips and at most 2
 * Cognito calls.
 *
 * The post confirmation trigger, the token trigger's healing path and `cognito-triggers
 * reconcile` all call this one function.
 *
 * @example
 * const result = await provisionUser(
 *   { store, directory },
 *   { userPoolId: event.userPoolId, username: event.userName, sub, email },
 *   config,
 *   { signal: context.signal },
 * );
 * @throws {TenancyError} when the email cannot decide a tenant; SDK errors as they come.
 */
export async function provisionUser(
  dependencies: ProvisionDependencies,
  request: ProvisionRequest,
  policy: TenancyPolicy,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<ProvisionResult> {
  const { store, directory } = dependencies;
  const { signal } = options;

  const target =
    request.tenantId === undefined
      ? resolveTenant({ sub: request.sub, email: request.email }, policy)
      : {
          tenantId: request.tenantId,
          name: request.tenantId,
          domain: domainOf(request.email),
          source: 'existing' as const,
        };

  const { tenant, created: createdTenant } = await store.ensureTenant(
    {
      tenantId: target.tenantId,
      name: target.name,
      domain: target.domain,
      tier: policy.defaultTier,
      createdBy: request.sub,
    },
    { signal },
  );
  // Whoever's sub the tenant recorded is its admin: the winner of a race, and the same user
  // again on a retry.
  const role = tenant.createdBy === request.sub ? TenantRole.Admin : TenantRole.Member;
  const { membership, created: createdMembership } = await store.ensureMembership(
    { sub: request.sub, tenantId: tenant.id, role },
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
    source: target.source,
    createdTenant,
    createdMembership,
    group,
    setTenantId,
    addedToGroup,
  };
}

function domainOf(email: string | undefined): string {
  const parsed = parseEmailAddress(email);
  return parsed.ok ? parsed.email.domain : '';
}
