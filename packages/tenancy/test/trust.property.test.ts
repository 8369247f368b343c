import { defineConfig } from '@cognito-triggers/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admissionFor,
  createTenantStore,
  createTenantTable,
  provisionUser,
  resolveTenant,
  TenancyError,
  type TenantStore,
  tenancyPolicyVariables,
  type UserDirectory,
} from '../src/index.js';
import { type LocalDynamo, startDynamo, uniqueTableName } from '../src/testing/index.js';
import {
  emailIsProven,
  generatedInvitation,
  generatedUser,
  invitationAdmits,
  invitationFor,
  TRUST_WORLD,
} from '../src/testing/trust.js';

const POOL = 'eu-west-1_EXAMPLE01';
const NOW = new Date();
const policy = defineConfig(tenancyPolicyVariables).load({
  TENANT_DOMAIN_MAP: TRUST_WORLD.domainMap,
  AUTHORITATIVE_IDPS: TRUST_WORLD.authoritativeIdps,
});

let dynamo: LocalDynamo;
let store: TenantStore;

beforeAll(async () => {
  dynamo = await startDynamo();
  const tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  store = createTenantStore({ client: dynamo.client, tableName });
  // Two companies whose tenants exist, created by their own admins.
  for (const tenantId of [TRUST_WORLD.victimTenant, 'acme']) {
    await store.ensureTenant({
      tenantId,
      name: tenantId,
      domain: `${tenantId}.test`,
      tier: 'gold',
      createdBy: `admin-of-${tenantId}`,
    });
  }
});
afterAll(() => dynamo.stop());

/** A directory that records what provisioning wrote to Cognito, per user. */
function recordingDirectory() {
  const writes: { username: string; call: string; value: string }[] = [];
  const directory: UserDirectory = {
    async setTenantId(user, tenantId) {
      writes.push({ username: user.username, call: 'setTenantId', value: tenantId });
    },
    async addToGroup(user, group) {
      writes.push({ username: user.username, call: 'addToGroup', value: group });
    },
  };
  return { directory, writes };
}

let counter = 0;

describe('tenant trust, for any user an attacker can shape (dynalite)', () => {
  it('writes no tenant and no role for a user with neither a proven email nor an invitation, and never takes the tenant from an attribute', async () => {
    await fc.assert(
      fc.asyncProperty(generatedUser, generatedInvitation, async (user, shape) => {
        // A fresh user for every run, shrinking included: the store keeps what earlier runs wrote.
        counter += 1;
        const sub = `prop-${counter}`;
        const invitation = invitationFor(shape, sub, NOW);
        const username = `${user.username}-${sub}`;
        if (invitation !== undefined) {
          const { sub: invitee, tenantId } = invitation;
          await store.createInvitation({
            ...invitation,
            expiresAt: new Date(invitation.expiresAt),
          });
          if (invitation.status === 'revoked') await store.revokeInvitation(invitee, tenantId);
        }
        const { directory, writes } = recordingDirectory();

        let outcome: 'provisioned' | 'refused';
        let result: Awaited<ReturnType<typeof provisionUser>> | undefined;
        try {
          const record = await store.lookupUser(sub);
          const admission = admissionFor(
            { username: user.username, attributes: user.attributes },
            sub,
            record,
            policy,
            NOW,
          );
          result = await provisionUser(
            { store, directory },
            { userPoolId: POOL, username, sub, admission },
            policy,
          );
          outcome = 'provisioned';
        } catch (error) {
          if (!(error instanceof TenancyError)) throw error;
          outcome = 'refused';
        }

        const admittedByInvitation = invitationAdmits(invitation, sub, NOW);
        const stored = await store.lookup(sub);
        if (!admittedByInvitation && !emailIsProven(user)) {
          expect(outcome).toBe('refused');
          expect(stored).toBeUndefined();
          expect(writes).toEqual([]);
          return;
        }
        if (outcome === 'refused') {
          expect(stored).toBeUndefined();
          return;
        }
        // Provisioned: the tenant is the invitation's, or the proven email's, never an attribute's.
        const allowed = new Set<string>();
        if (admittedByInvitation && invitation !== undefined) allowed.add(invitation.tenantId);
        else
          allowed.add(
            resolveTenant({ sub, email: String(user.attributes.email).trim() }, policy).tenantId,
          );
        expect(allowed.has(result?.tenant.id ?? '')).toBe(true);
        expect(stored?.tenant.id).toBe(result?.tenant.id);
        expect(writes.filter((w) => w.call === 'setTenantId').map((w) => w.value)).toEqual([
          result?.tenant.id,
        ]);
        // Admin only by invitation as admin, or as the creator of a new tenant.
        if (result?.membership.role === 'admin') {
          const invitedAdmin = admittedByInvitation && invitation?.role === 'admin';
          expect(invitedAdmin || result.createdTenant).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
