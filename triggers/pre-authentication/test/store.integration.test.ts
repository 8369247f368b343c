import { loadHandler, preAuthenticationEvent } from '@cognito-triggers/events/testing';
import {
  createTenantStore,
  createTenantTable,
  TENANCY_USER_TEXT,
  type TenantStore,
} from '@cognito-triggers/tenancy';
import {
  type DynamoProxy,
  LOCAL_AWS,
  type LocalDynamo,
  startDynamo,
  startDynamoProxy,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

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
  proxy.reset();
});

/** A fresh cold start with the store configured, its SDK client pointed at the proxy. */
const load = (env: Record<string, string> = {}) =>
  loadHandler({
    module: () => import('../src/handler.js'),
    env: {
      TENANT_TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
      AWS_REGION: LOCAL_AWS.region,
      AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
      ...env,
    },
  });

let counter = 0;
const nextSub = () => {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

/** A tenant, created through the store as provisioning creates it. */
async function tenant(id: string): Promise<string> {
  await store.ensureTenant({
    tenantId: id,
    name: id,
    domain: `${id}.example`,
    tier: 'free',
    createdBy: 'operator:test',
  });
  return id;
}

/** A user with an active membership in each of the given tenants (oldest first). */
async function memberOf(...tenantIds: string[]): Promise<string> {
  const sub = nextSub();
  for (const tenantId of tenantIds) {
    await store.ensureMembership({ sub, tenantId, role: 'member' });
  }
  return sub;
}

/** The sign-in of a user: `custom:tenant_id` as provisioning left it, unless given. */
const signIn = (sub: string, tenantId?: string) =>
  preAuthenticationEvent({
    userName: sub,
    userAttributes: { sub, ...(tenantId === undefined ? {} : { 'custom:tenant_id': tenantId }) },
  });

const SUSPENDED =
  /^TENANT_SUSPENDED: Your organisation's access is suspended, please contact your administrator$/;
const REMOVED = `TENANT_MEMBERSHIP_REMOVED: ${TENANCY_USER_TEXT.TENANT_MEMBERSHIP_REMOVED}`;

describe('pre-authentication with the tenant store (dynalite)', () => {
  it('lets an active member in with one read of membership and tenant', async () => {
    const acme = await tenant('acme-active');
    const sub = await memberOf(acme);
    const { handler, logs } = await load();

    const event = signIn(sub, acme);
    await expect(handler(event)).resolves.toBe(event);

    expect(proxy.counts).toEqual({ BatchGetItem: 1 });
    expect(logs.invocations.at(-1)).toMatchObject({
      outcome: 'ok',
      tenantSource: 'store',
      tenantId: acme,
    });
  });

  it('refuses a member of a suspended tenant, and lets them in again once it is resumed', async () => {
    const acme = await tenant('acme-suspended');
    const sub = await memberOf(acme);
    await store.setTenantStatus(acme, 'suspended');
    // No cache, so that the resumption shows at the next sign-in.
    const { handler, logs } = await load({ TOKEN_CACHE_TTL_SECONDS: '0' });

    await expect(handler(signIn(sub, acme))).rejects.toThrow(SUSPENDED);
    expect(logs.invocations.at(-1)).toMatchObject({ code: 'TENANT_SUSPENDED', suspended: true });

    await store.setTenantStatus(acme, 'active');
    await expect(handler(signIn(sub, acme))).resolves.toBeDefined();
  });

  it('refuses a suspended tenant on a trigger source AWS may add later too', async () => {
    const acme = await tenant('acme-new-source');
    const sub = await memberOf(acme);
    await store.setTenantStatus(acme, 'suspended');
    const { handler, logs } = await load();
    const event = signIn(sub, acme);
    (event as { triggerSource: string }).triggerSource = 'PreAuthentication_Passkey';

    await expect(handler(event)).rejects.toThrow(SUSPENDED);
    expect(logs.invocations.at(-1)).toMatchObject({ unknownSource: true, suspended: true });
  });

  it('refuses a removed member, whether or not custom:tenant_id still names the tenant', async () => {
    const acme = await tenant('acme-removed');
    const sub = await memberOf(acme);
    await store.removeMembership(sub, acme, 'operator:test');
    const { handler, logs } = await load();

    await expect(handler(signIn(sub, acme))).rejects.toThrow(REMOVED);
    await expect(handler(signIn(sub))).rejects.toThrow(REMOVED);
    expect(logs.invocations.at(-1)).toMatchObject({
      code: 'TENANT_MEMBERSHIP_REMOVED',
      removed: true,
    });
  });

  it('lets a member removed from one tenant but active in another in, to that other one', async () => {
    const [first, second] = [await tenant('first-removed'), await tenant('second-active')];
    const sub = await memberOf(first, second);
    await store.removeMembership(sub, first, 'operator:test');
    const { handler, logs } = await load();

    await expect(handler(signIn(sub, first))).resolves.toBeDefined();

    expect(logs.invocations.at(-1)).toMatchObject({ outcome: 'ok', tenantId: second });
  });

  it('lets a removed member who was invited again in: pre token generation admits them', async () => {
    const acme = await tenant('acme-reinvited');
    const sub = await memberOf(acme);
    await store.removeMembership(sub, acme, 'operator:test');
    await store.createInvitation({
      sub,
      tenantId: acme,
      role: 'member',
      email: 'ana@acme-reinvited.example',
      invitedBy: 'operator:test',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const { handler, logs } = await load();

    await expect(handler(signIn(sub))).resolves.toBeDefined();
    expect(logs.invocations.at(-1)).toMatchObject({ outcome: 'ok', tenant: 'tenant-not-found' });
  });

  it('refuses a member removed after a sign-in whose attributes did not name their tenant yet', async () => {
    const acme = await tenant('acme-unnamed');
    // In the store, but custom:tenant_id not set yet (provisioning's directory write comes after).
    const sub = await memberOf(acme);
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '3600' });
    await expect(handler(signIn(sub))).resolves.toBeDefined();

    await store.removeMembership(sub, acme, 'operator:test');

    // The same event: the answer before the removal was not the event's to keep.
    await expect(handler(signIn(sub))).rejects.toThrow(REMOVED);
  });

  it('lets a user without any membership in, and writes nothing', async () => {
    const sub = nextSub();
    const { handler, logs } = await load();

    await expect(handler(signIn(sub))).resolves.toBeDefined();

    expect(proxy.counts).toEqual({ Query: 1 });
    expect(await store.lookupUser(sub)).toEqual({
      current: undefined,
      removed: [],
      invitations: [],
    });
    expect(logs.invocations.at(-1)).toMatchObject({ outcome: 'ok', tenant: 'tenant-not-found' });
  });

  it('reads the store once per cache window: a suspension shows within the TTL', async () => {
    const acme = await tenant('acme-cached');
    const sub = await memberOf(acme);
    const { handler, logs } = await load({ TOKEN_CACHE_TTL_SECONDS: '60' });

    for (let attempt = 0; attempt < 5; attempt += 1) await handler(signIn(sub, acme));
    expect(proxy.counts).toEqual({ BatchGetItem: 1 });

    // Within the window the warm container still lets the member in; a cold one refuses.
    await store.setTenantStatus(acme, 'suspended');
    await expect(handler(signIn(sub, acme))).resolves.toBeDefined();
    expect(logs.invocations.at(-1)).toMatchObject({ tenantSource: 'cache' });
    const { handler: cold } = await load({ TOKEN_CACHE_TTL_SECONDS: '60' });
    await expect(cold(signIn(sub, acme))).rejects.toThrow(SUSPENDED);
  });

  describe('when the store fails', () => {
    it('fail-closed (the default) refuses with a user-safe message, after the bounded retries', async () => {
      const acme = await tenant('acme-closed');
      const sub = await memberOf(acme);
      const { handler } = await load();
      proxy.mode = 'fail-503';

      await expect(handler(signIn(sub, acme))).rejects.toThrow(
        /^TENANT_UNAVAILABLE: Sign-in is temporarily unavailable, please try again in a moment$/,
      );
      expect(proxy.counts.BatchGetItem).toBe(3);
    });

    it('degrade lets the sign-in go on and says so in the log line', async () => {
      const acme = await tenant('acme-degrade');
      const sub = await memberOf(acme);
      await store.setTenantStatus(acme, 'suspended');
      const { handler, logs } = await load({ STORE_FAILURE_POLICY: 'degrade' });
      proxy.mode = 'fail-503';

      await expect(handler(signIn(sub, acme))).resolves.toBeDefined();

      expect(logs.invocations.at(-1)).toMatchObject({ outcome: 'ok', degraded: true });
    });

    it.each(['fail-closed', 'degrade'] as const)(
      '%s answers before Cognito’s deadline when the store hangs',
      async (policy) => {
        const acme = await tenant(`acme-hang-${policy}`);
        const sub = await memberOf(acme);
        const { handler } = await load({ STORE_FAILURE_POLICY: policy });
        proxy.mode = 'hang';
        const started = Date.now();

        const outcome = await handler(signIn(sub, acme)).then(
          () => 'ok',
          (error: Error) => error.message,
        );

        expect(Date.now() - started).toBeLessThan(4_750);
        expect(outcome).toMatch(policy === 'degrade' ? /^ok$/ : /^TENANT_UNAVAILABLE: /);
      },
      10_000,
    );
  });
});

// A user the store has no tenant for is cached like a member: a burst of sign-ins of a user
// not yet provisioned costs one store read, not one each. Counted at a proxy in front of
// dynalite, through the handler's own SDK client.
const reads = () => Object.values(proxy.counts).reduce((total, count) => total + count, 0);

describe('pre-authentication caches a user without a tenant (dynalite)', () => {
  it('reads the store once for a user not provisioned yet, then answers from the cache', async () => {
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '60' });
    const sub = nextSub();

    await handler(signIn(sub));
    const first = reads();
    await handler(signIn(sub));
    await handler(signIn(sub));

    expect(first).toBe(1);
    expect(reads()).toBe(first);
  });

  it('reads again once provisioning sets custom:tenant_id: the key changed', async () => {
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '60' });
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
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '1' });
    const sub = nextSub();
    await handler(signIn(sub));
    proxy.reset();

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await handler(signIn(sub));

    expect(reads()).toBe(1);
  });
});
