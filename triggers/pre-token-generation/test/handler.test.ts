import { isReservedClaim, PreTokenGenerationSource } from '@cognito-triggers/events';
import {
  ALL_SOURCES,
  loadHandler,
  preTokenGenerationEvent,
} from '@cognito-triggers/events/testing';
import { describe, expect, it } from 'vitest';

const userSources = ALL_SOURCES.preTokenGeneration.filter(
  (source) => source !== PreTokenGenerationSource.ClientCredentials,
);
const versions = [1, 2, 3] as const;

// The handler reads its configuration at module load, as in Lambda: every test loads a fresh copy.
const load = (env: Record<string, string> = {}) =>
  loadHandler({ module: () => import('../src/handler.js'), env });

const acme = { userAttributes: { 'custom:tenant_id': 'acme' } };

describe('without a tenant store (claims from custom:tenant_id and groups)', () => {
  describe.each(versions)('version %i', (version) => {
    it.each(userSources)('%s: adds the tenant claims and keeps every group', async (source) => {
      const { handler } = await load();
      const event = preTokenGenerationEvent(version, source, {
        ...acme,
        groups: ['beta', 'tenant-admin'],
      });
      const result = await handler(event);
      expect(result).toBe(event);
      const claims = { tenant_id: 'acme', tenant_role: 'admin' };
      const groups = { groupsToOverride: ['beta', 'tenant-admin'], iamRolesToOverride: [] };
      if (version === 1) {
        expect(result.response).toEqual({
          claimsOverrideDetails: { claimsToAddOrOverride: claims, groupOverrideDetails: groups },
        });
      } else {
        expect(result.response).toEqual({
          claimsAndScopeOverrideDetails: {
            idTokenGeneration: { claimsToAddOrOverride: claims },
            accessTokenGeneration: { claimsToAddOrOverride: claims },
            groupOverrideDetails: groups,
          },
        });
      }
    });
  });

  it('gives a user in no role group the least role, and adds that group', async () => {
    const { handler } = await load();
    const result = await handler(
      preTokenGenerationEvent(2, 'TokenGeneration_Authentication', acme),
    );
    expect(result.response).toMatchObject({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { tenant_role: 'member' } },
        groupOverrideDetails: { groupsToOverride: ['tenant-member'] },
      },
    });
  });

  it('leaves the tokens of a user without a tenant untouched', async () => {
    const { handler } = await load();
    const event = preTokenGenerationEvent(2, 'TokenGeneration_Authentication', {
      groups: ['beta'],
    });
    const before = structuredClone(event);
    expect(await handler(event)).toEqual(before);
  });

  it.each(['../globex","x":"*', 'Victim-Corp', 'acme corp', `a${'b'.repeat(63)}`, '-acme', ''])(
    'issues no tenant claims for a custom:tenant_id that is not a tenant id: %j',
    async (value) => {
      const { handler } = await load();
      const event = preTokenGenerationEvent(2, 'TokenGeneration_Authentication', {
        userAttributes: { 'custom:tenant_id': value },
        groups: ['tenant-admin'],
      });
      const before = structuredClone(event);
      expect(await handler(event)).toEqual(before);
    },
  );

  it('adds the role scopes to the access token and suppresses the configured claims', async () => {
    const { handler } = await load({
      ROLE_SCOPES: '{"admin":["orders/admin"],"member":["orders/read"]}',
      CLAIMS_TO_SUPPRESS: 'phone_number',
      CLAIM_TENANT_ID: 'org',
    });
    const result = await handler(
      preTokenGenerationEvent(3, 'TokenGeneration_RefreshTokens', {
        ...acme,
        groups: ['tenant-admin'],
      }),
    );
    expect(result.response).toMatchObject({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: {
          claimsToAddOrOverride: { org: 'acme' },
          claimsToSuppress: ['phone_number'],
        },
        accessTokenGeneration: {
          scopesToAdd: ['orders/admin'],
          claimsToSuppress: ['phone_number'],
        },
      },
    });
  });

  it('takes the admin scopes out of a member’s access token, whatever the app client allows', async () => {
    const { handler } = await load({
      ROLE_SCOPES: '{"admin":["orders/admin","orders/read"],"member":["orders/read"]}',
    });
    const result = await handler(
      preTokenGenerationEvent(3, 'TokenGeneration_HostedAuth', {
        ...acme,
        groups: ['tenant-member'],
      }),
    );
    expect(result.response).toMatchObject({
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: {
          scopesToAdd: ['orders/read'],
          scopesToSuppress: ['orders/admin'],
        },
      },
    });
  });
});

describe('version 3 machine clients', () => {
  it('give a mapped client its tenant in the access token', async () => {
    const { handler } = await load({ CLIENT_TENANT_MAP: 'svc123=acme' });
    const event = preTokenGenerationEvent(3, 'TokenGeneration_ClientCredentials', {
      clientId: 'svc123',
    });
    const result = await handler(event);
    expect(result.response).toEqual({
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: {
          claimsToAddOrOverride: { tenant_id: 'acme', tenant_role: 'service' },
        },
      },
    });
  });

  it('leave any other client untouched', async () => {
    const { handler } = await load({ CLIENT_TENANT_MAP: 'svc123=acme' });
    const event = preTokenGenerationEvent(3, 'TokenGeneration_ClientCredentials', {
      clientId: 'other',
    });
    const before = structuredClone(event);
    expect(await handler(event)).toEqual(before);
  });
});

describe('configuration', () => {
  it.each([
    [{ CLAIM_TENANT_ID: 'sub' }, 'CLAIM_TENANT_ID'],
    [{ CLAIM_TENANT_ROLE: 'cognito:groups' }, 'CLAIM_TENANT_ROLE'],
    [{ CLAIMS_TO_SUPPRESS: 'email,aud' }, 'CLAIMS_TO_SUPPRESS'],
    [{ ROLE_SCOPES: '{"admin":"orders/read"}' }, 'ROLE_SCOPES'],
    [{ STORE_FAILURE_POLICY: 'open' }, 'STORE_FAILURE_POLICY'],
    [{ CLIENT_TENANT_MAP: 'svc123' }, 'CLIENT_TENANT_MAP'],
  ])('refuses %j at cold start, naming the variable', async (environment, variable) => {
    const { handler, logs } = await load(environment);
    await expect(
      handler(preTokenGenerationEvent(1, 'TokenGeneration_Authentication', acme)),
    ).rejects.toThrow(/^TRIGGER_INTERNAL_ERROR: /);
    expect(logs.text).toContain(`${variable}: `);
  });
});

describe('safety', () => {
  it.each(versions)('never writes a reserved claim (version %i)', async (version) => {
    const { handler } = await load({ CLAIMS_TO_SUPPRESS: 'phone_number,email' });
    const result = await handler(
      preTokenGenerationEvent(version, 'TokenGeneration_HostedAuth', { ...acme, groups: ['g'] }),
    );
    const claimNames = collectClaimNames(result.response);
    expect(claimNames.filter(isReservedClaim)).toEqual([]);
  });
});

/** Every claim name a response adds or suppresses, in any token. */
function collectClaimNames(response: unknown): string[] {
  const names: string[] = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'claimsToAddOrOverride' && value) names.push(...Object.keys(value));
      else if (key === 'claimsToSuppress' && Array.isArray(value)) names.push(...value);
      else visit(value);
    }
  };
  visit(response);
  return names;
}
