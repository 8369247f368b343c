import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, type Environment } from '@cognito-triggers/events';
import {
  type PreSignUpConfig,
  preSignUpConfig,
  TFVARS_TO_ENVIRONMENT,
} from '@cognito-triggers/pre-signup';
import { InputError, UsageError } from './command.js';

/**
 * An environment's policy lives in `terraform/environments/<env>/terraform.tfvars.json`: Terraform
 * auto-loads it, and its keys are the Terraform variable names. Only the keys of
 * {@link TFVARS_TO_ENVIRONMENT} concern the pre sign-up trigger; every other key is ignored.
 */
export const ENVIRONMENTS_DIR = 'terraform/environments';
export const POLICY_FILE_NAME = 'terraform.tfvars.json';

type TfvarsKey = keyof typeof TFVARS_TO_ENVIRONMENT;

/**
 * The Terraform type of each variable, which decides how the module turns it into the Lambda's
 * environment: `list(string)` joined with ",", `bool` as "true"/"false". A key added to the
 * trigger's map without a type here fails the type check.
 */
const TFVARS_TYPES = {
  allowed_email_domains: 'list',
  blocked_email_domains: 'list',
  protected_attributes: 'list',
  auto_confirm_users: 'bool',
} as const satisfies Record<TfvarsKey, 'list' | 'bool'>;

const TFVARS_KEYS = Object.keys(TFVARS_TO_ENVIRONMENT) as TfvarsKey[];

/** Where the policy comes from, as chosen on the command line. */
export type PolicySource =
  | {
      readonly kind: 'env';
      readonly env: string;
      /** The repository root, or undefined to find it from the working directory. */
      readonly root: string | undefined;
      /** True when no policy option was given and `--env dev` was assumed. */
      readonly defaulted: boolean;
    }
  | { readonly kind: 'config'; readonly file: string }
  | { readonly kind: 'inline'; readonly allow: string; readonly block: string | undefined };

/** A policy loaded through the trigger's own configuration code, and where it came from. */
export interface LoadedPolicy {
  readonly source: PolicySource;
  /** The policy file as shown in messages (relative to the repository root for `--env`). */
  readonly file: string | undefined;
  /** Exactly the environment Terraform would give the Lambda (only the trigger's variables). */
  readonly environment: Readonly<Record<string, string>>;
  readonly config: PreSignUpConfig;
}

export async function loadPolicy(source: PolicySource, cwd: string): Promise<LoadedPolicy> {
  if (source.kind === 'inline') {
    const environment: Record<string, string> = { ALLOWED_EMAIL_DOMAINS: source.allow };
    if (source.block !== undefined) environment.BLOCKED_EMAIL_DOMAINS = source.block;
    const config = loadConfig(environment, (variable) => {
      if (variable === 'ALLOWED_EMAIL_DOMAINS') return '--allow';
      if (variable === 'BLOCKED_EMAIL_DOMAINS') return '--block';
      return variable;
    });
    return { source, file: undefined, environment, config };
  }

  const { file, tfvars } = await readPolicyFile(source, cwd);
  const environment = tfvarsToEnvironment(tfvars, file);
  const config = loadConfig(
    environment,
    (variable) => `${file}: ${keyOf(variable)}`,
    (variable) => Object.hasOwn(tfvars, keyOf(variable)),
  );
  return { source, file, environment, config };
}

/**
 * Finds and reads the policy file of an `--env` or `--config` source: the file as shown in
 * messages (relative to the repository root for `--env`) and its parsed content. Every trigger's
 * command reads the same file; each picks its own keys.
 */
export async function readPolicyFile(
  source: Extract<PolicySource, { kind: 'env' | 'config' }>,
  cwd: string,
): Promise<{ file: string; tfvars: Record<string, unknown> }> {
  let path: string;
  let file: string;
  let missing: () => Promise<string>;
  if (source.kind === 'env') {
    if (!/^[A-Za-z0-9][\w-]*$/.test(source.env)) {
      throw new UsageError(`--env: "${source.env}" is not an environment name`);
    }
    const root =
      source.root === undefined ? await findWorkspaceRoot(cwd) : resolve(cwd, source.root);
    file = `${ENVIRONMENTS_DIR}/${source.env}/${POLICY_FILE_NAME}`;
    path = join(root, file);
    missing = async () => {
      const found = await listEnvironments(root);
      const listing =
        found.length > 0 ? `environments found: ${found.join(', ')}` : 'no environment has one yet';
      return `no policy file at ${file} (${listing})`;
    };
  } else {
    file = source.file;
    path = resolve(cwd, source.file);
    missing = async () => `no policy file at ${file}`;
  }

  return { file, tfvars: await readTfvars(path, file, missing) };
}

