import {
  ConfigError,
  type ConfigOf,
  env,
  normaliseDomain,
  type Variable,
} from '@cognito-triggers/events';
import { isTenantId } from './model.js';

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

function domainList<TEntry extends DomainPattern & { readonly text: string }>(
  name: string,
  item: (text: string) => TEntry,
): Variable<readonly TEntry[]> {
  const list = env.list(name, { default: [], item });
  return {
    name,
    read(environment) {
      const entries = list.read(environment);
      const seen = new Map<string, string>();
      for (const entry of entries) {
        const key = `${entry.kind === 'subdomains' ? '*.' : ''}${entry.domain}`;
        const previous = seen.get(key);
        if (previous !== undefined) {
          throw new ConfigError(name, `"${entry.text}" maps ${key} again (after "${previous}")`);
        }
        seen.set(key, entry.text);
      }
      return entries;
    },
  };
}

function domainItem(entry: string): string {
  const domain = normaliseDomain(entry);
  if (domain === undefined) throw new Error('is not a domain (expected "gmail.com")');
  return domain;
}

// Cognito's own constraint on group names (CreateGroup), so a typo fails at cold start.
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

function groupName(name: string, fallback: string): Variable<string> {
  const raw = env.string(name, { default: fallback });
  return {
    name,
    read(environment) {
      const value = raw.read(environment);
      if (!GROUP_NAME.test(value)) {
        throw new ConfigError(name, `"${value}" is not a Cognito group name`);
      }
      return value;
    },
  };
}

function matching(name: string, pattern: RegExp, expected: string, fallback?: string) {
  const raw = env.string(name, fallback === undefined ? {} : { default: fallback });
  return {
    name,
    read(environment) {
      const value = raw.read(environment);
      if (!pattern.test(value)) throw new ConfigError(name, `"${value}" is not ${expected}`);
      return value;
    },
  } satisfies Variable<string>;
}

/**
 * The tenancy policy: how a user's tenant and role group are chosen. A trigger spreads it into
 * its own `defineConfig`, so that every trigger reads these variables under the same names.
 */
export const tenancyPolicyVariables = {
  domainMap: domainList('TENANT_DOMAIN_MAP', parseDomainMapping),
  personalEmailDomains: env.list('PERSONAL_EMAIL_DOMAINS', { default: [], item: domainItem }),
  adminGroup: groupName('TENANT_ADMIN_GROUP', 'tenant-admin'),
  memberGroup: groupName('TENANT_MEMBER_GROUP', 'tenant-member'),
  defaultTier: matching(
    'DEFAULT_TENANT_TIER',
    /^[a-z0-9][a-z0-9_-]{0,31}$/,
    'a tier name (lower-case letters, digits, "-" and "_", at most 32)',
    'free',
  ),
  authoritativeProviders: domainList('AUTHORITATIVE_IDPS', parseAuthoritativeProvider),
} as const;

/**
 * Every variable of tenancy: the policy and the table. Spread it into a trigger's config.
 *
 * @example
 * export const postConfirmationConfig = defineConfig({ ...tenancyVariables });
 */
export const tenancyVariables = {
  tableName: matching(
    'TENANT_TABLE_NAME',
    /^[A-Za-z0-9_.-]{3,255}$/,
    'a DynamoDB table name (3-255 letters, digits, "_", "-" or ".")',
  ),
  ...tenancyPolicyVariables,
} as const;

/** The tenancy policy as loaded: what {@link resolveTenant} and `provisionUser` need. */
export type TenancyPolicy = ConfigOf<typeof tenancyPolicyVariables>;

/** The policy and the table name. */
export type TenancyConfig = ConfigOf<typeof tenancyVariables>;

/**
 * How the environment's policy file (`terraform/environments/<env>/terraform.tfvars.json`) maps
 * onto the tenancy variables. `tenant_domain_map` is a JSON object there (`{"example.com":
 * "acme"}`), which the Terraform module joins into `example.com=acme,…`;
 * `personal_email_domains` is a list joined with commas; the others are strings.
 * `TENANT_TABLE_NAME` is not here: the module sets it from the table it creates.
 */
export const TENANCY_TFVARS_TO_ENVIRONMENT = {
  tenant_domain_map: 'TENANT_DOMAIN_MAP',
  personal_email_domains: 'PERSONAL_EMAIL_DOMAINS',
  tenant_admin_group: 'TENANT_ADMIN_GROUP',
  tenant_member_group: 'TENANT_MEMBER_GROUP',
  default_tenant_tier: 'DEFAULT_TENANT_TIER',
  authoritative_idps: 'AUTHORITATIVE_IDPS',
} as const;

/** The Terraform type of each key of {@link TENANCY_TFVARS_TO_ENVIRONMENT}. */
export const TENANCY_TFVARS_TYPES = {
  tenant_domain_map: 'map',
  personal_email_domains: 'list',
  tenant_admin_group: 'string',
  tenant_member_group: 'string',
  default_tenant_tier: 'string',
  authoritative_idps: 'map',
} as const satisfies Record<keyof typeof TENANCY_TFVARS_TO_ENVIRONMENT, 'map' | 'list' | 'string'>;
