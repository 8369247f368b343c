import { defineConfig } from '@cognito-triggers/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admissionFor,
  createTenant,
  createTenantStore,
  createTenantTable,
  inviteMember,
  type OperationContext,
  OperationError,
  type PoolAdmin,
  provisionUser,
  removeMember,
  setMemberRole,
  TenancyError,
  type TenantStore,
  tenancyPolicyVariables,
} from '../src/index.js';
import {
  createMemoryPool,
  type LocalDynamo,
  type MemoryPool,
  startDynamo,
  uniqueTableName,
} from '../src/testing/index.js';

const context: OperationContext = {
  userPoolId: 'eu-west-1_EXAMPLE01',
  adminGroup: 'tenant-admin',
  memberGroup: 'tenant-member',
  actor: 'operator:test',
};
const policy = defineConfig(tenancyPolicyVariables).load({
  TENANT_DOMAIN_MAP: 'acme.example=acme',
});
/** `root` is the first admin; `u0`, `u1` exist in the pool; `new` exists once invited. */
const USERS = ['root', 'u0', 'u1', 'new'] as const;

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(() => dynamo.stop());

/**
 * Every method call waits first for a delay the property chose (0 to 3 ms, in turn from a
 * generated list): the operations' steps interleave differently in every run, and a failing run
 * shrinks to the operations and delays that broke it.
 */
function delayed<T extends object>(delays: readonly number[], target: T): T {
  let next = 0;
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const ms = delays[next % delays.length] ?? 0;
        next += 1;
        await new Promise((resolve) => setTimeout(resolve, ms));
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

type Operation =
  | {
      readonly kind: 'invite';
      readonly user: (typeof USERS)[number];
      readonly role: 'admin' | 'member';
    }
  | {
      readonly kind: 'set-role';
      readonly user: (typeof USERS)[number];
      readonly role: 'admin' | 'member';
    }
  | { readonly kind: 'remove'; readonly user: (typeof USERS)[number] }
  | { readonly kind: 'sign-in'; readonly user: (typeof USERS)[number] };

const user = fc.constantFrom(...USERS);
const role = fc.constantFrom('admin' as const, 'member' as const);
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('invite' as const), user, role }),
  fc.record({ kind: fc.constant('set-role' as const), user, role }),
  fc.record({ kind: fc.constant('remove' as const), user }),
  fc.record({ kind: fc.constant('sign-in' as const), user }),
);

function subOf(pool: MemoryPool, name: string): string | undefined {
  return pool.users.find((candidate) => candidate.email === `${name}@acme.example`)?.sub;
}

/**
 * A sign-in through the token trigger's healing path: a user without an active membership is
 * admitted by their invitation, else by their verified email (the domain maps to `acme`). An
 * invitee's first sign-in confirms them, as the new-password challenge does.
 */
async function signIn(store: TenantStore, pool: MemoryPool, sub: string, name: string) {
  const record = await store.lookupUser(sub);
  if (record.current !== undefined) return;
  const attributes = { email: `${name}@acme.example`, email_verified: 'true' };
  const admission = admissionFor({ username: sub, attributes }, sub, record, policy);
  await provisionUser(
    {
      store,
      directory: { setTenantId: async () => {}, addToGroup: async () => {} },
    },
    { userPoolId: context.userPoolId, username: sub, sub, admission },
    policy,
  );
  const user = pool.users.find((candidate) => candidate.sub === sub);
  if (user !== undefined) user.status = 'CONFIRMED';
}

/** Runs one operation; a refusal (the guard, not a member, …) is an outcome, not a failure. */
async function run(
  op: Operation,
  deps: { store: TenantStore; pool: PoolAdmin },
  pool: MemoryPool,
): Promise<'done' | 'refused'> {
  const sub = subOf(pool, op.user);
  if (sub === undefined && op.kind !== 'invite') return 'refused';
  try {
    switch (op.kind) {
      case 'invite':
        await inviteMember(deps, context, {
          tenantId: 'acme',
          email: `${op.user}@acme.example`,
          role: op.role,
        });
        return 'done';
      case 'set-role':
        await setMemberRole(deps, context, {
          tenantId: 'acme',
          user: pool.user(sub ?? ''),
          role: op.role,
        });
        return 'done';
      case 'remove':
        await removeMember(deps, context, { tenantId: 'acme', user: pool.user(sub ?? '') });
        return 'done';
      case 'sign-in':
        await signIn(deps.store, pool, sub ?? '', op.user);
        return 'done';
      default:
        return op satisfies never;
    }
  } catch (error) {
    if (error instanceof OperationError || error instanceof TenancyError) return 'refused';
    throw error;
  }
}

