import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationTriggerEvent } from '@cognito-triggers/events';
import { lambdaContext, preTokenGenerationEvent, SAMPLE } from '@cognito-triggers/events/testing';
import { createTenantStore, createTenantTable, provisionUser } from '@cognito-triggers/tenancy';
import {
  LOCAL_AWS,
  type LocalDynamo,
  startDynamo,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DynamoProxy, startDynamoProxy } from './support/dynamo-proxy.js';

type Handler = (event: PreTokenGenerationTriggerEvent) => Promise<PreTokenGenerationTriggerEvent>;

let dynamo: LocalDynamo;
let proxy: DynamoProxy;
let tableName: string;
const cognito = mockClient(CognitoIdentityProviderClient);

beforeAll(async () => {
  dynamo = await startDynamo();
  tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  proxy = await startDynamoProxy(dynamo.endpoint);
});

afterAll(async () => {
  await proxy?.stop();
  await dynamo?.stop();
});

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  proxy.reset();
  cognito.reset();
  cognito.on(AdminUpdateUserAttributesCommand).resolves({});
  cognito.on(AdminAddUserToGroupCommand).resolves({});
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** A fresh cold start with the store configured, its SDK client pointed at the proxy. */
async function loadHandler(environment: Record<string, string> = {}): Promise<Handler> {
  const variables = {
    TENANT_TABLE_NAME: tableName,
    AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
    AWS_REGION: LOCAL_AWS.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
    ...environment,
  };
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
  vi.resetModules();
  const { handler } = await import('../src/handler.js');
  return (event) => handler(event, lambdaContext());
}

let counter = 0;
/** A user who signed up and was provisioned by post confirmation. */
async function provisioned(email: string) {
  counter += 1;
  const sub = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  const store = createTenantStore({ client: dynamo.client, tableName });
  const directory = { setTenantId: async () => undefined, addToGroup: async () => undefined };
  const policy = {
    domainMap: [],
    personalEmailDomains: [],
    adminGroup: 'tenant-admin',
    memberGroup: 'tenant-member',
    defaultTier: 'free',
  };
  const result = await provisionUser(
    { store, directory },
    { userPoolId: SAMPLE.userPoolId, username: sub, sub, email },
    policy,
  );
  return { sub, email, tenantId: result.tenant.id, store };
}

const signIn = (
  user: { sub: string; email: string; tenantId?: string },
  version: 1 | 2 = 2,
  source:
    | 'TokenGeneration_RefreshTokens'
    | 'TokenGeneration_NewPasswordChallenge' = 'TokenGeneration_RefreshTokens',
) =>
  preTokenGenerationEvent(version, source, {
    email: user.email,
    userName: user.sub,
    userAttributes: {
      sub: user.sub,
      ...(user.tenantId ? { 'custom:tenant_id': user.tenantId } : {}),
    },
  });

const idClaims = (event: PreTokenGenerationTriggerEvent) =>
  (
    event.response as {
      claimsAndScopeOverrideDetails?: {
        idTokenGeneration?: { claimsToAddOrOverride?: Record<string, unknown> };
      };
    }
  ).claimsAndScopeOverrideDetails?.idTokenGeneration?.claimsToAddOrOverride;

