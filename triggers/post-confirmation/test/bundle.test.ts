import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { floorBytes } from '@cognito-triggers/bundle';
import { postConfirmationEvent } from '@cognito-triggers/events/testing';
import { createTenantTable, deriveTenantId } from '@cognito-triggers/tenancy';
import {
  LOCAL_AWS,
  type LocalDynamo,
  scanTable,
  startDynamo,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The deployable artefact, as `pnpm build` left it (turbo runs the build before these tests).
const packageDir = resolve(import.meta.dirname, '..');
const dist = join(packageDir, 'dist');
const run = promisify(execFile);
const readJson = async (name: string) => JSON.parse(await readFile(join(dist, name), 'utf8'));

/** The floor: a bundle of nothing but the SDK clients and commands provisioning sends. */
const FLOOR_SOURCE = [
  "export { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';",
  'export {',
  '  AdminAddUserToGroupCommand,',
  '  AdminUpdateUserAttributesCommand,',
  '  CognitoIdentityProviderClient,',
  "} from '@aws-sdk/client-cognito-identity-provider';",
].join('\n');

describe('the post-confirmation bundle', () => {
  it('holds the AWS SDK, as its manifest declares, within its byte budget', async () => {
    const manifest = await readJson('manifest.json');
    const bundle = await readFile(join(dist, 'index.mjs'));
    expect(manifest).toMatchObject({
      functionName: 'PostConfirmation',
      handler: 'index.handler',
      awsSdk: true,
    });
    expect(bundle.length).toBeLessThanOrEqual(manifest.maxBundleBytes);
  });

  it('is at most 10 % larger than the SDK clients and commands it calls', async () => {
    const bundle = await readFile(join(dist, 'index.mjs'));
    // The floor holds what the bundle calls: the manifest's actions, as esbuild found them.
    expect((await readJson('manifest.json')).awsActions).toEqual([
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminUpdateUserAttributes',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
    ]);
    const floor = await floorBytes(FLOOR_SOURCE, packageDir);
    expect(bundle.length).toBeLessThanOrEqual(Math.floor(floor * 1.1));
  });
});

describe('the built bundle in a fresh Node process', () => {
  let dynamo: LocalDynamo;
  let cognito: Server;
  let cognitoEndpoint: string;
  const cognitoRequests: Array<{ target: string; body: unknown }> = [];

  beforeAll(async () => {
    dynamo = await startDynamo();
    // Answers Cognito's admin writes as Cognito does (200, `{}`), and records them.
    cognito = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        cognitoRequests.push({
          target: String(request.headers['x-amz-target']),
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end('{}');
      });
    });
    await new Promise<void>((done) => cognito.listen(0, '127.0.0.1', done));
    cognitoEndpoint = `http://127.0.0.1:${(cognito.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => cognito.close(done));
    await dynamo.stop();
  });

  async function invoke(events: unknown[], tableName: string) {
    const script = `
      const { handler } = await import(${JSON.stringify(join(dist, 'index.mjs'))});
      const results = [];
      for (const event of JSON.parse(process.argv[1])) {
        try { results.push({ response: (await handler(event)).response }); }
        catch (error) { results.push({ message: error.message }); }
      }
      console.log(JSON.stringify(results));
    `;
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '--no-warnings', '-e', script, JSON.stringify(events)],
      {
        env: {
          PATH: process.env.PATH,
          TENANT_TABLE_NAME: tableName,
          AWS_REGION: LOCAL_AWS.region,
          AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
          AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognitoEndpoint,
        },
      },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]');
  }

  it('provisions a sign-up and ignores a password reset, as the source does', async () => {
    const tableName = uniqueTableName();
    await createTenantTable(dynamo.client, tableName);
    const results = await invoke(
      [
        postConfirmationEvent('PostConfirmation_ConfirmForgotPassword'),
        postConfirmationEvent('PostConfirmation_ConfirmSignUp', { email: 'ana@example.com' }),
        postConfirmationEvent('PostConfirmation_ConfirmSignUp', { email: null }),
      ],
      tableName,
    );
    expect(results).toEqual([
      { response: {} },
      { response: {} },
      {
        message:
          'TENANT_EMAIL_MISSING: Your account has no email address, please contact your administrator',
      },
    ]);
    const tenantId = deriveTenantId('example.com');
    expect(cognitoRequests.map(({ target }) => target).sort()).toEqual([
      'AWSCognitoIdentityProviderService.AdminAddUserToGroup',
      'AWSCognitoIdentityProviderService.AdminUpdateUserAttributes',
    ]);
    expect(cognitoRequests.map(({ body }) => body)).toContainEqual({
      UserPoolId: 'eu-west-1_EXAMPLE01',
      Username: 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      UserAttributes: [{ Name: 'custom:tenant_id', Value: tenantId }],
    });
    const items = await scanTable(dynamo.client, tableName);
    expect(items.map((item) => item.PK?.S)).toEqual([
      `TENANT#${tenantId}`,
      'USER#a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    ]);
  });
});