describe('tenant lifecycle under any interleaving (dynalite, generated delays)', () => {
  it('ends with the tenant’s admins exactly the active admin memberships, never none, each made admin by an operation, and removed members kept out', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Rounds run one after the other; the operations of a round run at once.
        fc.array(fc.array(operation, { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.nat(3), { minLength: 1, maxLength: 16 }),
        async (rounds, delays) => {
          const tableName = uniqueTableName();
          await createTenantTable(dynamo.client, tableName);
          const store = createTenantStore({ client: dynamo.client, tableName });
          const pool = createMemoryPool();
          for (const name of USERS) {
            if (name !== 'new') pool.addUser({ email: `${name}@acme.example` });
          }
          // The tenant and its first admin, root, before the interleaving starts.
          await createTenant({ store, pool }, context, { tenantId: 'acme', name: 'Acme' });
          await inviteMember({ store, pool }, context, {
            tenantId: 'acme',
            email: 'root@acme.example',
            role: 'admin',
          });

          const deps = { store: delayed(delays, store), pool: delayed(delays, pool as PoolAdmin) };
          const ops = rounds.flat();
          const results: ('done' | 'refused')[] = [];
          for (const round of rounds) {
            results.push(...(await Promise.all(round.map((op) => run(op, deps, pool)))));
          }
          const subs = Object.fromEntries(USERS.map((name) => [name, subOf(pool, name) ?? '']));

          const members = await store.listMembers('acme');
          const activeAdmins = members
            .filter((m) => m.status === 'active' && m.role === 'admin')
            .map((m) => m.sub)
            .sort();
          const tenant = await store.getTenant('acme');
          expect(tenant?.admins).toEqual(activeAdmins);
          expect(activeAdmins.length).toBeGreaterThan(0);
          const madeAdmin = new Set([subs.root]);
          ops.forEach((op, index) => {
            if (results[index] === 'done' && 'role' in op && op.role === 'admin') {
              madeAdmin.add(subs[op.user] ?? '');
            }
          });
          for (const admin of activeAdmins) expect(madeAdmin.has(admin)).toBe(true);

          // A removed member stays out: a sign-in after the interleaving revives only a member
          // who holds a pending invitation (invited again), never by an invitation once accepted
          // or by the email's domain.
          for (const name of USERS) {
            const sub = subs[name] ?? '';
            if (sub === '') continue;
            const before = await store.lookupUser(sub);
            if (before.current !== undefined || before.removed.length === 0) continue;
            const invitedAgain = before.invitations.some((i) => i.status === 'pending');
            await signIn(store, pool, sub, name).catch((error: unknown) => {
              if (!(error instanceof TenancyError)) throw error;
            });
            const after = await store.lookupUser(sub);
            expect({ name, active: after.current !== undefined }).toEqual({
              name,
              active: invitedAgain,
            });
          }
        },
      ),
      {
        numRuns: 100,
        examples: [
          // Found by CI (seed 766772020): u0 demoted and promoted at once while root is demoted;
          // an unguarded settle took the last admin out.
          [
            [
              [{ kind: 'invite', user: 'u0', role: 'admin' }],
              [
                { kind: 'set-role', user: 'root', role: 'member' },
                { kind: 'set-role', user: 'u0', role: 'member' },
                { kind: 'set-role', user: 'u0', role: 'admin' },
              ],
              [{ kind: 'remove', user: 'root' }],
            ],
            [0, 2],
          ],
          // Found by CI (seed -535701816): an invitee signs in while they are invited again; the
          // second invitation's message went to a user who was no longer an invitee.
          [
            [
              [{ kind: 'invite', user: 'new', role: 'admin' }],
              [
                { kind: 'remove', user: 'new' },
                { kind: 'set-role', user: 'root', role: 'admin' },
              ],
              [
                { kind: 'sign-in', user: 'new' },
                { kind: 'invite', user: 'new', role: 'admin' },
              ],
            ],
            [0],
          ],
        ],
      },
    );
  }, 120_000);
});
