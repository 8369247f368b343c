import { type Membership, TenantRole } from '../model.js';
import type { OperationContext, OperationDependencies } from './context.js';
import {
  guardLastAdmin,
  requireMember,
  requireTenant,
  setRole,
  settleAdmins,
  settleRoleGroups,
} from './membership.js';
import type { PoolUser } from './pool.js';

export interface SetMemberRoleInput {
  readonly tenantId: string;
  readonly user: PoolUser;
  readonly role: TenantRole;
  /** Demote the last admin anyway. */
  readonly force?: boolean | undefined;
}

/** What a role change did. */
export interface RoleChange {
  readonly membership: Membership;
  /** False when the role was already the one asked (the groups are still repaired). */
  readonly changed: boolean;
  /** The user was signed out (`AdminUserGlobalSignOut`): their refresh tokens stop at once. */
  readonly signedOut: boolean;
}

/**
 * Sets a member's role: the store first (the tenant's admins guard the last admin:
 * `LAST_ADMIN` unless `force`), then, when the tenant is the user's current one, the role
 * group replaced (never two role groups), then the user signed out. The next sign-in's event
 * carries the new group, so the token trigger's cache misses and the new role shows at once.
 *
 * @throws {OperationError} `TENANT_NOT_FOUND`, `MEMBER_NOT_FOUND`, `LAST_ADMIN`.
 */
export async function setMemberRole(
  dependencies: OperationDependencies,
  context: OperationContext,
  input: SetMemberRoleInput,
): Promise<RoleChange> {
  const { store, pool } = dependencies;
  const { signal } = context;
  const tenant = await requireTenant(dependencies, context, input.tenantId);
  const current = await requireMember(dependencies, context, tenant, input.user);
  const changed = current.role !== input.role;

  let membership = current;
  // A demotion leaves the tenant's admins first (the guard of the last admin), a promotion joins
  // them after; both end by settling them from the membership as it is now, so that concurrent
  // operations on one member converge.
  if (input.role === TenantRole.Member) {
    await guardLastAdmin(() =>
      store.removeAdmin(tenant.id, input.user.sub, { signal, force: input.force }),
    );
  }
  if (changed) membership = await setRole(dependencies, context, tenant, input.user, input.role);
  await settleAdmins(dependencies, context, tenant, input.user, input.force);
  if (input.user.tenantId === tenant.id) {
    await settleRoleGroups(dependencies, context, tenant.id, input.user);
  }
  if (changed) await pool.signOut(context.userPoolId, input.user.username, { signal });
  return { membership, changed, signedOut: changed };
}
