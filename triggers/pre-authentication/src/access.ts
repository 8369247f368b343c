import {
  type PreAuthenticationTriggerEvent,
  type TriggerContext,
  UserFacingError,
} from '@cognito-triggers/events';
import { TENANCY_USER_TEXT } from '@cognito-triggers/tenancy';
import {
  eventSays,
  lookUpAtSignIn,
  NoTenantReason,
  type TenantAnswer,
  TtlCache,
  tenantCacheKey,
} from '@cognito-triggers/tenancy/sign-in';
import type { PreAuthenticationConfig } from './config.js';

/** The attribute provisioning sets through the admin API: a hint of the user's tenant. */
export const TENANT_ID_ATTRIBUTE = 'custom:tenant_id';

/**
 * The store path, loaded only when `TENANT_TABLE_NAME` is set: it is what pulls in the SDK. It is
 * built into its own `dist/store.mjs` with its own copy of shared code, so it returns plain data
 * and whatever it throws is a store failure: never test it with `instanceof` of our classes.
 */
export interface StorePath {
  lookUpTenant(request: {
    readonly tableName: string;
    readonly sub: string;
    readonly tenantIdHint: string | undefined;
    readonly signal: AbortSignal;
  }): Promise<TenantAnswer>;
}

/** Kept back from the deadline so that the degrade policy still has time to answer. */
export const STORE_RESERVE_MS = 300;

/**
 * What a refused user is shown: the token trigger's words for a suspended tenant and an
 * unavailable store, tenancy's for a removed membership.
 */
export const REFUSALS = {
  suspended: new UserFacingError(
    'TENANT_SUSPENDED',
    "Your organisation's access is suspended, please contact your administrator",
  ),
  removed: new UserFacingError(
    'TENANT_MEMBERSHIP_REMOVED',
    TENANCY_USER_TEXT.TENANT_MEMBERSHIP_REMOVED,
  ),
  unavailable: new UserFacingError(
    'TENANT_UNAVAILABLE',
    'Sign-in is temporarily unavailable, please try again in a moment',
  ),
} as const;

/**
 * The refusal a store answer calls for, if any: a suspended tenant, or a removed membership
 * (no active one left, and no invitation that would let the user back in). Anyone else goes on.
 *
 * @example
 * refusalFor({ tenantId: 'acme', role: 'member', tier: 'free', status: 'suspended' }) // REFUSALS.suspended
 */
export function refusalFor(answer: TenantAnswer): UserFacingError | undefined {
  if ('noTenant' in answer) {
    return answer.noTenant === NoTenantReason.Removed ? REFUSALS.removed : undefined;
  }
  return answer.status === 'suspended' ? REFUSALS.suspended : undefined;
}

// One per warm container, built on the first lookup with the configured TTL.
let cache: TtlCache<TenantAnswer> | undefined;

/**
 * Lets the sign-in go on, or refuses it: a member of a suspended tenant, and a user whose
 * membership was removed (with no other active one), are refused with a stable, user-safe code.
 *
 * Without a store there is nothing to check. With one: the warm container's cache, else one
 * store read (a `BatchGetItem` when `custom:tenant_id` hints the tenant, else a `Query`), within
 * the deadline. An answer the event already says is cached (`eventSays`): a tenant that
 * `custom:tenant_id` names, or none for a user without the attribute, so that neither costs a
 * store read per sign-in. The cache key is the `sub`, `custom:tenant_id` and `email_verified`
 * (the event has no groups), so a removal that clears the attribute, or the attribute set by
 * provisioning, shows at once; a suspension, or an invitation, within `TOKEN_CACHE_TTL_SECONDS`.
 * When the store fails or is slow, `STORE_FAILURE_POLICY` decides: `fail-closed` refuses,
 * `degrade` lets the sign-in go on (pre token generation, with its own policy, still decides
 * what the tokens say). Nothing is ever written here.
 */
export async function checkSignIn(
  event: PreAuthenticationTriggerEvent,
  context: TriggerContext,
  config: PreAuthenticationConfig,
  loadStorePath: () => Promise<StorePath>,
): Promise<void> {
  const { tableName } = config;
  if (tableName === undefined) {
    context.note({ tenantSource: 'none' });
    return;
  }
  // The app client hides whether users exist: Cognito refuses this sign-in itself.
  if (event.request.userNotFound === true) {
    context.note({ userNotFound: true });
    return;
  }
  const attributes = event.request.userAttributes ?? {};
  const sub = typeof attributes.sub === 'string' ? attributes.sub : '';
  if (sub.length === 0) {
    context.note({ tenant: NoTenantReason.UserInvalid });
    return;
  }
  const hint = attributes[TENANT_ID_ATTRIBUTE];

  cache ??= new TtlCache(config.cacheTtlSeconds * 1000);
  const found = await lookUpAtSignIn({
    cache,
    key: tenantCacheKey(sub, attributes, undefined, [config.adminGroup, config.memberGroup]),
    cacheable: (answer) => eventSays(answer, attributes, undefined, {}),
    load: async (signal) =>
      (await loadStorePath()).lookUpTenant({
        tableName,
        sub,
        tenantIdHint: typeof hint === 'string' ? hint : undefined,
        signal,
      }),
    failurePolicy: config.storeFailurePolicy,
    budgetMs: context.deadline.remainingMs() - STORE_RESERVE_MS,
    signal: context.signal,
  });
  if ('failed' in found) {
    if (found.degraded) {
      context.log.warn('tenant store failed; letting the sign-in go on (degrade)', {
        error: found.failed,
      });
      context.note({ degraded: true });
      return;
    }
    context.log.error('tenant store failed; refusing (fail-closed)', { error: found.failed });
    throw REFUSALS.unavailable;
  }

  const { answer } = found;
  context.note({ tenantSource: found.from });
  if ('noTenant' in answer) {
    context.note({ tenant: answer.noTenant });
    if (answer.noTenant === NoTenantReason.Removed) context.note({ removed: true });
  } else {
    context.note({ tenantId: answer.tenantId });
    if (answer.status === 'suspended') context.note({ suspended: true });
  }
  const refusal = refusalFor(answer);
  if (refusal !== undefined) throw refusal;
}
