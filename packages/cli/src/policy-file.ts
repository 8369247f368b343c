import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { findWorkspaceRoot, WORKSPACE_FILE } from '@cognito-triggers/cli-kit';
import { InputError, UsageError } from './command.js';

/**
 * An environment's policy lives in `terraform/environments/<env>/terraform.tfvars.json`:
 * Terraform auto-loads it. Its "settings" object holds every trigger's policy keys; each command
 * reads the file here and its trigger's keys through `settings-file.ts`.
 */
export const ENVIRONMENTS_DIR = 'terraform/environments';
export const POLICY_FILE_NAME = 'terraform.tfvars.json';

/** Where the policy comes from, as chosen on the command line. */
export type PolicySource =
  | {
      readonly kind: 'env';
      readonly env: string;
      /** The repository root, or undefined to find it from the working directory. */
      readonly root: string | undefined;
      /** True when no policy option was given and `--env dev` was assumed. */
      readonly defaulted: boolean;
      /**
       * What to do instead when there is no checkout of the suite to read the environment from
       * (an installed `cognito-triggers` runs anywhere), e.g. `use --config FILE`.
       */
      readonly outsideCheckout: string;
    }
  | { readonly kind: 'config'; readonly file: string }
  | { readonly kind: 'inline'; readonly allow: string; readonly block: string | undefined };

/**
 * Finds and reads the policy file of an `--env` or `--config` source: the file as shown in
 * messages (relative to the repository root for `--env`) and its parsed content. Every trigger's
 * command reads the same file; each takes its own keys of the "settings" object.
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
    file = `${ENVIRONMENTS_DIR}/${source.env}/${POLICY_FILE_NAME}`;
    const root =
      source.root === undefined ? await checkoutRoot(source, file, cwd) : resolve(cwd, source.root);
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

/**
 * The checkout of the suite at or above `cwd`, whose `terraform/environments` hold the policy
 * files of `--env`.
 *
 * @throws {InputError} naming the options that work without one: the installed command runs
 * outside any checkout.
 */
async function checkoutRoot(
  source: Extract<PolicySource, { kind: 'env' }>,
  file: string,
  cwd: string,
): Promise<string> {
  try {
    return await findWorkspaceRoot(cwd);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const env = `--env ${source.env}${source.defaulted ? ' (the default)' : ''}`;
    throw new InputError(
      `${env} reads ${file} of a checkout of the suite, and no folder at or above ${resolve(cwd)} holds ${WORKSPACE_FILE}: outside a checkout, ${source.outsideCheckout}; or point --root DIR at a checkout`,
      { cause: error },
    );
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
