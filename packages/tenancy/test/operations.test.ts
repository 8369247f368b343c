import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTenant,
  createTenantStore,
  createTenantTable,
  describeTenant,
  inviteMember,
  type OperationContext,
  OperationError,
  type PoolAdmin,
  removeMember,
  resumeTenant,
  setMemberRole,
  suspendTenant,
  type TenantStore,
} from '../src/index.js';
import {
  createMemoryPool,
  type LocalDynamo,
  type MemoryPool,
  scanTable,
  startDynamo,
  uniqueTableName,
} from '../src/testing/index.js';

let dynamo: LocalDynamo;
let store: TenantStore;
let pool: MemoryPool;
let tableName: string;

const context: OperationContext = {
  userPoolId: 'eu-west-1_EXAMPLE01',
  adminGroup: 'tenant-admin',
  memberGroup: 'tenant-member',
  actor: 'operator:test',
};

beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(() => dynamo.stop());
beforeEach(async () => {
  tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  store = createTenantStore({ client: dynamo.client, tableName });
  pool = createMemoryPool({ refuse: (email) => email.endsWith('@refused.example') });
});

const deps = () => ({ store, pool });
const codeOf = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    return error instanceof OperationError ? error.code : String(error);
  }
  return 'no error';
};
const acme = () => createTenant(deps(), context, { tenantId: 'acme', name: 'Acme' });

/** A tenant with one admin who signed in (a confirmed pool user with the tenant and group). */
async function tenantWithAdmin(email = 'ada@acme.example') {
  await acme();
  const user = pool.addUser({ email });
  await inviteMember(deps(), context, { tenantId: 'acme', email, role: 'admin' });
  return pool.user(user.sub);
}

/** A confirmed pool user who gets a membership of acme with `role` through an invitation. */
async function acmeUser(role: 'admin' | 'member', email = 'bo@acme.example') {
  const user = pool.addUser({ email });
  await inviteMember(deps(), context, { tenantId: 'acme', email, role });
  return user;
}

/** A gate that held calls wait at until `release()`; `reached()` resolves once one is held. */
function gate() {
  let release: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = false;
  return {
    async hold() {
      held = true;
      await opened;
    },
    release,
    async reached() {
      while (!held) await new Promise((resolve) => setTimeout(resolve, 1));
    },
  };
}

describe('createTenant', () => {
  it('creates a tenant, claims its domains, and is idempotent', async () => {
    const first = await createTenant(deps(), context, {
      tenantId: 'acme',
      name: 'Acme',
      domains: ['Acme.example', 'acme.io'],
      tier: 'gold',
    });
    expect(first).toMatchObject({
      created: true,
      claimedDomains: ['acme.example', 'acme.io'],
      tenant: { id: 'acme', name: 'Acme', tier: 'gold', domains: ['acme.example', 'acme.io'] },
    });
    const again = await createTenant(deps(), context, {
      tenantId: 'acme',
      name: 'Acme',
      domains: ['acme.example'],
    });
    expect(again).toMatchObject({ created: false, claimedDomains: [] });
    expect(await store.getDomainClaim('acme.io')).toMatchObject({ tenantId: 'acme' });
  });

  it('refuses a domain another tenant claims, writing nothing', async () => {
    await createTenant(deps(), context, { tenantId: 'acme', name: 'Acme', domains: ['acme.io'] });
    const before = await scanTable(dynamo.client, tableName);
    expect(
      await codeOf(
        createTenant(deps(), context, { tenantId: 'globex', name: 'Globex', domains: ['acme.io'] }),
      ),
    ).toBe('DOMAIN_TAKEN');
    expect(await scanTable(dynamo.client, tableName)).toEqual(before);
  });

  it.each([
    [{ tenantId: 'Acme', name: 'Acme' }],
    [{ tenantId: 'user-1', name: 'Personal' }],
    [{ tenantId: 'acme', name: ' ' }],
    [{ tenantId: 'acme', name: 'Acme', domains: ['not a domain'] }],
    [{ tenantId: 'acme', name: 'Acme', tier: 'Gold Plus' }],
    [{ tenantId: 'acme', name: 'Acme', adminEmail: 'not-an-email' }],
  ])('refuses malformed input %j, writing nothing', async (request) => {
    expect(await codeOf(createTenant(deps(), context, request))).toBe('INVALID_INPUT');
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
  });

  it('undoes the tenant and its claims when the pool refuses the first admin', async () => {
    const code = await codeOf(
      createTenant(deps(), context, {
        tenantId: 'acme',
        name: 'Acme',
        domains: ['acme.io'],
        adminEmail: 'boss@refused.example',
      }),
    );
    expect(code).toBe('INVITE_REFUSED');
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    expect(pool.users).toEqual([]);
  });

  it('invites the first admin', async () => {
    const { admin } = await createTenant(deps(), context, {
      tenantId: 'acme',
      name: 'Acme',
      adminEmail: 'boss@acme.example',
    });
    expect(admin).toMatchObject({
      outcome: 'invited',
      invitation: { tenantId: 'acme', role: 'admin', email: 'boss@acme.example' },
    });
  });
});

