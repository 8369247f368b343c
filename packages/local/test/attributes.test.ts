import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  CreateUserPoolClientCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CLIENT_READ_ATTRIBUTES } from '../src/pool.js';
import { clients, PASSWORD, rejection, signUpAndConfirm, stack, useStack } from './support.js';

const UNAUTHORIZED = 'A client attempted to write unauthorized attribute';

useStack();

const asRecord = (attributes: readonly AttributeType[] = []) =>
  Object.fromEntries(attributes.map(({ Name, Value }) => [Name, Value]));

async function adminAttributes(email: string) {
  const { UserAttributes } = await clients.cognito.send(
    new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: email }),
  );
  return asRecord(UserAttributes);
}

/** An access token of a confirmed user, through the given app client (the stack's by default). */
async function accessToken(email: string, clientId = stack.clientId): Promise<string> {
  const { AuthenticationResult } = await clients.cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    }),
  );
  const token = AuthenticationResult?.AccessToken;
  if (token === undefined) throw new Error(`no access token for ${email}`);
  return token;
}

/** An app client of the stack's pool created without ReadAttributes or WriteAttributes. */
async function clientWithoutLists(): Promise<string> {
  const { UserPoolClient } = await clients.cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: stack.userPoolId,
      ClientName: 'no-lists',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = UserPoolClient?.ClientId;
  if (clientId === undefined) throw new Error('no client id');
  return clientId;
}

describe('the app client’s WriteAttributes on the local stack', () => {
  it('refuses a sign-up that writes custom:tenant_id before pre sign-up runs, creating nobody', async () => {
    const email = 'bob@example.com';

    const refused = await rejection(
      clients.cognito.send(
        new SignUpCommand({
          ClientId: stack.clientId,
          Username: email,
          Password: PASSWORD,
          UserAttributes: [{ Name: 'custom:tenant_id', Value: 'someone-else' }],
        }),
      ),
    );

    expect(refused?.name).toBe('NotAuthorizedException');
    expect(refused?.message).toBe(UNAUTHORIZED);
    const lookup = await rejection(adminAttributes(email));
    expect(lookup?.name).toBe('UserNotFoundException');
  });

  it('lets a sign-up write the attributes the client lists', async () => {
    const email = 'cleo@example.com';

    await clients.cognito.send(
      new SignUpCommand({
        ClientId: stack.clientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'given_name', Value: 'Cleo' },
        ],
      }),
    );

    expect(await adminAttributes(email)).toMatchObject({ email, given_name: 'Cleo' });
  });

  it('refuses UpdateUserAttributes of custom:tenant_id or email_verified, and takes a listed one', async () => {
    const email = 'dan@example.com';
    await signUpAndConfirm(stack, clients, email);
    const token = await accessToken(email);
    const before = await adminAttributes(email);

    const refusals = await Promise.all(
      [
        [{ Name: 'custom:tenant_id', Value: 'someone-else' }],
        [{ Name: 'email_verified', Value: 'true' }],
        [
          { Name: 'name', Value: 'Dan' },
          { Name: 'custom:tenant_id', Value: 'someone-else' },
        ],
      ].map((UserAttributes) =>
        rejection(
          clients.cognito.send(
            new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes }),
          ),
        ),
      ),
    );
    await clients.cognito.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'family_name', Value: 'Dahl' }],
      }),
    );

    expect(refusals.map((error) => [error?.name, error?.message])).toEqual(
      Array(3).fill(['NotAuthorizedException', UNAUTHORIZED]),
    );
    const after = await adminAttributes(email);
    expect(after['custom:tenant_id']).toBe(before['custom:tenant_id']);
    expect(after.name).toBeUndefined();
    expect(after.family_name).toBe('Dahl');
  });

  it('refuses userAttributes.custom:tenant_id in a NEW_PASSWORD_REQUIRED answer, accepts userAttributes.email', async () => {
    const email = 'nia@example.com';
    await clients.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: stack.userPoolId,
        Username: email,
        UserAttributes: [{ Name: 'email', Value: email }],
        TemporaryPassword: 'Temporary-Pass-1',
        MessageAction: 'SUPPRESS',
      }),
    );
    const { Session } = await clients.cognito.send(
      new InitiateAuthCommand({
        ClientId: stack.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: 'Temporary-Pass-1' },
      }),
    );
    const answer = (attribute: string) =>
      clients.cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: stack.clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session,
          ChallengeResponses: {
            USERNAME: email,
            NEW_PASSWORD: PASSWORD,
            [`userAttributes.${attribute}`]: attribute === 'email' ? email : 'someone-else',
          },
        }),
      );

    const refused = await rejection(answer('custom:tenant_id'));
    const { UserStatus } = await clients.cognito.send(
      new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: email }),
    );
    const accepted = await answer('email');

    expect([refused?.name, refused?.message]).toEqual(['NotAuthorizedException', UNAUTHORIZED]);
    expect(UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(accepted.AuthenticationResult?.IdToken).toBeDefined();
  });

  it('does not limit the admin APIs', async () => {
    const email = 'otto@example.com';
    await clients.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: stack.userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'custom:tenant_id', Value: 'globex' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
    await clients.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: email,
        UserAttributes: [{ Name: 'custom:tenant_id', Value: 'initech' }],
      }),
    );

    expect((await adminAttributes(email))['custom:tenant_id']).toBe('initech');
  });

  it('lets a client without a list write standard attributes only', async () => {
    const email = 'uma@example.com';
    await signUpAndConfirm(stack, clients, email);
    const token = await accessToken(email, await clientWithoutLists());

    const refused = await rejection(
      clients.cognito.send(
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [{ Name: 'custom:tenant_id', Value: 'someone-else' }],
        }),
      ),
    );
    await clients.cognito.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'nickname', Value: 'Umi' }],
      }),
    );

    expect([refused?.name, refused?.message]).toEqual(['NotAuthorizedException', UNAUTHORIZED]);
    expect((await adminAttributes(email)).nickname).toBe('Umi');
  });
});

