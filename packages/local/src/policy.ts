import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
// The Terraform package's own reading of the cognito-triggers module: the environment each
// function gets is computed by the same code that the Terraform tests hold against the module.
import {
  functionEnvironments,
  loadModule,
  renderEnvironment,
  variableValues,
} from '@cognito-triggers/terraform';
import { LocalStackError, LocalStackErrorCode } from './errors.js';

/** The five trigger folders under `triggers/`, which are also the keys of the module's `local.functions`. */
export const TRIGGER_FOLDERS = [
  'pre-signup',
  'post-confirmation',
  'pre-authentication',
  'pre-token-generation',
  'custom-message',
] as const;
export type TriggerFolder = (typeof TRIGGER_FOLDERS)[number];

/**
 * The key of cognito-local's `TriggerFunctions` that invokes each trigger. cognito-local itself
 * has no pre authentication trigger: the stack's preload (`cognito-local-hooks.cjs`) invokes the
 * function named `PreAuthentication` there at each password sign-in.
 */
export const EMULATOR_TRIGGER = {
  'pre-signup': 'PreSignUp',
  'post-confirmation': 'PostConfirmation',
  'pre-authentication': 'PreAuthentication',
  'pre-token-generation': 'PreTokenGeneration',
  'custom-message': 'CustomMessage',
} as const satisfies Record<TriggerFolder, string>;

/** One function as the Terraform module deploys it. */
export interface TerraformFunction {
  readonly folder: TriggerFolder;
  /** `local.functions[folder].name`: `PreSignUp`, … (Cognito puts it in front of errors). */
  readonly name: string;
  /** Exactly the variables Terraform sets, with the values it would set for this environment. */
  readonly environment: Readonly<Record<string, string>>;
}

/** What the stack takes from an environment's Terraform configuration. */
export interface StackPolicy {
  /** `dev`, `staging`, `prod`: a folder of `terraform/environments/`. */
  readonly env: string;
  /** Absolute path of the environment's `terraform.tfvars.json`. */
  readonly file: string;
  /** `aws_region` of the environment. */
  readonly region: string;
  /** `<name_prefix>-<env>`: the pool's name, as the environment root names it. */
  readonly namePrefix: string;
  /** `<name_prefix>-<env>-tenants`, as the module names the table. */
  readonly tenantTable: string;
  /** The role groups the module creates (none when `create_role_groups` is false). */
  readonly groups: readonly { readonly name: string; readonly description: string }[];
  /** Every Terraform variable's value: tfvars over the root's and the module's defaults. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly functions: readonly TerraformFunction[];
}

/**
 * Reads `terraform/environments/<env>/terraform.tfvars.json` and the cognito-triggers module
 * as Terraform would, and renders each function's environment with the tenant table named
 * `tenantTable` (default: the module's name for it).
 *
 * @throws {LocalStackError} `LOCAL_POLICY_UNREADABLE` when the environment has no readable tfvars.
 * @example
 * const policy = await loadStackPolicy('/repo', 'dev');
 * policy.functions.find((fn) => fn.name === 'PreSignUp')?.environment.ALLOWED_EMAIL_DOMAINS;
 */
export async function loadStackPolicy(
  root: string,
  env: string,
  options: { readonly tenantTable?: string } = {},
): Promise<StackPolicy> {
  const envDir = join(root, 'terraform', 'environments', env);
  const file = join(envDir, 'terraform.tfvars.json');
  let tfvars: Record<string, unknown>;
  try {
    tfvars = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new LocalStackError(
      LocalStackErrorCode.PolicyUnreadable,
      `cannot read terraform/environments/${env}/terraform.tfvars.json (${(error as Error).message}); --env names a folder of terraform/environments`,
      { cause: error },
    );
  }
  const [module, environmentRoot] = await Promise.all([
    loadModule(join(root, 'terraform', 'modules', 'cognito-triggers')),
    loadModule(envDir),
  ]);
  const values = variableValues([module, environmentRoot], tfvars);
  const environmentName = environmentRoot.locals.get('environment')?.value;
  const namePrefix = `${String(values.name_prefix ?? 'cognito-triggers')}-${typeof environmentName === 'string' ? environmentName : env}`;
  const tenantTable = options.tenantTable ?? `${namePrefix}-tenants`;

  const environments = functionEnvironments(module);
  const definitions = module.locals.get('functions')?.value as
    | Record<string, { name?: unknown }>
    | undefined;
  const functions = TRIGGER_FOLDERS.map((folder): TerraformFunction => {
    const environment = environments.get(folder);
    if (environment === undefined) {
      throw new Error(`terraform/modules/cognito-triggers has no function for ${folder}`);
    }
    const name = definitions?.[folder]?.name;
    return {
      folder,
      name: typeof name === 'string' ? name : EMULATOR_TRIGGER[folder],
      // The table's name is known only at apply time; here it is the local one.
      environment: renderEnvironment(environment, values, {
        'aws_dynamodb_table.this.name': tenantTable,
      }),
    };
  });

  const admin = String(values.tenant_admin_group ?? 'tenant-admin');
  const member = String(values.tenant_member_group ?? 'tenant-member');
  return {
    env,
    file,
    region: String(values.aws_region ?? 'eu-west-1'),
    namePrefix,
    tenantTable,
    groups:
      values.create_role_groups === false
        ? []
        : [
            {
              name: admin,
              description: 'Tenant administrators (the tenant is the custom:tenant_id attribute)',
            },
            {
              name: member,
              description: 'Tenant members (the tenant is the custom:tenant_id attribute)',
            },
          ],
    values,
    functions,
  };
}
