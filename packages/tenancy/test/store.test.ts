import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTenantStore,
  createTenantTable,
  TenancyError,
  type TenantStore,
  TenantStoreError,
} from '../src/index.js';
import {
  countRequests,
  type LocalDynamo,
  scanTable,
  startDynamo,
  uniqueTableName,
} from '../src/testing/index.js';

let dynamo: LocalDynamo;
let tableName: string;
let store: TenantStore;

beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(() => dynamo.stop());

beforeEach(async () => {
  tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  store = createTenantStore({ client: dynamo.client, tableName });
});

const acme = (createdBy: string) => ({
  tenantId: 'acme',
  name: 'acme.example',
  domain: 'acme.example',
  tier: 'free',
  createdBy,
});

describe('createTenantTable', () => {
  it('creates the table once and waits until it is active', async () => {
    const slow = await startDynamo({ createTableMs: 150 });
    try {
      const name = uniqueTableName();
      await expect(createTenantTable(slow.client, name)).resolves.toEqual({ created: true });
      await expect(createTenantTable(slow.client, name)).resolves.toEqual({ created: false });
      // Usable at once: a write to a table still CREATING would fail.
      const fresh = createTenantStore({ client: slow.client, tableName: name });
      await expect(fresh.ensureTenant(acme('sub-1'))).resolves.toMatchObject({ created: true });
    } finally {
      await slow.stop();
    }
  });
});

describe('ensureTenant', () => {
  it('creates a tenant, active, recording its creator', async () => {
    const { tenant, created } = await store.ensureTenant(acme('sub-1'));
    expect(created).toBe(true);
    expect(tenant).toEqual({
      id: 'acme',
      name: 'acme.example',
      domain: 'acme.example',
      tier: 'free',
      status: 'active',
      createdBy: 'sub-1',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      domains: [],
      admins: ['sub-1'],
    });
  });

  it('leaves an existing tenant as it is, in one round trip', async () => {
    const first = await store.ensureTenant(acme('sub-1'));
    const counter = countRequests(dynamo.client);
    const again = await store.ensureTenant({ ...acme('sub-2'), name: 'other', tier: 'gold' });
    expect(again).toEqual({ tenant: first.tenant, created: false });
    expect(counter.attemptsByCommand()).toEqual({ UpdateItemCommand: 1 });
    counter.stop();
  });

  it('has exactly one creator when twenty race', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.ensureTenant(acme(`sub-${i}`))),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.tenant.createdBy)).size).toBe(1);
  });
});

describe('ensureMembership', () => {
  it('never changes the role of an existing membership', async () => {
    const first = await store.ensureMembership({ sub: 'sub-1', tenantId: 'acme', role: 'admin' });
    const again = await store.ensureMembership({ sub: 'sub-1', tenantId: 'acme', role: 'member' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ membership: first.membership, created: false });
    expect(again.membership.role).toBe('admin');
  });
});