describe('the app client’s ReadAttributes on the local stack', () => {
  it('leaves out of GetUser what the client may not read, keeping sub', async () => {
    const email = 'pia@example.com';
    await signUpAndConfirm(stack, clients, email);
    await clients.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'phone_number', Value: '+15555550100' },
          { Name: 'custom:tenant_id', Value: 'example' },
        ],
      }),
    );

    const { UserAttributes } = await clients.cognito.send(
      new GetUserCommand({ AccessToken: await accessToken(email) }),
    );

    const read = asRecord(UserAttributes);
    expect(CLIENT_READ_ATTRIBUTES).not.toContain('phone_number');
    expect(read).not.toHaveProperty('phone_number');
    expect(read).toMatchObject({ email, email_verified: 'true', 'custom:tenant_id': 'example' });
    expect(read.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      Object.keys(read).every(
        (name) => name === 'sub' || CLIENT_READ_ATTRIBUTES.includes(name as never),
      ),
    ).toBe(true);
  });

  it('gives a client without a list the standard attributes and the verified flags, no custom one', async () => {
    const email = 'quinn@example.com';
    await signUpAndConfirm(stack, clients, email);
    await clients.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'phone_number', Value: '+15555550101' },
          { Name: 'custom:tenant_id', Value: 'example' },
        ],
      }),
    );

    const { UserAttributes } = await clients.cognito.send(
      new GetUserCommand({ AccessToken: await accessToken(email, await clientWithoutLists()) }),
    );

    const read = asRecord(UserAttributes);
    expect(read).toMatchObject({ email, email_verified: 'true', phone_number: '+15555550101' });
    expect(read).not.toHaveProperty('custom:tenant_id');
  });
});
