import { normaliseDomain } from '@cognito-triggers/events';
import { ENROLLMENT_MODES, type EnrollmentMode, isEnrollmentMode } from './enrollment.js';
import { isTenantId } from './model.js';

// The domain rules of the tenancy policy, and how an email domain is looked up in them. Pure
// and free of the configuration's variables, so that the store path of a trigger (a bundle of
// its own) takes these without the code that reads the environment.

/** Personal tenants are `user-<sub>`: an explicit mapping may not use that prefix. */
export const PERSONAL_TENANT_PREFIX = 'user-';

/**
 * A domain pattern of the policy: `example.com` is that domain exactly; `*.example.com` is every
 * subdomain of it (at any depth), never the apex. Kept in the normalised (punycode) form.
 */
export interface DomainPattern {
  readonly kind: 'exact' | 'subdomains';
  /** The normalised (punycode) domain, or the suffix below `*.`. */
  readonly domain: string;
}

/**
 * One entry of `TENANT_DOMAIN_MAP`: `example.com=acme` maps that domain exactly;
 * `*.example.com=acme` maps every subdomain (at any depth), never the apex.
 */
export interface DomainMapping extends DomainPattern {
  /** The entry as configured, for messages. */
  readonly text: string;
  readonly tenantId: string;
}

/**
 * One entry of `AUTHORITATIVE_IDPS`: `corp.example.com=CorpSAML` says that the identity provider
 * named `CorpSAML` in the user pool owns the addresses of that domain, so its users' email is
 * trusted there even when the provider sends no `email_verified`.
 */
export interface AuthoritativeProvider extends DomainPattern {
  /** The entry as configured, for messages. */
  readonly text: string;
  /** The provider's name in the user pool (`ProviderName`), compared case-insensitively. */
  readonly providerName: string;
}

/** Splits `pattern=value` and normalises the pattern; throws an `Error` saying what is wrong. */
function parseDomainEntry(text: string, expected: string): DomainPattern & { value: string } {
  const equals = text.indexOf('=');
  if (equals === -1) throw new Error(`expected ${expected}`);
  const pattern = text.slice(0, equals).trim();
  const value = text.slice(equals + 1).trim();
  const wildcard = pattern.startsWith('*.');
  const domain = normaliseDomain(wildcard ? pattern.slice(2) : pattern);
  if (domain === undefined) {
    throw new Error(`"${pattern}" is not a domain (expected "example.com" or "*.example.com")`);
  }
  return { kind: wildcard ? 'subdomains' : 'exact', domain, value };
}

/**
 * Parses one `domain=tenant` entry; throws an `Error` saying what is wrong with it.
 *
 * @example
 * parseDomainMapping('*.Example.com=acme') // { kind: 'subdomains', domain: 'example.com', tenantId: 'acme', … }
 */
export function parseDomainMapping(text: string): DomainMapping {
  const { kind, domain, value: tenantId } = parseDomainEntry(text, 'DOMAIN=TENANT_ID');
  if (!isTenantId(tenantId)) {
    throw new Error(
      `"${tenantId}" is not a tenant id (lower-case letters, digits and hyphens, at most 63)`,
    );
  }
  if (tenantId.startsWith(PERSONAL_TENANT_PREFIX)) {
    throw new Error(
      `"${tenantId}": the prefix "${PERSONAL_TENANT_PREFIX}" is kept for personal tenants`,
    );
  }
  return { text, kind, domain, tenantId };
}

// Cognito's ProviderName: 1-32 letters, marks, symbols, digits, punctuation or spaces. A comma or
// "=" would break the compact list, so they are refused here.
const PROVIDER_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]{1,32}$/u;

/**
 * Parses one `domain=ProviderName` entry of `AUTHORITATIVE_IDPS`.
 *
 * @example
 * parseAuthoritativeProvider('corp.example.com=CorpSAML') // { kind: 'exact', domain: 'corp.example.com', providerName: 'CorpSAML', … }
 */
export function parseAuthoritativeProvider(text: string): AuthoritativeProvider {
  const { kind, domain, value: providerName } = parseDomainEntry(text, 'DOMAIN=PROVIDER_NAME');
  if (!PROVIDER_NAME.test(providerName) || /[,=]/.test(providerName)) {
    throw new Error(`"${providerName}" is not an identity provider name of a user pool`);
  }
  return { text, kind, domain, providerName };
}

/** One entry of `TENANT_ENROLLMENT`: `example.com=join` (see {@link EnrollmentMode}). */
export interface EnrollmentRule extends DomainPattern {
  /** The entry as configured, for messages. */
  readonly text: string;
  readonly mode: EnrollmentMode;
}

/**
 * Parses one `domain=mode` entry of `TENANT_ENROLLMENT`.
 *
 * @example
 * parseEnrollmentRule('*.corp.example=invite') // { kind: 'subdomains', domain: 'corp.example', mode: 'invite', … }
 */
export function parseEnrollmentRule(text: string): EnrollmentRule {
  const { kind, domain, value } = parseDomainEntry(text, 'DOMAIN=open|join|invite');
  if (!isEnrollmentMode(value)) {
    throw new Error(`"${value}" is not an enrollment mode (${ENROLLMENT_MODES.join(', ')})`);
  }
  return { text, kind, domain, mode: value };
}

/**
 * The enrollment mode of a normalised email domain: its `TENANT_ENROLLMENT` entry (exact, else
 * the longest wildcard), else `DEFAULT_ENROLLMENT`.
 *
 * @example
 * enrollmentFor(policy, 'example.com') // 'join'
 */
export function enrollmentFor(
  policy: {
    readonly enrollment: readonly EnrollmentRule[];
    readonly defaultEnrollment: EnrollmentMode;
  },
  domain: string,
): EnrollmentMode {
  return findDomainMapping(policy.enrollment, domain)?.mode ?? policy.defaultEnrollment;
}

/**
 * The entry that applies to a normalised domain: an exact entry, else the longest suffix.
 *
 * @example
 * findDomainMapping(policy.domainMap, 'eu.example.com')?.tenantId
 */
export function findDomainMapping<TEntry extends DomainPattern>(
  entries: readonly TEntry[],
  domain: string,
): TEntry | undefined {
  const exact = entries.find((entry) => entry.kind === 'exact' && entry.domain === domain);
  if (exact !== undefined) return exact;
  return entries
    .filter((entry) => entry.kind === 'subdomains' && domain.endsWith(`.${entry.domain}`))
    .sort((a, b) => b.domain.length - a.domain.length)[0];
}
