import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { latestMessage } from '../src/messages.js';
import { clients, PASSWORD, rejection, signIn, stack, useStack } from './support.js';

useStack();

const signUp = (email: string, clientId = stack.clientId) =>
  clients.cognito.send(
    new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD }),
  );

const adminGet = (email: string, userPoolId = stack.userPoolId) =>
  clients.cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));

describe('usernames in a case-insensitive pool on the local stack', () => {
  it('is the pool the user-pool module makes: usernames case-insensitive', async () => {
    const { UserPool } = await clients.cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: stack.userPoolId }),
    );

    expect(UserPool?.UsernameConfiguration).toEqual({ CaseSensitive: false });
  });

  it('confirms, signs in and finds Ana@Example.com as ana@example.com, in any case', async () => {
    const { UserSub } = await signUp('Ana@Example.com');
    const code = latestMessage(stack.messages(), 'ana@example.com', 'SignUp')?.code;

    await clients.cognito.send(
      new ConfirmSignUpCommand({
        ClientId: stack.clientId,
        Username: 'ana@example.com',
        ConfirmationCode: code,
      }),
    );
    const lower = await signIn(stack, clients, 'ana@example.com');
    const upper = await signIn(stack, clients, 'ANA@EXAMPLE.COM');
    const found = await adminGet('ana@example.com');

    expect(lower.claims.sub).toBe(UserSub);
    expect(upper.claims.sub).toBe(UserSub);
    expect(found.Username).toBe(UserSub);
    expect(found.UserStatus).toBe('CONFIRMED');
  });

  it('refuses a second account whose address differs only in case', async () => {
    const bySignUp = await rejection(signUp('ana@EXAMPLE.com'));
    const byAdmin = await rejection(
      clients.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: stack.userPoolId,
          Username: 'ANA@example.com',
          UserAttributes: [{ Name: 'email', Value: 'ANA@example.com' }],
          MessageAction: 'SUPPRESS',
        }),
      ),
    );

    expect(bySignUp?.name).toBe('UsernameExistsException');
    expect(byAdmin?.name).toBe('UsernameExistsException');
  });

  it('resets the password of a user who asks in another case', async () => {
    await clients.cognito.send(
      new ForgotPasswordCommand({ ClientId: stack.clientId, Username: 'ANA@example.com' }),
    );
    const code = latestMessage(stack.messages(), 'ana@example.com', 'ForgotPassword')?.code;

    await clients.cognito.send(
      new ConfirmForgotPasswordCommand({
        ClientId: stack.clientId,
        Username: 'ana@Example.COM',
        ConfirmationCode: code,
        Password: 'Another-Horse-43',
      }),
    );

    const { claims } = await signIn(stack, clients, 'Ana@example.com', 'Another-Horse-43');
    expect(claims.email).toBe('Ana@Example.com');
  });

  it('leaves a pool that keeps usernames case-sensitive as it was', async () => {
    const { UserPool } = await clients.cognito.send(
      new CreateUserPoolCommand({
        PoolName: 'case-sensitive',
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: true },
      }),
    );
    const userPoolId = UserPool?.Id ?? '';
    const { UserPoolClient } = await clients.cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'app' }),
    );
    await signUp('Zed@example.com', UserPoolClient?.ClientId);

    const other = await rejection(adminGet('zed@example.com', userPoolId));
    const same = await adminGet('Zed@example.com', userPoolId);

    expect(other?.name).toBe('UserNotFoundException');
    expect(same.UserStatus).toBe('UNCONFIRMED');
  });
});
