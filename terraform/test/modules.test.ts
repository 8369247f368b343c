import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Body,
  bodies,
  findModuleDirs,
  formatFindings,
  functionEnvironments,
  loadModule,
  TERRAFORM_ROOT,
  type TerraformModule,
} from '../src/index.js';
import { checkModule, tf } from './all-checks.js';

const dirs = await findModuleDirs(TERRAFORM_ROOT);
const label = (dir: string) => dir.slice(TERRAFORM_ROOT.length + 1);

describe('every Terraform folder', () => {
  it('covers the five modules, their examples and the three environments', () => {
    const labels = dirs.map(label);
    for (const expected of [
      'modules/trigger-function',
      'modules/cognito-triggers',
      'modules/user-pool',
      'modules/identity-pool',
      'modules/environment',
      'environments/dev',
      'environments/staging',
      'environments/prod',
    ]) {
      expect(labels).toContain(expected);
    }
    expect(labels.filter((name) => name.includes('/examples/')).length).toBeGreaterThanOrEqual(5);
    // Shared by the roots through links and checked within each of them, not on its own.
    expect(labels).not.toContain('environments/common');
  });

  it.each(dirs.map((dir) => [label(dir), dir]))(
    '%s parses and passes the schema, reference, IAM and convention checks',
    async (_name, dir) => {
      const findings = await checkModule(await loadModule(dir));
      expect(formatFindings(findings)).toBe('');
    },
  );
});

describe('the trigger-function module', () => {
  it('deploys a prebuilt zip on Node 22, arm64, within Cognito’s 5 s, logging JSON', async () => {
    const module = await loadModule(join(TERRAFORM_ROOT, 'modules/trigger-function'));
    const lambda = module.resources.find((resource) => resource.type === 'aws_lambda_function');
    expect(lambda?.body).toMatchObject({
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      source_code_hash: tf('local.manifest.sourceCodeHash'),
      logging_config: [
        {
          log_format: 'JSON',
          application_log_level: tf('var.log_level'),
          log_group: tf('aws_cloudwatch_log_group.this.name'),
        },
      ],
    });
    expect(module.locals.get('manifest')?.value).toBe(
      tf(`jsondecode(file("${tf('var.dist_dir')}/manifest.json"))`),
    );
    expect(module.variables.get('timeout')?.body.validation).toEqual([
      expect.objectContaining({ condition: tf('var.timeout >= 1 && var.timeout <= 5') }),
    ]);
  });

  it('lets only the given pool, in its own account, invoke the function', async () => {
    const module = await loadModule(join(TERRAFORM_ROOT, 'modules/trigger-function'));
    const permission = module.resources.find(
      (resource) => resource.type === 'aws_lambda_permission',
    );
    expect(permission?.body).toMatchObject({
      principal: 'cognito-idp.amazonaws.com',
      source_arn: tf('var.user_pool_arn'),
      source_account: tf('local.user_pool_account_id'),
    });
  });
});

describe('the cognito-triggers module', () => {
  const load = () => loadModule(join(TERRAFORM_ROOT, 'modules/cognito-triggers'));

  it('attaches, and detaches, every one of its functions, pre authentication included', async () => {
    const module = await load();
    const folders = [...functionEnvironments(module).keys()];
    const attach = module.resources.find((resource) => resource.type === 'terraform_data')?.body;
    if (attach === undefined) throw new Error('no terraform_data "attach"');
    const input = attach.input as Body;
    const replace = attach.triggers_replace as Body;
    const [create, destroy] = bodies((attach.provisioner as Body)['local-exec']).map(
      (provisioner) => String(provisioner.command),
    );

    expect(folders).toContain('pre-authentication');
    for (const folder of folders) {
      const key = folder.replaceAll('-', '_');
      const arn = tf(`module.function["${folder}"].function_arn`);
      expect(input[key], folder).toBe(arn);
      expect(replace[key], folder).toBe(arn);
      expect(create, folder).toContain(`--${folder} ${tf(`self.input.${key}`)}`);
      expect(destroy, folder).toContain(`--${folder} ${tf(`self.input.${key}`)}`);
    }
  });

  it('hands every function to a new pool through its lambda_config output', async () => {
    const module = await load();
    const folders = [...functionEnvironments(module).keys()];
    const output = module.outputs.get('lambda_config')?.body.value as Body;

    expect(Object.values(output).sort()).toEqual(
      folders.map((folder) => tf(`module.function["${folder}"].function_arn`)).sort(),
    );
    expect(output.pre_authentication).toBe(
      tf('module.function["pre-authentication"].function_arn'),
    );
  });
});

