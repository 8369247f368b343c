import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  type AttributeType,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { TenancyError, TenancyErrorCode, userFacingError } from '@cognito-triggers/tenancy';
import { beforeAll, describe, expect, it } from 'vitest';
import { latestMessage } from '../src/messages.js';
import { FOREIGN_FUNCTION, localFunctionArn } from '../src/stack.js';
import { clients, PASSWORD, rejection, stack, useStack } from './support.js';

/** As Cognito words a failed trigger: its name, the function's message, and a period. */
const failed = (trigger: string, code: TenancyErrorCode) =>
  `${trigger} failed with error ${userFacingError(new TenancyError(code, 'test')).message}.`;

const attribute = (attributes: AttributeType[] | undefined, name: string) =>
  attributes?.find((candidate) => candidate.Name === name)?.Value;

// Post confirmation cannot reach its table: every provisioning fails, as when DynamoDB is down.
useStack(
  {
    overrideFunctions: {
      PostConfirmation: { environment: { TENANT_TABLE_NAME: 'no-such-table' } },
    },
  },
  60_000,
);

async function signUp(email: string, clientId = stack.clientId): Promise<string> {
  const { UserSub } = await clients.cognito.send(
    new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD }),
  );
  return UserSub ?? '';
}

const userOf = (email: string, userPoolId = stack.userPoolId) =>
  clients.cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));

describe('a post confirmation function that fails', () => {
  it('fails ConfirmSignUp with its error, and the user stays confirmed, as in Cognito', async () => {
    const email = 'ana@example.com';
    const sub = await signUp(email);
    const code = latestMessage(stack.messages(), email, 'SignUp')?.code ?? '';

    const error = await rejection(
      clients.cognito.send(
        new ConfirmSignUpCommand({
          ClientId: stack.clientId,
          Username: email,
          ConfirmationCode: code,
        }),
      ),
    );

    expect({ name: error?.name, message: error?.message }).toEqual({
      name: 'UserLambdaValidationException',
      message: failed('PostConfirmation', TenancyErrorCode.ProvisioningFailed),
    });
    const user = await userOf(email);
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(attribute(user.UserAttributes, 'email_verified')).toBe('true');
    expect(await clients.store.lookup(sub)).toBeUndefined();
    // Confirmed already: the code is spent, a retry confirms nothing.
    await expect(
      clients.cognito.send(
        new ConfirmSignUpCommand({
          ClientId: stack.clientId,
          Username: email,
          ConfirmationCode: code,
        }),
      ),
    ).rejects.toThrow();
  });

  it('fails AdminConfirmSignUp with its error, and the user stays confirmed', async () => {
    const email = 'ben@example.com';
    await signUp(email);

    const error = await rejection(
      clients.cognito.send(
        new AdminConfirmSignUpCommand({ UserPoolId: stack.userPoolId, Username: email }),
      ),
    );

    // Confirmed by an administrator, the address was never proved: the function refuses.
    expect({ name: error?.name, message: error?.message }).toEqual({
      name: 'UserLambdaValidationException',
      message: failed('PostConfirmation', TenancyErrorCode.EmailNotVerified),
    });
    expect((await userOf(email)).UserStatus).toBe('CONFIRMED');
  });
});

describe('a custom message function that fails', () => {
  let userPoolId: string;
  let clientId: string;

  beforeAll(async () => {
    // A team's own custom message function (the stand-in), which fails when asked to.
    const { UserPool } = await clients.cognito.send(
      new CreateUserPoolCommand({
        PoolName: 'own-messages',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        LambdaConfig: { CustomMessage: localFunctionArn(stack.region, FOREIGN_FUNCTION) },
      }),
    );
    userPoolId = UserPool?.Id ?? '';
    const { UserPoolClient } = await clients.cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'web' }),
    );
    clientId = UserPoolClient?.ClientId ?? '';
  });

  it('fails SignUp with its error under the trigger’s name, sends nothing, and keeps the user unconfirmed', async () => {
    const email = 'cara@example.com';

    const error = await rejection(
      clients.cognito.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: email,
          Password: PASSWORD,
          ClientMetadata: { foreignError: 'The wording service is down' },
        }),
      ),
    );

    expect({ name: error?.name, message: error?.message }).toEqual({
      name: 'UserLambdaValidationException',
      message: 'CustomMessage failed with error The wording service is down.',
    });
    expect(latestMessage(stack.messages(), email, 'SignUp')).toBeUndefined();
    expect((await userOf(email, userPoolId)).UserStatus).toBe('UNCONFIRMED');
  });

  it('sends the message when it answers', async () => {
    const email = 'dora@example.com';

    await signUp(email, clientId);

    expect(latestMessage(stack.messages(), email, 'SignUp')?.code).toMatch(/^\d{6}$/);
  });
});