describe('inviteMember', () => {
  it('creates an invitee without a message, records the invitation, then sends the message', async () => {
    await acme();
    const result = await inviteMember(deps(), context, {
      tenantId: 'acme',
      email: 'New.Hire@Acme.example',
      role: 'member',
    });
    expect(result).toMatchObject({
      outcome: 'invited',
      user: { email: 'new.hire@acme.example', status: 'FORCE_CHANGE_PASSWORD' },
      invitation: { role: 'member', status: 'pending', invitedBy: 'operator:test' },
    });
    const [user] = pool.users;
    expect(user?.invitations).toBe(1);
    const { invitations } = await store.lookupUser(user?.sub ?? '');
    expect(invitations).toHaveLength(1);
  });

  it('sends an invitation again to an invitee who has not signed in, with the new role', async () => {
    await acme();
    await inviteMember(deps(), context, {
      tenantId: 'acme',
      email: 'x@acme.example',
      role: 'member',
    });
    const again = await inviteMember(deps(), context, {
      tenantId: 'acme',
      email: 'x@acme.example',
      role: 'admin',
    });
    expect(again).toMatchObject({ outcome: 're-sent', invitation: { role: 'admin' } });
    expect(pool.users[0]?.invitations).toBe(2);
  });

  it('invites as a user an invitee who signs in while their invitation is sent again', async () => {
    await acme();
    await inviteMember(deps(), context, {
      tenantId: 'acme',
      email: 'x@acme.example',
      role: 'member',
    });
    const invitee = pool.users[0];
    if (invitee === undefined) throw new Error('no invitee');
    // The invitee signs in between the operation's read of the pool and its message.
    const racing: PoolAdmin = {
      ...pool,
      async findUsers(...args) {
        const found = await pool.findUsers(...args);
        invitee.status = 'CONFIRMED';
        return found;
      },
    };

    const again = await inviteMember({ store, pool: racing }, context, {
      tenantId: 'acme',
      email: 'x@acme.example',
      role: 'admin',
    });

    expect(again).toMatchObject({ outcome: 'added', membership: { role: 'admin' } });
    expect(invitee.invitations).toBe(1);
  });

  it('gives an existing user the membership directly, and this tenant when they have none', async () => {
    await acme();
    const bo = pool.addUser({ email: 'bo@acme.example' });
    const result = await inviteMember(deps(), context, {
      tenantId: 'acme',
      email: 'bo@acme.example',
      role: 'admin',
    });
    expect(result).toMatchObject({
      outcome: 'added',
      membership: { role: 'admin', status: 'active' },
    });
    expect(bo.tenantId).toBe('acme');
    expect([...bo.groups]).toEqual(['tenant-admin']);
    expect((await store.getTenant('acme'))?.admins).toEqual([bo.sub]);
  });

  it('refuses to admit an existing user who has not verified the address, changing nothing', async () => {
    await acme();
    // A sign-up auto-confirmed without a code (AUTO_CONFIRM_USERS): anyone can register an address.
    const squatter = pool.addUser({ email: 'ceo@acme.example', emailVerified: false });
    const attempt = inviteMember(deps(), context, {
      tenantId: 'acme',
      email: 'ceo@acme.example',
      role: 'admin',
    });

    await expect(attempt).rejects.toMatchObject({
      code: 'USER_EMAIL_UNVERIFIED',
      message: `ceo@acme.example belongs to user ${squatter.sub}, who has not verified it: anyone could have registered it, so the invitation cannot admit them. Ask them to verify the address, then invite again`,
    });
    expect(await store.getMembership(squatter.sub, 'acme')).toBeUndefined();
    expect(await store.listInvitations('acme')).toEqual([]);
    expect(squatter.tenantId).toBeUndefined();
    expect([...squatter.groups]).toEqual([]);
  });

  it('leaves an existing member’s role as it is', async () => {
    const ada = await tenantWithAdmin();
    const result = await inviteMember(deps(), context, {
      tenantId: 'acme',
      email: ada.email ?? '',
      role: 'member',
    });
    expect(result).toMatchObject({ outcome: 'already-member', membership: { role: 'admin' } });
  });

  it('refuses an unknown tenant, a malformed address, or an address the pool refuses', async () => {
    expect(
      await codeOf(
        inviteMember(deps(), context, { tenantId: 'nope', email: 'a@b.example', role: 'member' }),
      ),
    ).toBe('TENANT_NOT_FOUND');
    await acme();
    expect(
      await codeOf(
        inviteMember(deps(), context, { tenantId: 'acme', email: 'nope', role: 'member' }),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        inviteMember(deps(), context, {
          tenantId: 'acme',
          email: 'a@refused.example',
          role: 'member',
        }),
      ),
    ).toBe('INVITE_REFUSED');
    expect(pool.users).toEqual([]);
    expect((await scanTable(dynamo.client, tableName)).map((item) => item.type?.S)).toEqual([
      'tenant',
    ]);
  });
});

