import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type SettingsTable, settingsToEnvironment } from '@cognito-triggers/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTerraform, planSuite, type SuitePlan, TERRAFORM_ROOT } from '../src/index.js';

// The environment contract, held by Terraform itself: the cognito-triggers module is planned
// (offline, fake credentials) with each environment's settings and with every setting given
// (attached to an existing pool, so that the attach function is planned too), and what it
// writes into each function's environment is compared with what the trigger reads (its
// ConfigDefinition) and with what the CLI and the local stack compute from the same settings
// (the trigger's SETTINGS table, through settingsToEnvironment). Each function's IAM actions are
// compared with the AWS calls its built bundle can send, the attach function's included.

/** The five triggers: each package exports its ConfigDefinition and its SETTINGS table. */
const TRIGGERS = [
  { folder: 'pre-signup', config: 'preSignUpConfig' },
  { folder: 'post-confirmation', config: 'postConfirmationConfig' },
  { folder: 'pre-authentication', config: 'preAuthenticationConfig' },
  { folder: 'pre-token-generation', config: 'preTokenGenerationConfig' },
  { folder: 'custom-message', config: 'customMessageConfig' },
] as const;

interface TriggerContract {
  readonly variables: readonly string[];
  readonly settings: SettingsTable;
  load(environment: Record<string, string>): unknown;
}

/** Imports a trigger package; a missing package or export fails the test that needs it. */
async function contractOf(folder: string, config: string): Promise<TriggerContract> {
  const name = `@cognito-triggers/${folder}`;
  const exports = (await import(/* @vite-ignore */ name)) as Record<string, unknown>;
  const definition = exports[config] as
    | { variables?: unknown; load?: (environment: Record<string, string>) => unknown }
    | undefined;
  const settings = exports.SETTINGS as SettingsTable | undefined;
  const load = definition?.load;
  if (!Array.isArray(definition?.variables) || typeof load !== 'function' || !settings) {
    throw new Error(`${name} exports no ${config} with .variables, or no SETTINGS`);
  }
  return {
    variables: definition.variables as string[],
    settings,
    load: (environment) => load.call(definition, environment),
  };
}

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

/** Every setting a trigger reads, each given a valid, longish value. */
const EVERYTHING = {
  allowed_email_domains: [
    'example.com',
    '*.example.com',
    'subsidiary-with-a-long-name.example.org',
  ],
  blocked_email_domains: ['contractors.example.com', 'temporary-staff.example.com'],
  protected_attributes: ['custom:tenant_id', 'custom:tenant_role', 'custom:tenant_tier'],
  auto_confirm_users: true,
  tenant_domain_map: {
    'example.com': 'example',
    'subsidiary-with-a-long-name.example.org': 'example',
  },
  personal_email_domains: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me'],
  tenant_admin_group: 'organisation-administrators',
  tenant_member_group: 'organisation-members',
  default_tenant_tier: 'enterprise',
  authoritative_idps: { 'example.com': 'ExampleEntraID', '*.example.com': 'ExampleEntraID' },
  tenant_enrollment: { 'example.com': 'join', 'subsidiary-with-a-long-name.example.org': 'invite' },
  default_enrollment: 'invite',
  claim_names: {
    tenant_id: 'org_id',
    tenant_role: 'org_role',
    tenant_tier: 'org_tier',
    tenant_status: 'org_status',
  },
  role_scopes: {
    admin: ['orders/admin', 'orders/read', 'billing/admin'],
    member: ['orders/read', 'billing/read'],
  },
  claims_to_suppress: ['phone_number', 'address'],
  token_cache_ttl_seconds: 300,
  store_failure_policy: 'degrade',
  claims_byte_budget: 4096,
  client_tenant_map: { '4e1oo8l3bq6e8d0q7p6l2k5m9s': 'example' },
  app_name: 'Example Workspace for Teams',
  default_locale: 'de',
  support_email: 'support@example.com',
  brand_color: '#0b5fff',
  logo_url: 'https://static.example.com/brand/logo-with-a-fairly-long-path.png',
  app_url: 'https://app.example.com/workspace',
  verify_link_url: 'https://app.example.com/verify?code={code}&email={email}',
};

const TABLE_NAME = 'contract-tenants';

