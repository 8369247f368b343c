import { defineConfig } from '@cognito-triggers/events';
import {
  SIGN_IN_SETTINGS,
  signInVariables,
  TENANCY_SETTINGS,
  type TenancyPolicy,
  tenancyPolicyVariables,
} from '@cognito-triggers/tenancy';
import {
  loadSettings,
  readSettings,
  type SettingsFile,
  settingsEnvironment,
} from './settings-file.js';

const policyConfig = defineConfig(tenancyPolicyVariables);

/**
 * How long a warm sign-in function reuses a tenant it has read: what the lifecycle commands tell
 * an operator about a suspension. The very variable the triggers read (`signInVariables`), from
 * its row of `SIGN_IN_SETTINGS` (`token_cache_ttl_seconds`).
 */
const cacheConfig = defineConfig({ tokenCacheTtlSeconds: signInVariables.cacheTtlSeconds });
const CACHE_SETTINGS = { token_cache_ttl_seconds: SIGN_IN_SETTINGS.token_cache_ttl_seconds };

/** The tenancy policy of an environment, and where it came from. */
export interface LoadedTenancyPolicy {
  /** The policy file as shown in messages, or undefined for the built-in defaults. */
  readonly file: string | undefined;
  /** Exactly the environment Terraform gives the Lambdas (only the tenancy variables). */
  readonly environment: Readonly<Record<string, string>>;
  readonly policy: TenancyPolicy;
  /** `settings.token_cache_ttl_seconds` (`TOKEN_CACHE_TTL_SECONDS` of the sign-in triggers). */
  readonly tokenCacheTtlSeconds: number;
}

/**
 * Loads the tenancy policy of `terraform/environments/<env>/terraform.tfvars.json` (its
 * "settings" object) through the triggers' own configuration code, or the defaults when no
 * environment is named.
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
  const settings = await readSettings(
    {
      kind: 'env',
      env: options.env,
      root: options.root,
      defaulted: false,
      outsideCheckout: 'leave out --env (the default policy)',
    },
    cwd,
  );
  const environment = settingsEnvironment(settings, TENANCY_SETTINGS);
  return {
    file: settings.file,
    environment,
    policy: loadSettings(settings, TENANCY_SETTINGS, policyConfig.load, { environment }),
    tokenCacheTtlSeconds: loadSettings(settings, CACHE_SETTINGS, cacheConfig.load)
      .tokenCacheTtlSeconds,
  };
}

/**
 * The tenancy policy of a policy file's settings, loaded through the triggers' own
 * configuration (the defaults for no file); a mistake names the file and the settings key.
 */
export function tenancyPolicyOf(settings: SettingsFile | undefined): TenancyPolicy {
  if (settings === undefined) return policyConfig.load({});
  return loadSettings(settings, TENANCY_SETTINGS, policyConfig.load);
}
