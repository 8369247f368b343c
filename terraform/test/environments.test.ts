import { access, readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { checkTfvars, formatFindings, loadModule, TERRAFORM_ROOT } from '../src/index.js';
import { tf } from './all-checks.js';

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const environment = (name: string) => loadModule(join(TERRAFORM_ROOT, 'environments', name));
const environmentModule = loadModule(join(TERRAFORM_ROOT, 'modules/environment'));

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

  it('is the environment module, named after it, with every setting of its tfvars passed through', async () => {
    const root = await environment(name);
    expect(root.locals.get('environment')?.value).toBe(name);
    const suite = root.moduleCalls.find((call) => call.name === 'suite');
    expect(suite?.body).toMatchObject({
      source: '../../modules/environment',
      environment: tf('local.environment'),
      deletion_protection: tf('local.deletion_protection'),
    });
    // aws_region stays with the root's provider; every other variable reaches the module as is.
    const settings = [...root.variables.keys()].filter((key) => key !== 'aws_region');
    expect(settings.length).toBeGreaterThan(20);
    for (const key of settings) expect(suite?.body[key], key).toBe(tf(`var.${key}`));
    const suiteModule = await loadModule(join(root.dir, String(suite?.body.source)));
    expect([...suiteModule.variables.keys()].sort()).toEqual(
      [...settings, 'environment', 'deletion_protection'].sort(),
    );
  });
});

describe('the environment module', () => {
  it('either reads an existing pool and attaches, or creates one with the user-pool module', async () => {
    const module = await environmentModule;
    expect(module.locals.get('attach')?.value).toBe(tf('var.existing_user_pool_id != null'));
    expect(module.locals.get('name_prefix')?.value).toBe(
      `${tf('var.name_prefix')}-${tf('var.environment')}`,
    );
    const pool = module.dataSources.find((data) => data.type === 'aws_cognito_user_pool');
    expect(pool?.body).toMatchObject({ count: tf('local.attach ? 1 : 0') });
    const userPool = module.moduleCalls.find((call) => call.name === 'user_pool');
    expect(userPool?.body).toMatchObject({
      source: '../user-pool',
      count: tf('local.attach ? 0 : 1'),
      triggers: tf('module.cognito_triggers.lambda_config'),
    });
    const triggers = module.moduleCalls.find((call) => call.name === 'cognito_triggers');
    expect(triggers?.body).toMatchObject({
      source: '../cognito-triggers',
      attach: tf('local.attach'),
      user_pool_arn: tf('local.user_pool_arn'),
    });
  });
});

describe.each(ENVIRONMENTS)('the identity pool of %s', (name) => {
  it('is created only when identity_pool.enabled, and is off by default', async () => {
    const root = await environment(name);
    const identityPool = (await environmentModule).moduleCalls.find(
      (call) => call.name === 'identity_pool',
    );

    expect(identityPool?.body).toMatchObject({
      source: '../identity-pool',
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
    const [dev, staging, prod] = await Promise.all(ENVIRONMENTS.map(environment));
    expect(prod?.locals.get('deletion_protection')?.value).toBe(true);
    expect(dev?.locals.get('deletion_protection')?.value).toBe(false);
    expect(staging?.locals.get('deletion_protection')?.value).toBe(false);
    const module = await environmentModule;
    const userPool = module.moduleCalls.find((call) => call.name === 'user_pool');
    const triggers = module.moduleCalls.find((call) => call.name === 'cognito_triggers');
    expect(userPool?.body.deletion_protection).toBe(tf('var.deletion_protection'));
    expect(triggers?.body.tenant_table).toMatchObject({
      deletion_protection_enabled: tf('var.deletion_protection'),
      point_in_time_recovery: true,
    });
  });

  it('differs from dev only in its name and its protections', async () => {
    const path = (env: string, file: string) => join(TERRAFORM_ROOT, 'environments', env, file);
    const read = (env: string) => readFile(path(env, 'environment.tf'), 'utf8');
    const [dev = '', staging, prod] = await Promise.all(ENVIRONMENTS.map(read));
    expect(staging).toBe(dev.replace('"dev"', '"staging"'));
    expect(prod).toBe(
      dev
        .replace('"dev"', '"prod"')
        .replace('deletion_protection = false', 'deletion_protection = true')
        .replace(
          'locals {',
          '# Production: neither the pool nor the tenant table can be deleted by accident.\nlocals {',
        ),
    );
    // Every other .tf file of a root is one shared file, reached through a link.
    for (const env of ENVIRONMENTS) {
      const files = (await readdir(join(TERRAFORM_ROOT, 'environments', env))).filter((file) =>
        file.endsWith('.tf'),
      );
      expect(files.sort(), env).toEqual([
        'environment.tf',
        'main.tf',
        'outputs.tf',
        'provider.tf',
        'variables.tf',
        'versions.tf',
      ]);
    }
    for (const file of ['main.tf', 'provider.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) {
      const targets = await Promise.all(ENVIRONMENTS.map((env) => realpath(path(env, file))));
      expect(new Set(targets).size, file).toBe(1);
    }
    await expect(access(join(TERRAFORM_ROOT, 'environments/prod/backend.hcl'))).rejects.toThrow();
  });
});
