import { execFile } from 'node:child_process';
import { access, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { TERRAFORM_ROOT } from './hcl.js';

/** The provider mirror of these machines: `hashicorp/aws` 5.100.0, no registry. */
export const PROVIDER_MIRROR = '/opt/tf-plugins';

/** The repository's CLI configuration, which installs providers from {@link PROVIDER_MIRROR}. */
export const MIRROR_CLI_CONFIG = join(TERRAFORM_ROOT, 'terraform.rc');

/** The oldest Terraform the modules accept (`required_version`). */
export const MINIMUM_TERRAFORM = '1.9';

/** Terraform is not installed, or not on `PATH`: the message says how to get it. */
export class TerraformMissingError extends Error {
  public constructor(searched: readonly string[]) {
    super(
      `terraform is not on PATH (searched ${searched.join(', ') || 'an empty PATH'}): the Terraform tests need Terraform >= ${MINIMUM_TERRAFORM}. Install it (https://developer.hashicorp.com/terraform/install, or your package manager), or set TERRAFORM_BIN to its path, then run the tests again.`,
    );
    this.name = 'TerraformMissingError';
  }
}

/**
 * The `terraform` binary: `TERRAFORM_BIN`, else the first on `PATH`.
 *
 * @throws {TerraformMissingError} when there is none.
 */
export async function findTerraform(
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Promise<string> {
  const explicit = environment.TERRAFORM_BIN;
  const candidates =
    explicit !== undefined && explicit !== ''
      ? [explicit]
      : (environment.PATH ?? '')
          .split(delimiter)
          .filter((dir) => dir !== '')
          .map((dir) => join(dir, 'terraform'));
  for (const candidate of candidates) {
    if (await isExecutable(candidate)) return candidate;
  }
  throw new TerraformMissingError(candidates);
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, 1);
    return true;
  } catch {
    return false;
  }
}

/** The answer of one Terraform command. */
export interface TerraformRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** `terraform <args>` in `<folder>`, for messages. */
  readonly command: string;
}

/**
 * Runs Terraform the way the tests do: no prompts, no colour, no update check, its working data
 * (`.terraform`) in `dataDir` rather than in the repository, and the mirror's CLI configuration
 * when the mirror exists, unless `TF_CLI_CONFIG_FILE` names a file that exists.
 */
export async function runTerraform(
  binary: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly dataDir: string; readonly timeoutMs?: number },
): Promise<TerraformRun> {
  const environment: Record<string, string> = {
    ...(process.env as Record<string, string>),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    TF_DATA_DIR: options.dataDir,
  };
  const own = process.env.TF_CLI_CONFIG_FILE;
  const hasOwn = own !== undefined && own !== '' && (await exists(own));
  if (!hasOwn && (await exists(PROVIDER_MIRROR)))
    environment.TF_CLI_CONFIG_FILE = MIRROR_CLI_CONFIG;
  const command = `terraform ${args.join(' ')} (in ${options.cwd.slice(TERRAFORM_ROOT.length + 1) || '.'})`;
  return new Promise((resolve) => {
    execFile(
      binary,
      [`-chdir=${options.cwd}`, ...args],
      { env: environment, timeout: options.timeoutMs ?? 300_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code =
          error === null ? 0 : typeof error.code === 'number' ? error.code : error.killed ? 124 : 1;
        resolve({ code, stdout, stderr, command });
      },
    );
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** A fresh folder for one Terraform working directory's data. */
export function terraformDataDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `tf-${label.replaceAll('/', '-')}-`));
}

/**
 * Every folder Terraform runs in: each module, each module's examples, each environment root.
 * Paths relative to the repository's `terraform/` folder, sorted.
 */
export async function terraformFolders(): Promise<string[]> {
  const folders: string[] = [];
  for (const module of await subfolders('modules')) {
    folders.push(module);
    for (const example of await subfolders(join(module, 'examples'))) folders.push(example);
  }
  for (const root of await subfolders('environments')) {
    if (await exists(join(TERRAFORM_ROOT, root, 'terraform.tfvars.json'))) folders.push(root);
  }
  return folders.sort();
}

async function subfolders(relative: string): Promise<string[]> {
  const entries = await readdir(join(TERRAFORM_ROOT, relative), { withFileTypes: true }).catch(
    () => [],
  );
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => join(relative, entry.name));
}

/** Whether a folder holds native Terraform tests (`tests/*.tftest.hcl`). */
export async function hasTerraformTests(folder: string): Promise<boolean> {
  const entries = await readdir(join(TERRAFORM_ROOT, folder, 'tests')).catch(() => []);
  return entries.some((name) => name.endsWith('.tftest.hcl'));
}
