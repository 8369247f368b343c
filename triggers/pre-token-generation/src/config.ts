import { defineConfig, env } from '@cognito-triggers/events';
import { signInVariables, tenancyPolicyVariables } from '@cognito-triggers/tenancy/config';
import { isTenantId } from '@cognito-triggers/tenancy/model';
import { assertNoReservedClaims, type ClaimsPolicy } from './claims.js';

const CLAIM_NAME = /^[A-Za-z_][\w:.-]{0,63}$/;

function claimName(name: string): string {
  if (!CLAIM_NAME.test(name)) throw new Error(`"${name}" is not a claim name`);
  assertNoReservedClaims([name]);
  return name;
}

/** `ROLE_SCOPES`: `{"admin": ["orders/read", "orders/admin"], "member": ["orders/read"]}`. */
function parseRoleScopes(value: unknown): Readonly<Record<string, readonly string[]>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('must be a JSON object of role to a list of scopes');
  }
  for (const [role, scopes] of Object.entries(value)) {
    if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
      throw new Error(`role "${role}" must map to a list of scope strings`);
    }
    const bad = scopes.find((scope: string) => scope.length === 0 || /\s/.test(scope));
    if (bad !== undefined)
      throw new Error(`scope "${bad}" of role "${role}" is empty or has spaces`);
  }
  return value as Record<string, string[]>;
}

/** `CLIENT_TENANT_MAP` entries: `<app client id>=<tenant id>`. */
function clientTenant(entry: string): readonly [string, string] {
  const [clientId, tenantId, ...rest] = entry.split('=');
  if (
    clientId === undefined ||
    tenantId === undefined ||
    rest.length > 0 ||
    !/^[\w+]{1,128}$/.test(clientId)
  ) {
    throw new Error('expected <app client id>=<tenant id>');
  }
  if (!isTenantId(tenantId)) throw new Error(`"${tenantId}" is not a tenant id`);
  return [clientId, tenantId];
}

export { STORE_FAILURE_POLICIES } from '@cognito-triggers/tenancy/sign-in';

/** The pre token generation trigger's environment; every variable is documented in the README. */
export const preTokenGenerationConfig = defineConfig({
  /** Optional here: without it, claims come from `custom:tenant_id` and the groups alone. */
  tableName: env.optionalString('TENANT_TABLE_NAME'),
  ...tenancyPolicyVariables,
  claimTenantId: env.custom('CLAIM_TENANT_ID', claimName, { default: 'tenant_id' }),
  claimTenantRole: env.custom('CLAIM_TENANT_ROLE', claimName, { default: 'tenant_role' }),
  claimTenantTier: env.custom('CLAIM_TENANT_TIER', claimName, { default: 'tenant_tier' }),
  claimTenantStatus: env.custom('CLAIM_TENANT_STATUS', claimName, { default: 'tenant_status' }),
  roleScopes: env.json('ROLE_SCOPES', parseRoleScopes, { default: {} }),
  claimsToSuppress: env.list('CLAIMS_TO_SUPPRESS', { default: [], item: claimName }),
  ...signInVariables,
  claimsByteBudget: env.integer('CLAIMS_BYTE_BUDGET', { default: 2048, min: 256, max: 16_384 }),
  clientTenants: env.list('CLIENT_TENANT_MAP', { default: [], item: clientTenant }),
});

export type PreTokenGenerationConfig = ReturnType<typeof preTokenGenerationConfig.load>;

/** The claims policy `planTokens` applies, from the loaded configuration. */
export function claimsPolicy(config: PreTokenGenerationConfig): ClaimsPolicy {
  return {
    names: {
      tenantId: config.claimTenantId,
      role: config.claimTenantRole,
      tier: config.claimTenantTier,
      status: config.claimTenantStatus,
    },
    roleScopes: config.roleScopes,
    claimsToSuppress: config.claimsToSuppress,
    byteBudget: config.claimsByteBudget,
    roleGroups: { admin: config.adminGroup, member: config.memberGroup },
  };
}
