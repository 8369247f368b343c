import {
  ConfigError,
  type Environment,
  SettingsError,
  type SettingsTable,
  settingOf,
  settingsToEnvironment,
} from '@cognito-triggers/events';
import { InputError } from './command.js';
import { type PolicySource, readPolicyFile } from './policy-file.js';

/**
 * The one path from an environment's policy file to a trigger's configuration, for every command:
 * the file's "settings" object → the trigger's settings table (`SETTINGS` of the trigger,
 * `TENANCY_SETTINGS`, …) → exactly the environment the Terraform module gives the Lambda
 * (`settingsToEnvironment`) → the trigger's own `config.load`. Every mistake names the file and
 * the settings key: `terraform/environments/dev/terraform.tfvars.json: settings.<key>: <reason>`.
 */

/** The "settings" object of a policy file, and the file as shown in messages. */
export interface SettingsFile {
  readonly file: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** A source that names a policy file: `--env NAME` or `--config FILE`. */
export type FileSource = Extract<PolicySource, { kind: 'env' | 'config' }>;

/** Finds and reads the policy file of `source` (as `readPolicyFile`), and takes its settings. */
export async function readSettings(source: FileSource, cwd: string): Promise<SettingsFile> {
  const { file, tfvars } = await readPolicyFile(source, cwd);
  return settingsOf(file, tfvars);
}

/**
 * The "settings" object of a parsed policy file; a file without one (the policy keys at the top
 * level, as before) is refused, naming the file.
 */
export function settingsOf(file: string, tfvars: Readonly<Record<string, unknown>>): SettingsFile {
  const where = 'the policy keys (allowed_email_domains, …) live under "settings"';
  if (!Object.hasOwn(tfvars, 'settings') || tfvars.settings === undefined) {
    throw new InputError(`${file}: no "settings" object: ${where}`);
  }
  const settings = tfvars.settings;
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new InputError(`${file}: "settings" is ${describe(settings)}, not an object: ${where}`);
  }
  return { file, settings: settings as Record<string, unknown> };
}

/**
 * The environment the Terraform module gives a trigger from the file's settings (only the
 * variables of `table`); a value of the wrong shape names the file and the key.
 */
export function settingsEnvironment(
  source: SettingsFile,
  table: SettingsTable,
): Record<string, string> {
  try {
    return settingsToEnvironment(table, source.settings);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    throw new InputError(`${source.file}: ${error.message}`, { cause: error });
  }
}

/**
 * Loads a trigger's configuration from the file's settings, through the trigger's own `load`.
 * A {@link ConfigError} names the file and the settings key (`settingOf(table, variable)`);
 * `overrides` labels the variables the command line set instead (`{ APP_NAME: '--app-name' }`).
 */
export function loadSettings<Config>(
  source: SettingsFile,
  table: SettingsTable,
  load: (environment: Environment) => Config,
  options: {
    /** The environment to load; default `settingsEnvironment(source, table)`. */
    readonly environment?: Environment;
    /** Variables set from the command line, and the option that set each. */
    readonly overrides?: Readonly<Record<string, string>>;
  } = {},
): Config {
  const environment = options.environment ?? settingsEnvironment(source, table);
  return loadEnvironment(load, environment, (variable) => {
    const option = options.overrides?.[variable];
    if (option !== undefined) return { label: option, given: false };
    const key = settingOf(table, variable);
    if (key === undefined) return { label: `${source.file}: ${variable}`, given: false };
    return {
      label: `${source.file}: settings.${key}`,
      given: givenEmpty(source.settings, key, table[key]?.kind),
    };
  });
}

/**
 * Loads `environment` with a trigger's `load`; a {@link ConfigError} becomes an
 * {@link InputError} `<label>: <reason>`, where `origin` says where the variable came from and
 * whether it was given as an empty list (then: "is empty, but at least one entry is required",
 * rather than "is required but not set").
 */
export function loadEnvironment<Config>(
  load: (environment: Environment) => Config,
  environment: Environment,
  origin: (variable: string) => { readonly label: string; readonly given: boolean },
): Config {
  try {
    return load(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const { label, given } = origin(error.variable);
    const prefix = `${error.variable}: `;
    let reason = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message;
    if (reason === 'is required but not set' && given) {
      reason = 'is empty, but at least one entry is required';
    }
    throw new InputError(`${label}: ${reason}`, { cause: error });
  }
}

/** True when the settings give `key` as an empty list or object (which leaves it unset). */
function givenEmpty(
  settings: Readonly<Record<string, unknown>>,
  key: string,
  kind: string | undefined,
): boolean {
  if (kind !== 'list' && kind !== 'map' && kind !== 'json') return false;
  let value: unknown = settings;
  for (const part of key.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'object' && value !== null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    default:
      return typeof value;
  }
}
