import { createHash } from 'node:crypto';
import { parseEmailAddress } from '@cognito-triggers/events';
import type { TenancyPolicy } from './config.js';
import { findDomainMapping, PERSONAL_TENANT_PREFIX } from './domains.js';
import { TenancyError, TenancyErrorCode } from './errors.js';
import { isTenantId } from './model.js';

/** Where a resolved tenant id came from. */
export const TenantSource = {
  /** `TENANT_DOMAIN_MAP` names the tenant of the domain. */
  Mapped: 'mapped',
  /** Derived from the domain: everyone at the domain computes the same id. */
  Derived: 'derived',
  /** A consumer domain (`PERSONAL_EMAIL_DOMAINS`): a tenant of one, `user-<sub>`. */
  Personal: 'personal',
  /** A tenant that claims the domain in the store (`tenants create --domain`). */
  Claimed: 'claimed',
} as const;
export type TenantSource = (typeof TenantSource)[keyof typeof TenantSource];

/** The tenant a user belongs in, before anything is written. */
export interface ResolvedTenant {
  readonly tenantId: string;
  /** Name for a tenant created now: the domain, or `personal` for a personal tenant. */
  readonly name: string;
  /** The user's email domain, lower-case ASCII (punycode). */
  readonly domain: string;
  readonly source: TenantSource;
}

const SLUG_MAX = 63 - 1 - 8;

/**
 * The tenant id of a domain without an explicit mapping: readable and collision-safe, the
 * domain with dots turned into hyphens (cut to fit 63 characters), then `-` and the first 8 hex
 * digits of the SHA-256 of the domain. Deterministic, so concurrent first users of a domain
 * compute the same id without talking to each other.
 *
 * @example
 * deriveTenantId('example.com') // 'example-com-a379a6f6'
 */
export function deriveTenantId(domain: string): string {
  const slug = domain.replaceAll('.', '-').slice(0, SLUG_MAX).replace(/-+$/, '');
  const hash = createHash('sha256').update(domain).digest('hex').slice(0, 8);
  return `${slug}-${hash}`;
}

/**
 * Resolves the tenant of a user from the email domain alone: `TENANT_DOMAIN_MAP` first, then a
 * personal tenant for a domain of `PERSONAL_EMAIL_DOMAINS`, else an id derived from the domain.
 * Pure; nothing the user typed besides the email takes part (a `custom:tenant_id` is ignored).
 *
 * @example
 * resolveTenant({ sub, email: 'ana@Example.com' }, policy)
 * // { tenantId: 'example-com-a379a6f6', name: 'example.com', domain: 'example.com', source: 'derived' }
 * @throws {TenancyError} `TENANT_EMAIL_MISSING`, `TENANT_EMAIL_INVALID`, `TENANT_USER_INVALID`.
 */
export function resolveTenant(
  user: { readonly sub: string; readonly email: string | undefined },
  policy: Pick<TenancyPolicy, 'domainMap' | 'personalEmailDomains'>,
): ResolvedTenant {
  if (user.email === undefined || user.email.length === 0) {
    throw new TenancyError(TenancyErrorCode.EmailMissing, 'the user has no email attribute');
  }
  const parsed = parseEmailAddress(user.email);
  if (!parsed.ok) {
    throw new TenancyError(TenancyErrorCode.EmailInvalid, `the email is invalid: ${parsed.reason}`);
  }
  const { domain } = parsed.email;

  const mapping = findDomainMapping(policy.domainMap, domain);
  if (mapping !== undefined) {
    return { tenantId: mapping.tenantId, name: domain, domain, source: TenantSource.Mapped };
  }
  if (policy.personalEmailDomains.includes(domain)) {
    const tenantId = `${PERSONAL_TENANT_PREFIX}${user.sub.toLowerCase()}`;
    if (!isTenantId(tenantId)) {
      throw new TenancyError(TenancyErrorCode.UserInvalid, 'the sub cannot form a tenant id');
    }
    return { tenantId, name: 'personal', domain, source: TenantSource.Personal };
  }
  return { tenantId: deriveTenantId(domain), name: domain, domain, source: TenantSource.Derived };
}
