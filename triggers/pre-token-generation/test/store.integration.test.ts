import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationTriggerEvent } from '@cognito-triggers/events';
import { loadHandler, preTokenGenerationEvent, SAMPLE } from '@cognito-triggers/events/testing';
import {
  createTenantStore,
  createTenantTable,
  proveEmail,
  provisionUser,
} from '@cognito-triggers/tenancy';
import {
  type DynamoProxy,
  LOCAL_AWS,
  type LocalDynamo,
  startDynamo,
  startDynamoProxy,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

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
  proxy.reset();
  cognito.reset();
  cognito.on(AdminUpdateUserAttributesCommand).resolves({});
  cognito.on(AdminAddUserToGroupCommand).resolves({});
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
    authoritativeProviders: [],
    enrollment: [],
    defaultEnrollment: 'open' as const,
  };
  const verified = proveEmail(
    { username: sub, attributes: { email, email_verified: 'true' } },
    policy,
  );
  const result = await provisionUser(
    { store, directory },
    {
      userPoolId: SAMPLE.userPoolId,
      username: sub,
      sub,
      admission: { kind: 'email', email: verified },
    },
    policy,
  );
  // The first user of a tenant is its admin, in the admin group from then on.
  return { sub, email, tenantId: result.tenant.id, store, groups: ['tenant-admin'] };
}