describe('setMemberRole', () => {
  it('promotes a member: the role, the tenant’s admins, one role group, and a sign-out', async () => {
    await tenantWithAdmin();
    const bo = await acmeUser('member');
    const change = await setMemberRole(deps(), context, {
      tenantId: 'acme',
      user: pool.user(bo.sub),
      role: 'admin',
    });
    expect(change).toMatchObject({ changed: true, signedOut: true, membership: { role: 'admin' } });
    expect([...bo.groups]).toEqual(['tenant-admin']);
    expect(bo.refreshTokens.size).toBe(0);
    expect((await store.getTenant('acme'))?.admins).toContain(bo.sub);
  });

  it('refuses to demote the last admin, changing nothing; force does it', async () => {
    const ada = await tenantWithAdmin();
    const before = await scanTable(dynamo.client, tableName);
    expect(
      await codeOf(setMemberRole(deps(), context, { tenantId: 'acme', user: ada, role: 'member' })),
    ).toBe('LAST_ADMIN');
    expect(await scanTable(dynamo.client, tableName)).toEqual(before);
    await setMemberRole(deps(), context, {
      tenantId: 'acme',
      user: ada,
      role: 'member',
      force: true,
    });
    expect((await store.getTenant('acme'))?.admins).toEqual([]);
    expect(await store.getMembership(ada.sub, 'acme')).toMatchObject({ role: 'member' });
  });

  it('refuses a user who is not a member', async () => {
    await acme();
    const stranger = pool.addUser({ email: 'x@other.example' });
    expect(
      await codeOf(
        setMemberRole(deps(), context, {
          tenantId: 'acme',
          user: pool.user(stranger.sub),
          role: 'admin',
        }),
      ),
    ).toBe('MEMBER_NOT_FOUND');
  });
});

