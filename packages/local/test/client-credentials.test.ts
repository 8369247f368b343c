import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { preTokenGenerationEvent } from '@cognito-triggers/events/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Claims, decodeJwtPayload } from '../src/claims-table.js';
import { type CognitoLocal, startCognitoLocal } from '../src/cognito-local.js';
import { type InvokeServer, startInvokeServer } from '../src/lambda/invoke-server.js';
import { createLocalPool } from '../src/pool.js';
import { holdPort } from '../src/ports.js';
import { LOCAL_CREDENTIALS } from '../src/stack.js';

// A pre token generation function that records every event, and fails a token asked for the
// scope `tenant-api/fail`: the event and a trigger's failure as the emulator hands them over.
const RECORDING_TRIGGER = `
import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  appendFileSync(process.env.EVENTS_FILE, JSON.stringify(event) + '\\n');
  if (event.request.scopes.includes('tenant-api/fail')) throw new Error('no token for you');
  return event;
};`;

const SCOPES = ['tenant-api/read', 'tenant-api/write', 'tenant-api/fail'];

describe('the client-credentials grant (machine-to-machine tokens)', () => {
  let dir: string;
  let cognito: CognitoLocal;
  let invoke: InvokeServer;
  let sdk: CognitoIdentityProviderClient;
  /** App clients by role: id, secret and pool. */
  const clients: Record<string, { id: string; secret: string; userPoolId: string }> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-m2m-'));
    await writeFile(join(dir, 'recorder.mjs'), RECORDING_TRIGGER);
    // The functions' environment names app clients, which exist only once the emulator runs:
    // the invoke server starts last, on a port the emulator was told first.
    const lambdaPort = await holdPort('lambda');
    cognito = await startCognitoLocal({
      lambdaEndpoint: `http://127.0.0.1:${lambdaPort.port}`,
    });
    sdk = new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: 'local',
      credentials: LOCAL_CREDENTIALS,
    });
    const fn = (name: string) => `arn:aws:lambda:local:000000000000:function:${name}`;
    const pool = async (name: string, functionName: string, version: 'V2_0' | 'V3_0') =>
      (
        await createLocalPool(sdk, {
          name,
          groups: [],
          triggerArns: { preTokenGeneration: fn(functionName) },
          preTokenGenerationVersion: version,
        })
      ).userPoolId;
    const v3 = await pool('m2m-v3', 'PreTokenGeneration', 'V3_0');
    const v2 = await pool('m2m-v2', 'PreTokenGeneration', 'V2_0');
    const recorded = await pool('m2m-recorded', 'Recorder', 'V3_0');
    const machine: Partial<CreateUserPoolClientCommandInput> = {
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', ...SCOPES],
    };
    const add = async (role: string, userPoolId: string, input = machine) => {
      const { UserPoolClient } = await sdk.send(
        new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: role, ...input }),
      );
      clients[role] = {
        id: UserPoolClient?.ClientId ?? '',
        secret: UserPoolClient?.ClientSecret ?? '',
        userPoolId,
      };
    };
    await add('acme', v3);
    await add('unlisted', v3);
    await add('acmeOnV2', v2);
    await add('recorded', recorded);
    await add('codeOnly', v3, { ...machine, AllowedOAuthFlows: ['code'] });
    await add('public', v3, { ...machine, GenerateSecret: false });

    const root = await findWorkspaceRoot(import.meta.dirname);
    invoke = await startInvokeServer({
      port: lambdaPort,
      functions: [
        {
          name: 'PreTokenGeneration',
          bundle: join(root, 'triggers/pre-token-generation/dist/index.mjs'),
          environment: {
            CLIENT_TENANT_MAP: `${clients.acme?.id}=acme,${clients.acmeOnV2?.id}=acme`,
          },
        },
        {
          name: 'Recorder',
          bundle: join(dir, 'recorder.mjs'),
          environment: { EVENTS_FILE: join(dir, 'events.jsonl') },
        },
      ],
    });
  });

  afterAll(async () => {
    sdk?.destroy();
    await cognito?.stop();
    await invoke?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** POST /oauth2/token: the status and the JSON answer. */
  async function token(
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${cognito.endpoint}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** As `client_secret_basic`: the id and secret in the Authorization header. */
  const basic = (role: string, secret = clients[role]?.secret ?? '') => ({
    authorization: `Basic ${Buffer.from(`${clients[role]?.id}:${secret}`).toString('base64')}`,
  });

  const accessTokenOf = (body: Record<string, unknown>): Claims =>
    decodeJwtPayload(String(body.access_token));

  it('issues an access token with the tenant CLIENT_TENANT_MAP names, through the real trigger (V3_0)', async () => {
    const { status, body } = await token(
      { grant_type: 'client_credentials', scope: 'tenant-api/read' },
      basic('acme'),
    );

    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      expires_in: 24 * 3600,
      token_type: 'Bearer',
    });
    expect(body).not.toHaveProperty('id_token');
    expect(body).not.toHaveProperty('refresh_token');
    const access = accessTokenOf(body);
    expect(access).toMatchObject({
      sub: clients.acme?.id,
      client_id: clients.acme?.id,
      token_use: 'access',
      scope: 'tenant-api/read',
      tenant_id: 'acme',
      tenant_role: 'service',
      iss: expect.stringMatching(new RegExp(`/${clients.acme?.userPoolId}$`)),
    });
    expect(Object.keys(access)).not.toContain('username');
    expect(Object.keys(access)).not.toContain('cognito:groups');
    expect(Number(access.exp) - Number(access.iat)).toBe(body.expires_in);
  });

  it('grants every custom scope the client may have when it asks for none, with the secret in the body', async () => {
    const { status, body } = await token({
      grant_type: 'client_credentials',
      client_id: clients.unlisted?.id ?? '',
      client_secret: clients.unlisted?.secret ?? '',
    });

    expect(status).toBe(200);
    const access = accessTokenOf(body);
    // openid is not a custom scope; a client the map does not list keeps its token as it is.
    expect(access.scope).toBe(SCOPES.join(' '));
    expect(access).toMatchObject({ sub: clients.unlisted?.id });
    expect(Object.keys(access)).not.toContain('tenant_id');
  });

  it('does not invoke a V2_0 function for a machine token: only V3 covers them', async () => {
    const before = invoke.invocations.get('PreTokenGeneration') ?? 0;

    const { status, body } = await token(
      { grant_type: 'client_credentials', scope: 'tenant-api/read' },
      basic('acmeOnV2'),
    );

    expect(status).toBe(200);
    expect(Object.keys(accessTokenOf(body))).not.toContain('tenant_id');
    expect(invoke.invocations.get('PreTokenGeneration') ?? 0).toBe(before);
  });

  it('sends the event the events library models: no user, the scopes granted', async () => {
    await token({ grant_type: 'client_credentials', scope: 'tenant-api/write' }, basic('recorded'));

    const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).trim().split('\n');
    const event = JSON.parse(lines.at(-1) ?? '{}');
    const modelled = preTokenGenerationEvent(3, 'TokenGeneration_ClientCredentials');
    expect(event).toMatchObject({
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
      userPoolId: clients.recorded?.userPoolId,
      callerContext: { clientId: clients.recorded?.id },
      request: {
        userAttributes: {},
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
        scopes: ['tenant-api/write'],
      },
      response: { claimsAndScopeOverrideDetails: null },
    });
    expect(event).not.toHaveProperty('userName');
    expect(Object.keys(event.request).sort()).toEqual(Object.keys(modelled.request).sort());
  });

  it('answers a trigger’s failure with no token, in Cognito’s words', async () => {
    const { status, body } = await token(
      { grant_type: 'client_credentials', scope: 'tenant-api/fail' },
      basic('recorded'),
    );

    expect(status).toBe(400);
    expect(body).toEqual({
      error: 'invalid_request',
      error_description: 'PreTokenGeneration failed with error no token for you.',
    });
  });

  it('refuses as the token endpoint does, and leaves the other grants to the emulator', async () => {
    const grant = { grant_type: 'client_credentials' };

    expect(await token(grant, basic('acme', 'wrong-secret'))).toEqual({
      status: 400,
      body: { error: 'invalid_client' },
    });
    expect(await token(grant)).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect(
      await token({ ...grant, client_id: 'no-such-client', client_secret: 'x' }),
    ).toMatchObject({ body: { error: 'invalid_client' } });
    // A client without a secret cannot use the grant.
    expect(
      await token({ ...grant, client_id: clients.public?.id ?? '', client_secret: '' }),
    ).toMatchObject({ body: { error: 'invalid_client' } });
    expect(await token(grant, basic('codeOnly'))).toEqual({
      status: 400,
      body: { error: 'unauthorized_client' },
    });
    expect(await token({ ...grant, scope: 'tenant-api/admin' }, basic('acme'))).toEqual({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    expect(await token({ ...grant, scope: 'openid' }, basic('acme'))).toMatchObject({
      body: { error: 'invalid_scope' },
    });
    // cognito-local's own route still serves the refresh grant.
    expect(
      await token({
        grant_type: 'refresh_token',
        refresh_token: 'not-a-token',
        client_id: clients.acme?.id ?? '',
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});
