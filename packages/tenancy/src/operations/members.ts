import { parseEmailAddress } from '@cognito-triggers/events';
import { TenancyError, TenancyErrorCode } from '../errors.js';
import {
  type Invitation,
  InvitationStatus,
  type Membership,
  MembershipStatus,
  type Tenant,
  TenantRole,
} from '../model.js';
import { groupOf, type OperationContext, type OperationDependencies } from './context.js';
import { OperationError, OperationErrorCode } from './errors.js';
import type { PoolUser } from './pool.js';

/** The status Cognito gives an invitee until their first sign-in. */
const INVITEE_STATUS = 'FORCE_CHANGE_PASSWORD';

/** How long an invitation lets its invitee in, by default: Cognito's default temporary password. */
export const DEFAULT_INVITATION_DAYS = 7;

/** The longest an invitation may last. */
export const MAX_INVITATION_DAYS = 90;

export interface InviteMemberInput {
  readonly tenantId: string;
  readonly email: string;
  readonly role: TenantRole;
  /** Days the invitation lets its invitee in (1 to 90, default 7). */
  readonly expiresInDays?: number | undefined;
}

/** What an invitation did. */
export interface InviteResult {
  /**
   * `invited`: a new user, an invitation record, the message sent; `re-sent`: an invitee who has
   * not signed in yet, the invitation written and the message sent again; `added`: an existing
   * user, who got the membership directly; `already-member`: an active membership existed (its
   * role unchanged: `setMemberRole` changes roles).
   */
  readonly outcome: 'invited' | 're-sent' | 'added' | 'already-member';
  readonly user: PoolUser;
  readonly invitation?: Invitation | undefined;
  readonly membership?: Membership | undefined;
}

/**
 * Invites an email address into a tenant with a role.
 *
 * - A new address: `AdminCreateUser` without a message, the invitation record (tenant, role,
 *   address, inviter, expiry) bound to the new user's `sub`, then the invitation message
 *   (`RESEND`): the record exists before anyone can sign in with the temporary password. The
 *   pool's pre sign-up trigger judges the address (`PreSignUp_AdminCreateUser`): a refusal is
 *   `INVITE_REFUSED`, and nothing is created.
 * - An invitee who has not signed in yet: the record is written again (role, expiry), the
 *   message sent again.
 * - An existing user: the membership directly (a removed one revived with the role); when the
 *   user has no current tenant, this one becomes it (`custom:tenant_id`, the role group).
 *
 * Idempotent: run it again after any failure and it completes.
 *
 * @throws {OperationError} `INVALID_INPUT`, `TENANT_NOT_FOUND`, `USER_AMBIGUOUS`, `INVITE_REFUSED`.
 */
export async function inviteMember(
  dependencies: OperationDependencies,
  context: OperationContext,
  input: InviteMemberInput,
): Promise<InviteResult> {
  const { store, pool } = dependencies;
  const { signal, userPoolId } = context;
  const parsed = parseEmailAddress(input.email.trim());
  if (!parsed.ok) {
    throw new OperationError(
      OperationErrorCode.InvalidInput,
      `"${input.email}" is not an email address (${parsed.reason})`,
    );
  }
  const email = input.email.trim().toLowerCase();
  const days = input.expiresInDays ?? DEFAULT_INVITATION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_INVITATION_DAYS) {
    throw new OperationError(
      OperationErrorCode.InvalidInput,
      `an invitation lasts 1 to ${MAX_INVITATION_DAYS} days, not ${days}`,
    );
  }
  const tenant = await requireTenant(dependencies, context, input.tenantId);

  const users = await pool.findUsers(userPoolId, { email }, { signal });
  if (users.length > 1) {
    throw new OperationError(
      OperationErrorCode.UserAmbiguous,
      `${users.length} users of ${userPoolId} have the email "${email}"`,
    );
  }
  let existing = users[0];
  const record = async (user: PoolUser) =>
    store.createInvitation(
      {
        sub: user.sub,
        tenantId: tenant.id,
        role: input.role,
        email,
        invitedBy: context.actor,
        expiresAt: new Date(Date.now() + days * 24 * 3600 * 1000),
      },
      { signal },
    );

  if (existing === undefined) {
    const invitee = await createInvitee(dependencies, context, email);
    if (invitee.created) {
      const invitation = await record(invitee.user);
      await pool.sendInvitation(userPoolId, invitee.user.username, { signal });
      return { outcome: 'invited', user: invitee.user, invitation };
    }
    existing = invitee.user;
  }

  const membership = await store.getMembership(existing.sub, tenant.id, { signal });
  if (existing.status === INVITEE_STATUS && membership?.status !== MembershipStatus.Active) {
    const invitation = await record(existing);
    await pool.sendInvitation(userPoolId, existing.username, { signal });
    return { outcome: 're-sent', user: existing, invitation };
  }

  const admitted = await store.admitMember(
    { sub: existing.sub, tenantId: tenant.id, role: input.role, by: context.actor },
    { signal },
  );
  await store.settleAdmin(tenant.id, existing.sub, { signal });
  const becomesCurrent = existing.tenantId === undefined || existing.tenantId === tenant.id;
  if (becomesCurrent) {
    await Promise.all([
      existing.tenantId === tenant.id
        ? undefined
        : pool.setTenantId(userPoolId, existing.username, tenant.id, { signal }),
      settleRoleGroups(dependencies, context, tenant.id, existing),
    ]);
  }
  const wasActive = membership?.status === MembershipStatus.Active;
  return {
    outcome: wasActive ? 'already-member' : 'added',
    user: existing,
    membership: admitted.membership,
  };
}

/**
 * Creates an invitee without a message. Another call inviting the same address at the same
 * moment may have created them first (`UsernameExistsException`): that user is returned, not
 * created, and the invitation goes on as for an invitee who has not signed in yet.
 */
async function createInvitee(
  dependencies: OperationDependencies,
  context: OperationContext,
  email: string,
): Promise<{ readonly user: PoolUser; readonly created: boolean }> {
  const { pool } = dependencies;
  const { signal, userPoolId } = context;
  try {
    return { user: await pool.createInvitedUser(userPoolId, email, { signal }), created: true };
  } catch (error) {
    if (error instanceof Error && error.name === 'UserLambdaValidationException') {
      throw new OperationError(
        OperationErrorCode.InviteRefused,
        `the user pool refused to create ${email}: ${error.message}`,
        { cause: error },
      );
    }
    if (!(error instanceof Error && error.name === 'UsernameExistsException')) throw error;
    const [user] = await pool.findUsers(userPoolId, { email }, { signal });
    if (user === undefined) throw error;
    return { user, created: false };
  }
}

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

async function requireTenant(
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

async function requireMember(
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

async function setRole(
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
async function settleAdmins(
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

async function guardLastAdmin(remove: () => Promise<unknown>): Promise<void> {
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
async function settleRoleGroups(
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

function describeUser(user: PoolUser): string {
  return user.email === undefined ? user.sub : `${user.email} (${user.sub})`;
}
