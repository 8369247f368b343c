import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SETTINGS as CUSTOM_MESSAGE_SETTINGS } from '@cognito-triggers/custom-message';
import { SettingsError, type SettingsTable, settingsToEnvironment } from '@cognito-triggers/events';
import { SETTINGS as POST_CONFIRMATION_SETTINGS } from '@cognito-triggers/post-confirmation';
import { SETTINGS as PRE_AUTHENTICATION_SETTINGS } from '@cognito-triggers/pre-authentication';
import { SETTINGS as PRE_SIGN_UP_SETTINGS } from '@cognito-triggers/pre-signup';
import { SETTINGS as PRE_TOKEN_GENERATION_SETTINGS } from '@cognito-triggers/pre-token-generation';
import { LocalStackError, LocalStackErrorCode } from './errors.js';
import { PRE_TOKEN_GENERATION_VERSIONS, type PreTokenGenerationVersion } from './pool.js';

/**
 * The five trigger folders under `triggers/`: the values of `settings.triggers`, and the keys of
 * the module's `local.all_functions`.
 */
export const TRIGGER_FOLDERS = [
  'pre-signup',
  'post-confirmation',
  'pre-authentication',
  'pre-token-generation',
  'custom-message',
] as const;
export type TriggerFolder = (typeof TRIGGER_FOLDERS)[number];

/**
 * The pool's `LambdaConfig` slot of each trigger, which is also the function's name here
 * (Terraform names it `<name_prefix>-<env>-PreSignUp`, …). cognito-local itself has no pre
 * authentication trigger: the stack's preload (`emulator-hooks/`) invokes the function the
 * pool's `PreAuthentication` slot names at each password sign-in.
 */
export const EMULATOR_TRIGGER = {
  'pre-signup': 'PreSignUp',
  'post-confirmation': 'PostConfirmation',
  'pre-authentication': 'PreAuthentication',
  'pre-token-generation': 'PreTokenGeneration',
  'custom-message': 'CustomMessage',
} as const satisfies Record<TriggerFolder, string>;

/**
 * Each trigger's settings table (its package's `SETTINGS`): settings key → the variable it reads
 * and how the Terraform module writes it.
 */
export const TRIGGER_SETTINGS = {
  'pre-signup': PRE_SIGN_UP_SETTINGS,
  'post-confirmation': POST_CONFIRMATION_SETTINGS,
  'pre-authentication': PRE_AUTHENTICATION_SETTINGS,
  'pre-token-generation': PRE_TOKEN_GENERATION_SETTINGS,
  'custom-message': CUSTOM_MESSAGE_SETTINGS,
} as const satisfies Record<TriggerFolder, SettingsTable>;

/** The triggers that use the tenant store: the module sets their `TENANT_TABLE_NAME` from its table. */
const STORE_TRIGGERS: ReadonlySet<TriggerFolder> = new Set([
  'post-confirmation',
  'pre-authentication',
  'pre-token-generation',
]);

/** One function as the Terraform module deploys it. */
export interface TerraformFunction {
  readonly folder: TriggerFolder;
  /** `PreSignUp`, … (Cognito puts it in front of errors): {@link EMULATOR_TRIGGER}. */
  readonly name: string;
  /** Exactly the variables Terraform sets, with the values it would set for this environment. */
  readonly environment: Readonly<Record<string, string>>;
}

/** What the stack takes from an environment's `terraform.tfvars.json`. */
export interface StackPolicy {
  /** `dev`, `staging`, `prod`: a folder of `terraform/environments/`, and the environment's name. */
  readonly env: string;
  /** Absolute path of the environment's `terraform.tfvars.json`. */
  readonly file: string;
  /** `aws_region` of the environment. */
  readonly region: string;
  /** `<name_prefix>-<env>`: the pool's name, as the environment module names it. */
  readonly namePrefix: string;
  /** `<name_prefix>-<env>-tenants`, as the module names the table. */
  readonly tenantTable: string;
  /** The role groups the module creates (`settings.tenant_admin_group` / `tenant_member_group`). */
  readonly groups: readonly { readonly name: string; readonly description: string }[];
  /**
   * The pool's pre token generation event version: `settings.pre_token_generation_version`, as
   * the environment module sets it on the pool (default `V2_0`, the module's).
   */
  readonly preTokenGenerationVersion: PreTokenGenerationVersion;
  /**
   * The file's `settings` object as written (keys it leaves out are absent: the triggers'
   * own defaults apply).
   */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The functions the environment deploys (`settings.triggers`, default all five), in {@link TRIGGER_FOLDERS} order. */
  readonly functions: readonly TerraformFunction[];
}