describe('lookup', () => {
  beforeEach(async () => {
    await store.ensureTenant(acme('sub-1'));
    await store.ensureMembership({ sub: 'sub-1', tenantId: 'acme', role: 'admin' });
  });

  it('reads membership and tenant in one BatchGetItem with a tenant hint', async () => {
    const counter = countRequests(dynamo.client);
    const found = await store.lookup('sub-1', { tenantIdHint: 'acme' });
    expect(found?.membership).toMatchObject({ sub: 'sub-1', tenantId: 'acme', role: 'admin' });
    expect(found?.tenant).toMatchObject({ id: 'acme', status: 'active' });
    expect(counter.attemptsByCommand()).toEqual({ BatchGetItemCommand: 1 });
    counter.stop();
  });

  it('queries the memberships, then reads the tenant, without a hint', async () => {
    const counter = countRequests(dynamo.client);
    const found = await store.lookup('sub-1');
    expect(found?.tenant.id).toBe('acme');
    expect(counter.attemptsByCommand()).toEqual({ QueryCommand: 1, GetItemCommand: 1 });
    counter.stop();
  });

  it('falls back to the memberships when the hint is stale', async () => {
    await expect(store.lookup('sub-1', { tenantIdHint: 'globex' })).resolves.toMatchObject({
      tenant: { id: 'acme' },
    });
    await expect(store.lookup('sub-1', { tenantIdHint: 'Not An Id' })).resolves.toMatchObject({
      tenant: { id: 'acme' },
    });
  });

  it('finds nothing for a user without a membership, or whose tenant is gone', async () => {
    await expect(store.lookup('sub-9')).resolves.toBeUndefined();
    await expect(store.lookup('sub-9', { tenantIdHint: 'acme' })).resolves.toBeUndefined();
    await store.ensureMembership({ sub: 'sub-8', tenantId: 'ghost', role: 'member' });
    await expect(store.lookup('sub-8', { tenantIdHint: 'ghost' })).resolves.toBeUndefined();
    await expect(store.lookup('sub-8')).resolves.toBeUndefined();
  });

  it('returns the oldest membership of a user who has several', async () => {
    let tick = Date.parse('2026-01-01T00:00:00Z');
    const clocked = createTenantStore({
      client: dynamo.client,
      tableName,
      now: () => {
        tick += 1000;
        return new Date(tick);
      },
    });
    await clocked.ensureTenant({ ...acme('sub-5'), tenantId: 'zeta' });
    await clocked.ensureMembership({ sub: 'sub-5', tenantId: 'zeta', role: 'admin' });
    await clocked.ensureMembership({ sub: 'sub-5', tenantId: 'acme', role: 'member' });
    await expect(clocked.lookup('sub-5')).resolves.toMatchObject({ tenant: { id: 'zeta' } });
  });

  it('names the item when the table holds a malformed one', async () => {
    await dynamo.client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          PK: { S: 'USER#sub-7' },
          SK: { S: 'TENANT#acme' },
          sub: { S: 'sub-7' },
          tenantId: { S: 'acme' },
          role: { S: 'owner' },
          joinedAt: { S: '2026-01-01T00:00:00.000Z' },
        },
      }),
    );
    await expect(store.lookup('sub-7')).rejects.toThrow(
      new TenantStoreError(
        'item USER#sub-7 / TENANT#acme: attribute "role" is "owner", expected one of admin, member',
      ),
    );
  });
});

describe('setTenantStatus and listMembers', () => {
  it('suspends and reactivates a tenant', async () => {
    await store.ensureTenant(acme('sub-1'));
    await expect(store.setTenantStatus('acme', 'suspended')).resolves.toMatchObject({
      status: 'suspended',
    });
    // Provisioning later never reactivates it.
    const again = await store.ensureTenant(acme('sub-2'));
    expect(again.tenant.status).toBe('suspended');
    await expect(store.setTenantStatus('acme', 'active')).resolves.toMatchObject({
      status: 'active',
    });
  });

  it('refuses to change the status of a tenant that does not exist', async () => {
    const error = await store.setTenantStatus('ghost', 'suspended').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenancyError);
    expect(error).toMatchObject({ code: 'TENANT_NOT_FOUND' });
    await expect(scanTable(dynamo.client, tableName)).resolves.toEqual([]);
  });

  it("lists a tenant's members through the inverted index", async () => {
    await store.ensureMembership({ sub: 'sub-1', tenantId: 'acme', role: 'admin' });
    await store.ensureMembership({ sub: 'sub-2', tenantId: 'acme', role: 'member' });
    await store.ensureMembership({ sub: 'sub-3', tenantId: 'globex', role: 'admin' });
    const members = await store.listMembers('acme');
    expect(members.map(({ sub, role }) => ({ sub, role }))).toEqual([
      { sub: 'sub-1', role: 'admin' },
      { sub: 'sub-2', role: 'member' },
    ]);
  });
});

describe('removeMembership and admitMember', () => {
  it('dates a removal once, however often retried, and a removal after a revival anew', async () => {
    let clock = Date.parse('2026-12-01T00:00:00.000Z');
    const timed = createTenantStore({
      client: dynamo.client,
      tableName,
      now: () => new Date(clock),
    });
    const member = { sub: 'sub-1', tenantId: 'acme', role: 'member' as const, by: 'op:a' };
    await timed.admitMember(member);
    clock += 1000;
    const first = await timed.removeMembership('sub-1', 'acme', 'op:a');
    clock += 1000;
    const retry = await timed.removeMembership('sub-1', 'acme', 'op:b');
    expect(retry).toMatchObject({
      status: 'removed',
      updatedAt: first.updatedAt,
      updatedBy: 'op:a',
    });

    clock += 1000;
    await timed.admitMember({ ...member, by: 'op:c' });
    clock += 1000;
    const second = await timed.removeMembership('sub-1', 'acme', 'op:d');
    expect(second).toMatchObject({
      status: 'removed',
      updatedAt: '2026-12-01T00:00:04.000Z',
      updatedBy: 'op:d',
    });
  });
});

