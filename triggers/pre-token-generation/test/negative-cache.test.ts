import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationTriggerEvent } from '@cognito-triggers/events';
import { lambdaContext, preTokenGenerationEvent } from '@cognito-triggers/events/testing';
import { createTenantTable } from '@cognito-triggers/tenancy';
import {
  type DynamoProxy,
  LOCAL_AWS,
  type LocalDynamo,
  startDynamo,
  startDynamoProxy,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// A user without a tenant is cached like one with: their every refresh would otherwise cost a
// store read. Counted at a proxy in front of dynalite, through the handler's own SDK client.

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

async function coldStart(environment: Record<string, string>): Promise<Handler> {
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
const nextSub = () => {
  counter += 1;
  return `0e9a71e0-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

const refresh = (sub: string, email: string, verified: boolean) =>
  preTokenGenerationEvent(2, 'TokenGeneration_RefreshTokens', {
    email,
    userName: sub,
    userAttributes: { sub, email_verified: String(verified) },
  });

const tenantStatus = (event: PreTokenGenerationTriggerEvent) =>
  JSON.stringify(event.response).match(/"tenant_status":"([a-z-]+)"/)?.[1];

const reads = () => Object.values(proxy.counts).reduce((total, count) => total + count, 0);

describe('pre-token-generation caches a user without a tenant (dynalite)', () => {
  it('an unverified user: one store read, then every token from the cache', async () => {
    const handler = await coldStart({ TOKEN_CACHE_TTL_SECONDS: '60' });
    const sub = nextSub();

    const first = await handler(refresh(sub, 'ana@unverified.example', false));
    const readsOfFirst = reads();
    const second = await handler(refresh(sub, 'ana@unverified.example', false));

    expect(tenantStatus(first)).toBe('email-unverified');
    expect(tenantStatus(second)).toBe('email-unverified');
    expect(readsOfFirst).toBe(1);
    expect(reads()).toBe(readsOfFirst);
  });

  it('a verified user their domain does not admit yet: one store read, then the cache', async () => {
    const handler = await coldStart({
      TOKEN_CACHE_TTL_SECONDS: '60',
      TENANT_ENROLLMENT: 'closed.example=invite',
    });
    const sub = nextSub();

    const first = await handler(refresh(sub, 'ben@closed.example', true));
    const readsOfFirst = reads();
    await handler(refresh(sub, 'ben@closed.example', true));

    expect(tenantStatus(first)).toBe('invitation-required');
    expect(reads()).toBe(readsOfFirst);
    expect(cognito.calls()).toHaveLength(0);
  });

  it('reads again at once when the user verifies their address: the key changed', async () => {
    const handler = await coldStart({ TOKEN_CACHE_TTL_SECONDS: '60' });
    const sub = nextSub();
    await handler(refresh(sub, 'cy@verifies.example', false));
    proxy.reset();

    const verified = await handler(refresh(sub, 'cy@verifies.example', true));

    expect(reads()).toBeGreaterThan(0);
    expect(tenantStatus(verified)).toBeUndefined();
    expect(JSON.stringify(verified.response)).toMatch(/"tenant_id":"verifies-example-[0-9a-f]+"/);
  });

  it('keeps the answer no longer than the TTL', async () => {
    const handler = await coldStart({ TOKEN_CACHE_TTL_SECONDS: '1' });
    const sub = nextSub();
    await handler(refresh(sub, 'di@expires.example', false));
    proxy.reset();

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await handler(refresh(sub, 'di@expires.example', false));

    expect(reads()).toBe(1);
  });
});
