import { abortAfter } from '@cognito-triggers/events';
import type { TenantStatus } from './model.js';

/**
 * What the triggers that run at sign-in (pre authentication, pre token generation) share about
 * the tenant store, without the AWS SDK: the answer a lookup gives as plain data, the cache of a
 * warm container, its key, and the failure policy. The store path itself is each trigger's own
 * lazily imported module (`store.mjs`), a separate bundle: only plain data crosses over.
 */

/** Why a signing-in user has no tenant: the token's `tenant_status` claim says which. */
export const NoTenantReason = {
  /** A native user's email is not verified. */
  EmailUnverified: 'email-unverified',
  /** A federated user's provider did not verify the email, and is not authoritative. */
  ProviderEmailUnverified: 'provider-email-unverified',
  /** The user's invitation expired or was revoked. */
  InvitationInvalid: 'invitation-invalid',
  /** The email's domain admits members by invitation only. */
  InvitationRequired: 'invitation-required',
  /** The email's domain joins an existing tenant only, and none exists yet. */
  TenantNotSetUp: 'tenant-not-set-up',
  /** The user's membership was removed. */
  Removed: 'removed',
  EmailMissing: 'email-missing',
  EmailInvalid: 'email-invalid',
  UserInvalid: 'user-invalid',
  TenantNotFound: 'tenant-not-found',
  /** The store failed and the failure policy is `degrade`. */
  Unavailable: 'unavailable',
} as const;
export type NoTenantReason = (typeof NoTenantReason)[keyof typeof NoTenantReason];

/** What the store says about a user's tenant, as cached per warm container. */
export interface StoredTenant {
  readonly tenantId: string;
  readonly role: string;
  readonly tier: string;
  readonly status: TenantStatus;
}

/** The answer of a lookup at sign-in: the tenant, or why there is none. */
export type TenantAnswer = StoredTenant | { readonly noTenant: NoTenantReason };

/** The failure policies of the sign-in triggers (`STORE_FAILURE_POLICY`). */
export const STORE_FAILURE_POLICIES = ['fail-closed', 'degrade'] as const;
export type StoreFailurePolicy = (typeof STORE_FAILURE_POLICIES)[number];

/**
 * A small time-to-live cache for one warm Lambda container: a burst of sign-ins and refreshes
 * of one user costs one store read per window. Entries expire after `ttlMs`; past `maxEntries`
 * the oldest entry goes first.
 */
export class TtlCache<TValue> {
  readonly #entries = new Map<string, { value: TValue; expiresAt: number }>();

  public constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  public get(key: string): TValue | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  public set(key: string, value: TValue): void {
    if (this.ttlMs <= 0) return;
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  public clear(): void {
    this.#entries.clear();
  }
}

/**
 * The cache key of a user at sign-in: the `sub`, and what changes in the next event when the
 * answer should: `custom:tenant_id` and the role groups the user is in (a role change replaces
 * the role group, a removal clears both), and whether the email is verified (a user without a
 * tenant because their address was not verified gets one as soon as they verify it). Those show
 * at the next sign-in at once; what changes nothing in the event (a suspension, an invitation,
 * a tenant set up for the domain) shows within the cache's TTL.
 *
 * @example
 * tenantCacheKey(sub, attributes, event.request.groupConfiguration?.groupsToOverride, ['tenant-admin', 'tenant-member'])
 */
export function tenantCacheKey(
  sub: string,
  attributes: Readonly<Record<string, unknown>> | null | undefined,
  groups: readonly string[] | null | undefined,
  roleGroups: readonly string[],
): string {
  const tenantId = attributes?.['custom:tenant_id'];
  const verified = attributes?.email_verified === 'true' || attributes?.email_verified === true;
  const roles = (groups ?? []).filter((group) => roleGroups.includes(group)).sort();
  return JSON.stringify([sub, typeof tenantId === 'string' ? tenantId : '', verified, roles]);
}

/**
 * Whether the event already says what `answer` says: its tenant in `custom:tenant_id` and, given
 * the event's groups (pre token generation; pre authentication has none), its role's group among
 * them; for an answer without a tenant, no `custom:tenant_id`. Only such an answer may be cached
 * under the event's key ({@link SignInLookupOptions.cacheable}). One that provisioning (or a
 * repair) has just made true shows in the user's attributes and groups from the next event on:
 * cached under the key of the event before it, it would answer again when a removal, which clears
 * both, brings that key back, and a removed member's tokens would carry their tenant and role for
 * the rest of the TTL.
 *
 * @example
 * eventSays(answer, attributes, event.request.groupConfiguration?.groupsToOverride, { admin: 'tenant-admin', member: 'tenant-member' })
 */
export function eventSays(
  answer: TenantAnswer,
  attributes: Readonly<Record<string, unknown>> | null | undefined,
  groups: readonly string[] | null | undefined,
  roleGroups: Readonly<Record<string, string>>,
): boolean {
  const tenantId = attributes?.['custom:tenant_id'];
  if ('noTenant' in answer) return !tenantId;
  const group = roleGroups[answer.role];
  return tenantId === answer.tenantId && (!groups || !group || groups.includes(group));
}

/** Everything {@link lookUpAtSignIn} needs from the trigger. */
export interface SignInLookupOptions {
  readonly cache: TtlCache<TenantAnswer>;
  readonly key: string;
  /** The store path: one lookup (and maybe provisioning), within `signal`. */
  readonly load: (signal: AbortSignal) => Promise<TenantAnswer>;
  /** Whether the store's answer may be cached under `key` (default: every answer); see {@link eventSays}. */
  readonly cacheable?: ((answer: TenantAnswer) => boolean) | undefined;
  readonly failurePolicy: StoreFailurePolicy;
  /** Milliseconds the store may take: what is left of the trigger's deadline, less a reserve. */
  readonly budgetMs: number;
  /** The invocation's own deadline signal. */
  readonly signal: AbortSignal;
}

/** What a sign-in lookup found, or that the store failed. */
export type SignInLookup =
  | { readonly answer: TenantAnswer; readonly from: 'cache' | 'store' }
  | { readonly failed: unknown; readonly degraded: boolean };

/**
 * Looks a user's tenant up as the sign-in triggers do: from the warm container's cache, else the
 * store (`load`), within the deadline. An answer is cached for the TTL when `cacheable` allows,
 * a user without a tenant as much as one with: otherwise each token of such a user (every
 * refresh) would cost a store read. A failure is never cached. When the store fails or is slow,
 * the result says so, and whether `degrade` applies: the caller refuses (`fail-closed`) or goes
 * on without tenant claims (`degrade`).
 *
 * @example
 * const found = await lookUpAtSignIn({ cache, key, load, failurePolicy, budgetMs, signal });
 * if ('failed' in found) { if (!found.degraded) throw REFUSALS.unavailable; }
 */
export async function lookUpAtSignIn(options: SignInLookupOptions): Promise<SignInLookup> {
  const cached = options.cache.get(options.key);
  if (cached !== undefined) return { answer: cached, from: 'cache' };
  let answer: TenantAnswer;
  try {
    answer = await options.load(abortAfter(options.budgetMs, options.signal));
  } catch (failed) {
    return { failed, degraded: options.failurePolicy === 'degrade' };
  }
  if (options.cacheable?.(answer) ?? true) options.cache.set(options.key, answer);
  return { answer, from: 'store' };
}
