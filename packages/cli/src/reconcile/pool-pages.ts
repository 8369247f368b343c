import {
  type CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/** Cognito's largest page for ListUsers and ListUsersInGroup. */
export const PAGE_SIZE = 60;

/**
 * The usernames in a group of the pool, every page read. A missing group is a warning and an
 * empty set: adding a user to it will fail and say so.
 */
export async function listGroupMembers(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  group: string,
  onWarning: ((message: string) => void) | undefined,
): Promise<ReadonlySet<string>> {
  const members = new Set<string>();
  let token: string | undefined;
  try {
    do {
      const page = await cognito.send(
        new ListUsersInGroupCommand({
          UserPoolId: userPoolId,
          GroupName: group,
          Limit: PAGE_SIZE,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const user of page.Users ?? []) {
        if (user.Username !== undefined) members.add(user.Username);
      }
      token = page.NextToken;
    } while (token !== undefined && token.length > 0);
  } catch (error) {
    // A missing group is worth a warning, not a stop: adding a user to it will fail and say so.
    if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
    onWarning?.(`group ${group} does not exist in ${userPoolId}`);
  }
  return members;
}
