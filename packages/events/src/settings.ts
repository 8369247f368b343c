/**
 * How one setting of an environment's `terraform.tfvars.json` ("settings" object) becomes the
 * environment variable a trigger reads, exactly as the Terraform module writes it:
 *
 * - `string`: as is; `number`, `bool`: their text (`60`, `false`);
 * - `list`: the items joined with commas (`example.com,*.example.com`);
 * - `map`: `key=value` pairs joined with commas (`example.com=acme`);
 * - `json`: the JSON text of the value (`{"admin":["orders/admin"]}`).
 *
 * A null, an empty string, an empty list or an empty map leaves the variable unset, so that the
 * trigger's own default applies.
 */
export type SettingKind = 'string' | 'number' | 'bool' | 'list' | 'map' | 'json';

/** One row of a trigger's settings table. */
export interface Setting {
  /** The environment variable the trigger reads. */
  readonly variable: string;
  readonly kind: SettingKind;
}

/**
 * A trigger's settings table: settings key (a dotted path for a nested one,
 * `claim_names.tenant_id`) → its variable and kind. The one table in code that the CLI, the
 * local stack and the Terraform contract test read; the Terraform module writes the same.
 */
export type SettingsTable = Readonly<Record<string, Setting>>;

/** A value of the settings object that does not have the shape its kind needs. */
export class SettingsError extends Error {
  /** The settings key, `claim_names.tenant_id`. */
  public readonly key: string;

  public constructor(key: string, message: string) {
    super(key === '' ? message : `settings.${key}: ${message}`);
    this.name = 'SettingsError';
    this.key = key;
  }
}

/**
 * The environment a trigger gets from an environment's settings, as the Terraform module
 * writes it. Keys of `settings` that the table does not name are ignored (they are another
 * trigger's).
 *
 * @throws {SettingsError} naming the key whose value has the wrong shape.
 * @example
 * const environment = settingsToEnvironment(PRE_SIGN_UP_SETTINGS, tfvars.settings);
 * const config = preSignUpConfig.load(environment);
 */
export function settingsToEnvironment(
  table: SettingsTable,
  settings: unknown,
): Record<string, string> {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new SettingsError('', 'settings must be a JSON object');
  }
  const environment: Record<string, string> = {};
  for (const [key, { variable, kind }] of Object.entries(table)) {
    const value = valueAt(settings as Record<string, unknown>, key);
    const text = render(key, kind, value);
    if (text !== undefined) environment[variable] = text;
  }
  return environment;
}

/** The settings key of a variable, for messages (`ALLOWED_EMAIL_DOMAINS` → `allowed_email_domains`). */
export function settingOf(table: SettingsTable, variable: string): string | undefined {
  return Object.entries(table).find(([, setting]) => setting.variable === variable)?.[0];
}

/** Merges settings tables; a key that two tables map differently is a programming error. */
export function mergeSettings(...tables: readonly SettingsTable[]): SettingsTable {
  const merged: Record<string, Setting> = {};
  for (const table of tables) {
    for (const [key, setting] of Object.entries(table)) {
      const known = merged[key];
      if (
        known !== undefined &&
        (known.variable !== setting.variable || known.kind !== setting.kind)
      ) {
        throw new Error(
          `settings key ${key} maps to both ${known.variable} and ${setting.variable}`,
        );
      }
      merged[key] = setting;
    }
  }
  return Object.freeze(merged);
}

function valueAt(settings: Record<string, unknown>, key: string): unknown {
  let value: unknown = settings;
  for (const part of key.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function render(key: string, kind: SettingKind, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw new SettingsError(key, 'must be a string');
      return value === '' ? undefined : value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new SettingsError(key, 'must be a number');
      }
      return String(value);
    case 'bool':
      if (typeof value !== 'boolean') throw new SettingsError(key, 'must be true or false');
      return String(value);
    case 'list': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
        throw new SettingsError(key, 'must be a list of strings');
      }
      const comma = value.find((item) => item.includes(','));
      if (comma !== undefined) {
        throw new SettingsError(
          key,
          `entry "${comma}" contains a comma, which separates entries in the Lambda's environment`,
        );
      }
      return value.length === 0 ? undefined : value.join(',');
    }
    case 'map': {
      const entries = objectEntries(key, value);
      if (!entries.every(([, item]) => typeof item === 'string')) {
        throw new SettingsError(key, 'must be an object of strings');
      }
      const separator = entries.flat().find((text) => /[,=]/.test(String(text)));
      if (separator !== undefined) {
        throw new SettingsError(
          key,
          `"${String(separator)}" contains "," or "=", which separate entries in the Lambda's environment`,
        );
      }
      return entries.length === 0 ? undefined : entries.map(([k, v]) => `${k}=${v}`).join(',');
    }
    case 'json': {
      const entries = objectEntries(key, value);
      return entries.length === 0 ? undefined : sortedJson(value);
    }
    default:
      return kind satisfies never;
  }
}

function objectEntries(key: string, value: unknown): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingsError(key, 'must be an object');
  }
  // Terraform iterates a map's keys in lexical order.
  return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** JSON with every object's keys in lexical order, as Terraform's `jsonencode` writes a map. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
