import { isReservedClaim } from '@cognito-triggers/events';
import {
  ALL_SOURCES,
  loadHandler,
  preTokenGenerationEvent,
} from '@cognito-triggers/events/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClaimsPolicy, planTokens } from '../src/claims.js';

const userSources = ALL_SOURCES.preTokenGeneration.filter(
  (source) => source !== 'TokenGeneration_ClientCredentials',
);
const text = fc.string({ minLength: 1, maxLength: 24 });
const attributes = fc.dictionary(
  fc.oneof(text, fc.constantFrom('sub', 'email', 'custom:tenant_id', 'cognito:user_status', 'aud')),
  fc.oneof(text, fc.constantFrom('acme', '../globex","x":"*', 'Acme')),
  { maxKeys: 8 },
);
const groups = fc.uniqueArray(fc.oneof(text, fc.constantFrom('tenant-admin', 'tenant-member')), {
  maxLength: 10,
});

/** Every claim the response adds, with its value, in any token. */
function addedClaims(response: unknown): [string, unknown][] {
  const found: [string, unknown][] = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'claimsToAddOrOverride' && value) found.push(...Object.entries(value));
      else visit(value);
    }
  };
  visit(response);
  return found;
}

function suppressedClaims(response: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'claimsToSuppress' && Array.isArray(value)) found.push(...value);
      else visit(value);
    }
  };
  visit(response);
  return found;
}

describe('for arbitrary attributes and groups', () => {
  it('returns the event, touches no reserved claim, writes strings in V1, keeps every group but the role groups and leaves exactly the role’s', async () => {
    const { handler } = await loadHandler({
      module: () => import('../src/handler.js'),
      env: {
        CLAIMS_TO_SUPPRESS: 'phone_number',
        ROLE_SCOPES: '{"admin":["api/admin"],"member":["api/read"]}',
      },
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(1, 2, 3),
        fc.constantFrom(...userSources),
        attributes,
        groups,
        async (version, source, userAttributes, userGroups) => {
          const event = preTokenGenerationEvent(version as 1, source, {
            email: null,
            userAttributes,
            groups: userGroups,
          });
          const result = await handler(event);
          expect(result).toBe(event);
          const added = addedClaims(result.response);
          const suppressed = suppressedClaims(result.response);
          expect([...added.map(([name]) => name), ...suppressed].filter(isReservedClaim)).toEqual(
            [],
          );
          if (version === 1)
            expect(added.every(([, value]) => typeof value === 'string')).toBe(true);
          // Only a well-formed tenant id is ever issued, whatever the attribute holds.
          for (const [name, value] of added) {
            if (name === 'tenant_id') expect(value).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/);
          }
          const override = JSON.stringify(result.response).includes('groupOverrideDetails')
            ? ((
                result.response as Record<
                  string,
                  { groupOverrideDetails?: { groupsToOverride?: string[] } }
                >
              )[version === 1 ? 'claimsOverrideDetails' : 'claimsAndScopeOverrideDetails']
                ?.groupOverrideDetails?.groupsToOverride ?? [])
            : undefined;
          // Either the groups are untouched (no tenant), or every group but the role groups is
          // still there, with exactly one role group: the role's.
          if (override !== undefined) {
            const roleGroups = ['tenant-admin', 'tenant-member'];
            for (const group of userGroups.filter((g) => !roleGroups.includes(g))) {
              expect(override).toContain(group);
            }
            const role = added.find(([name]) => name === 'tenant_role')?.[1];
            expect(override.filter((group) => roleGroups.includes(group))).toEqual(
              role === undefined ? [] : [`tenant-${String(role)}`],
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the byte budget, for arbitrary groups', () => {
  const policy: ClaimsPolicy = {
    names: {
      tenantId: 'tenant_id',
      role: 'tenant_role',
      tier: 'tenant_tier',
      status: 'tenant_status',
    },
    roleScopes: {},
    claimsToSuppress: [],
    byteBudget: 600,
    roleGroups: { admin: 'tenant-admin', member: 'tenant-member' },
  };

  it('keeps the tenant claims and the role group, fits when it can, and drops only from the end', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 60 }), { maxLength: 40 }),
        fc.constantFrom('admin', 'member'),
        (userGroups, role) => {
          const plan = planTokens(
            { tenantId: 'acme', role, tier: 'gold' },
            { groupsToOverride: userGroups },
            policy,
          );
          const roleGroup = role === 'admin' ? 'tenant-admin' : 'tenant-member';
          expect(plan.claims).toMatchObject({ tenant_id: 'acme', tenant_role: role });
          const out = plan.groups.groupsToOverride ?? [];
          expect(out).toContain(roleGroup);
          const others = out.filter((group) => group !== roleGroup);
          expect(others).toEqual(
            userGroups.filter((group) => group !== roleGroup).slice(0, others.length),
          );
          const size = Buffer.byteLength(JSON.stringify({ claims: plan.claims, groups: out }));
          if (others.length > 0 || plan.droppedGroups === 0) {
            expect(size).toBeLessThanOrEqual(policy.byteBudget);
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
