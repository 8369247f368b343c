import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { latestMessage } from '../src/messages.js';
import { clients, PASSWORD, rejection, stack, useStack } from './support.js';

/** A pool without verification before update: a changed email applies at once, unverified. */
let plain: { userPoolId: string; clientId: string };

useStack();

beforeAll(async () => {
  const { UserPool } = await clients.cognito.send(
    new CreateUserPoolCommand({
      PoolName: 'no-verification-before-update',
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
    }),
  );
  const { UserPoolClient } = await clients.cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool?.Id ?? '',
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  plain = { userPoolId: UserPool?.Id ?? '', clientId: UserPoolClient?.ClientId ?? '' };
});

/** The stack's pool, as terraform/modules/user-pool sets it: a changed email applies once verified. */
const theStack = () => ({ userPoolId: stack.userPoolId, clientId: stack.clientId });
type Pool = ReturnType<typeof theStack>;

/** A user who signed up and confirmed with the emailed code (so `email_verified` is true). */
async function confirmedUser(pool: Pool, email: string): Promise<void> {
  await clients.cognito.send(
    new SignUpCommand({ ClientId: pool.clientId, Username: email, Password: PASSWORD }),
  );
  await clients.cognito.send(
    new ConfirmSignUpCommand({
      ClientId: pool.clientId,
      Username: email,
      ConfirmationCode: latestMessage(stack.messages(), email, 'SignUp')?.code,
    }),
  );
}

const signIn = (pool: Pool, email: string) =>
  clients.cognito.send(
    new InitiateAuthCommand({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    }),
  );

async function accessToken(pool: Pool, email: string): Promise<string> {
  const token = (await signIn(pool, email)).AuthenticationResult?.AccessToken;
  if (token === undefined) throw new Error(`no access token for ${email}`);
  return token;
}

/** The email and its flag as the user reads them. */
async function emailOf(token: string) {
  const { UserAttributes = [] } = await clients.cognito.send(
    new GetUserCommand({ AccessToken: token }),
  );
  const value = (name: string) =>
    UserAttributes.find((attribute) => attribute.Name === name)?.Value;
  return { email: value('email'), email_verified: value('email_verified') };
}

const adminUpdate = (pool: Pool, email: string, UserAttributes: AttributeType[]) =>
  clients.cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: pool.userPoolId,
      Username: email,
      UserAttributes,
    }),
  );

/** The last code sent to an address for an attribute change. */
const attributeCode = (email: string) =>
  latestMessage(stack.messages(), email, 'UpdateUserAttribute')?.code;

