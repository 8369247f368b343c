import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { callOptions } from './store/call-options.js';

/** The user attribute that carries the tenant; only the admin API writes it. */
export const TENANT_ID_ATTRIBUTE = 'custom:tenant_id';

/** Who the change is about: the pool comes from the event, never from configuration. */
export interface DirectoryUser {
  readonly userPoolId: string;
  /** `event.userName`: a UUID, or `Google_…` for a federated user. */
  readonly username: string;
}

/** Where provisioning records the tenant and role on the user (Cognito, in production). */
export interface UserDirectory {
  /** Sets `custom:tenant_id`. Idempotent. */
  setTenantId(
    user: DirectoryUser,
    tenantId: string,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<void>;
  /** Adds the user to a group. Idempotent (adding a member again succeeds). */
  addToGroup(
    user: DirectoryUser,
    group: string,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<void>;
}

/**
 * The {@link UserDirectory} of a Cognito user pool: `AdminUpdateUserAttributes` and
 * `AdminAddUserToGroup`. The groups must exist (the Terraform module creates them).
 *
 * @example
 * const directory = cognitoUserDirectory(createCognitoClient());
 * await directory.addToGroup({ userPoolId: event.userPoolId, username: event.userName }, 'tenant-admin');
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html
 */
export function cognitoUserDirectory(client: CognitoIdentityProviderClient): UserDirectory {
  return {
    async setTenantId(user, tenantId, options = {}) {
      await client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: user.userPoolId,
          Username: user.username,
          UserAttributes: [{ Name: TENANT_ID_ATTRIBUTE, Value: tenantId }],
        }),
        callOptions(options.signal),
      );
    },
    async addToGroup(user, group, options = {}) {
      await client.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: user.userPoolId,
          Username: user.username,
          GroupName: group,
        }),
        callOptions(options.signal),
      );
    },
  };
}
