import { TenancyError, TenancyErrorCode } from '../errors.js';
import { type Membership, MembershipStatus, type Tenant, TenantRole } from '../model.js';
import { groupOf, type OperationContext, type OperationDependencies } from './context.js';
import { OperationError, OperationErrorCode } from './errors.js';
import type { PoolUser } from './pool.js';

// What the member operations (invite, roles, removal) share: finding the tenant and the member,
// and settling the tenant's admins and the user's role groups after a change.

export async function requireTenant(
  dependencies: OperationDependencies,
  context: OperationContext,
  tenantId: string,
): Promise<Tenant> {
  const tenant = await dependencies.store.getTenant(tenantId, { signal: context.signal });
  if (tenant === undefined) {
    throw new OperationError(OperationErrorCode.TenantNotFound, `no tenant "${tenantId}"`);
  }
  return tenant;
}

export async function requireMember(
  dependencies: OperationDependencies,
  context: OperationContext,
  tenant: Tenant,
  user: PoolUser,
): Promise<Membership> {
  const membership = await dependencies.store.getMembership(user.sub, tenant.id, {
    signal: context.signal,
  });
  if (membership === undefined || membership.status !== MembershipStatus.Active) {
    throw new OperationError(
      OperationErrorCode.MemberNotFound,
      `${describeUser(user)} is not an active member of ${tenant.id}`,
    );
  }
  return membership;
}

export async function setRole(
  dependencies: OperationDependencies,
  context: OperationContext,
  tenant: Tenant,
  user: PoolUser,
  role: TenantRole,
): Promise<Membership> {
  try {
    return await dependencies.store.setMembershipRole(user.sub, tenant.id, role, context.actor, {
      signal: context.signal,
    });
  } catch (error) {
    if (error instanceof TenancyError && error.code === TenancyErrorCode.MemberNotFound) {
      throw new OperationError(OperationErrorCode.MemberNotFound, error.message, { cause: error });
    }
    throw error;
  }
}

/**
 * Ends an operation that changed a member's role or status: the tenant's admins follow the
 * membership. The operation's guard (`removeAdmin`) passed when it started, but another admin
 * may have left since while this member was promoted again by a concurrent operation; the
 * settle then keeps the member as the last admin. The member is put back as an active admin
 * (the membership agrees with the admins again) and the operation is refused with
 * `LAST_ADMIN`: concurrent demotions and removals never leave a tenant without an admin.
 */
export async function settleAdmins(
  dependencies: OperationDependencies,
  context: OperationContext,
  tenant: Tenant,
  user: PoolUser,
  force: boolean | undefined,
): Promise<void> {
  const { store } = dependencies;
  const { signal } = context;
  const { lastAdmin } = await store.settleAdmin(tenant.id, user.sub, { signal, force });
  if (!lastAdmin) return;
  const membership = await store.getMembership(user.sub, tenant.id, { signal });
  if (membership?.status === MembershipStatus.Active) {
    await store.setMembershipRole(user.sub, tenant.id, TenantRole.Admin, context.actor, {
      signal,
    });
  } else {
    await store.admitMember(
      { sub: user.sub, tenantId: tenant.id, role: TenantRole.Admin, by: context.actor },
      { signal },
    );
  }
  await store.settleAdmin(tenant.id, user.sub, { signal });
  throw new OperationError(
    OperationErrorCode.LastAdmin,
    `${describeUser(user)} is the last admin of ${tenant.id}: another admin left at the same time, so the change was undone (make another member admin first, or force)`,
  );
}

export async function guardLastAdmin(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (error instanceof TenancyError && error.code === TenancyErrorCode.LastAdmin) {
      throw new OperationError(
        OperationErrorCode.LastAdmin,
        `${error.message}: the tenant would have no admin (make another member admin first, or force)`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Rounds of {@link settleRoleGroups} before it gives up on concurrent changes. */
const SETTLE_ROUNDS = 5;

/**
 * Makes a user's role groups agree with their membership of a tenant as the store holds it now
 * (read strongly consistent): exactly the group of its role when it is active, no role group when
 * it was removed. Operations on one user may run at once (two operators, a retry), and Cognito
 * has no conditional write: so each settles by reading the store, then the groups, then the store
 * again, and stops only when the three agree. The last to stop read the last write of both, so
 * concurrent operations converge on the store's role.
 */
export async function settleRoleGroups(
  dependencies: OperationDependencies,
  context: OperationContext,
  tenantId: string,
  user: PoolUser,
): Promise<void> {
  const { store, pool } = dependencies;
  const { signal, userPoolId } = context;
  const roleGroupNow = async () => {
    const membership = await store.getMembership(user.sub, tenantId, { signal });
    return membership?.status === MembershipStatus.Active
      ? groupOf(context, membership.role)
      : undefined;
  };
  let wanted = await roleGroupNow();
  for (let round = 0; round < SETTLE_ROUNDS; round += 1) {
    const groups = await pool.groupsOf(userPoolId, user.username, { signal });
    const add = wanted !== undefined && !groups.includes(wanted) ? wanted : undefined;
    const drop = [context.adminGroup, context.memberGroup].filter(
      (group) => group !== wanted && groups.includes(group),
    );
    if (add === undefined && drop.length === 0) {
      const again = await roleGroupNow();
      if (again === wanted) return;
      wanted = again;
      continue;
    }
    // The new group before the old one goes: a token in between has a role group still.
    if (add !== undefined) await pool.addToGroup(userPoolId, user.username, add, { signal });
    await Promise.all(
      drop.map((group) => pool.removeFromGroup(userPoolId, user.username, group, { signal })),
    );
    wanted = await roleGroupNow();
  }
  throw new Error(
    `the role groups of ${describeUser(user)} in ${tenantId} did not settle after ${SETTLE_ROUNDS} rounds of concurrent changes: run the command again`,
  );
}

export function describeUser(user: PoolUser): string {
  return user.email === undefined ? user.sub : `${user.email} (${user.sub})`;
}