/** The everything plan attaches, and may replace every slot: the attach function is planned. */
const REPLACE_TRIGGERS = TRIGGERS.map(({ folder }) => folder);

let plans: Record<string, SuitePlan>;
beforeAll(async () => {
  const binary = await findTerraform();
  const inputs: [string, unknown, boolean][] = [['everything', EVERYTHING, true]];
  for (const env of ENVIRONMENTS) {
    const path = join(TERRAFORM_ROOT, 'environments', env, 'terraform.tfvars.json');
    const tfvars = JSON.parse(await readFile(path, 'utf8')) as { settings?: unknown };
    inputs.push([env, tfvars.settings, false]);
  }
  plans = Object.fromEntries(
    await Promise.all(
      inputs.map(async ([label, settings, attach]) => [
        label,
        await planSuite(binary, label, settings, {
          attach,
          replaceTriggers: attach ? REPLACE_TRIGGERS : [],
        }),
      ]),
    ),
  );
}, 300_000);

/** One output of one plan. */
function outputOf(label: string, name: string): unknown {
  return plans[label]?.outputs[name];
}

/** What Terraform writes into one function's environment in one plan. */
function environmentOf(label: string, folder: string): Record<string, string> {
  const environments = outputOf(label, 'function_environments') as
    | Record<string, Record<string, string>>
    | undefined;
  const environment = environments?.[folder];
  if (environment === undefined) throw new Error(`the ${label} plan deploys no ${folder}`);
  return environment;
}

/** What the CLI and the local stack compute from the same settings. */
function computed(contract: TriggerContract, settings: unknown): Record<string, string> {
  const environment = settingsToEnvironment(contract.settings, settings);
  if (contract.variables.includes('TENANT_TABLE_NAME')) environment.TENANT_TABLE_NAME = TABLE_NAME;
  return environment;
}

describe.each(TRIGGERS)('the $folder function', ({ folder, config }) => {
  it('gets exactly the variables its trigger reads, each written as its settings table says', async () => {
    const contract = await contractOf(folder, config);
    const written = environmentOf('everything', folder);

    expect(Object.keys(written).sort()).toEqual([...contract.variables].sort());
    expect(written).toEqual(computed(contract, EVERYTHING));
    // Every variable but the table's name comes from a setting.
    expect(
      Object.values(contract.settings)
        .map((setting: { variable: string }) => setting.variable)
        .sort(),
    ).toEqual(contract.variables.filter((variable) => variable !== 'TENANT_TABLE_NAME').sort());
  });

  it.each(ENVIRONMENTS)(
    'starts from the %s settings as the CLI and the local stack compute them',
    async (env) => {
      const contract = await contractOf(folder, config);
      const path = join(TERRAFORM_ROOT, 'environments', env, 'terraform.tfvars.json');
      const { settings } = JSON.parse(await readFile(path, 'utf8')) as { settings: unknown };
      const written = environmentOf(env, folder);
      const ours = computed(contract, settings);

      // Whatever the settings set is written alike; what they leave out, Terraform may fill
      // with the trigger's own default, which must load to the same configuration.
      for (const [variable, value] of Object.entries(ours)) {
        expect(written[variable], variable).toBe(value);
      }
      expect(contract.load(written)).toEqual(contract.load(ours));
    },
  );

  it('is granted exactly the AWS calls its built bundle can send', async () => {
    const manifest = JSON.parse(
      await readFile(
        join(TERRAFORM_ROOT, '..', 'triggers', folder, 'dist', 'manifest.json'),
        'utf8',
      ),
    ) as { awsActions?: string[] };
    const statements = (
      outputOf('everything', 'policy_statements') as
        | Record<string, { actions: string[] }[]>
        | undefined
    )?.[folder];
    if (statements === undefined) throw new Error(`the plan grants ${folder} nothing at all`);

    const granted = [...new Set(statements.flatMap((statement) => statement.actions))].sort();
    expect(granted).toEqual([...(manifest.awsActions ?? [])].sort());
  });
});

