import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTenantStore, type TenantStore } from '@cognito-triggers/tenancy';
import { decodeJwtPayload } from '../src/claims-table.js';
import { latestMessage } from '../src/messages.js';
import { PASSWORD } from '../src/scenario/people.js';
import { LOCAL_CREDENTIALS, type LocalStack } from '../src/stack.js';

export { PASSWORD } from '../src/scenario/people.js';

/** SDK clients for a running stack, as an application (or an operator) would build them. */
export interface StackClients {
  readonly cognito: CognitoIdentityProviderClient;
  readonly store: TenantStore;
  destroy(): void;
}

export function clientsFor(stack: LocalStack): StackClients {
  const config = { region: stack.region, credentials: LOCAL_CREDENTIALS };
  const cognito = new CognitoIdentityProviderClient({ ...config, endpoint: stack.cognitoEndpoint });
  const dynamodb = new DynamoDBClient({ ...config, endpoint: stack.dynamodbEndpoint });
  return {
    cognito,
    store: createTenantStore({ client: dynamodb, tableName: stack.tenantTable }),
    destroy() {
      cognito.destroy();
      dynamodb.destroy();
    },
  };
}

/** Signs up through the app client and confirms with the code the emulator delivered; the `sub`. */
export async function signUpAndConfirm(
  stack: LocalStack,
  { cognito }: StackClients,
  email: string,
): Promise<string> {
  const { UserSub } = await cognito.send(
    new SignUpCommand({ ClientId: stack.clientId, Username: email, Password: PASSWORD }),
  );
  const code = latestMessage(stack.messages(), email, 'SignUp')?.code;
  if (UserSub === undefined || code === undefined) throw new Error(`no sign-up code for ${email}`);
  await cognito.send(
    new ConfirmSignUpCommand({ ClientId: stack.clientId, Username: email, ConfirmationCode: code }),
  );
  return UserSub;
}

/** USER_PASSWORD_AUTH; the tokens and the decoded ID token claims. */
export async function signIn(
  stack: LocalStack,
  { cognito }: StackClients,
  email: string,
  password = PASSWORD,
) {
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const idToken = AuthenticationResult?.IdToken;
  if (idToken === undefined) throw new Error(`no ID token for ${email}`);
  return {
    claims: decodeJwtPayload(idToken),
    refreshToken: AuthenticationResult?.RefreshToken ?? '',
  };
}

/** The error a promise rejects with (or undefined when it resolves). */
export function rejection(promise: Promise<unknown>): Promise<Error | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );
}
