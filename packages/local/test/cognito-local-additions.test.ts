import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCognitoLocal } from '../src/index.js';
import { type InvokeServer, startInvokeServer } from '../src/lambda/invoke-server.js';

// A pre authentication function that refuses one address and records every event it sees.
const PRE_AUTHENTICATION = `
import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  appendFileSync(process.env.EVENTS_FILE, JSON.stringify(event) + '\\n');
  if (event.request.userAttributes.email === 'refused@example.com') {
    throw new Error('TENANT_SUSPENDED: Your organisation is suspended');
  }
  return event;
};`;

// A pre token generation function that records every event it sees and changes nothing.
const PRE_TOKEN_GENERATION = `
import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  appendFileSync(process.env.EVENTS_FILE, JSON.stringify(event) + '\\n');
  return event;
};`;

let dir: string;
let invoke: InvokeServer;
let cognito: Awaited<ReturnType<typeof startCognitoLocal>>;
let client: CognitoIdentityProviderClient;
let userPoolId: string;
let clientId: string;
const PASSWORD = 'Correct-Horse-42';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cognito-local-additions-'));
  await writeFile(join(dir, 'pre-auth.mjs'), PRE_AUTHENTICATION);
  await writeFile(join(dir, 'pre-token.mjs'), PRE_TOKEN_GENERATION);
  invoke = await startInvokeServer({
    functions: [
      {
        name: 'PreAuthentication',
        bundle: join(dir, 'pre-auth.mjs'),
        environment: { EVENTS_FILE: join(dir, 'events.jsonl') },
      },
      {
        name: 'PreTokenGeneration',
        bundle: join(dir, 'pre-token.mjs'),
        environment: { EVENTS_FILE: join(dir, 'token-events.jsonl') },
      },
    ],
  });
  cognito = await startCognitoLocal({ lambdaEndpoint: invoke.endpoint });
  client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'additions',
      UsernameAttributes: ['email'],
      LambdaConfig: {
        PreAuthentication: 'arn:aws:lambda:local:000000000000:function:PreAuthentication',
        PreTokenGenerationConfig: {
          LambdaArn: 'arn:aws:lambda:local:000000000000:function:PreTokenGeneration',
          LambdaVersion: 'V1_0',
        },
      },
    }),
  );
  userPoolId = UserPool?.Id ?? '';
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  clientId = UserPoolClient?.ClientId ?? '';
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await cognito?.stop();
  await invoke?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A confirmed user with a known password. */
async function confirmedUser(email: string) {
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      UserAttributes: [{ Name: 'email', Value: email }],
      MessageAction: 'SUPPRESS',
    }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: email,
      Password: PASSWORD,
      Permanent: true,
    }),
  );
}

const signIn = (email: string) =>
  client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
      ClientMetadata: { app: 'web' },
    }),
  );

const messages = async () =>
  (await readFile(cognito.messagesFile, 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as { destination: string; source: string; code: string });

const recorded = async (file: string) =>
  (await readFile(join(dir, file), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('what the stack adds to cognito-local', () => {
  it('hands the pre token generation trigger the user’s groups, as Cognito does', async () => {
    await confirmedUser('grouped@example.com');
    for (const group of ['tenant-admin', 'beta']) {
      await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
      await client.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: userPoolId,
          Username: 'grouped@example.com',
          GroupName: group,
        }),
      );
    }
    await signIn('grouped@example.com');
    const event = (await recorded('token-events.jsonl')).find(
      (candidate) => candidate.request.userAttributes.email === 'grouped@example.com',
    );
    expect(event?.triggerSource).toBe('TokenGeneration_Authentication');
    expect([...(event?.request.groupConfiguration.groupsToOverride ?? [])].sort()).toEqual([
      'beta',
      'tenant-admin',
    ]);
  });

  it('sends an invitation again with MessageAction RESEND, and the new password works', async () => {
    const email = 'invitee@example.com';
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [{ Name: 'email', Value: email }],
        MessageAction: 'SUPPRESS',
      }),
    );
    expect((await messages()).filter((m) => m.destination === email)).toEqual([]);

    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        MessageAction: 'RESEND',
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    const [invitation] = (await messages()).filter((m) => m.destination === email);
    expect(invitation).toMatchObject({
      source: 'AdminCreateUser',
      code: expect.stringMatching(/^\d{6}$/),
    });
    const answer = await client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: invitation?.code ?? '' },
      }),
    );
    expect(answer.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('refuses RESEND for a user who has signed in already', async () => {
    await confirmedUser('settled@example.com');
    await expect(
      client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: 'settled@example.com',
          MessageAction: 'RESEND',
        }),
      ),
    ).rejects.toMatchObject({ name: 'UnsupportedUserStateException' });
  });

  it('revokes the refresh tokens of a user signed out with AdminUserGlobalSignOut', async () => {
    await confirmedUser('leaver@example.com');
    const { AuthenticationResult } = await signIn('leaver@example.com');
    const refresh = () =>
      client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: AuthenticationResult?.RefreshToken ?? '' },
        }),
      );
    await expect(refresh()).resolves.toMatchObject({ AuthenticationResult: expect.any(Object) });
    await client.send(
      new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: 'leaver@example.com' }),
    );
    await expect(refresh()).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('runs the pre authentication trigger before a password sign-in, and its refusal fails it', async () => {
    await confirmedUser('member@example.com');
    await confirmedUser('refused@example.com');
    await expect(signIn('member@example.com')).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
    await expect(signIn('refused@example.com')).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message:
        'PreAuthentication failed with error TENANT_SUSPENDED: Your organisation is suspended.',
    });
    await expect(
      client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: userPoolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'refused@example.com', PASSWORD },
        }),
      ),
    ).rejects.toMatchObject({ name: 'UserLambdaValidationException' });

    const events = (await readFile(join(dir, 'events.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const member = events.find(
      (event) => event.request.userAttributes.email === 'member@example.com',
    );
    expect(member).toMatchObject({
      triggerSource: 'PreAuthentication_Authentication',
      userPoolId,
      callerContext: { clientId },
      request: {
        userAttributes: { email: 'member@example.com', sub: expect.any(String) },
        validationData: { app: 'web' },
      },
      response: {},
    });
  });
});