/** The nearest folder at or above `from` that holds `pnpm-workspace.yaml`. */
export async function findWorkspaceRoot(from: string): Promise<string> {
  let dir = resolve(from);
  for (;;) {
    if (await isFile(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new InputError(
        `no pnpm-workspace.yaml at or above ${resolve(from)}: pass --root DIR (the repository root) or --config FILE`,
      );
    }
    dir = parent;
  }
}

/** The environments of the repository that have a policy file, sorted. */
export async function listEnvironments(root: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(join(root, ENVIRONMENTS_DIR));
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of entries.sort()) {
    if (await isFile(join(root, ENVIRONMENTS_DIR, name, POLICY_FILE_NAME))) found.push(name);
  }
  return found;
}

/** Reads and parses a tfvars JSON file; every failure names the file. */
export async function readTfvars(
  path: string,
  file: string,
  missing: () => Promise<string> = async () => `no policy file at ${file}`,
): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') {
      throw new InputError(await missing(), { cause: error });
    }
    const reason = isErrnoException(error) ? (error.code ?? error.message) : String(error);
    throw new InputError(`${file}: cannot read the policy file (${reason})`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${file}: not valid JSON: ${reason}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      `${file}: expected a JSON object whose keys are Terraform variables, got ${describe(value)}`,
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Builds the environment the Terraform module gives the Lambda from the file's values: lists
 * joined with ",", booleans as "true"/"false", absent keys unset (the trigger's default). Checks
 * the JSON types first, so that a string where a list belongs is reported as such.
 */
export function tfvarsToEnvironment(
  tfvars: Readonly<Record<string, unknown>>,
  file: string,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const key of TFVARS_KEYS) {
    if (!Object.hasOwn(tfvars, key)) continue;
    const value = tfvars[key];
    const wrong = (reason: string) => new InputError(`${file}: ${key}: ${reason}`);
    const variable = TFVARS_TO_ENVIRONMENT[key];
    if (TFVARS_TYPES[key] === 'bool') {
      if (typeof value !== 'boolean') {
        throw wrong(`expected true or false (a JSON boolean), got ${describe(value)}`);
      }
      environment[variable] = String(value);
      continue;
    }
    if (!Array.isArray(value)) {
      throw wrong(`expected a list of strings (a JSON array), got ${describe(value)}`);
    }
    const entries = value.map((entry: unknown, index) => {
      if (typeof entry !== 'string') {
        throw wrong(`entry ${index + 1}: expected a string, got ${describe(entry)}`);
      }
      if (entry.includes(',')) {
        throw wrong(
          `entry "${entry}": contains a comma, which separates entries in the Lambda's environment`,
        );
      }
      return entry;
    });
    environment[variable] = entries.join(',');
  }
  return environment;
}

/**
 * Loads the environment with the trigger's own configuration; a {@link ConfigError} becomes an
 * {@link InputError} that names where the value came from (`label`) instead of the variable.
 */
function loadConfig(
  environment: Environment,
  label: (variable: string) => string,
  present: (variable: string) => boolean = () => true,
): PreSignUpConfig {
  try {
    return preSignUpConfig.load(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const prefix = `${error.variable}: `;
    let reason = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message;
    if (reason === 'is required but not set' && present(error.variable)) {
      reason = 'is empty, but at least one entry is required';
    }
    throw new InputError(`${label(error.variable)}: ${reason}`, { cause: error });
  }
}

/** The tfvars key of an environment variable of the trigger. */
function keyOf(variable: string): string {
  return TFVARS_KEYS.find((key) => TFVARS_TO_ENVIRONMENT[key] === variable) ?? variable;
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
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