/** A tenant an operator created, and a pending invitation into it, as a member, bound to `sub`. */
async function invitation(tenantId: string, tier: string, sub: string, email: string) {
  const store = createTenantStore({ client: dynamo.client, tableName });
  await store.ensureTenant({
    tenantId,
    name: tenantId,
    domain: `${tenantId}.example`,
    tier,
    createdBy: `${tenantId}-founder`,
  });
  await store.createInvitation({
    sub,
    tenantId,
    role: 'member',
    email,
    invitedBy: 'operator:test',
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return store;
}

const signIn = (
  user: { sub: string; email: string; tenantId?: string; groups?: string[] },
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
    ...(user.groups ? { groups: user.groups } : {}),
  });

/** Tokens without tenant claims, saying why, and without any role group. */
function expectNoTenant(result: PreTokenGenerationTriggerEvent, reason: string) {
  const claims = idClaims(result) ?? v1Claims(result);
  expect(claims).toEqual({ tenant_status: reason });
  const groups = JSON.stringify(result.response);
  expect(groups).not.toContain('tenant-admin');
  expect(groups).not.toContain('tenant-member');
}

const v1Claims = (event: PreTokenGenerationTriggerEvent) =>
  (
    event.response as {
      claimsOverrideDetails?: { claimsToAddOrOverride?: Record<string, unknown> };
    }
  ).claimsOverrideDetails?.claimsToAddOrOverride;

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
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '60' });
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
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '0' });
    await handler(signIn(user));
    await handler(signIn(user));
    expect(proxy.counts).toEqual({ BatchGetItem: 2 });
  });

  it('enters an invitee into the tenant of their invitation, with its role, whatever email they now carry', async () => {
    const invited = { sub: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'ceo@acme.example.com' };
    const store = await invitation('globex', 'gold', invited.sub, 'new.hire@globex.example');
    const { handler } = await load();
    // The invitee replaced their email in the new-password challenge: unverified, another company.
    const event = signIn(invited, 2, 'TokenGeneration_NewPasswordChallenge');
    event.request.userAttributes.email_verified = 'false';
    const result = await handler(event);
    expect(idClaims(result)).toEqual({
      tenant_id: 'globex',
      tenant_role: 'member',
      tenant_tier: 'gold',
    });
    expect(await store.lookup(invited.sub)).toMatchObject({
      membership: { role: 'member', tenantId: 'globex' },
    });
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0]?.args[0].input).toEqual({
      UserPoolId: SAMPLE.userPoolId,
      Username: invited.sub,
      UserAttributes: [{ Name: 'custom:tenant_id', Value: 'globex' }],
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input).toMatchObject({
      GroupName: 'tenant-member',
    });
  });

  it('gives an admin-created user without an invitation no tenant for an email they typed at the first sign-in', async () => {
    const { handler } = await load();
    const attacker = { sub: 'aaaaaaaa-0000-4000-8000-000000000009', email: 'ceo@acme.example.com' };
    const event = signIn(attacker, 2, 'TokenGeneration_NewPasswordChallenge');
    event.request.userAttributes.email_verified = 'false';
    const result = await handler(event);
    expectNoTenant(result, 'email-unverified');
    expect(cognito.calls()).toHaveLength(0);
    const store = createTenantStore({ client: dynamo.client, tableName });
    expect(await store.lookup(attacker.sub)).toBeUndefined();
  });

  it('gives no tenant on an expired or revoked invitation', async () => {
    const store = createTenantStore({ client: dynamo.client, tableName });
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '0' });
    const cases = [
      { sub: 'aaaaaaaa-0000-4000-8000-00000000000a', expiresAt: new Date(Date.now() - 1) },
      { sub: 'aaaaaaaa-0000-4000-8000-00000000000b', expiresAt: new Date(Date.now() + 86_400_000) },
    ];
    for (const { sub, expiresAt } of cases) {
      await store.createInvitation({
        sub,
        tenantId: 'globex',
        role: 'admin',
        email: 'x@globex.example',
        invitedBy: 'operator:test',
        expiresAt,
      });
    }
    await store.revokeInvitation(cases[1]?.sub ?? '', 'globex');
    for (const { sub } of cases) {
      const event = signIn(
        { sub, email: 'x@globex.example' },
        2,
        'TokenGeneration_NewPasswordChallenge',
      );
      event.request.userAttributes.email_verified = 'false';
      expectNoTenant(await handler(event), 'invitation-invalid');
      expect(await store.lookup(sub)).toBeUndefined();
    }
  });

  it('gives a federated user whose provider did not verify the email no tenant', async () => {
    const { handler } = await load();
    const event = signIn({
      sub: 'dddddddd-0000-4000-8000-000000000004',
      email: 'cfo@victim-corp.test',
    });
    event.userName = 'EntraMultiTenant_abc';
    Object.assign(event.request.userAttributes, {
      'cognito:user_status': 'EXTERNAL_PROVIDER',
      email_verified: 'false',
      identities: JSON.stringify([{ providerName: 'EntraMultiTenant', providerType: 'OIDC' }]),
    });
    expectNoTenant(await handler(event), 'provider-email-unverified');
    expect(cognito.calls()).toHaveLength(0);
  });

  it('gives a native user with a planted identities attribute and an unverified email no tenant', async () => {
    const { handler } = await load();
    const event = signIn({
      sub: 'eeeeeeee-0000-4000-8000-000000000005',
      email: 'ceo@initech.example.com',
    });
    Object.assign(event.request.userAttributes, { email_verified: 'false', identities: '[{}]' });
    expectNoTenant(await handler(event), 'email-unverified');
    expect(cognito.calls()).toHaveLength(0);
  });

  it('does not provision a self-registered user whose email is not verified', async () => {
    const { handler } = await load();
    const event = signIn({
      sub: 'bbbbbbbb-0000-4000-8000-000000000002',
      email: 'eve@unverified.example',
    });
    event.request.userAttributes.email_verified = 'false';
    const result = await handler(event);
    expectNoTenant(result, 'email-unverified');
    expect(cognito.calls()).toHaveLength(0);
  });

  it('issues no tenant claims, and says why in the log, when the email cannot decide a tenant', async () => {
    const { handler, logs } = await load();
    const event = signIn({ sub: 'cccccccc-0000-4000-8000-000000000003', email: 'not-an-email' });
    const result = await handler(event);
    expectNoTenant(result, 'email-invalid');
    expect(cognito.calls()).toHaveLength(0);
    expect(logs.lines.at(-1)).toMatchObject({
      message: 'invocation',
      outcome: 'ok',
      tenant: 'email-invalid',
      tenantClaims: 'none',
    });
  });

  it('refuses a suspended tenant with a user-safe message', async () => {
    const user = await provisioned('ana@suspended.example');
    await user.store.setTenantStatus(user.tenantId, 'suspended');
    const { handler } = await load();
    await expect(handler(signIn(user))).rejects.toThrow(
      /^TENANT_SUSPENDED: Your organisation's access is suspended, please contact your administrator$/,
    );
  });

  describe('when the store fails', () => {
    it('fail-closed (the default) refuses the sign-in with a user-safe message', async () => {
      const user = await provisioned('ana@closed.example');
      const { handler } = await load();
      proxy.mode = 'fail-503';
      await expect(handler(signIn(user))).rejects.toThrow(/^TENANT_UNAVAILABLE: /);
      expect(proxy.counts.BatchGetItem).toBe(3);
    });

    it('degrade issues tokens without tenant claims, whatever custom:tenant_id and the groups say', async () => {
      const user = await provisioned('ana@degrade.example');
      const { handler, logs } = await load({ STORE_FAILURE_POLICY: 'degrade' });
      proxy.mode = 'fail-503';
      // An admin of their own tenant who planted another company's id.
      const event = signIn({ ...user, tenantId: 'victim-corp' });
      event.request.groupConfiguration.groupsToOverride = ['tenant-admin'];
      const result = await handler(event);
      expectNoTenant(result, 'unavailable');
      expect(logs.lines.at(-1)).toMatchObject({
        outcome: 'ok',
        degraded: true,
        tenantClaims: 'none',
      });
    });

    it('degrade answers within the deadline when the store hangs', async () => {
      const user = await provisioned('ana@slow.example');
      const { handler } = await load({ STORE_FAILURE_POLICY: 'degrade' });
      proxy.mode = 'hang';
      const started = Date.now();
      const event = signIn(user);
      const result = await handler(event);
      expect(Date.now() - started).toBeLessThan(4_750);
      expectNoTenant(result, 'unavailable');
    }, 10_000);
  });
});

