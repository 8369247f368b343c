import { describe, expect, it } from 'vitest';
import {
  assertNoReservedClaims,
  type ClaimsPolicy,
  GROUPS_TRUNCATED_CLAIM,
  planTokens,
  planWithoutTenant,
  toV1Response,
  toV2Response,
} from '../src/claims.js';

const policy: ClaimsPolicy = {
  names: {
    tenantId: 'tenant_id',
    role: 'tenant_role',
    tier: 'tenant_tier',
    status: 'tenant_status',
  },
  roleScopes: { admin: ['orders/read', 'orders/admin'], member: ['orders/read'] },
  claimsToSuppress: [],
  byteBudget: 2048,
  roleGroups: { admin: 'tenant-admin', member: 'tenant-member' },
};

const acmeAdmin = { tenantId: 'acme', role: 'admin', tier: 'pro' };

describe('planTokens', () => {
  it('adds the tenant claims and the role group to the groups the user already has', () => {
    const plan = planTokens(acmeAdmin, { groupsToOverride: ['beta-testers', 'support'] }, policy);
    expect(plan.claims).toEqual({ tenant_id: 'acme', tenant_role: 'admin', tenant_tier: 'pro' });
    expect(plan.groups.groupsToOverride).toEqual(['beta-testers', 'support', 'tenant-admin']);
    expect(plan.scopesToAdd).toEqual(['orders/read', 'orders/admin']);
  });

  it('does not add the role group twice', () => {
    const plan = planTokens(acmeAdmin, { groupsToOverride: ['tenant-admin', 'support'] }, policy);
    expect(plan.groups.groupsToOverride).toEqual(['support', 'tenant-admin']);
  });

  it('keeps IAM roles and the preferred role, taking the first when Cognito sends an array', () => {
    const arn = 'arn:aws:iam::123456789012:role/acme-admins';
    const plan = planTokens(
      acmeAdmin,
      { groupsToOverride: [], iamRolesToOverride: [arn], preferredRole: [arn] },
      policy,
    );
    expect(plan.groups).toEqual({
      groupsToOverride: ['tenant-admin'],
      iamRolesToOverride: [arn],
      preferredRole: arn,
    });
  });

  it('never suppresses a claim it adds: the suppression would win', () => {
    const plan = planTokens(acmeAdmin, null, {
      ...policy,
      claimsToSuppress: ['tenant_id', 'phone_number'],
    });
    expect(plan.claimsToSuppress).toEqual(['phone_number']);
  });

  it('takes the other roles’ scopes out of the access token, keeping those the role has too', () => {
    const plan = planTokens({ tenantId: 'acme', role: 'member' }, null, policy);
    expect(plan.scopesToAdd).toEqual(['orders/read']);
    expect(plan.scopesToSuppress).toEqual(['orders/admin']);
    expect(toV2Response(plan).claimsAndScopeOverrideDetails.accessTokenGeneration).toMatchObject({
      scopesToAdd: ['orders/read'],
      scopesToSuppress: ['orders/admin'],
    });
    expect(toV2Response(plan).claimsAndScopeOverrideDetails.idTokenGeneration).not.toHaveProperty(
      'scopesToSuppress',
    );
  });

  it('takes every role’s scopes out of the access token of a user without a tenant', () => {
    const plan = planWithoutTenant('removed', { groupsToOverride: ['tenant-admin'] }, policy);
    expect(plan.scopesToAdd).toEqual([]);
    expect(plan.scopesToSuppress).toEqual(['orders/read', 'orders/admin']);
    expect(
      toV2Response(plan).claimsAndScopeOverrideDetails.accessTokenGeneration.scopesToSuppress,
    ).toEqual(['orders/read', 'orders/admin']);
  });

  it('uses configured claim names', () => {
    const plan = planTokens(acmeAdmin, null, {
      ...policy,
      names: { tenantId: 'org', role: 'org_role', tier: 'plan', status: 'org_status' },
    });
    expect(plan.claims).toEqual({ org: 'acme', org_role: 'admin', plan: 'pro' });
  });

  describe('over the byte budget', () => {
    const many = Array.from({ length: 80 }, (_, index) => `department-${index}-with-a-long-name`);

    it('drops the tier, then groups from the end, and says so, never the tenant claims', () => {
      const plan = planTokens(
        acmeAdmin,
        { groupsToOverride: many },
        { ...policy, byteBudget: 512 },
      );
      expect(plan.claims.tenant_id).toBe('acme');
      expect(plan.claims.tenant_role).toBe('admin');
      expect(plan.claims).not.toHaveProperty('tenant_tier');
      expect(plan.claims[GROUPS_TRUNCATED_CLAIM]).toBe('true');
      expect(plan.groups.groupsToOverride?.at(-1)).toBe('tenant-admin');
      expect(plan.groups.groupsToOverride?.slice(0, 3)).toEqual(many.slice(0, 3));
      expect(plan.droppedGroups).toBeGreaterThan(0);
      const size = Buffer.byteLength(
        JSON.stringify({ claims: plan.claims, groups: plan.groups.groupsToOverride }),
      );
      expect(size).toBeLessThanOrEqual(512);
    });

    it('keeps the tenant claims even when they alone exceed the budget', () => {
      const plan = planTokens(acmeAdmin, { groupsToOverride: many }, { ...policy, byteBudget: 10 });
      expect(plan.claims).toMatchObject({ tenant_id: 'acme', tenant_role: 'admin' });
      expect(plan.groups.groupsToOverride).toEqual(['tenant-admin']);
    });

    it('drops nothing when everything fits', () => {
      const plan = planTokens(acmeAdmin, { groupsToOverride: many.slice(0, 5) }, policy);
      expect(plan.droppedGroups).toBe(0);
      expect(plan.claims).not.toHaveProperty(GROUPS_TRUNCATED_CLAIM);
    });
  });
});

describe('response shapes', () => {
  const plan = planTokens(
    acmeAdmin,
    { groupsToOverride: ['support'] },
    { ...policy, claimsToSuppress: ['phone_number'] },
  );

  it('version 1 writes the ID token only, strings only', () => {
    expect(toV1Response(plan)).toEqual({
      claimsOverrideDetails: {
        claimsToAddOrOverride: { tenant_id: 'acme', tenant_role: 'admin', tenant_tier: 'pro' },
        claimsToSuppress: ['phone_number'],
        groupOverrideDetails: { groupsToOverride: ['support', 'tenant-admin'] },
      },
    });
  });

  it('versions 2 and 3 write both tokens and add the role scopes to the access token', () => {
    expect(toV2Response(plan)).toEqual({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: {
          claimsToAddOrOverride: { tenant_id: 'acme', tenant_role: 'admin', tenant_tier: 'pro' },
          claimsToSuppress: ['phone_number'],
        },
        accessTokenGeneration: {
          claimsToAddOrOverride: { tenant_id: 'acme', tenant_role: 'admin', tenant_tier: 'pro' },
          claimsToSuppress: ['phone_number'],
          scopesToAdd: ['orders/read', 'orders/admin'],
        },
        groupOverrideDetails: { groupsToOverride: ['support', 'tenant-admin'] },
      },
    });
  });
});

describe('assertNoReservedClaims', () => {
  it.each(['sub', 'aud', 'cognito:groups', 'cognito:username', 'exp', 'token_use', 'scope'])(
    'refuses %s',
    (name) => {
      expect(() => assertNoReservedClaims(['tenant_id', name])).toThrow(name);
    },
  );

  it('accepts ordinary claim names', () => {
    expect(() => assertNoReservedClaims(['tenant_id', 'org', 'phone_number'])).not.toThrow();
  });
});
