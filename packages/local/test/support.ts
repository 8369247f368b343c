import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTenantStore, type TenantStore } from '@cognito-triggers/tenancy';
import { afterAll, beforeAll } from 'vitest';
import { decodeJwtPayload } from '../src/claims-table.js';
import { latestMessage } from '../src/messages.js';
import { PASSWORD } from '../src/scenario/people.js';
import { LOCAL_CREDENTIALS, type LocalStack, type StackOptions, startStack } from '../src/stack.js';

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

/**
 * The stack of the test file that calls {@link useStack}, and SDK clients for it, set before the
 * file's first test. Every test file gets its own instance of this module (vitest isolates
 * files), so these are that file's.
 */
export let stack: LocalStack;
export let clients: StackClients;

/**
 * Starts the test file's {@link stack} before its first test and stops it, with its
 * {@link clients}, after its last. `options` may be a function, called then: for options made by
 * an earlier `beforeAll` (a bundle written to a temporary folder). Setup that needs the stack goes
 * in a `beforeAll` after this call; hooks run in the order they were declared.
 *
 * @example
 * useStack({ overrideFunctions: { PreAuthentication: { environment: { TOKEN_CACHE_TTL_SECONDS: '0' } } } });
 */
export function useStack(options: StackOptions | (() => StackOptions) = {}, timeoutMs?: number) {
  beforeAll(async () => {
    stack = await startStack(typeof options === 'function' ? options() : options);
    clients = clientsFor(stack);
  }, timeoutMs);
  afterAll(async () => {
    clients?.destroy();
    await stack?.stop();
  });
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