describe('the user-pool module', () => {
  it('wires every trigger the cognito-triggers module hands over, pre authentication included', async () => {
    const [pool, triggers] = await Promise.all([
      loadModule(join(TERRAFORM_ROOT, 'modules/user-pool')),
      loadModule(join(TERRAFORM_ROOT, 'modules/cognito-triggers')),
    ]);
    const resource = pool.resources.find((candidate) => candidate.type === 'aws_cognito_user_pool');
    const lambdaConfig = JSON.stringify(resource?.body.lambda_config);
    const handed = Object.keys(triggers.outputs.get('lambda_config')?.body.value as Body);

    expect(resource?.body.lambda_config).toEqual([
      expect.objectContaining({ pre_authentication: tf('var.triggers.pre_authentication') }),
    ]);
    for (const key of handed) {
      expect(lambdaConfig, key).toContain(`var.triggers.${key}`);
      expect(String(pool.variables.get('triggers')?.body.type), key).toMatch(
        new RegExp(`\\b${key}\\s*=\\s*optional\\(string\\)`),
      );
    }
  });

  it('keeps custom:tenant_id readable but never writable by the app client', async () => {
    const module = await loadModule(join(TERRAFORM_ROOT, 'modules/user-pool'));
    const client = module.resources.find(
      (resource) => resource.type === 'aws_cognito_user_pool_client',
    );
    expect(client?.body).toMatchObject({
      generate_secret: false,
      allowed_oauth_flows: ['code'],
      read_attributes: tf('local.read_attributes'),
      write_attributes: tf('var.client.write_attributes'),
    });
    expect(String(module.locals.get('read_attributes')?.value)).toContain('"custom:tenant_id"');
    const validation = module.variables.get('client')?.body.validation;
    expect(JSON.stringify(validation)).toContain('custom:tenant');
  });

  it('keeps the old email in force until a new one is verified', async () => {
    const module = await loadModule(join(TERRAFORM_ROOT, 'modules/user-pool'));
    const pool = module.resources.find((resource) => resource.type === 'aws_cognito_user_pool');

    expect(pool?.body.user_attribute_update_settings).toEqual([
      { attributes_require_verification_before_update: ['email'] },
    ]);
    // AWS accepts the setting only for an attribute it verifies automatically.
    expect(pool?.body.auto_verified_attributes).toContain('email');
  });

  it('refuses an empty client.write_attributes, which AWS would treat as not restricted', async () => {
    const module = await loadModule(join(TERRAFORM_ROOT, 'modules/user-pool'));
    const conditions = bodies(module.variables.get('client')?.body.validation).map((rule) =>
      String(rule.condition),
    );

    expect(conditions).toContain(tf('length(var.client.write_attributes) > 0'));
  });

  it('sends pre token generation through pre_token_generation_config with a version', async () => {
    const module = await loadModule(join(TERRAFORM_ROOT, 'modules/user-pool'));
    const pool = module.resources.find((resource) => resource.type === 'aws_cognito_user_pool');
    const lambdaConfig = JSON.stringify(pool?.body.lambda_config);
    expect(lambdaConfig).toContain(`"lambda_version":"${tf('var.pre_token_generation_version')}"`);
    expect(lambdaConfig).not.toContain('"pre_token_generation":');
  });
});

describe('every app client of the modules', () => {
  const PROTECTED = ['custom:tenant_id', 'custom:tenant_role', 'custom:tenant_tier'];

  it('sets write_attributes explicitly, never to a tenant attribute', async () => {
    const clients: { where: string; writable: string[] }[] = [];
    for (const dir of await findModuleDirs(join(TERRAFORM_ROOT, 'modules'))) {
      const module = await loadModule(dir);
      for (const resource of module.resources) {
        if (resource.type !== 'aws_cognito_user_pool_client') continue;
        const where = `${resource.file}: ${resource.type}.${resource.name}`;
        clients.push({ where, writable: writeAttributes(module, resource.body, where) });
      }
    }

    expect(clients.length).toBeGreaterThan(0);
    for (const { where, writable } of clients) {
      expect(writable.length, where).toBeGreaterThan(0);
      expect(
        writable.filter((name) => PROTECTED.includes(name)),
        where,
      ).toEqual([]);
    }
  });
});

/**
 * What a client's `write_attributes` holds: a literal list, or `var.<object>.<attribute>` whose
 * `optional(list(string), [...])` default is read from the variable's type and whose values a
 * validation keeps free of `custom:tenant*`. Anything else fails: the test could not tell.
 */