describe('pre-token-generation with the tenant store (dynalite)', () => {
  it('reads the store once per cache window, one round trip per miss', async () => {
    const user = await provisioned('ana@one-read.example');
    const handler = await loadHandler({ TOKEN_CACHE_TTL_SECONDS: '60' });
    for (let refresh = 0; refresh < 5; refresh += 1) {
      const result = await handler(signIn(user));
      expect(idClaims(result)).toEqual({
        tenant_id: user.tenantId,
        tenant_role: 'admin',
        tenant_tier: 'free',
      });
    }
    expect(proxy.counts).toEqual({ BatchGetItem: 1 });
  });

  it('reads again once the cache window has passed', async () => {
    const user = await provisioned('ana@ttl.example');
    const handler = await loadHandler({ TOKEN_CACHE_TTL_SECONDS: '0' });
    await handler(signIn(user));
    await handler(signIn(user));
    expect(proxy.counts).toEqual({ BatchGetItem: 2 });
  });

  it('provisions an invited user at the first sign-in (the heal path), then issues the claims', async () => {
    const handler = await loadHandler();
    const invited = { sub: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'boss@invited.example' };
    const result = await handler(signIn(invited, 2, 'TokenGeneration_NewPasswordChallenge'));
    const claims = idClaims(result);
    expect(claims).toMatchObject({ tenant_role: 'admin', tenant_tier: 'free' });
    expect(claims?.tenant_id).toMatch(/^invited-example-[0-9a-f]{8}$/);
    const store = createTenantStore({ client: dynamo.client, tableName });
    expect(await store.lookup(invited.sub)).toMatchObject({
      membership: { role: 'admin', tenantId: claims?.tenant_id },
      tenant: { createdBy: invited.sub, status: 'active' },
    });
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0]?.args[0].input).toEqual({
      UserPoolId: SAMPLE.userPoolId,
      Username: invited.sub,
      UserAttributes: [{ Name: 'custom:tenant_id', Value: claims?.tenant_id }],
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input).toMatchObject({
      GroupName: 'tenant-admin',
    });
  });

  it('does not provision a self-registered user whose email is not verified', async () => {
    const handler = await loadHandler();
    const event = signIn({
      sub: 'bbbbbbbb-0000-4000-8000-000000000002',
      email: 'eve@unverified.example',
    });
    event.request.userAttributes.email_verified = 'false';
    const before = structuredClone(event.response);
    const result = await handler(event);
    expect(result.response).toEqual(before);
    expect(cognito.calls()).toHaveLength(0);
  });

  it('issues no tenant claims, and says why in the log, when the email cannot decide a tenant', async () => {
    const handler = await loadHandler();
    const event = signIn({ sub: 'cccccccc-0000-4000-8000-000000000003', email: 'not-an-email' });
    const before = structuredClone(event.response);
    const result = await handler(event);
    expect(result.response).toEqual(before);
    expect(cognito.calls()).toHaveLength(0);
    const lines = vi
      .mocked(process.stdout.write)
      .mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({
      message: 'invocation',
      outcome: 'ok',
      tenant: 'email-invalid',
      tenantClaims: 'none',
    });
  });

  it('refuses a suspended tenant with a user-safe message', async () => {
    const user = await provisioned('ana@suspended.example');
    await user.store.setTenantStatus(user.tenantId, 'suspended');
    const handler = await loadHandler();
    await expect(handler(signIn(user))).rejects.toThrow(
      /^TENANT_SUSPENDED: Your organisation's access is suspended, please contact your administrator$/,
    );
  });

  describe('when the store fails', () => {
    it('fail-closed (the default) refuses the sign-in with a user-safe message', async () => {
      const user = await provisioned('ana@closed.example');
      const handler = await loadHandler();
      proxy.mode = 'fail-503';
      await expect(handler(signIn(user))).rejects.toThrow(/^TENANT_UNAVAILABLE: /);
      expect(proxy.counts.BatchGetItem).toBe(3);
    });

    it('degrade issues the claims from custom:tenant_id and the groups', async () => {
      const user = await provisioned('ana@degrade.example');
      const handler = await loadHandler({ STORE_FAILURE_POLICY: 'degrade' });
      proxy.mode = 'fail-503';
      const event = signIn(user);
      event.request.groupConfiguration.groupsToOverride = ['tenant-admin'];
      const result = await handler(event);
      expect(idClaims(result)).toEqual({ tenant_id: user.tenantId, tenant_role: 'admin' });
    });

    it('degrade answers within the deadline when the store hangs', async () => {
      const user = await provisioned('ana@slow.example');
      const handler = await loadHandler({ STORE_FAILURE_POLICY: 'degrade' });
      proxy.mode = 'hang';
      const started = Date.now();
      const result = await handler(signIn(user));
      expect(Date.now() - started).toBeLessThan(4_750);
      expect(idClaims(result)).toMatchObject({ tenant_id: user.tenantId, tenant_role: 'member' });
    }, 10_000);
  });
});