describe('the attach function', () => {
  const ATTACH = 'module.suite.module.attach_function[0]';

  it('is granted exactly the AWS calls its built bundle can send', async () => {
    const manifest = JSON.parse(
      await readFile(join(TERRAFORM_ROOT, 'artifacts', 'attach.json'), 'utf8'),
    ) as { awsActions?: string[] };
    const statements = outputOf('everything', 'attach_policy_statements') as
      | { actions: string[] }[]
      | undefined;
    if (statements === undefined || statements.length === 0) {
      throw new Error('the attaching plan grants the attach function nothing at all');
    }

    const granted = [...new Set(statements.flatMap((statement) => statement.actions))].sort();
    expect(granted).toEqual([...(manifest.awsActions ?? [])].sort());
    expect(granted.length).toBeGreaterThan(0);
  });

  it('is planned only when attaching, and no trigger is taken for it', () => {
    const attached = (label: string) =>
      plans[label]?.resources.some((resource) => resource.address.startsWith(ATTACH)) ?? false;
    expect(attached('everything')).toBe(true);
    for (const env of ENVIRONMENTS) expect(attached(env), env).toBe(false);
    // A test compares function_environments with what each trigger reads: the five only.
    expect(Object.keys(outputOf('everything', 'function_environments') as object).sort()).toEqual(
      [...REPLACE_TRIGGERS].sort(),
    );
  });

  it('reads the tenant table, gets 60 s and 256 MB, and no pool may invoke it', () => {
    const resources = plans.everything?.resources ?? [];
    const fn = resources.find(
      (resource) => resource.address === `${ATTACH}.aws_lambda_function.this`,
    );
    expect(fn?.after).toMatchObject({
      function_name: 'contract-AttachTriggers',
      timeout: 60,
      memory_size: 256,
      environment: [{ variables: { TENANT_TABLE_NAME: TABLE_NAME } }],
    });
    expect(
      resources.filter((resource) =>
        resource.address.startsWith(`${ATTACH}.aws_lambda_permission`),
      ),
    ).toEqual([]);
    const invocation = resources.find(
      (resource) => resource.address === 'module.suite.aws_lambda_invocation.attach[0]',
    );
    expect(invocation?.after).toMatchObject({ lifecycle_scope: 'CRUD', terraform_key: 'tf' });
  });

  it('is sent the LambdaConfig slot names it knows', async () => {
    const { SLOT_OF_TRIGGER } = (await import('@cognito-triggers/attach')) as {
      SLOT_OF_TRIGGER: Record<string, string>;
    };
    const input = outputOf('everything', 'attach_input') as { replaceable?: string[] } | undefined;

    // Every trigger is replaceable in this plan. Terraform names a slot the same way in triggers
    // (whose ARNs are unknown at plan) and in replaceable: one map, trigger folder → slot, which
    // must be the function's own (it refuses any other name with INPUT_INVALID at apply).
    expect(input?.replaceable).toEqual(
      REPLACE_TRIGGERS.map((folder) => SLOT_OF_TRIGGER[folder]).sort(),
    );
  });
});

describe('the environments Terraform writes', () => {
  it('stay far below Lambda’s 4 KB cap with every setting given', () => {
    for (const { folder } of TRIGGERS) {
      const environment = environmentOf('everything', folder);
      const bytes = Object.entries(environment).reduce(
        (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
        0,
      );
      expect(bytes, folder).toBeLessThan(2048);
    }
  });
});

// What the module's validations refuse, so that `terraform apply` never deploys a custom message
// function that would refuse its own environment at every cold start.
describe('the settings validations of the cognito-triggers module', () => {
  const variablesTf = () =>
    readFile(join(TERRAFORM_ROOT, 'modules', 'cognito-triggers', 'variables.tf'), 'utf8');

  it('accept as default_locale exactly the locales custom-message ships', async () => {
    const { LOCALES } = await import('@cognito-triggers/custom-message');
    const listed = /contains\(\[([^\]]*)\], lower\(replace\(var\.settings\.default_locale/.exec(
      await variablesTf(),
    )?.[1];
    expect(listed?.split(',').map((locale) => locale.trim().replaceAll('"', ''))).toEqual([
      ...LOCALES,
    ]);
  });

  it('cap app_name where custom-message does', async () => {
    const { MAX_APP_NAME_LENGTH } = await import('@cognito-triggers/custom-message');
    const cap = /length\(var\.settings\.app_name\) <= (\d+)/.exec(await variablesTf())?.[1];
    expect(Number(cap)).toBe(MAX_APP_NAME_LENGTH);
  });
});