describe('removeMember', () => {
  it('tombstones the membership, takes the tenant and role groups away, and signs the user out', async () => {
    await tenantWithAdmin();
    const bo = await acmeUser('member');
    const removal = await removeMember(deps(), context, {
      tenantId: 'acme',
      user: pool.user(bo.sub),
    });
    expect(removal).toMatchObject({ removed: true, membership: { status: 'removed' } });
    expect(bo.tenantId).toBeUndefined();
    expect([...bo.groups]).toEqual([]);
    expect(bo.refreshTokens.size).toBe(0);
    expect((await store.lookupUser(bo.sub)).removed).toHaveLength(1);
    // A retry changes nothing and fails nothing.
    await removeMember(deps(), context, { tenantId: 'acme', user: pool.user(bo.sub) });
  });

  it('keeps the last admin unless forced', async () => {
    const ada = await tenantWithAdmin();
    expect(await codeOf(removeMember(deps(), context, { tenantId: 'acme', user: ada }))).toBe(
      'LAST_ADMIN',
    );
    expect(await store.getMembership(ada.sub, 'acme')).toMatchObject({ status: 'active' });
  });

  it('revokes a pending invitation, and a new invitation revives the member with its role', async () => {
    await acme();
    await inviteMember(deps(), context, {
      tenantId: 'acme',
      email: 'inv@acme.example',
      role: 'member',
    });
    const invitee = pool.users[0];
    const removal = await removeMember(deps(), context, {
      tenantId: 'acme',
      user: pool.user(invitee?.sub ?? ''),
    });
    expect(removal).toMatchObject({ revokedInvitation: true, membership: undefined });
    expect((await store.lookupUser(invitee?.sub ?? '')).invitations[0]?.status).toBe('revoked');

    const bo = await acmeUser('member');
    await removeMember(deps(), context, { tenantId: 'acme', user: pool.user(bo.sub) });
    const back = await inviteMember(deps(), context, {
      tenantId: 'acme',
      email: 'bo@acme.example',
      role: 'admin',
    });
    expect(back).toMatchObject({
      outcome: 'added',
      membership: { role: 'admin', status: 'active' },
    });
  });
});

describe('suspendTenant, resumeTenant, describeTenant', () => {
  it('switches a tenant off and on, and refuses an unknown one', async () => {
    await acme();
    expect((await suspendTenant(deps(), context, 'acme')).status).toBe('suspended');
    expect((await resumeTenant(deps(), context, 'acme')).status).toBe('active');
    expect(await codeOf(suspendTenant(deps(), context, 'nope'))).toBe('TENANT_NOT_FOUND');
  });

  it('describes a tenant with its members’ addresses and its invitations', async () => {
    await tenantWithAdmin();
    await inviteMember(deps(), context, {
      tenantId: 'acme',
      email: 'inv@acme.example',
      role: 'member',
    });
    const description = await describeTenant(deps(), context, 'acme');
    expect(description.members.map((m) => [m.user?.email, m.membership.role])).toEqual([
      ['ada@acme.example', 'admin'],
    ]);
    expect(description.invitations.map((i) => i.email)).toEqual(['inv@acme.example']);
  });
});

