import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkEnvironmentContract,
  checkPolicyPassThrough,
  formatFindings,
  functionEnvironments,
  loadModule,
  renderEnvironment,
  TERRAFORM_ROOT,
  type TriggerContract,
  variableValues,
} from '../src/index.js';
import { tf } from './all-checks.js';

/**
 * The five triggers and what each exports: a ConfigDefinition (its `.variables` are every
 * environment variable the trigger reads) and TFVARS_TO_ENVIRONMENT (tfvars key → variable).
 */
const TRIGGERS = [
  { folder: 'pre-signup', config: 'preSignUpConfig' },
  { folder: 'post-confirmation', config: 'postConfirmationConfig' },
  { folder: 'pre-authentication', config: 'preAuthenticationConfig' },
  { folder: 'pre-token-generation', config: 'preTokenGenerationConfig' },
  { folder: 'custom-message', config: 'customMessageConfig' },
] as const;

/** Imports a trigger package; a missing package or export fails the test that needs it. */
async function contractOf(
  folder: string,
  config: string,
): Promise<TriggerContract & { load(environment: Record<string, string>): unknown }> {
  const name = `@cognito-triggers/${folder}`;
  let exports: Record<string, unknown>;
  try {
    exports = (await import(/* @vite-ignore */ name)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(
      `${name} cannot be imported (${String(error)}): the contract needs its ${config} and TFVARS_TO_ENVIRONMENT`,
      { cause: error },
    );
  }
  const definition = exports[config] as
    | { variables?: unknown; load?: (environment: Record<string, string>) => unknown }
    | undefined;
  const map = exports.TFVARS_TO_ENVIRONMENT;
  const load = definition?.load;
  if (!Array.isArray(definition?.variables) || typeof load !== 'function')
    throw new Error(`${name} exports no ${config} with .variables`);
  if (typeof map !== 'object' || map === null)
    throw new Error(`${name} exports no TFVARS_TO_ENVIRONMENT`);
  return {
    folder,
    variables: definition.variables as string[],
    tfvarsToEnvironment: map as TriggerContract['tfvarsToEnvironment'],
    load: (environment) => load.call(definition, environment),
  };
}

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

const triggersModule = loadModule(join(TERRAFORM_ROOT, 'modules/cognito-triggers'));
const environmentModule = loadModule(join(TERRAFORM_ROOT, 'modules/environment'));

describe.each(TRIGGERS)('the $folder function', ({ folder, config }) => {
  it('gets exactly the environment variables its trigger reads, each fed from its tfvars key', async () => {
    const contract = await contractOf(folder, config);
    const findings = await checkEnvironmentContract(await triggersModule, [contract]);
    expect(formatFindings(findings)).toBe('');
  });

  it.each(ENVIRONMENTS)('receives its policy from the %s terraform.tfvars.json', async (env) => {
    const contract = await contractOf(folder, config);
    const root = await loadModule(join(TERRAFORM_ROOT, 'environments', env));
    const keys = Object.keys(contract.tfvarsToEnvironment);
    // Two hops: the root into the environment module, which hands it to cognito-triggers.
    const findings = [
      ...checkPolicyPassThrough(root, 'suite', keys),
      ...checkPolicyPassThrough(await environmentModule, 'cognito_triggers', keys),
    ];
    expect(formatFindings(findings)).toBe('');
  });

  it.each(ENVIRONMENTS)(
    'starts with the environment Terraform computes from the %s policy',
    async (env) => {
      const contract = await contractOf(folder, config);
      const root = await loadModule(join(TERRAFORM_ROOT, 'environments', env));
      const tfvars = JSON.parse(await readFile(join(root.dir, 'terraform.tfvars.json'), 'utf8'));
      const environment = functionEnvironments(await triggersModule).get(folder);
      if (environment === undefined) throw new Error(`no function ${folder}`);
      const rendered = renderEnvironment(
        environment,
        variableValues([await triggersModule, root], tfvars),
        {
          'aws_dynamodb_table.this.name': `cognito-triggers-${env}-tenants`,
        },
      );

      // The trigger's own loader: what its cold start would do with this environment.
      expect(() => contract.load(rendered)).not.toThrow();
    },
  );
});

describe('the environments Terraform writes', () => {
  it('set a value only when it is non-empty, so each trigger’s defaults apply', async () => {
    const module = await triggersModule;
    const call = module.moduleCalls.find((candidate) => candidate.name === 'function');
    expect(call?.body.environment_variables).toBe(
      tf(
        '{ for env_name, env_value in each.value.environment : env_name => env_value if env_value != null && env_value != "" }',
      ),
    );
  });

  it('stay far below Lambda’s 4 KB cap with every documented variable set to a long value', async () => {
    const environments = functionEnvironments(await triggersModule);
    for (const [folder, environment] of environments) {
      // Names plus a generous 120 bytes per value (a long domain list, a JSON scope map).
      const bytes = [...environment.keys()].reduce((sum, name) => sum + name.length + 120, 0);
      expect(bytes, folder).toBeLessThan(4096);
    }
  });
});
