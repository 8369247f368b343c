import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { checkTfvars, formatFindings, loadModule, TERRAFORM_ROOT } from '../src/index.js';
import { tf } from './all-checks.js';

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const environment = (name: string) => loadModule(join(TERRAFORM_ROOT, 'environments', name));

describe.each(ENVIRONMENTS)('the %s environment', (name) => {
  it('has a terraform.tfvars.json whose keys and types match its variables.tf', async () => {
    const findings = await checkTfvars(await environment(name));
    expect(formatFindings(findings)).toBe('');
  });

  it('keeps its state in S3, completed by -backend-config from a committed example', async () => {
    const root = await environment(name);
    const backends = root.terraformBlocks.map((block) => block.backend);
    expect(backends).toContainEqual({ s3: [{}] });
    const exampleFile = join(root.dir, 'backend.hcl.example');
    const example = await parse('backend.hcl', await readFile(exampleFile, 'utf8'));
    expect(Object.keys(example).sort()).toEqual([
      'bucket',
      'encrypt',
      'key',
      'region',
      'use_lockfile',
    ]);
    expect(example.key).toBe(`cognito-triggers/${name}/terraform.tfstate`);
  });

  it('either reads an existing pool and attaches, or creates one with the user-pool module', async () => {
    const root = await environment(name);
    expect(root.locals.get('attach')?.value).toBe(tf('var.existing_user_pool_id != null'));
    const pool = root.dataSources.find((data) => data.type === 'aws_cognito_user_pool');
    expect(pool?.body).toMatchObject({ count: tf('local.attach ? 1 : 0') });
    const userPool = root.moduleCalls.find((call) => call.name === 'user_pool');
    expect(userPool?.body).toMatchObject({
      source: '../../modules/user-pool',
      count: tf('local.attach ? 0 : 1'),
      triggers: tf('module.cognito_triggers.lambda_config'),
    });
    const triggers = root.moduleCalls.find((call) => call.name === 'cognito_triggers');
    expect(triggers?.body).toMatchObject({
      source: '../../modules/cognito-triggers',
      attach: tf('local.attach'),
      user_pool_arn: tf('local.user_pool_arn'),
    });
  });
});

describe.each(ENVIRONMENTS)('the identity pool of %s', (name) => {
  it('is created only when identity_pool.enabled, and is off by default', async () => {
    const root = await environment(name);
    const identityPool = root.moduleCalls.find((call) => call.name === 'identity_pool');

    expect(identityPool?.body).toMatchObject({
      source: '../../modules/identity-pool',
      count: tf('var.identity_pool.enabled ? 1 : 0'),
      user_pool_id: tf('local.user_pool_id'),
      tenant_claim: tf('var.claim_names.tenant_id'),
    });
    expect(root.variables.get('identity_pool')?.body).toMatchObject({ default: {} });
    expect(String(root.variables.get('identity_pool')?.body.type)).toMatch(
      /enabled\s*=\s*optional\(bool, false\)/,
    );
    const tfvars = JSON.parse(await readFile(join(root.dir, 'terraform.tfvars.json'), 'utf8'));
    expect(tfvars.identity_pool?.enabled ?? false).toBe(false);
  });
});

describe('production', () => {
  it('protects the pool and the tenant table from deletion', async () => {
    const root = await environment('prod');
    const userPool = root.moduleCalls.find((call) => call.name === 'user_pool');
    const triggers = root.moduleCalls.find((call) => call.name === 'cognito_triggers');
    expect(userPool?.body.deletion_protection).toBe(true);
    expect(triggers?.body.tenant_table).toMatchObject({
      deletion_protection_enabled: true,
      point_in_time_recovery: true,
    });
  });

  it('differs from dev only in its name and its protections', async () => {
    const read = (env: string) =>
      readFile(join(TERRAFORM_ROOT, 'environments', env, 'main.tf'), 'utf8');
    const [dev, staging] = await Promise.all([read('dev'), read('staging')]);
    expect(staging).toBe(dev.replace('environment = "dev"', 'environment = "staging"'));
    for (const file of ['variables.tf', 'outputs.tf', 'versions.tf']) {
      const texts = await Promise.all(
        ENVIRONMENTS.map((env) =>
          readFile(join(TERRAFORM_ROOT, 'environments', env, file), 'utf8'),
        ),
      );
      expect(new Set(texts).size, file).toBe(1);
    }
    await expect(access(join(TERRAFORM_ROOT, 'environments/prod/backend.hcl'))).rejects.toThrow();
  });
});
