import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
import { type CognitoLocal, startCognitoLocal } from '../src/cognito-local.js';
import { createLocalPool } from '../src/pool.js';
import { LOCAL_CREDENTIALS } from '../src/stack.js';
import { rejection } from './support.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRED = 'Temporary password has expired and must be reset by an administrator.';

describe('an invitation’s temporary password', () => {
  let dataDir: string;
  let cognito: CognitoLocal | undefined;
  let client: CognitoIdentityProviderClient | undefined;

  /** The emulator on `dataDir`, kept between starts, and a client for it. */
  async function start() {
    cognito = await startCognitoLocal({ dataDir });
    client = new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: 'local',
      credentials: LOCAL_CREDENTIALS,
    });
    return client;
  }
  async function stop() {
    client?.destroy();
    await cognito?.stop();
  }

  afterAll(async () => {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('expires after the pool’s TemporaryPasswordValidityDays; a resend gives one that works', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-temporary-'));
    let cognitoClient = await start();
    // TemporaryPasswordValidityDays: 7, as every local pool.
    const pool = await createLocalPool(cognitoClient, { name: 'temporary', groups: [] });
    const invite = (action: { MessageAction: 'SUPPRESS' | 'RESEND' }, password: string) =>
      cognitoClient.send(
        new AdminCreateUserCommand({
          UserPoolId: pool.userPoolId,
          Username: 'ana@example.com',
          TemporaryPassword: password,
          UserAttributes: [
            { Name: 'email', Value: 'ana@example.com' },
            { Name: 'email_verified', Value: 'true' },
          ],
          ...action,
        }),
      );
    const signIn = (password: string) =>
      cognitoClient.send(
        new InitiateAuthCommand({
          ClientId: pool.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'ana@example.com', PASSWORD: password },
        }),
      );
    await invite({ MessageAction: 'SUPPRESS' }, 'Temporary-Passw0rd-1');
    const fresh = await signIn('Temporary-Passw0rd-1');

    // Eight days later: the invitation was set eight days ago, in the emulator's own records.
    await stop();
    const file = join(dataDir, '.cognito', 'db', `${pool.userPoolId}.json`);
    const db = JSON.parse(await readFile(file, 'utf8'));
    const eightDaysAgo = new Date(Date.now() - 8 * DAY_MS).toISOString();
    for (const user of Object.values(db.Users as Record<string, Record<string, unknown>>)) {
      user.UserCreateDate = eightDaysAgo;
      user.UserLastModifiedDate = eightDaysAgo;
    }
    await writeFile(file, JSON.stringify(db));
    cognitoClient = await start();

    const expired = await rejection(signIn('Temporary-Passw0rd-1'));
    const wrong = await rejection(signIn('Not-The-Passw0rd'));
    await invite({ MessageAction: 'RESEND' }, 'Temporary-Passw0rd-2');
    const resent = await signIn('Temporary-Passw0rd-2');

    expect(fresh.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(expired).toMatchObject({ name: 'NotAuthorizedException', message: EXPIRED });
    expect(wrong).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(resent.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });
});
