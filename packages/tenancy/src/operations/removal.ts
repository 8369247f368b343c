import { TenancyError, TenancyErrorCode } from '../errors.js';
import { InvitationStatus, type Membership, MembershipStatus } from '../model.js';
import type { OperationContext, OperationDependencies } from './context.js';
import { OperationError, OperationErrorCode } from './errors.js';
import {
  describeUser,
  guardLastAdmin,
  requireTenant,
  settleAdmins,
  settleRoleGroups,
} from './membership.js';
import type { PoolUser } from './pool.js';

export interface RemoveMemberInput {
  readonly tenantId: string;
  readonly user: PoolUser;
  /** Remove the last admin anyway. */
  readonly force?: boolean | undefined;
}

/** What a removal did. */
export interface Removal {
  /** The tombstone; absent when the user only held a pending invitation. */
  readonly membership: Membership | undefined;
  /** The membership was active before (false for a retry of a removal). */
  readonly removed: boolean;
  /** A pending invitation into the tenant was revoked too. */
  readonly revokedInvitation: boolean;
}

/**
 * Removes a member: the membership becomes a tombstone that the token trigger's healing and
 * `reconcile` respect (only a new invitation revives it); a pending invitation into the tenant
 * is revoked; when the tenant is the user's current one, their role groups and
 * `custom:tenant_id` are removed; the user is signed out. The last admin is kept unless `force`.
 *
 * @throws {OperationError} `TENANT_NOT_FOUND`, `MEMBER_NOT_FOUND`, `LAST_ADMIN`.
 */
export async function removeMember(
  dependencies: OperationDependencies,
  context: OperationContext,
  input: RemoveMemberInput,
): Promise<Removal> {
  const { store, pool } = dependencies;
  const { signal, userPoolId } = context;
  const tenant = await requireTenant(dependencies, context, input.tenantId);
  const before = await store.getMembership(input.user.sub, tenant.id, { signal });
  const invitations = await store.lookupUser(input.user.sub, { signal });
  const pending = invitations.invitations.find(
    (invitation) =>
      invitation.tenantId === tenant.id && invitation.status === InvitationStatus.Pending,
  );
  if (before === undefined && pending === undefined) {
    throw new OperationError(
      OperationErrorCode.MemberNotFound,
      `${describeUser(input.user)} is not a member of ${tenant.id}`,
    );
  }
  // The guard first: a refused removal changes nothing, not even a pending invitation.
  let membership = before;
  if (before !== undefined) {
    await guardLastAdmin(() =>
      store.removeAdmin(tenant.id, input.user.sub, { signal, force: input.force }),
    );
  }
  let revokedInvitation = false;
  if (pending !== undefined) {
    await store.revokeInvitation(input.user.sub, tenant.id, { signal }).catch((error: unknown) => {
      if (!(error instanceof TenancyError && error.code === TenancyErrorCode.InvitationInvalid)) {
        throw error;
      }
    });
    revokedInvitation = true;
  }
  if (before !== undefined) {
    membership = await store.removeMembership(input.user.sub, tenant.id, context.actor, {
      signal,
    });
    await settleAdmins(dependencies, context, tenant, input.user, input.force);
  }
  if (input.user.tenantId === tenant.id) {
    await Promise.all([
      pool.clearTenantId(userPoolId, input.user.username, { signal }),
      settleRoleGroups(dependencies, context, tenant.id, input.user),
    ]);
  }
  await pool.signOut(userPoolId, input.user.username, { signal });
  return {
    membership,
    removed: before?.status === MembershipStatus.Active,
    revokedInvitation,
  };
}