describe('the tenant lifecycle at sign-in (dynalite)', () => {
  const groupsOf = (event: PreTokenGenerationTriggerEvent) =>
    (
      event.response as {
        claimsAndScopeOverrideDetails?: {
          groupOverrideDetails?: { groupsToOverride?: string[] };
        };
      }
    ).claimsAndScopeOverrideDetails?.groupOverrideDetails?.groupsToOverride;

  /** The event of a user who is in `groups`, as Cognito would send it. */
  const signInWith = (
    user: { sub: string; email: string; tenantId?: string },
    groups: string[],
  ) => {
    const event = signIn(user);
    event.request.groupConfiguration.groupsToOverride = groups;
    return event;
  };

  it('shows a role change at the next sign-in at once, though the cache is warm', async () => {
    const ana = await provisioned('ana@role-change.example');
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '3600' });
    expect(idClaims(await handler(signInWith(ana, ['tenant-admin'])))).toMatchObject({
      tenant_role: 'admin',
    });
    // The operation: the store's role, and the role group replaced in the pool.
    await ana.store.removeAdmin(ana.tenantId, ana.sub, { force: true });
    await ana.store.setMembershipRole(ana.sub, ana.tenantId, 'member', 'operator:test');
    const after = await handler(signInWith(ana, ['tenant-member']));
    expect(idClaims(after)).toMatchObject({ tenant_role: 'member' });
    expect(groupsOf(after)).toEqual(['tenant-member']);
  });

  it('leaves exactly one role group, the store’s, in the tokens', async () => {
    const bo = await provisioned('bo@one-group.example');
    await bo.store.setMembershipRole(bo.sub, bo.tenantId, 'member', 'operator:test');
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '0' });
    const result = await handler(signInWith(bo, ['beta', 'tenant-admin', 'tenant-member']));
    expect(groupsOf(result)).toEqual(['beta', 'tenant-member']);
  });

  it('never heals a removed membership, whatever the verified email would resolve', async () => {
    const cy = await provisioned('cy@removed.example');
    await cy.store.removeMembership(cy.sub, cy.tenantId, 'operator:test');
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '0' });
    // The operation cleared custom:tenant_id and the role groups: the next event has neither.
    const result = await handler(signInWith({ sub: cy.sub, email: cy.email }, []));
    expectNoTenant(result, 'removed');
    expect(await cy.store.getMembership(cy.sub, cy.tenantId)).toMatchObject({ status: 'removed' });
    expect(cognito.calls()).toHaveLength(0);
  });

  it('shows a removal at once to an invitee removed after their first sign-in, though the cache is warm', async () => {
    const invitee = {
      sub: 'aaaaaaaa-0000-4000-8000-000000000002',
      email: 'milton@initech.example',
    };
    const store = await invitation('initech', 'free', invitee.sub, invitee.email);
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '3600' });
    // The first sign-in: no custom:tenant_id, no role group yet; this trigger provisions them.
    const first = await handler(signInWith(invitee, []));
    expect(idClaims(first)).toMatchObject({ tenant_id: 'initech', tenant_role: 'member' });

    // The removal clears custom:tenant_id and the role groups: the event is the first one again.
    await store.removeMembership(invitee.sub, 'initech', 'operator:test');
    expectNoTenant(await handler(signInWith(invitee, [])), 'removed');
  });

  it('shows a role change at once where the groups lagged behind the store, though the cache is warm', async () => {
    const eve = await provisioned('eve@lagging-groups.example');
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '3600' });
    // The store says admin; the pool's groups still say member.
    const lagging = await handler(signInWith(eve, ['tenant-member']));
    expect(idClaims(lagging)).toMatchObject({ tenant_role: 'admin' });

    await eve.store.removeAdmin(eve.tenantId, eve.sub, { force: true });
    await eve.store.setMembershipRole(eve.sub, eve.tenantId, 'member', 'operator:test');
    const after = await handler(signInWith(eve, ['tenant-member']));
    expect(idClaims(after)).toMatchObject({ tenant_role: 'member' });
    expect(groupsOf(after)).toEqual(['tenant-member']);
  });

  it('shows a suspension within the cache TTL, not before', async () => {
    const dee = await provisioned('dee@suspend.example');
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '1' });
    await handler(signIn(dee));
    await dee.store.setTenantStatus(dee.tenantId, 'suspended');
    // Same event, warm cache: the suspension is not seen yet.
    expect(idClaims(await handler(signIn(dee)))).toMatchObject({ tenant_id: dee.tenantId });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(handler(signIn(dee))).rejects.toThrow(/^TENANT_SUSPENDED: /);
  });

  it('keeps a verified user of an invite-only domain out, and says why', async () => {
    const { handler } = await load({ TENANT_ENROLLMENT: 'invite-only.example=invite' });
    const result = await handler(
      signIn({ sub: 'ffffffff-0000-4000-8000-000000000006', email: 'eve@invite-only.example' }),
    );
    expectNoTenant(result, 'invitation-required');
    expect(cognito.calls()).toHaveLength(0);
  });

  it('joins a join-only domain’s existing tenant as a member, never as its admin', async () => {
    // No cache: the second sign-in must read the tenant set up in between.
    const { handler } = await load({
      TENANT_ENROLLMENT: 'join.example=join',
      TENANT_DOMAIN_MAP: 'join.example=joiners',
      TOKEN_CACHE_TTL_SECONDS: '0',
    });
    const first = { sub: 'ffffffff-0000-4000-8000-000000000007', email: 'first@join.example' };
    expectNoTenant(await handler(signIn(first)), 'tenant-not-set-up');

    const store = createTenantStore({ client: dynamo.client, tableName });
    await store.createTenant({
      tenantId: 'joiners',
      name: 'Joiners',
      tier: 'gold',
      createdBy: 'operator:test',
    });
    expect(idClaims(await handler(signIn(first)))).toEqual({
      tenant_id: 'joiners',
      tenant_role: 'member',
      tenant_tier: 'gold',
    });
    expect((await store.getTenant('joiners'))?.admins).toEqual([]);
  });
});

