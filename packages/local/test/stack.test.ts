import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { settingsToEnvironment } from '@cognito-triggers/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStackPolicy, TRIGGER_SETTINGS } from '../src/policy.js';
import type { ScenarioReport } from '../src/scenario/report.js';
import { SCENARIO_STACK_OPTIONS, scenarioSteps } from '../src/scenario/scenario.js';
import { ScenarioWorld } from '../src/scenario/world.js';
import { type LocalStack, startStack } from '../src/stack.js';

const root = await findWorkspaceRoot(import.meta.dirname);
// Read before the tests are collected: the scenario's steps (and titles) come from the policy.
const policy = await loadStackPolicy(root, 'dev');
/** The `settings` object of the dev environment's terraform.tfvars.json. */
const settings = policy.settings;
let stack: LocalStack;
let world: ScenarioWorld;

/** Each check of a step is an assertion; what the step says is not needed here. */
const asserted: ScenarioReport = {
  say: () => {},
  check: (what, actual, expected) => expect(actual, what).toStrictEqual(expected),
};

beforeAll(async () => {
  stack = await startStack(SCENARIO_STACK_OPTIONS);
  world = new ScenarioWorld(stack, asserted);
});

afterAll(async () => {
  world?.close();
  await stack?.stop();
});

describe('the scenario of the demo, through a real Cognito client', () => {
  for (const step of scenarioSteps(policy.settings)) {
    it(step.title, () => step.run(world));
  }
});

describe('the local stack', () => {
  it('runs each function with exactly the variables its settings table gives it, plus the local runtime’s', () => {
    const runtime = [
      'AWS_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ENDPOINT_URL_DYNAMODB',
      'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
      'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
    ];
    const byName = new Map(stack.functions.map((fn) => [fn.name, fn.environment]));
    expect([...byName.keys()]).toEqual([
      'PreSignUp',
      'PostConfirmation',
      'PreAuthentication',
      'PreTokenGeneration',
      'CustomMessage',
    ]);

    for (const [folder, name, store] of [
      ['pre-signup', 'PreSignUp', false],
      ['post-confirmation', 'PostConfirmation', true],
      ['pre-authentication', 'PreAuthentication', true],
      ['pre-token-generation', 'PreTokenGeneration', true],
      ['custom-message', 'CustomMessage', false],
    ] as const) {
      const environment = byName.get(name) ?? {};
      // As the module writes them: empty values dropped (LOGO_URL is unset in dev).
      const written = settingsToEnvironment(TRIGGER_SETTINGS[folder], settings);
      expect(Object.keys(environment).sort(), name).toEqual(
        [...Object.keys(written), ...(store ? ['TENANT_TABLE_NAME'] : []), ...runtime].sort(),
      );
      const override =
        SCENARIO_STACK_OPTIONS.overrideFunctions[
          name as keyof typeof SCENARIO_STACK_OPTIONS.overrideFunctions
        ];
      expect(environment, name).toMatchObject({ ...written, ...override?.environment });
      expect(environment.AWS_LAMBDA_LOG_FORMAT, name).toBeUndefined();
    }
    // What the file says, rendered as Terraform renders it.
    expect(byName.get('PreSignUp')).toMatchObject({
      ALLOWED_EMAIL_DOMAINS: (settings.allowed_email_domains as string[]).join(','),
      AUTO_CONFIRM_USERS: 'false',
    });
    expect(byName.get('PostConfirmation')?.TENANT_DOMAIN_MAP).toBe('example.com=example');
    expect(byName.get('PreTokenGeneration')).toMatchObject({
      ROLE_SCOPES: JSON.stringify(settings.role_scopes),
      CLAIM_TENANT_ID: 'tenant_id',
    });
    // The scenario's short tenant cache replaces the policy's value.
    expect(
      settingsToEnvironment(TRIGGER_SETTINGS['pre-token-generation'], settings)
        .TOKEN_CACHE_TTL_SECONDS,
    ).toBe(String(settings.token_cache_ttl_seconds));
    expect(byName.get('PreTokenGeneration')?.TOKEN_CACHE_TTL_SECONDS).toBe(
      SCENARIO_STACK_OPTIONS.overrideFunctions.PreTokenGeneration.environment
        .TOKEN_CACHE_TTL_SECONDS,
    );
    expect(byName.get('PreTokenGeneration')).not.toHaveProperty('CLAIMS_TO_SUPPRESS');
    expect(byName.get('CustomMessage')).not.toHaveProperty('LOGO_URL');
    expect(byName.get('PostConfirmation')?.TENANT_TABLE_NAME).toBe(stack.tenantTable);
    expect(byName.get('PreTokenGeneration')?.TENANT_TABLE_NAME).toBe(stack.tenantTable);
    expect(stack.tenantTable).toBe('cognito-triggers-dev-tenants');
    expect(byName.get('PreTokenGeneration')?.AWS_ENDPOINT_URL_DYNAMODB).toBe(
      stack.dynamodbEndpoint,
    );
    expect(byName.get('CustomMessage')?.APP_NAME).toBe(settings.app_name);
  });

  it('gives every invocation Cognito’s 5 s by default', () => {
    expect(stack.lambdaTimeoutMs).toBe(5_000);
  });

  it('sets up the pool as the user-pool module does: email username, tenant readable, not writable', async () => {
    const [main, variables] = await Promise.all(
      ['main.tf', 'variables.tf'].map((file) =>
        readFile(join(root, 'terraform/modules/user-pool', file), 'utf8'),
      ),
    );
    const defaultWrite = /write_attributes\s*=\s*optional\(list\(string\),\s*(\[[^\]]*\])\)/.exec(
      variables ?? '',
    )?.[1];

    const { UserPool } = await world.cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: stack.userPoolId }),
    );
    const { UserPoolClient } = await world.cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: stack.userPoolId, ClientId: stack.clientId }),
    );
    const { Groups } = await world.cognito.send(
      new ListGroupsCommand({ UserPoolId: stack.userPoolId }),
    );

    expect(UserPool?.UsernameAttributes).toEqual(hclList(main, 'username_attributes'));
    expect(UserPool?.AutoVerifiedAttributes).toEqual(hclList(main, 'auto_verified_attributes'));
    expect(
      UserPool?.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate,
    ).toEqual(hclList(main, 'attributes_require_verification_before_update'));
    expect(UserPool?.SchemaAttributes).toContainEqual(
      expect.objectContaining({
        Name: 'custom:tenant_id',
        AttributeDataType: 'String',
        Mutable: true,
      }),
    );
    expect(UserPoolClient?.WriteAttributes).toEqual(JSON.parse(defaultWrite ?? 'null'));
    expect(UserPoolClient?.WriteAttributes).not.toContain('custom:tenant_id');
    expect(UserPoolClient?.ReadAttributes).toContain('custom:tenant_id');
    expect(UserPoolClient?.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(hclList(main, 'explicit_auth_flows')),
    );
    expect(Groups?.map((group) => group.GroupName).sort()).toEqual([
      settings.tenant_admin_group,
      settings.tenant_member_group,
    ]);
  });
});

/** A list of strings assigned on one line of a module's HCL (`username_attributes = ["email"]`). */
function hclList(hcl: string | undefined, attribute: string): string[] {
  const list = new RegExp(`^\\s*${attribute}\\s*=\\s*(\\[[^\\]\\n]*\\])`, 'm').exec(hcl ?? '')?.[1];
  if (list === undefined) throw new Error(`terraform/modules/user-pool sets no ${attribute} list`);
  return JSON.parse(list) as string[];
}
