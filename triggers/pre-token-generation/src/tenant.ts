import {
  type PreTokenGenerationSource,
  type PreTokenGenerationTriggerEvent,
  type TriggerContext,
  UserFacingError,
} from '@cognito-triggers/events';
import {
  eventSays,
  lookUpAtSignIn,
  type NoTenantReason,
  type TenantAnswer,
  TtlCache,
  tenantCacheKey,
} from '@cognito-triggers/tenancy/sign-in';
import { claimsFromAttributes, TENANT_ID_ATTRIBUTE } from './attributes.js';
import type { TenantClaims } from './claims.js';
import type { PreTokenGenerationConfig } from './config.js';

/** A token event with a user behind it: every source but `TokenGeneration_ClientCredentials`. */
export type UserTokenEvent = Exclude<
  PreTokenGenerationTriggerEvent,
  { triggerSource: typeof PreTokenGenerationSource.ClientCredentials }
>;

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
  ): Promise<TenantAnswer>;
  /** The tenant `CLIENT_TENANT_MAP` gives a machine client, as the store has it. */
  findClientTenant(
    tenantId: string,
    config: PreTokenGenerationConfig,
    signal: AbortSignal,
  ): Promise<TenantAnswer>;
}

/** Kept back from the deadline so that the degrade policy still has time to answer. */
export const STORE_RESERVE_MS = 300;

// One per warm container, built on the first lookup with the configured TTL.
let cache: TtlCache<TenantAnswer> | undefined;

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

/** The tenant claims of a signing-in user, or why they have none. */
export type TenantOutcome =
  | { readonly claims: TenantClaims }
  | { readonly noTenant: NoTenantReason | 'none' };

/**
 * The tenant claims of a signing-in user, or why there are none (their tokens are issued
 * without tenant claims, and with `tenant_status` saying why; APIs refuse them).
 *
 * Without a store: from `custom:tenant_id` (only a well-formed tenant id) and the role groups.
 * With one: from the cache, or the store (one read), provisioning the user there on a proven
 * fact if they have no membership yet (an invitation, or a proven email, as the domain's
 * enrollment mode allows). A suspended tenant is refused. An answer the event already says is
 * cached, a user without a tenant as much as one with, so that neither costs a store read per
 * token; provisioning's answer is not (see `eventSays`). The cache key holds what changes in the
 * event (the role groups, `custom:tenant_id`, `email_verified`), so a role change, a removal or a
 * verified address shows at the next sign-in at once; a suspension, or an invitation, within
 * `TOKEN_CACHE_TTL_SECONDS`. When the
 * store fails or is slow, `STORE_FAILURE_POLICY` decides: `fail-closed` refuses the sign-in,
 * `degrade` issues the tokens without tenant claims: the attributes and groups a user carries
 * are never trusted in place of the store.
 */
export async function tenantClaimsFor(
  event: UserTokenEvent,
  context: TriggerContext,
  config: PreTokenGenerationConfig,
  loadStorePath: () => Promise<StorePath>,
): Promise<TenantOutcome> {
  const attributes = event.request?.userAttributes ?? {};
  const roleGroups = { admin: config.adminGroup, member: config.memberGroup };
  if (config.tableName === undefined) {
    context.note({ tenantSource: 'attributes' });
    const claims = claimsFromAttributes(attributes, event.request.groupConfiguration, roleGroups);
    if (claims !== undefined) return { claims };
    if (attributes[TENANT_ID_ATTRIBUTE] !== undefined)
      context.note({ tenant: 'attribute-invalid' });
    return { noTenant: 'none' };
  }

  const sub = typeof attributes.sub === 'string' ? attributes.sub : '';
  const groups = event.request.groupConfiguration?.groupsToOverride;
  return fromStore(
    tenantCacheKey(sub, attributes, groups, Object.values(roleGroups)),
    async (signal) => (await loadStorePath()).findOrProvision(event, config, signal),
    context,
    config,
    (answer) => eventSays(answer, attributes, groups, roleGroups),
  );
}

/**
 * A tenant from the cache or the store (`load`), within the deadline: its claims, or why there
 * are none. A suspended tenant is refused; a failing store refuses (`fail-closed`) or gives no
 * tenant (`degrade`). Users and machine clients share the cache: their keys differ in form. An
 * answer is cached when `cacheable` allows (default: every one).
 */
export async function fromStore(
  key: string,
  load: (signal: AbortSignal) => Promise<TenantAnswer>,
  context: TriggerContext,
  config: PreTokenGenerationConfig,
  cacheable?: (answer: TenantAnswer) => boolean,
): Promise<TenantOutcome> {
  cache ??= new TtlCache(config.cacheTtlSeconds * 1000);
  const found = await lookUpAtSignIn({
    cache,
    key,
    load,
    cacheable,
    failurePolicy: config.storeFailurePolicy,
    budgetMs: context.deadline.remainingMs() - STORE_RESERVE_MS,
    signal: context.signal,
  });
  if ('failed' in found) {
    // Nothing thrown by the store path is a refusal (those come back as `noTenant`), and its
    // classes are copies of ours (a separate bundle): every error here is a failure.
    if (found.degraded) {
      context.log.warn('tenant store failed; issuing tokens without tenant claims', {
        error: found.failed,
      });
      context.note({ degraded: true });
      // The literal, not NoTenantReason.Unavailable: the object would bring every reason into
      // the entry bundle for this one.
      return { noTenant: 'unavailable' satisfies NoTenantReason };
    }
    context.log.error('tenant store failed; refusing (fail-closed)', { error: found.failed });
    throw REFUSALS.unavailable;
  }
  context.note({ tenantSource: found.from });
  const { answer } = found;
  if ('noTenant' in answer) {
    context.note({ tenant: answer.noTenant });
    return { noTenant: answer.noTenant };
  }
  if (answer.status === 'suspended') {
    context.note({ tenantId: answer.tenantId, suspended: true });
    throw REFUSALS.suspended;
  }
  return { claims: { tenantId: answer.tenantId, role: answer.role, tier: answer.tier } };
}
