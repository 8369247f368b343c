import {
  AdminInitiateAuthCommand,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  clients,
  PASSWORD,
  rejection,
  signIn,
  signUpAndConfirm,
  stack,
  useStack,
} from './support.js';

// emulator-hooks/wrong-password.cjs: a password sign-in refused in Cognito's words.

const ANA = 'ana@example.com';

useStack();

beforeAll(async () => {
  await signUpAndConfirm(stack, clients, ANA);
});

const initiate = (USERNAME: string, PASSWORD: string, ClientId = stack.clientId) =>
  clients.cognito.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME, PASSWORD },
    }),
  );

const adminInitiate = (USERNAME: string, PASSWORD: string) =>
  clients.cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: stack.userPoolId,
      ClientId: stack.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME, PASSWORD },
    }),
  );

const refusal = async (call: Promise<unknown>) => {
  const error = await rejection(call);
  return { name: error?.name, message: error?.message };
};

const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };

describe('a refused password sign-in on the local stack', () => {
  it('answers a wrong password NotAuthorizedException "Incorrect username or password."', async () => {
    expect(await refusal(initiate(ANA, 'Wrong-Horse-42'))).toEqual(INCORRECT);
    expect(await refusal(adminInitiate(ANA, 'Wrong-Horse-42'))).toEqual(INCORRECT);
  });

  it('answers an unknown username the same way, so a caller cannot tell which was wrong', async () => {
    expect(await refusal(initiate('nobody@example.com', PASSWORD))).toEqual(INCORRECT);
    expect(await refusal(adminInitiate('nobody@example.com', PASSWORD))).toEqual(INCORRECT);
  });

  it('says UserNotFoundException to a client whose PreventUserExistenceErrors is LEGACY', async () => {
    const { UserPoolClient } = await clients.cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: stack.userPoolId,
        ClientName: 'legacy',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'LEGACY',
      }),
    );
    const legacy = UserPoolClient?.ClientId ?? '';

    expect(await refusal(initiate('nobody@example.com', PASSWORD, legacy))).toEqual({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    expect(await refusal(initiate(ANA, 'Wrong-Horse-42', legacy))).toEqual(INCORRECT);
  });

  it('still signs in with the right password', async () => {
    const { claims } = await signIn(stack, clients, ANA);

    expect(claims.email).toBe(ANA);
  });
});