/**
 * Reads `terraform/environments/<env>/terraform.tfvars.json` and renders the environment of
 * each function its `settings.triggers` deploys, as the cognito-triggers module writes it: the
 * trigger's settings table (`SETTINGS` of its package) over `settings`, plus
 * `TENANT_TABLE_NAME` (`tenantTable`, default the module's name for it) for the store triggers.
 *
 * @throws {LocalStackError} `LOCAL_POLICY_UNREADABLE` when the environment has no readable
 *   tfvars, the file has no `settings` object, or a setting has the wrong shape.
 * @example
 * const policy = await loadStackPolicy('/repo', 'dev');
 * policy.functions.find((fn) => fn.name === 'PreSignUp')?.environment.ALLOWED_EMAIL_DOMAINS;
 */
export async function loadStackPolicy(
  root: string,
  env: string,
  options: { readonly tenantTable?: string } = {},
): Promise<StackPolicy> {
  const file = join(root, 'terraform', 'environments', env, 'terraform.tfvars.json');
  const shown = `terraform/environments/${env}/terraform.tfvars.json`;
  let tfvars: unknown;
  try {
    tfvars = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new LocalStackError(
      LocalStackErrorCode.PolicyUnreadable,
      `cannot read ${shown} (${(error as Error).message}); --env names a folder of terraform/environments`,
      { cause: error },
    );
  }
  const refuse = (reason: string, cause?: unknown) =>
    new LocalStackError(
      LocalStackErrorCode.PolicyUnreadable,
      `${shown}: ${reason}`,
      cause === undefined ? undefined : { cause },
    );
  if (!isObject(tfvars)) throw refuse('must hold a JSON object');
  const settings = tfvars.settings;
  if (!isObject(settings)) {
    throw refuse(
      `has no "settings" object: the policy keys (allowed_email_domains, app_name, …) live under "settings"`,
    );
  }

  const namePrefix = `${nonEmpty(tfvars.name_prefix) ?? 'cognito-triggers'}-${env}`;
  const tenantTable = options.tenantTable ?? `${namePrefix}-tenants`;
  const deployed = triggersOf(settings.triggers, refuse);
  const functions = TRIGGER_FOLDERS.filter((folder) => deployed.has(folder)).map(
    (folder): TerraformFunction => {
      let environment: Record<string, string>;
      try {
        environment = settingsToEnvironment(TRIGGER_SETTINGS[folder], settings);
      } catch (error) {
        if (error instanceof SettingsError) throw refuse(error.message, error);
        throw error;
      }
      // The table's name is known only at apply time; here it is the local one.
      if (STORE_TRIGGERS.has(folder)) environment.TENANT_TABLE_NAME = tenantTable;
      return { folder, name: EMULATOR_TRIGGER[folder], environment };
    },
  );

  const group = (key: string, fallback: string) => {
    const value = settings[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || value === '') {
      throw refuse(`settings.${key}: must be a group name`);
    }
    return value;
  };
  const version = settings.pre_token_generation_version ?? 'V2_0';
  const preTokenGenerationVersion = PRE_TOKEN_GENERATION_VERSIONS.find(
    (known) => known === version,
  );
  if (preTokenGenerationVersion === undefined) {
    throw refuse(
      `settings.pre_token_generation_version: one of ${PRE_TOKEN_GENERATION_VERSIONS.join(', ')}`,
    );
  }
  return {
    env,
    file,
    region: nonEmpty(tfvars.aws_region) ?? 'eu-west-1',
    namePrefix,
    tenantTable,
    groups: [
      {
        name: group('tenant_admin_group', 'tenant-admin'),
        description: 'Tenant administrators (the tenant is the custom:tenant_id attribute)',
      },
      {
        name: group('tenant_member_group', 'tenant-member'),
        description: 'Tenant members (the tenant is the custom:tenant_id attribute)',
      },
    ],
    preTokenGenerationVersion,
    settings,
    functions,
  };
}

/** `settings.triggers`: absent or null is all five; otherwise one or more trigger folders. */
function triggersOf(
  value: unknown,
  refuse: (reason: string) => LocalStackError,
): ReadonlySet<TriggerFolder> {
  if (value === undefined || value === null) return new Set(TRIGGER_FOLDERS);
  const known = new Set<string>(TRIGGER_FOLDERS);
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => typeof item === 'string' && known.has(item))
  ) {
    throw refuse(`settings.triggers: one or more of ${TRIGGER_FOLDERS.join(', ')}`);
  }
  return new Set(value as TriggerFolder[]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
