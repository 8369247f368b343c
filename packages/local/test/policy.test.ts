import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStackError, LocalStackErrorCode } from '../src/errors.js';
import { latestMessage } from '../src/messages.js';
import { loadStackPolicy } from '../src/policy.js';
import { clients, signIn, signUpAndConfirm, stack, useStack } from './support.js';

let root: string;
/** A repository of its own: `terraform/environments/<env>/terraform.tfvars.json` as each test writes it, and the real `triggers/`. */
let scratch: string;
/** The dev environment's terraform.tfvars.json. */
let dev: { settings: Record<string, unknown> } & Record<string, unknown>;

beforeAll(async () => {
  root = await findWorkspaceRoot(import.meta.dirname);
  dev = JSON.parse(
    await readFile(join(root, 'terraform/environments/dev/terraform.tfvars.json'), 'utf8'),
  );
  scratch = await mkdtemp(join(tmpdir(), 'local-policy-'));
  // The built bundles the stack runs: the repository's own.
  await symlink(join(root, 'triggers'), join(scratch, 'triggers'), 'dir');
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Writes `terraform/environments/<env>/terraform.tfvars.json` under the scratch root. */
async function environment(env: string, tfvars: unknown): Promise<void> {
  const dir = join(scratch, 'terraform', 'environments', env);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'terraform.tfvars.json'), JSON.stringify(tfvars, null, 2));
}

async function refusal(env: string): Promise<LocalStackError> {
  const error = await loadStackPolicy(scratch, env).catch((caught: unknown) => caught);
  if (!(error instanceof LocalStackError)) throw new Error(`${env} was not refused`);
  return error;
}

describe('loadStackPolicy', () => {
  it('takes the dev environment’s settings, region, names and the five functions', async () => {
    const policy = await loadStackPolicy(root, 'dev');

    expect(policy.file).toBe(join(root, 'terraform/environments/dev/terraform.tfvars.json'));
    expect(policy.settings).toEqual(dev.settings);
    expect(policy.region).toBe(dev.aws_region);
    expect(policy.namePrefix).toBe('cognito-triggers-dev');
    expect(policy.tenantTable).toBe('cognito-triggers-dev-tenants');
    expect(policy.groups.map((group) => group.name)).toEqual(['tenant-admin', 'tenant-member']);
    expect(policy.functions.map((fn) => [fn.folder, fn.name])).toEqual([
      ['pre-signup', 'PreSignUp'],
      ['post-confirmation', 'PostConfirmation'],
      ['pre-authentication', 'PreAuthentication'],
      ['pre-token-generation', 'PreTokenGeneration'],
      ['custom-message', 'CustomMessage'],
    ]);
  });

  it('names the pool, the table and the groups as the modules do', async () => {
    await environment('named', {
      aws_region: 'us-east-2',
      name_prefix: 'acme',
      settings: {
        ...dev.settings,
        tenant_admin_group: 'owners',
        tenant_member_group: null,
      },
    });

    const policy = await loadStackPolicy(scratch, 'named');

    expect(policy.region).toBe('us-east-2');
    expect(policy.namePrefix).toBe('acme-named');
    expect(policy.tenantTable).toBe('acme-named-tenants');
    // A null setting is unset: the module's default.
    expect(policy.groups.map((group) => group.name)).toEqual(['owners', 'tenant-member']);
    const post = policy.functions.find((fn) => fn.name === 'PostConfirmation')?.environment;
    expect(post?.TENANT_ADMIN_GROUP).toBe('owners');
    expect(post).not.toHaveProperty('TENANT_MEMBER_GROUP');
    expect(post?.TENANT_TABLE_NAME).toBe('acme-named-tenants');
  });

  it('refuses a file without a settings object, naming the file and where the keys live', async () => {
    // The former shape: every policy key at the top level.
    const { settings, ...rest } = dev;
    await environment('flat', { ...rest, ...settings });

    const error = await refusal('flat');

    expect(error.code).toBe(LocalStackErrorCode.PolicyUnreadable);
    expect(error.message).toContain('terraform/environments/flat/terraform.tfvars.json');
    expect(error.message).toContain('"settings"');
  });

  it('refuses a setting of the wrong shape, naming the file and the setting', async () => {
    await environment('wrong', {
      ...dev,
      settings: { ...dev.settings, allowed_email_domains: 'example.com' },
    });

    const error = await refusal('wrong');

    expect(error.code).toBe(LocalStackErrorCode.PolicyUnreadable);
    expect(error.message).toBe(
      'terraform/environments/wrong/terraform.tfvars.json: settings.allowed_email_domains: must be a list of strings',
    );
  });

  it('refuses settings.triggers naming no known trigger', async () => {
    for (const triggers of [[], ['pre-signup', 'post-authentication'], 'pre-signup']) {
      await environment('triggers', { ...dev, settings: { ...dev.settings, triggers } });

      const error = await refusal('triggers');

      expect(error.message, JSON.stringify(triggers)).toMatch(
        /^terraform\/environments\/triggers\/terraform\.tfvars\.json: settings\.triggers: one or more of pre-signup, /,
      );
    }
  });

  it('keeps the LOCAL_POLICY_UNREADABLE error for an environment without a file', async () => {
    const error = await refusal('nowhere');

    expect(error.code).toBe(LocalStackErrorCode.PolicyUnreadable);
    expect(error.message).toContain('terraform/environments/nowhere/terraform.tfvars.json');
  });
});

describe('an environment whose settings.triggers leaves out custom-message', () => {
  beforeAll(async () => {
    await environment('quiet', {
      ...dev,
      settings: {
        ...dev.settings,
        triggers: ['pre-signup', 'post-confirmation', 'pre-authentication', 'pre-token-generation'],
      },
    });
  });

  useStack(() => ({ root: scratch, env: 'quiet' }));

  it('starts the stack without that function, attached nowhere', async () => {
    const { UserPool } = await clients.cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: stack.userPoolId }),
    );

    expect(stack.functions.map((fn) => fn.name)).toEqual([
      'PreSignUp',
      'PostConfirmation',
      'PreAuthentication',
      'PreTokenGeneration',
    ]);
    expect(UserPool?.Name).toBe('cognito-triggers-quiet');
    expect(UserPool?.LambdaConfig?.CustomMessage).toBeUndefined();
    expect(UserPool?.LambdaConfig?.PreSignUp).toMatch(/:function:PreSignUp$/);
    expect(stack.tenantTable).toBe('cognito-triggers-quiet-tenants');
  });

  it('sends the emulator’s own message, and the other triggers still run', async () => {
    const sub = await signUpAndConfirm(stack, clients, 'ana@acme.example.com');

    const message = latestMessage(stack.messages(), 'ana@acme.example.com', 'SignUp');
    expect(message?.code).toMatch(/^\d{6}$/);
    // No custom message function answered: no branded subject or body.
    expect(message?.emailSubject).toBeUndefined();
    expect((await clients.store.lookup(sub))?.membership.role).toBe('admin');
    const { claims } = await signIn(stack, clients, 'ana@acme.example.com');
    expect(claims.tenant_role).toBe('admin');
  });
});
