import {
  ConfigError,
  type ConfigOf,
  env,
  normaliseDomain,
  type SettingsTable,
  type Variable,
} from '@cognito-triggers/events';
import { ENROLLMENT_MODES } from './enrollment.js';
import { STORE_FAILURE_POLICIES } from './sign-in.js';

export {
  type AuthoritativeProvider,
  type DomainMapping,
  type DomainPattern,
  type EnrollmentRule,
  enrollmentFor,
  findDomainMapping,
  PERSONAL_TENANT_PREFIX,
  parseAuthoritativeProvider,
  parseDomainMapping,
  parseEnrollmentRule,
} from './domains.js';
export type { EnrollmentMode } from './enrollment.js';

import {
  type DomainPattern,
  parseAuthoritativeProvider,
  parseDomainMapping,
  parseEnrollmentRule,
} from './domains.js';

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
  enrollment: domainList('TENANT_ENROLLMENT', parseEnrollmentRule),
  defaultEnrollment: env.oneOf('DEFAULT_ENROLLMENT', ENROLLMENT_MODES, { default: 'open' }),
} as const;

/**
 * Every variable of tenancy: the policy and the table. Spread it into a trigger's config.
 *
 * @example
 * export const postConfirmationConfig = defineConfig({ ...tenancyVariables });
 */
// Built by calls marked pure: a bundle that imports this module for the other variables (the
// sign-in triggers' entries) leaves this object out.
export const tenancyVariables = /* @__PURE__ */ Object.assign(
  {
    tableName: /* @__PURE__ */ matching(
      'TENANT_TABLE_NAME',
      /^[A-Za-z0-9_.-]{3,255}$/,
      'a DynamoDB table name (3-255 letters, digits, "_", "-" or ".")',
    ),
  },
  tenancyPolicyVariables,
);

/** The tenancy policy as loaded: what {@link resolveTenant} and `provisionUser` need. */
export type TenancyPolicy = ConfigOf<typeof tenancyPolicyVariables>;

/** The policy and the table name. */
export type TenancyConfig = ConfigOf<typeof tenancyVariables>;

/**
 * The settings of an environment (the "settings" object of its `terraform.tfvars.json`) that
 * the tenancy variables read, and how the Terraform module writes each: `tenant_domain_map`
 * `{"example.com": "acme"}` becomes `example.com=acme,…`, lists are joined with commas.
 * `TENANT_TABLE_NAME` is not here: the module sets it from the table it creates.
 */
export const TENANCY_SETTINGS = {
  tenant_domain_map: { variable: 'TENANT_DOMAIN_MAP', kind: 'map' },
  personal_email_domains: { variable: 'PERSONAL_EMAIL_DOMAINS', kind: 'list' },
  tenant_admin_group: { variable: 'TENANT_ADMIN_GROUP', kind: 'string' },
  tenant_member_group: { variable: 'TENANT_MEMBER_GROUP', kind: 'string' },
  default_tenant_tier: { variable: 'DEFAULT_TENANT_TIER', kind: 'string' },
  authoritative_idps: { variable: 'AUTHORITATIVE_IDPS', kind: 'map' },
  tenant_enrollment: { variable: 'TENANT_ENROLLMENT', kind: 'map' },
  default_enrollment: { variable: 'DEFAULT_ENROLLMENT', kind: 'string' },
} as const satisfies SettingsTable;

/**
 * The store settings of the triggers that run at every sign-in (pre authentication, pre token
 * generation): one name each, whichever function reads it.
 */
export const signInVariables = {
  /** How long a warm function reuses a tenant it has read (0 to 3600 s). */
  cacheTtlSeconds: env.integer('TOKEN_CACHE_TTL_SECONDS', { default: 60, min: 0, max: 3600 }),
  /** `fail-closed` refuses a sign-in the store cannot answer; `degrade` lets it in without a tenant. */
  storeFailurePolicy: env.oneOf('STORE_FAILURE_POLICY', STORE_FAILURE_POLICIES, {
    default: 'fail-closed',
  }),
} as const;

/** The settings of {@link signInVariables}. */
export const SIGN_IN_SETTINGS = {
  token_cache_ttl_seconds: { variable: 'TOKEN_CACHE_TTL_SECONDS', kind: 'number' },
  store_failure_policy: { variable: 'STORE_FAILURE_POLICY', kind: 'string' },
} as const satisfies SettingsTable;