describe('concurrent operations converge (dynalite)', () => {
  it('twenty concurrent invitations of twenty addresses: twenty invitees, twenty records', async () => {
    await acme();
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        inviteMember(deps(), context, {
          tenantId: 'acme',
          email: `u${n}@acme.example`,
          role: 'member',
        }),
      ),
    );
    expect(pool.users).toHaveLength(20);
    expect(await store.listInvitations('acme')).toHaveLength(20);
  });

  it('twenty concurrent set-role calls on one member: the role and the tenant’s admins agree', async () => {
    await tenantWithAdmin();
    const bo = await acmeUser('member');
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        setMemberRole(deps(), context, {
          tenantId: 'acme',
          user: pool.user(bo.sub),
          role: n % 2 === 0 ? 'admin' : 'member',
        }),
      ),
    );
    const membership = await store.getMembership(bo.sub, 'acme');
    const admins = (await store.getTenant('acme'))?.admins ?? [];
    expect(admins.includes(bo.sub)).toBe(membership?.role === 'admin');
    // Exactly one role group, the store's role's.
    const roleGroup = membership?.role === 'admin' ? 'tenant-admin' : 'tenant-member';
    expect([...bo.groups]).toEqual([roleGroup]);
  });

  it('a promotion overtaken by a demotion of the same member: the role and the admins still agree', async () => {
    await tenantWithAdmin();
    const bo = await acmeUser('member');
    // The promotion writes the role, then waits at its next store call until the demotion ends.
    const after = gate();
    let roleWritten = false;
    const held = new Proxy(store, {
      get(object, property) {
        const value = Reflect.get(object, property);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (roleWritten) await after.hold();
          const result = await (value as (...a: unknown[]) => unknown).apply(object, args);
          if (property === 'setMembershipRole') roleWritten = true;
          return result;
        };
      },
    });
    const promotion = setMemberRole({ store: held, pool }, context, {
      tenantId: 'acme',
      user: pool.user(bo.sub),
      role: 'admin',
    });
    await after.reached();
    await setMemberRole(deps(), context, {
      tenantId: 'acme',
      user: pool.user(bo.sub),
      role: 'member',
    });
    after.release();
    await promotion;
    const membership = await store.getMembership(bo.sub, 'acme');
    expect(membership?.role).toBe('member');
    expect((await store.getTenant('acme'))?.admins).not.toContain(bo.sub);
    expect([...bo.groups]).toEqual(['tenant-member']);
  });

  it('a promotion whose group write lands after a demotion: the groups follow the store', async () => {
    await tenantWithAdmin();
    const bo = await acmeUser('member');
    // The promotion reads the store (admin), then its group write waits until the demotion,
    // store and groups, is over: Cognito has no conditional write to refuse it.
    const groupWrite = gate();
    let holding = true;
    const slowPool = new Proxy(pool, {
      get(object, property) {
        const value = Reflect.get(object, property);
        if (property !== 'addToGroup' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (args[2] === 'tenant-admin' && holding) {
            holding = false;
            await groupWrite.hold();
          }
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
    const promotion = setMemberRole({ store, pool: slowPool }, context, {
      tenantId: 'acme',
      user: pool.user(bo.sub),
      role: 'admin',
    });
    await groupWrite.reached();
    await setMemberRole(deps(), context, {
      tenantId: 'acme',
      user: pool.user(bo.sub),
      role: 'member',
    });
    expect([...bo.groups]).toEqual(['tenant-member']);
    groupWrite.release();
    await promotion;
    expect((await store.getMembership(bo.sub, 'acme'))?.role).toBe('member');
    expect([...bo.groups]).toEqual(['tenant-member']);
  });

  it('a role change racing a removal: no role group is left to a removed member', async () => {
    await tenantWithAdmin();
    const bo = await acmeUser('member');
    const user = pool.user(bo.sub);
    const results = await Promise.allSettled([
      setMemberRole(deps(), context, { tenantId: 'acme', user, role: 'admin' }),
      removeMember(deps(), context, { tenantId: 'acme', user }),
    ]);
    expect(results[1].status).toBe('fulfilled');
    expect((await store.getMembership(bo.sub, 'acme'))?.status).toBe('removed');
    expect([...bo.groups]).toEqual([]);
    expect((await store.getTenant('acme'))?.admins).not.toContain(bo.sub);
  });

  it('two admins demoting each other at once: exactly one succeeds, one admin remains', async () => {
    const ada = await tenantWithAdmin();
    const bo = await acmeUser('admin');
    const results = await Promise.allSettled([
      setMemberRole(deps(), context, { tenantId: 'acme', user: ada, role: 'member' }),
      setMemberRole(deps(), context, { tenantId: 'acme', user: pool.user(bo.sub), role: 'member' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const members = await store.listMembers('acme');
    expect(members.filter((m) => m.role === 'admin')).toHaveLength(1);
    expect((await store.getTenant('acme'))?.admins).toHaveLength(1);
  });
});
