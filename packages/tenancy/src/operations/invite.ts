import { parseEmailAddress } from '@cognito-triggers/events';
import { type Invitation, type Membership, MembershipStatus, type TenantRole } from '../model.js';
import type { OperationContext, OperationDependencies } from './context.js';
import { OperationError, OperationErrorCode } from './errors.js';
import { requireTenant, settleRoleGroups } from './membership.js';
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

/** What Cognito answers a resend to a user who is no longer an invitee. */
const NOT_AN_INVITEE = 'UnsupportedUserStateException';

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
 *   user has no current tenant, this one becomes it (`custom:tenant_id`, the role group). Only
 *   when the pool says the address is theirs (`email_verified`): otherwise whoever registered it
 *   (an auto-confirmed sign-up, a provider that does not verify) would be let in;
 *   `USER_EMAIL_UNVERIFIED`, nothing changed.
 *
 * Idempotent: run it again after any failure and it completes.
 *
 * @throws {OperationError} `INVALID_INPUT`, `TENANT_NOT_FOUND`, `USER_AMBIGUOUS`, `INVITE_REFUSED`,
 *   `USER_EMAIL_UNVERIFIED`.
 */
export function inviteMember(
  dependencies: OperationDependencies,
  context: OperationContext,
  input: InviteMemberInput,
): Promise<InviteResult> {
  return invite(dependencies, context, input, false);
}

async function invite(
  dependencies: OperationDependencies,
  context: OperationContext,
  input: InviteMemberInput,
  again: boolean,
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
    try {
      await pool.sendInvitation(userPoolId, existing.username, { signal });
    } catch (error) {
      // The invitee signed in between the read and the message (Cognito resends only to a user
      // in FORCE_CHANGE_PASSWORD): they are a user now, and are invited as one, once.
      if (again || (error as { name?: unknown } | null)?.name !== NOT_AN_INVITEE) throw error;
      return invite(dependencies, context, input, true);
    }
    return { outcome: 're-sent', user: existing, invitation };
  }

  // An invitation goes to an address; admitting the account that carries it admits whoever
  // registered it. Only when the pool says the address is theirs (a member already in stays).
  if (membership?.status !== MembershipStatus.Active && !existing.emailVerified) {
    throw new OperationError(
      OperationErrorCode.EmailUnverified,
      `${email} belongs to user ${existing.sub}, who has not verified it: anyone could have registered it, so the invitation cannot admit them. Ask them to verify the address, then invite again`,
    );
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
