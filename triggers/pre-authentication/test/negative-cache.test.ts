import type { PreAuthenticationTriggerEvent } from '@cognito-triggers/events';
import { lambdaContext, preAuthenticationEvent } from '@cognito-triggers/events/testing';
import { createTenantStore, createTenantTable, type TenantStore } from '@cognito-triggers/tenancy';
import {
  type DynamoProxy,
  LOCAL_AWS,
  type LocalDynamo,
  startDynamo,
  startDynamoProxy,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// A user the store has no tenant for is cached like a member: a burst of sign-ins of a user
// not yet provisioned costs one store read, not one each. Counted at a proxy in front of
// dynalite, through the handler's own SDK client.

type Handler = (event: PreAuthenticationTriggerEvent) => Promise<PreAuthenticationTriggerEvent>;

let dynamo: LocalDynamo;
let proxy: DynamoProxy;
let tableName: string;
let store: TenantStore;

beforeAll(async () => {
  dynamo = await startDynamo();
  tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  store = createTenantStore({ client: dynamo.client, tableName });
  proxy = await startDynamoProxy(dynamo.endpoint);
});

afterAll(async () => {
  await proxy?.stop();
  await dynamo?.stop();
});

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  proxy.reset();
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function coldStart(ttlSeconds: string): Promise<Handler> {
  const variables = {
    TENANT_TABLE_NAME: tableName,
    TOKEN_CACHE_TTL_SECONDS: ttlSeconds,
    AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
    AWS_REGION: LOCAL_AWS.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
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

const signIn = (sub: string, tenantId?: string) =>
  preAuthenticationEvent({
    userName: sub,
    userAttributes: { sub, ...(tenantId === undefined ? {} : { 'custom:tenant_id': tenantId }) },
  });

const reads = () => Object.values(proxy.counts).reduce((total, count) => total + count, 0);

describe('pre-authentication caches a user without a tenant (dynalite)', () => {
  it('reads the store once for a user not provisioned yet, then answers from the cache', async () => {
    const handler = await coldStart('60');
    const sub = nextSub();

    await handler(signIn(sub));
    const first = reads();
    await handler(signIn(sub));
    await handler(signIn(sub));

    expect(first).toBe(1);
    expect(reads()).toBe(first);
  });

  it('reads again once provisioning sets custom:tenant_id: the key changed', async () => {
    const handler = await coldStart('60');
    const sub = nextSub();
    await handler(signIn(sub));
    await store.ensureTenant({
      tenantId: 'negative-cache',
      name: 'Negative cache',
      domain: 'negative-cache.example',
      tier: 'free',
      createdBy: 'operator:test',
    });
    await store.ensureMembership({ sub, tenantId: 'negative-cache', role: 'member' });
    await store.setTenantStatus('negative-cache', 'suspended');
    proxy.reset();

    await expect(handler(signIn(sub, 'negative-cache'))).rejects.toThrow(/^TENANT_SUSPENDED/);

    expect(reads()).toBe(1);
  });

  it('keeps the answer no longer than the TTL', async () => {
    const handler = await coldStart('1');
    const sub = nextSub();
    await handler(signIn(sub));
    proxy.reset();

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await handler(signIn(sub));

    expect(reads()).toBe(1);
  });
});
