import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
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
 * Every folder Terraform runs in: each module, each module's examples, the examples of whole
 * roots (`examples/`), each environment root.
 * Paths relative to the repository's `terraform/` folder, sorted.
 */
export async function terraformFolders(): Promise<string[]> {
  const folders: string[] = [];
  for (const module of await subfolders('modules')) {
    folders.push(module);
    for (const example of await subfolders(join(module, 'examples'))) folders.push(example);
  }
  for (const example of await subfolders('examples')) folders.push(example);
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

/** The provider block of a scratch root: fake credentials, nothing checked, nothing called. */
const OFFLINE_PROVIDER = `provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
`;

/** The planned value of a root's outputs (`terraform show -json` of a saved plan). */
export type PlannedOutputs = Readonly<Record<string, unknown>>;

/** One resource of a saved plan: its address and its planned values (`after`, known parts). */
export interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly after: Readonly<Record<string, unknown>> | null;
}

/** A plan of the cognito-triggers module: its outputs and its resources. */
export interface SuitePlan {
  readonly outputs: PlannedOutputs;
  readonly resources: readonly PlannedResource[];
}

/** How the module is planned besides its settings. */
export interface SuitePlanOptions {
  /** Plan the attachment to an existing pool (the attach function and its invocation). */
  readonly attach?: boolean;
  /** The module's replace_triggers (trigger folders). */
  readonly replaceTriggers?: readonly string[];
}

/**
 * Plans the cognito-triggers module with `settings`, offline (a provider with fake credentials:
 * no data source or resource is read or written at plan; with `attach`, the check block's read of
 * the pool waits for the invocation, so it is not read either), and returns its planned outputs
 * (`function_environments`, `policy_statements`, `attach_policy_statements`, `attach_input`,
 * `settings`) and resources as `terraform show -json` gives them: a value known only after apply
 * (an ARN) is missing or null. The scratch root lives in `terraform/.plans/<label>/` (git ignores
 * it), because a module source must stay inside the repository.
 *
 * @throws {Error} with Terraform's own output when init or plan fails.
 */
export async function planSuite(
  binary: string,
  label: string,
  settings: unknown,
  options: SuitePlanOptions = {},
): Promise<SuitePlan> {
  const dir = join(TERRAFORM_ROOT, '.plans', label);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'main.tf'),
    `# Written by the contract test (terraform/src/terraform-cli.ts, planSuite): do not edit.
${OFFLINE_PROVIDER}
variable "settings" {
  type = any
}

variable "attach" {
  type = bool
}

variable "replace_triggers" {
  type = list(string)
}

module "suite" {
  source           = "../../modules/cognito-triggers"
  name_prefix      = "contract"
  user_pool_id     = "eu-west-1_Contract1"
  user_pool_arn    = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Contract1"
  attach           = var.attach
  replace_triggers = var.replace_triggers
  settings         = var.settings
}

output "function_environments" {
  value = module.suite.function_environments
}

output "policy_statements" {
  value = module.suite.policy_statements
}

output "attach_policy_statements" {
  value = module.suite.attach_policy_statements
}

output "attach_input" {
  value = module.suite.attach_input
}

output "settings" {
  value = module.suite.settings
}
`,
  );
  await writeFile(
    join(dir, 'terraform.tfvars.json'),
    JSON.stringify(
      {
        settings,
        attach: options.attach ?? false,
        replace_triggers: options.replaceTriggers ?? [],
      },
      null,
      2,
    ),
  );
  const dataDir = await terraformDataDir(`plan-${label}`);
  const runOptions = { cwd: dir, dataDir };
  const fail = (run: TerraformRun) => {
    throw new Error(`${run.command} exited ${run.code}:\n${run.stderr}${run.stdout}`);
  };
  const init = await runTerraform(binary, ['init', '-backend=false', '-no-color'], runOptions);
  if (init.code !== 0) fail(init);
  const plan = await runTerraform(
    binary,
    ['plan', '-input=false', '-no-color', '-lock=false', `-out=${join(dataDir, 'plan')}`],
    runOptions,
  );
  if (plan.code !== 0) fail(plan);
  const show = await runTerraform(binary, ['show', '-json', join(dataDir, 'plan')], runOptions);
  if (show.code !== 0) fail(show);
  const planned = JSON.parse(show.stdout) as {
    output_changes?: Record<string, { after?: unknown }>;
    resource_changes?: {
      address: string;
      type: string;
      change: { actions: string[]; after: Record<string, unknown> | null };
    }[];
  };
  const outputs: Record<string, unknown> = {};
  for (const [name, change] of Object.entries(planned.output_changes ?? {})) {
    outputs[name] = change.after;
  }
  const resources = (planned.resource_changes ?? []).map(
    (resource): PlannedResource => ({
      address: resource.address,
      type: resource.type,
      actions: resource.change.actions,
      after: resource.change.after,
    }),
  );
  return { outputs, resources };
}
