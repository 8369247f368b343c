import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { TENANT_ID_ATTRIBUTE } from '../directory.js';

/** A user of the pool, as the operations need them. */
export interface PoolUser {
  /** The Cognito user name (a UUID when email is the username, `Google_…` when federated). */
  readonly username: string;
  readonly sub: string;
  readonly email: string | undefined;
  /**
   * Whether the pool says the address is the user's (`email_verified` is `true`). An address
   * nobody verified can be anyone's: a sign-up auto-confirmed without a code, a provider that
   * does not verify, an unverified change of address.
   */
  readonly emailVerified: boolean;
  /** `CONFIRMED`, `FORCE_CHANGE_PASSWORD` (an invitee before the first sign-in), … */
  readonly status: string;
  /** The user's `custom:tenant_id`: their current tenant, as the tokens show it. */
  readonly tenantId: string | undefined;
  readonly enabled: boolean;
}

/** How the operations find a user. */
export type PoolUserQuery = { readonly email: string } | { readonly sub: string };

/**
 * What the operators' operations do to the user pool (the Cognito admin API); a trigger's bundle
 * never holds it. Every call is idempotent in Cognito, except `createInvitedUser` (which fails
 * for an existing user: the operations look the user up first).
 */
export interface PoolAdmin {
  findUsers(userPoolId: string, query: PoolUserQuery, options?: CallOptions): Promise<PoolUser[]>;
  /** The user's groups. */
  groupsOf(userPoolId: string, username: string, options?: CallOptions): Promise<string[]>;
  /**
   * `AdminCreateUser` of an invitee with the address marked verified (the invitation was sent
   * there) and no message yet: the invitation record is written before the user can sign in.
   */
  createInvitedUser(userPoolId: string, email: string, options?: CallOptions): Promise<PoolUser>;
  /** Sends (again) the invitation message with a new temporary password (`RESEND`). */
  sendInvitation(userPoolId: string, username: string, options?: CallOptions): Promise<void>;
  addToGroup(
    userPoolId: string,
    username: string,
    group: string,
    options?: CallOptions,
  ): Promise<void>;
  removeFromGroup(
    userPoolId: string,
    username: string,
    group: string,
    options?: CallOptions,
  ): Promise<void>;
  setTenantId(
    userPoolId: string,
    username: string,
    tenantId: string,
    options?: CallOptions,
  ): Promise<void>;
  clearTenantId(userPoolId: string, username: string, options?: CallOptions): Promise<void>;
  /** `AdminUserGlobalSignOut`: the user's refresh tokens stop working at once. */
  signOut(userPoolId: string, username: string, options?: CallOptions): Promise<void>;
}

interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

/**
 * The {@link PoolAdmin} of a Cognito user pool. Needs, on the pool: `ListUsers`,
 * `AdminListGroupsForUser`, `AdminCreateUser`, `AdminAddUserToGroup`,
 * `AdminRemoveUserFromGroup`, `AdminUpdateUserAttributes`, `AdminDeleteUserAttributes`,
 * `AdminUserGlobalSignOut`.
 *
 * @example
 * const pool = cognitoPoolAdmin(createCognitoClient());
 * const [user] = await pool.findUsers(userPoolId, { email: 'ana@acme.example' });
 */
export function cognitoPoolAdmin(client: CognitoIdentityProviderClient): PoolAdmin {
  const opts = (options: CallOptions = {}) =>
    options.signal === undefined ? {} : { abortSignal: options.signal };
  return {
    async findUsers(userPoolId, query, options) {
      const filter =
        'email' in query
          ? `email = "${escapeFilter(query.email.trim().toLowerCase())}"`
          : `sub = "${escapeFilter(query.sub)}"`;
      const users: PoolUser[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListUsersCommand({
            UserPoolId: userPoolId,
            Filter: filter,
            Limit: 60,
            ...(token === undefined ? {} : { PaginationToken: token }),
          }),
          opts(options),
        );
        users.push(...(page.Users ?? []).map(fromUserType));
        token = page.PaginationToken;
      } while (token !== undefined && token.length > 0);
      return users;
    },

    async groupsOf(userPoolId, username, options) {
      const groups: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new AdminListGroupsForUserCommand({
            UserPoolId: userPoolId,
            Username: username,
            Limit: 60,
            ...(token === undefined ? {} : { NextToken: token }),
          }),
          opts(options),
        );
        for (const group of page.Groups ?? []) {
          if (group.GroupName !== undefined) groups.push(group.GroupName);
        }
        token = page.NextToken;
      } while (token !== undefined && token.length > 0);
      return groups;
    },

    async createInvitedUser(userPoolId, email, options) {
      const address = email.trim().toLowerCase();
      const { User } = await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: address,
          UserAttributes: [
            { Name: 'email', Value: address },
            { Name: 'email_verified', Value: 'true' },
          ],
          MessageAction: 'SUPPRESS',
        }),
        opts(options),
      );
      if (User === undefined) throw new Error('AdminCreateUser returned no user');
      return fromUserType(User);
    },

    async sendInvitation(userPoolId, username, options) {
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: username,
          MessageAction: 'RESEND',
          DesiredDeliveryMediums: ['EMAIL'],
        }),
        opts(options),
      );
    },

    async addToGroup(userPoolId, username, group, options) {
      await client.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: userPoolId,
          Username: username,
          GroupName: group,
        }),
        opts(options),
      );
    },

    async removeFromGroup(userPoolId, username, group, options) {
      await client.send(
        new AdminRemoveUserFromGroupCommand({
          UserPoolId: userPoolId,
          Username: username,
          GroupName: group,
        }),
        opts(options),
      );
    },

    async setTenantId(userPoolId, username, tenantId, options) {
      await client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributes: [{ Name: TENANT_ID_ATTRIBUTE, Value: tenantId }],
        }),
        opts(options),
      );
    },

    async clearTenantId(userPoolId, username, options) {
      await client.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributeNames: [TENANT_ID_ATTRIBUTE],
        }),
        opts(options),
      );
    },

    async signOut(userPoolId, username, options) {
      await client.send(
        new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }),
        opts(options),
      );
    },
  };
}

function fromUserType(user: UserType): PoolUser {
  const attribute = (name: string) =>
    (user.Attributes ?? []).find((a: AttributeType) => a.Name === name)?.Value;
  return {
    username: user.Username ?? '',
    sub: attribute('sub') ?? '',
    email: attribute('email'),
    emailVerified: attribute('email_verified') === 'true',
    status: user.UserStatus ?? 'UNKNOWN',
    tenantId: attribute(TENANT_ID_ATTRIBUTE),
    enabled: user.Enabled ?? true,
  };
}

// ListUsers filters quote values in double quotes; a quote or backslash in the value would end
// or escape it.
function escapeFilter(value: string): string {
  return value.replace(/["\\]/g, '');
}