// A user without a tenant is cached like one with: their every refresh would otherwise cost a
// store read. Counted at a proxy in front of dynalite, through the handler's own SDK client.
let unprovisioned = 0;
const nextSub = () => {
  unprovisioned += 1;
  return `0e9a71e0-0000-4000-8000-${String(unprovisioned).padStart(12, '0')}`;
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
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '60' });
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
    const { handler } = await load({
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
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '60' });
    const sub = nextSub();
    await handler(refresh(sub, 'cy@verifies.example', false));
    proxy.reset();

    const verified = await handler(refresh(sub, 'cy@verifies.example', true));

    expect(reads()).toBeGreaterThan(0);
    expect(tenantStatus(verified)).toBeUndefined();
    expect(JSON.stringify(verified.response)).toMatch(/"tenant_id":"verifies-example-[0-9a-f]+"/);
  });

  it('keeps the answer no longer than the TTL', async () => {
    const { handler } = await load({ TOKEN_CACHE_TTL_SECONDS: '1' });
    const sub = nextSub();
    await handler(refresh(sub, 'di@expires.example', false));
    proxy.reset();

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await handler(refresh(sub, 'di@expires.example', false));

    expect(reads()).toBe(1);
  });
});

// A tenant's own integrations (CLIENT_TENANT_MAP) are held to the tenant's state as its users
// are: the tenant is read from the store, cached, and a suspension refuses their tokens.
describe('machine clients with the tenant store (dynalite)', () => {
  let counter = 0;
  /** A tenant in the store, and a client CLIENT_TENANT_MAP gives it. */
  async function mappedTenant(status: 'active' | 'suspended' = 'active') {
    counter += 1;
    const tenantId = `machines-${counter}`;
    const store = createTenantStore({ client: dynamo.client, tableName });
    await store.createTenant({
      tenantId,
      name: 'Machines',
      tier: 'pro',
      createdBy: 'operator:test',
    });
    if (status === 'suspended') await store.setTenantStatus(tenantId, 'suspended');
    return { tenantId, clientId: `svc${counter}`, map: `svc${counter}=${tenantId}` };
  }
  const tokenFor = (clientId: string) =>
    preTokenGenerationEvent(3, 'TokenGeneration_ClientCredentials', { clientId });
  const accessClaims = (event: PreTokenGenerationTriggerEvent) =>
    (
      event.response as {
        claimsAndScopeOverrideDetails?: {
          accessTokenGeneration?: { claimsToAddOrOverride?: Record<string, unknown> };
        };
      }
    ).claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride;

  it('gives an active tenant’s client its claims, tier included, with one store read for a burst of tokens', async () => {
    const { tenantId, clientId, map } = await mappedTenant();
    const { handler } = await load({ CLIENT_TENANT_MAP: map, TOKEN_CACHE_TTL_SECONDS: '60' });

    const first = await handler(tokenFor(clientId));
    await handler(tokenFor(clientId));
    await handler(tokenFor(clientId));

    expect(accessClaims(first)).toEqual({
      tenant_id: tenantId,
      tenant_role: 'service',
      tenant_tier: 'pro',
    });
    expect(reads()).toBe(1);
  });

  it('refuses a suspended tenant’s client its token, as its users are refused', async () => {
    const { clientId, map } = await mappedTenant('suspended');
    const { handler, logs } = await load({ CLIENT_TENANT_MAP: map });

    await expect(handler(tokenFor(clientId))).rejects.toThrow(/^TENANT_SUSPENDED: /);
    expect(logs.lines.at(-1)).toMatchObject({
      outcome: 'rejected',
      code: 'TENANT_SUSPENDED',
      machineClient: true,
      suspended: true,
    });
  });

  it('gives no claims for a tenant the store does not have', async () => {
    const { handler, logs } = await load({ CLIENT_TENANT_MAP: 'svctypo=no-such-tenant' });
    const event = tokenFor('svctypo');
    const before = structuredClone(event);

    expect(await handler(event)).toEqual(before);
    expect(logs.lines.at(-1)).toMatchObject({ outcome: 'ok', tenant: 'tenant-not-found' });
  });

  it('follows STORE_FAILURE_POLICY when the store fails: refused, or no claims', async () => {
    const { clientId, map } = await mappedTenant();
    const closed = await load({ CLIENT_TENANT_MAP: map });
    const degraded = await load({ CLIENT_TENANT_MAP: map, STORE_FAILURE_POLICY: 'degrade' });
    proxy.mode = 'fail-503';

    await expect(closed.handler(tokenFor(clientId))).rejects.toThrow(/^TENANT_UNAVAILABLE: /);
    const event = tokenFor(clientId);
    const before = structuredClone(event);
    expect(await degraded.handler(event)).toEqual(before);
    expect(degraded.logs.lines.at(-1)).toMatchObject({ outcome: 'ok', degraded: true });
  });
});