function writeAttributes(module: TerraformModule, body: Body, where: string): string[] {
  const value = body.write_attributes;
  if (value === undefined)
    throw new Error(`${where}: write_attributes is not set (not restricted)`);
  if (Array.isArray(value)) return value.map(String);
  const reference = /^\$\{var\.(\w+)\.(\w+)\}$/.exec(String(value));
  const [, name, attribute] = reference ?? [];
  const variable = name === undefined ? undefined : module.variables.get(name);
  if (variable === undefined || attribute === undefined) {
    throw new Error(`${where}: write_attributes = ${String(value)} is neither a list nor var.x.y`);
  }
  const guarded = bodies(variable.body.validation).some((rule) => {
    const condition = String(rule.condition);
    return condition.includes(`var.${name}.${attribute}`) && condition.includes('"custom:tenant"');
  });
  if (!guarded) throw new Error(`${where}: no validation keeps custom:tenant* out of var.${name}`);
  const optional = new RegExp(
    `\\b${attribute}\\s*=\\s*optional\\(list\\(string\\),\\s*(\\[[^\\]]*\\])\\)`,
  );
  const defaults = optional.exec(String(variable.body.type))?.[1];
  if (defaults === undefined) throw new Error(`${where}: var.${name}.${attribute} has no default`);
  return JSON.parse(defaults) as string[];
}

describe('the identity-pool module', () => {
  const load = () => loadModule(join(TERRAFORM_ROOT, 'modules/identity-pool'));
  const resource = (module: Awaited<ReturnType<typeof load>>, type: string) =>
    module.resources.find((candidate) => candidate.type === type)?.body;
  const dataSource = (module: Awaited<ReturnType<typeof load>>, name: string) =>
    module.dataSources.find((candidate) => candidate.name === name)?.body;
  /** An IAM policy variable as HCL writes it, escaped from interpolation: `$${name}`. */
  const policyVariable = (name: string) => `$\${${name}}`;

  it('admits signed-in users of the given clients only, through the enhanced flow', async () => {
    const module = await load();

    expect(resource(module, 'aws_cognito_identity_pool')).toMatchObject({
      allow_unauthenticated_identities: false,
      allow_classic_flow: false,
      dynamic: {
        cognito_identity_providers: [
          {
            for_each: tf('toset(var.client_ids)'),
            content: [{ provider_name: tf('local.provider_name') }],
          },
        ],
      },
    });
    expect(resource(module, 'aws_cognito_identity_pool_roles_attachment')?.roles).toEqual({
      authenticated: tf('aws_iam_role.this.arn'),
    });
  });

  it('turns the tenant claim, and nothing else, into the session tag tenant_id', async () => {
    const module = await load();

    expect(resource(module, 'aws_cognito_identity_pool_provider_principal_tag')).toMatchObject({
      use_defaults: false,
      principal_tags: { tenant_id: tf('var.tenant_claim') },
    });
    expect(module.variables.get('tenant_claim')?.body.default).toBe('tenant_id');
  });

  it('lets only this pool’s authenticated identities assume the role, with session tags', async () => {
    const statements = dataSource(await load(), 'assume_role')?.statement;

    expect(statements).toMatchObject([
      {
        actions: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
        principals: [{ type: 'Federated', identifiers: ['cognito-identity.amazonaws.com'] }],
        condition: [
          {
            variable: 'cognito-identity.amazonaws.com:aud',
            values: [tf('aws_cognito_identity_pool.this.id')],
          },
          { variable: 'cognito-identity.amazonaws.com:amr', values: ['authenticated'] },
        ],
      },
    ]);
  });

  it('reaches only the caller’s tenant prefix of the bucket, and nothing without a tenant', async () => {
    const statements = dataSource(await load(), 'tenant_data')?.statement;
    const tenant = policyVariable('aws:PrincipalTag/tenant_id');
    const untagged = { test: 'Null', variable: 'aws:PrincipalTag/tenant_id', values: ['false'] };

    expect(statements).toMatchObject([
      {
        actions: tf('var.tenant_object_actions'),
        resources: [`${tf('var.tenant_bucket_arn')}/${tenant}/*`],
        condition: [untagged],
      },
      {
        actions: ['s3:ListBucket'],
        resources: [tf('var.tenant_bucket_arn')],
        condition: [{ variable: 's3:prefix', values: [`${tenant}/*`] }, untagged],
      },
    ]);
  });
});
