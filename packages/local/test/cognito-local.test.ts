import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { startCognitoLocal } from '../src/index.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('startCognitoLocal', () => {
  it('serves the Cognito API on a free loopback port until stopped', async () => {
    const cognito = await startCognitoLocal();
    try {
      expect(cognito.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new CognitoIdentityProviderClient({
        endpoint: cognito.endpoint,
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      await client.send(new CreateUserPoolCommand({ PoolName: 'starter' }));
      const { UserPools } = await client.send(new ListUserPoolsCommand({ MaxResults: 10 }));
      client.destroy();
      expect(UserPools?.map((pool) => pool.Name)).toEqual(['starter']);
    } finally {
      await cognito.stop();
    }
    await expect(fetch(`${cognito.endpoint}/health`)).rejects.toThrow();
    expect(await exists(cognito.dataDir)).toBe(false);
  }, 30_000);

  it('writes the Lambda endpoint into .cognito/config.json of a folder it keeps, and no global trigger', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cognito-local-test-'));
    try {
      const cognito = await startCognitoLocal({
        dataDir,
        lambdaEndpoint: 'http://127.0.0.1:9001',
      });
      await cognito.stop();

      const config = JSON.parse(await readFile(join(dataDir, '.cognito', 'config.json'), 'utf8'));
      // What fires is each pool's LambdaConfig (test/lambda-config.test.ts).
      expect(config).toMatchObject({
        LambdaClient: { endpoint: 'http://127.0.0.1:9001' },
        TriggerFunctions: {},
      });
      expect(await exists(dataDir)).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('records each message it delivers, and verifies the email of a sign-up confirmed with its code', async () => {
    const cognito = await startCognitoLocal();
    const client = new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const { UserPool } = await client.send(
        new CreateUserPoolCommand({
          PoolName: 'emails',
          UsernameAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
        }),
      );
      const UserPoolId = UserPool?.Id ?? '';
      const { UserPoolClient } = await client.send(
        new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'web' }),
      );
      const ClientId = UserPoolClient?.ClientId ?? '';
      const emailVerified = async (email: string) =>
        (
          await client.send(new AdminGetUserCommand({ UserPoolId, Username: email }))
        ).UserAttributes?.find((attribute) => attribute.Name === 'email_verified')?.Value;
      for (const email of ['ana@example.com', 'ben@example.com']) {
        await client.send(
          new SignUpCommand({ ClientId, Username: email, Password: 'Correct-Horse-42' }),
        );
      }

      const messages = cognito.messages();
      expect(messages).toMatchObject([
        {
          source: 'SignUp',
          medium: 'EMAIL',
          destination: 'ana@example.com',
          userPoolId: UserPoolId,
        },
        { source: 'SignUp', medium: 'EMAIL', destination: 'ben@example.com', clientId: ClientId },
      ]);
      const [ana, ben] = messages;
      await client.send(
        new ConfirmSignUpCommand({
          ClientId,
          Username: 'ana@example.com',
          ConfirmationCode: ana?.code,
        }),
      );
      const wrongCode = ben?.code === '000000' ? '111111' : '000000';
      await expect(
        client.send(
          new ConfirmSignUpCommand({
            ClientId,
            Username: 'ben@example.com',
            ConfirmationCode: wrongCode,
          }),
        ),
      ).rejects.toThrow();

      expect(await emailVerified('ana@example.com')).toBe('true');
      expect(await emailVerified('ben@example.com')).not.toBe('true');
    } finally {
      client.destroy();
      await cognito.stop();
    }
  }, 30_000);
});
