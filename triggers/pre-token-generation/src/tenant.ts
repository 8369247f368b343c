import {
  type PreTokenGenerationSource,
  type PreTokenGenerationTriggerEvent,
  type TriggerContext,
  UserFacingError,
} from '@cognito-triggers/events';
import { claimsFromAttributes, TENANT_ID_ATTRIBUTE } from './attributes.js';
import { TtlCache } from './cache.js';
import type { TenantClaims } from './claims.js';
import type { PreTokenGenerationConfig } from './config.js';

/** A token event with a user behind it: every source but `TokenGeneration_ClientCredentials`. */
export type UserTokenEvent = Exclude<
  PreTokenGenerationTriggerEvent,
  { triggerSource: typeof PreTokenGenerationSource.ClientCredentials }
>;

/** What the store says about a user's tenant, as cached per warm container. */
export interface StoredTenant {
  readonly tenantId: string;
  readonly role: string;
  readonly tier: string;
  readonly status: 'active' | 'suspended';
}

/**
 * Why a user with no tenant in the store was not provisioned here: a refusal of tenancy, as plain
 * data, because the store path is a separate bundle whose error classes are not ours.
 */
export type NotProvisioned = {
  readonly notProvisioned:
    | 'email-unverified'
    | 'provider-email-unverified'
    | 'invitation-invalid'
    | 'email-missing'
    | 'email-invalid'
    | 'user-invalid'
    | 'tenant-not-found';
};

/**
 * The store path, loaded only when `TENANT_TABLE_NAME` is set: it is what pulls in the SDK. It is
 * built into its own `dist/store.mjs` with its own copy of shared code, so it returns plain data
 * and whatever it throws is a store failure: never test it with `instanceof` of our classes.
 */
export interface StorePath {
  findOrProvision(
    event: UserTokenEvent,
    config: PreTokenGenerationConfig,
    signal: AbortSignal,
  ): Promise<StoredTenant | NotProvisioned>;
}

/** Kept back from the deadline so that the degrade policy still has time to answer. */
export const STORE_RESERVE_MS = 300;

let cache: TtlCache<StoredTenant> | undefined;

/** For tests: forget what the warm container has cached. */
export function clearTenantCache(): void {
  cache?.clear();
}

export const REFUSALS = {
  suspended: new UserFacingError(
    'TENANT_SUSPENDED',
    "Your organisation's access is suspended, please contact your administrator",
  ),
  unavailable: new UserFacingError(
    'TENANT_UNAVAILABLE',
    'Sign-in is temporarily unavailable, please try again in a moment',
  ),
} as const;

/**
 * The tenant claims of a signing-in user, or `undefined` for a user without a tenant (their
 * tokens are issued without tenant claims; APIs refuse them until the tenant exists).
 *
 * Without a store: from `custom:tenant_id` (only a well-formed tenant id) and the role groups.
 * With one: from the cache, or the store (one read), provisioning the user there on a proven
 * fact if they have no membership yet (an invitation, or a proven email). A suspended tenant is
 * refused. When the store fails or is slow, `STORE_FAILURE_POLICY` decides: `fail-closed`
 * refuses the sign-in, `degrade` issues the tokens without tenant claims: the attributes and
 * groups a user carries are never trusted in place of the store.
 */
export async function tenantClaimsFor(
  event: UserTokenEvent,
  context: TriggerContext,
  config: PreTokenGenerationConfig,
  loadStorePath: () => Promise<StorePath>,
): Promise<TenantClaims | undefined> {
  const attributes = event.request?.userAttributes ?? {};
  if (config.tableName === undefined) {
    context.note({ tenantSource: 'attributes' });
    const claims = claimsFromAttributes(attributes, event.request.groupConfiguration, {
      admin: config.adminGroup,
      member: config.memberGroup,
    });
    if (claims === undefined && attributes[TENANT_ID_ATTRIBUTE] !== undefined) {
      context.note({ tenant: 'attribute-invalid' });
    }
    return claims;
  }

  const sub = typeof attributes.sub === 'string' ? attributes.sub : '';
  cache ??= new TtlCache(config.cacheTtlSeconds * 1000);
  let stored = cache.get(sub);
  context.note({ tenantSource: stored ? 'cache' : 'store' });

  if (stored === undefined) {
    const budget = AbortSignal.timeout(
      Math.max(0, context.deadline.remainingMs() - STORE_RESERVE_MS),
    );
    try {
      const store = await loadStorePath();
      const found = await store.findOrProvision(
        event,
        config,
        AbortSignal.any([context.signal, budget]),
      );
      if ('notProvisioned' in found) {
        context.note({ tenant: found.notProvisioned });
        return undefined;
      }
      stored = found;
    } catch (error) {
      // Nothing thrown by the store path is a refusal (those come back as `notProvisioned`), and
      // its classes are copies of ours (a separate bundle): every error here is a failure.
      if (config.storeFailurePolicy === 'degrade') {
        context.log.warn('tenant store failed; issuing tokens without tenant claims', { error });
        context.note({ degraded: true });
        return undefined;
      }
      context.log.error('tenant store failed; refusing (fail-closed)', { error });
      throw REFUSALS.unavailable;
    }
    cache.set(sub, stored);
  }

  if (stored.status === 'suspended') {
    context.note({ tenantId: stored.tenantId, suspended: true });
    throw REFUSALS.suspended;
  }
  return { tenantId: stored.tenantId, role: stored.role, tier: stored.tier };
}