describe('invitations', () => {
  const SUB = 'inv-sub-1';
  const inFuture = () => new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const invite = (overrides: Partial<Parameters<TenantStore['createInvitation']>[0]> = {}) =>
    store.createInvitation({
      sub: SUB,
      tenantId: 'acme',
      role: 'admin',
      email: ' Ana@Acme.Example ',
      invitedBy: 'operator:ops',
      expiresAt: inFuture(),
      ...overrides,
    });

  it('records an invitation bound to the user, pending, with the address lower-case', async () => {
    const invitation = await invite();
    expect(invitation).toEqual({
      sub: SUB,
      tenantId: 'acme',
      role: 'admin',
      email: 'ana@acme.example',
      invitedBy: 'operator:ops',
      status: 'pending',
      createdAt: expect.stringMatching(/^\d{4}-/),
      expiresAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(await store.listInvitations('acme')).toEqual([invitation]);
  });

  it('reads a user’s invitations in the same one query that finds no membership', async () => {
    await invite();
    const counter = countRequests(dynamo.client);
    const record = await store.lookupUser(SUB, { tenantIdHint: 'acme' });
    expect(record).toMatchObject({ current: undefined, invitations: [{ tenantId: 'acme' }] });
    // The hint's BatchGetItem finds no membership, then one Query reads every item of the user.
    expect(counter.attemptsByCommand()).toEqual({ BatchGetItemCommand: 1, QueryCommand: 1 });
    counter.stop();
  });

  it('keeps invitations out of a tenant’s members, and members out of its invitations', async () => {
    await store.ensureTenant(acme('sub-1'));
    await store.ensureMembership({ sub: 'sub-1', tenantId: 'acme', role: 'admin' });
    await invite();
    expect((await store.listMembers('acme')).map((m) => m.sub)).toEqual(['sub-1']);
    expect((await store.listInvitations('acme')).map((i) => i.sub)).toEqual([SUB]);
  });

  it('accepts a pending invitation once, and again on a retry', async () => {
    await invite();
    const accepted = await store.acceptInvitation(SUB, 'acme');
    expect(accepted).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String) });
    await expect(store.acceptInvitation(SUB, 'acme')).resolves.toMatchObject({
      acceptedAt: accepted.acceptedAt,
    });
  });

  it('refuses to accept a revoked, an expired or a missing invitation', async () => {
    await invite();
    await store.revokeInvitation(SUB, 'acme');
    await invite({ tenantId: 'globex', expiresAt: new Date(Date.now() - 1) });
    for (const tenantId of ['acme', 'globex', 'initech']) {
      await expect(store.acceptInvitation(SUB, tenantId)).rejects.toMatchObject({
        name: 'TenancyError',
        code: 'TENANT_INVITATION_INVALID',
      });
    }
    expect((await scanTable(dynamo.client, tableName)).map((item) => item.status?.S)).toEqual([
      'revoked',
      'pending',
    ]);
  });

  it('lets exactly one of a racing revocation and acceptance win', async () => {
    for (let round = 0; round < 10; round += 1) {
      const sub = `race-${round}`;
      await invite({ sub });
      const [accepted, revoked] = await Promise.allSettled([
        store.acceptInvitation(sub, 'acme'),
        store.revokeInvitation(sub, 'acme'),
      ]);
      expect([accepted.status, revoked.status].sort()).toEqual(['fulfilled', 'rejected']);
    }
  });

  it('sends a pending invitation anew, but never rewrites an accepted one', async () => {
    await invite({ role: 'member' });
    await expect(invite({ role: 'admin', invitedBy: 'operator:lead' })).resolves.toMatchObject({
      role: 'admin',
      invitedBy: 'operator:lead',
      status: 'pending',
    });
    await store.acceptInvitation(SUB, 'acme');
    await expect(invite({ role: 'member' })).rejects.toMatchObject({
      code: 'TENANT_INVITATION_INVALID',
    });
    expect((await store.listInvitations('acme'))[0]).toMatchObject({
      role: 'admin',
      status: 'accepted',
    });
  });

  it('refuses malformed input without writing', async () => {
    await expect(invite({ tenantId: '../globex' })).rejects.toThrow(/not a tenant id/);
    await expect(invite({ role: 'owner' as 'admin' })).rejects.toThrow(/not a role/);
    await expect(invite({ email: '  ' })).rejects.toThrow(/required/);
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
  });
});