describe('an email change on the local stack', () => {
  it('UpdateUserAttributes, a pool without verification before update: the new address is in force at once, unverified, until its code is entered', async () => {
    const pool = plain;
    await confirmedUser(pool, 'eva@example.com');
    const token = await accessToken(pool, 'eva@example.com');

    await clients.cognito.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'email', Value: 'eva.new@example.com' }],
      }),
    );
    const changed = await emailOf(token);
    const code = attributeCode('eva.new@example.com');
    await clients.cognito.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code }),
    );

    expect(changed).toEqual({ email: 'eva.new@example.com', email_verified: 'false' });
    expect(code).toMatch(/^\d{6}$/);
    expect(await emailOf(token)).toEqual({ email: 'eva.new@example.com', email_verified: 'true' });
  });

  it('UpdateUserAttributes, the stack’s pool (verification before update, as the module sets it): the old address stays in force until the code sent to the new one is entered', async () => {
    const pool = theStack();
    await confirmedUser(pool, 'fay@example.com');
    const token = await accessToken(pool, 'fay@example.com');

    await clients.cognito.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'email', Value: 'fay.new@example.com' }],
      }),
    );
    const pending = await emailOf(token);
    const early = await rejection(signIn(pool, 'fay.new@example.com'));
    await clients.cognito.send(
      new VerifyUserAttributeCommand({
        AccessToken: token,
        AttributeName: 'email',
        Code: attributeCode('fay.new@example.com'),
      }),
    );

    expect(pending).toEqual({ email: 'fay@example.com', email_verified: 'true' });
    expect(early?.name).toBe('NotAuthorizedException');
    expect(await emailOf(token)).toEqual({ email: 'fay.new@example.com', email_verified: 'true' });
    expect((await signIn(pool, 'fay.new@example.com')).AuthenticationResult).toBeDefined();
  });

  it('AdminUpdateUserAttributes, a pool without verification before update: the new address, unverified, gets the code, not the one it replaces', async () => {
    const pool = plain;
    await confirmedUser(pool, 'gus@example.com');

    await adminUpdate(pool, 'gus@example.com', [{ Name: 'email', Value: 'gus.new@example.com' }]);
    const token = await accessToken(pool, 'gus.new@example.com');
    const changed = await emailOf(token);
    const code = attributeCode('gus.new@example.com');
    await clients.cognito.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code }),
    );

    expect(changed).toEqual({ email: 'gus.new@example.com', email_verified: 'false' });
    expect(attributeCode('gus@example.com')).toBeUndefined();
    expect(code).toMatch(/^\d{6}$/);
    expect(await emailOf(token)).toEqual({ email: 'gus.new@example.com', email_verified: 'true' });
  });

  it('AdminUpdateUserAttributes, the stack’s pool: the old address stays in force until the new one is verified', async () => {
    const pool = theStack();
    await confirmedUser(pool, 'hal@example.com');

    await adminUpdate(pool, 'hal@example.com', [
      { Name: 'email', Value: 'hal.new@example.com' },
      { Name: 'name', Value: 'Hal' },
    ]);
    const token = await accessToken(pool, 'hal@example.com');
    const pending = await emailOf(token);
    const { UserAttributes = [] } = await clients.cognito.send(
      new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: 'hal@example.com' }),
    );
    const early = await rejection(signIn(pool, 'hal.new@example.com'));
    await clients.cognito.send(
      new VerifyUserAttributeCommand({
        AccessToken: token,
        AttributeName: 'email',
        Code: attributeCode('hal.new@example.com'),
      }),
    );

    expect(pending).toEqual({ email: 'hal@example.com', email_verified: 'true' });
    expect(UserAttributes).toContainEqual({ Name: 'name', Value: 'Hal' });
    expect(early?.name).toBe('NotAuthorizedException');
    expect(await emailOf(token)).toEqual({ email: 'hal.new@example.com', email_verified: 'true' });
  });

  it('AdminUpdateUserAttributes with email_verified=true: the new address at once, verified, no code', async () => {
    const pool = theStack();
    await confirmedUser(pool, 'ida@example.com');
    const messages = stack.messages().length;

    await adminUpdate(pool, 'ida@example.com', [
      { Name: 'email', Value: 'ida.new@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]);

    expect(await emailOf(await accessToken(pool, 'ida.new@example.com'))).toEqual({
      email: 'ida.new@example.com',
      email_verified: 'true',
    });
    expect(stack.messages()).toHaveLength(messages);
  });

  it('the pool’s setting shows in DescribeUserPool, and UpdateUserPool sets it as asked', async () => {
    const { UserPool } = await clients.cognito.send(
      new CreateUserPoolCommand({
        PoolName: 'update-settings',
        AutoVerifiedAttributes: ['email'],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      }),
    );
    const UserPoolId = UserPool?.Id ?? '';
    const settings = async () =>
      (await clients.cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool
        ?.UserAttributeUpdateSettings;

    const created = await settings();
    await clients.cognito.send(new UpdateUserPoolCommand({ UserPoolId, MfaConfiguration: 'OFF' }));
    const omitted = await settings();
    await clients.cognito.send(
      new UpdateUserPoolCommand({
        UserPoolId,
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      }),
    );

    expect(created).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
    // As in Cognito, a setting UpdateUserPool leaves out returns to its default.
    expect(omitted).toBeUndefined();
    expect(await settings()).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
  });
});
