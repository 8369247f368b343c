import { join, resolve } from 'node:path';
import { ConfigError, defineConfig } from '@cognito-triggers/events';
import {
  signInVariables,
  TENANCY_TFVARS_TO_ENVIRONMENT,
  TENANCY_TFVARS_TYPES,
  type TenancyPolicy,
  tenancyPolicyVariables,
} from '@cognito-triggers/tenancy';
import { InputError, UsageError } from './command.js';
import {
  ENVIRONMENTS_DIR,
  findWorkspaceRoot,
  listEnvironments,
  POLICY_FILE_NAME,
  readTfvars,
} from './policy-file.js';

type TfvarsKey = keyof typeof TENANCY_TFVARS_TO_ENVIRONMENT;
const TFVARS_KEYS = Object.keys(TENANCY_TFVARS_TO_ENVIRONMENT) as TfvarsKey[];
const policyConfig = defineConfig(tenancyPolicyVariables);

/**
 * How long a warm sign-in function reuses a tenant it has read: what the lifecycle commands tell
 * an operator about a suspension. The very variable the triggers read (`signInVariables`).
 */
const TOKEN_CACHE_TTL_KEY = 'token_cache_ttl_seconds';
const cacheConfig = defineConfig({ tokenCacheTtlSeconds: signInVariables.cacheTtlSeconds });

/** The tenancy policy of an environment, and where it came from. */
export interface LoadedTenancyPolicy {
  /** The policy file as shown in messages, or undefined for the built-in defaults. */
  readonly file: string | undefined;
  /** Exactly the environment Terraform gives the Lambdas (only the tenancy variables). */
  readonly environment: Readonly<Record<string, string>>;
  readonly policy: TenancyPolicy;
  /** `token_cache_ttl_seconds` (`TOKEN_CACHE_TTL_SECONDS` of pre token generation). */
  readonly tokenCacheTtlSeconds: number;
}

/**
 * Loads the tenancy policy of `terraform/environments/<env>/terraform.tfvars.json` through the
 * triggers' own configuration code, or the defaults when no environment is named.
 */
export async function loadTenancyPolicy(
  options: { readonly env: string | undefined; readonly root: string | undefined },
  cwd: string,
): Promise<LoadedTenancyPolicy> {
  if (options.env === undefined) {
    return {
      file: undefined,
      environment: {},
      policy: policyConfig.load({}),
      tokenCacheTtlSeconds: cacheConfig.load({}).tokenCacheTtlSeconds,
    };
  }
  if (!/^[A-Za-z0-9][\w-]*$/.test(options.env)) {
    throw new UsageError(`--env: "${options.env}" is not an environment name`);
  }
  const root =
    options.root === undefined ? await findWorkspaceRoot(cwd) : resolve(cwd, options.root);
  const file = `${ENVIRONMENTS_DIR}/${options.env}/${POLICY_FILE_NAME}`;
  const tfvars = await readTfvars(join(root, file), file, async () => {
    const found = await listEnvironments(root);
    const listing =
      found.length > 0 ? `environments found: ${found.join(', ')}` : 'no environment has one yet';
    return `no policy file at ${file} (${listing})`;
  });
  const environment = tenancyEnvironment(tfvars, file);
  try {
    return {
      file,
      environment,
      policy: policyConfig.load(environment),
      tokenCacheTtlSeconds: cacheConfig.load(cacheEnvironment(tfvars, file)).tokenCacheTtlSeconds,
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const key =
      error.variable === 'TOKEN_CACHE_TTL_SECONDS'
        ? TOKEN_CACHE_TTL_KEY
        : TFVARS_KEYS.find((k) => TENANCY_TFVARS_TO_ENVIRONMENT[k] === error.variable);
    const reason = error.message.slice(`${error.variable}: `.length);
    throw new InputError(`${file}: ${key ?? error.variable}: ${reason}`, { cause: error });
  }
}

/**
 * The tenancy policy of a policy file's values, loaded through the triggers' own configuration
 * (the defaults for no file); a mistake names the file and key.
 */
export function tenancyPolicyOf(
  tfvars: Readonly<Record<string, unknown>>,
  file: string | undefined,
): TenancyPolicy {
  if (file === undefined) return policyConfig.load({});
  try {
    return policyConfig.load(tenancyEnvironment(tfvars, file));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const key = TFVARS_KEYS.find((k) => TENANCY_TFVARS_TO_ENVIRONMENT[k] === error.variable);
    const reason = error.message.slice(`${error.variable}: `.length);
    throw new InputError(`${file}: ${key ?? error.variable}: ${reason}`, { cause: error });
  }
}

/** `token_cache_ttl_seconds` (a JSON number) as the Terraform module passes it: `tostring()`. */
function cacheEnvironment(
  tfvars: Readonly<Record<string, unknown>>,
  file: string,
): Record<string, string> {
  if (!Object.hasOwn(tfvars, TOKEN_CACHE_TTL_KEY)) return {};
  const value = tfvars[TOKEN_CACHE_TTL_KEY];
  if (typeof value !== 'number') {
    throw new InputError(`${file}: ${TOKEN_CACHE_TTL_KEY}: expected a number of seconds`);
  }
  return { TOKEN_CACHE_TTL_SECONDS: String(value) };
}

/**
 * The environment the Terraform module builds from the file: `tenant_domain_map` and
 * `authoritative_idps` (objects keyed by domain) joined as `domain=value,…`, `personal_email_domains` (a list) joined with commas, strings as
 * they are, absent keys unset. JSON types are checked first, so that a mistake names the key.
 */
export function tenancyEnvironment(
  tfvars: Readonly<Record<string, unknown>>,
  file: string,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const key of TFVARS_KEYS) {
    if (!Object.hasOwn(tfvars, key)) continue;
    const value = tfvars[key];
    const wrong = (reason: string) => new InputError(`${file}: ${key}: ${reason}`);
    const separators = (text: string, what: string) => {
      if (/[,=]/.test(text)) throw wrong(`${what} "${text}" contains "," or "="`);
      return text;
    };
    switch (TENANCY_TFVARS_TYPES[key]) {
      case 'map': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw wrong('expected an object keyed by domain, like {"example.com": "acme"}');
        }
        const entries = Object.entries(value).map(([domain, tenant]) => {
          if (typeof tenant !== 'string') throw wrong(`"${domain}": expected a string`);
          return `${separators(domain, 'domain')}=${separators(tenant, 'value')}`;
        });
        if (entries.length > 0) environment[TENANCY_TFVARS_TO_ENVIRONMENT[key]] = entries.join(',');
        break;
      }
      case 'list': {
        if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
          throw wrong('expected a list of strings');
        }
        const entries = (value as string[]).map((entry) => separators(entry, 'entry'));
        if (entries.length > 0) environment[TENANCY_TFVARS_TO_ENVIRONMENT[key]] = entries.join(',');
        break;
      }
      case 'string':
        if (typeof value !== 'string') throw wrong('expected a string');
        environment[TENANCY_TFVARS_TO_ENVIRONMENT[key]] = value;
        break;
      default:
        TENANCY_TFVARS_TYPES[key] satisfies never;
    }
  }
  return environment;
}
