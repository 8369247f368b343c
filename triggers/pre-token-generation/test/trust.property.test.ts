import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationTriggerEvent, StringMap } from '@cognito-triggers/events';
import { defineConfig } from '@cognito-triggers/events';
import { loadHandler, preTokenGenerationEvent } from '@cognito-triggers/events/testing';
import {
  createTenantStore,
  createTenantTable,
  resolveTenant,
  type TenantStore,
  tenancyPolicyVariables,
} from '@cognito-triggers/tenancy';
import {
  type DynamoProxy,
  LOCAL_AWS,
  type LocalDynamo,
  startDynamo,
  startDynamoProxy,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import {
  emailIsProven,
  generatedInvitation,
  generatedUser,
  invitationAdmits,
  invitationFor,
  TRUST_WORLD,
} from '@cognito-triggers/tenancy/testing/trust';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NOW = new Date();
const cognito = mockClient(CognitoIdentityProviderClient);
const policy = defineConfig(tenancyPolicyVariables).load({
  TENANT_DOMAIN_MAP: TRUST_WORLD.domainMap,
  AUTHORITATIVE_IDPS: TRUST_WORLD.authoritativeIdps,
});
let dynamo: LocalDynamo;
let proxy: DynamoProxy;
let store: TenantStore;
let tableName: string;

beforeAll(async () => {
  dynamo = await startDynamo();
  tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  proxy = await startDynamoProxy(dynamo.endpoint);
  store = createTenantStore({ client: dynamo.client, tableName });
  for (const tenantId of [TRUST_WORLD.victimTenant, 'acme']) {
    await store.ensureTenant({
      tenantId,
      name: tenantId,
      domain: `${tenantId}.test`,
      tier: 'gold',
      createdBy: `admin-of-${tenantId}`,
    });
  }
  cognito.on(AdminUpdateUserAttributesCommand).resolves({});
  cognito.on(AdminAddUserToGroupCommand).resolves({});
});

afterAll(async () => {
  cognito.restore();
  await proxy?.stop();
  await dynamo?.stop();
});

/** The tenant claims a response issues in any token, as `[tenant_id, tenant_role]`, or none. */
function issued(response: unknown): { tenantId: unknown; role: unknown } | undefined {
  const r = response as {
    claimsOverrideDetails?: { claimsToAddOrOverride?: Record<string, unknown> } | null;
    claimsAndScopeOverrideDetails?: {
      idTokenGeneration?: { claimsToAddOrOverride?: Record<string, unknown> };
    } | null;
  };
  const claims =
    r.claimsOverrideDetails?.claimsToAddOrOverride ??
    r.claimsAndScopeOverrideDetails?.idTokenGeneration?.claimsToAddOrOverride;
  if (claims === undefined || !('tenant_id' in claims)) return undefined;
  return { tenantId: claims.tenant_id, role: claims.tenant_role };
}

let counter = 0;

describe('tenant trust at sign-in, for any user an attacker can shape (dynalite)', () => {
  it('issues no tenant and no role without a proven email or an invitation, none at all when the store fails (degrade), and never the tenant an attribute names', async () => {
    const { handler } = await loadHandler({
      module: () => import('../src/handler.js'),
      env: {
        TENANT_TABLE_NAME: tableName,
        TENANT_DOMAIN_MAP: TRUST_WORLD.domainMap,
        AUTHORITATIVE_IDPS: TRUST_WORLD.authoritativeIdps,
        TOKEN_CACHE_TTL_SECONDS: '0',
        STORE_FAILURE_POLICY: 'degrade',
        AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
        AWS_REGION: LOCAL_AWS.region,
        AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
      },
    });
    await fc.assert(
      fc.asyncProperty(
        generatedUser,
        generatedInvitation,
        fc.constantFrom(1, 2, 3),
        fc.constantFrom(
          'TokenGeneration_Authentication',
          'TokenGeneration_NewPasswordChallenge',
          'TokenGeneration_RefreshTokens',
          'TokenGeneration_HostedAuth',
        ),
        fc.boolean(),
        async (user, shape, version, source, storeDown) => {
          counter += 1;
          const sub = `pt-${counter}-${Date.now()}`;
          const invitation = invitationFor(shape, sub, NOW);
          if (invitation !== undefined) {
            await store.createInvitation({
              ...invitation,
              expiresAt: new Date(invitation.expiresAt),
            });
            if (invitation.status === 'revoked') {
              await store.revokeInvitation(invitation.sub, invitation.tenantId);
            }
          }
          cognito.resetHistory();
          proxy.mode = storeDown ? 'fail-503' : 'pass';

          const event = preTokenGenerationEvent(version as 2, source, { userName: user.username });
          // Exactly the generated attributes: none of the builder's defaults (email_verified…).
          event.request.userAttributes = { ...(user.attributes as StringMap), sub };
          let result: PreTokenGenerationTriggerEvent;
          try {
            result = await handler(event);
          } finally {
            proxy.mode = 'pass';
          }
          const claims = issued(result.response);
          const admitted = invitationAdmits(invitation, sub, NOW);

          if (storeDown || (!admitted && !emailIsProven(user))) {
            expect(claims).toBeUndefined();
            expect(cognito.calls()).toHaveLength(0);
            expect(await store.lookup(sub)).toBeUndefined();
            return;
          }
          if (claims === undefined) return; // an email that cannot decide a tenant
          const expected =
            admitted && invitation !== undefined
              ? invitation.tenantId
              : resolveTenant({ sub, email: String(user.attributes.email).trim() }, policy)
                  .tenantId;
          expect(claims.tenantId).toBe(expected);
          if (claims.role === 'admin') {
            const invitedAdmin = admitted && invitation?.role === 'admin';
            const founded = (await store.getTenant(expected))?.createdBy === sub;
            expect(invitedAdmin || founded).toBe(true);
          }
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);
});
