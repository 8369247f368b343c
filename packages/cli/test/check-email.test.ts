import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PreSignUpSource } from '@cognito-triggers/events';
import { decideSignUp, preSignUpConfig } from '@cognito-triggers/pre-signup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_POLICY, REPO_ROOT, run, scratch } from './run.js';

const DEV_FILE = 'terraform/environments/dev/terraform.tfvars.json';
const HELP_HINT = 'Run "cognito-triggers check-email --help"';

interface JsonOutput {
  policy: Record<string, unknown>;
  results: Array<Record<string, unknown>>;
}

describe('check-email against the dev policy', () => {
  it('allows a listed domain, exits 0 and names the rule and the policy file', async () => {
    const { code, stdout } = await run(['check-email', 'ana@example.com']);
    expect(code).toBe(0);
    expect(stdout).toContain(`policy: ${DEV_FILE} (`);
    expect(stdout).toContain('--env dev by default');
    expect(stdout).toMatch(/^ALLOWED {2}ana@example\.com$/m);
    expect(stdout).toMatch(/^ {2}rule: +example\.com \(allowed_email_domains\)$/m);
    expect(stdout).toMatch(/^ {2}domain: +example\.com$/m);
  });

  it('prints the tenant and the enrollment mode a verified user would get: join in prod, open in dev', async () => {
    const prod = await run(['check-email', '--env', 'prod', 'ana@example.com']);
    expect(prod.stdout).toMatch(/^ {2}tenant: +example \(tenant_domain_map\)$/m);
    expect(prod.stdout).toMatch(/^ {2}enrollment: +join \(tenant_enrollment\): /m);
    const dev = await run(['check-email', '--env', 'dev', '--json', 'carla@eu.example.com']);
    expect((JSON.parse(dev.stdout) as JsonOutput).results[0]?.tenant).toEqual({
      id: 'eu-example-com-3eb52946',
      source: 'derived',
      enrollment: 'open',
      enrollmentFrom: 'default_enrollment',
    });
  });

  it('refuses a look-alike, exits 1 and shows the code and what the user sees', async () => {
    const { code, stdout } = await run(['check-email', '--env', 'dev', 'ana@example.com.evil.io']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^REFUSED {2}ana@example\.com\.evil\.io$/m);
    expect(stdout).toMatch(/^ {2}code: +SIGNUP_DOMAIN_NOT_ALLOWED$/m);
    expect(stdout).toMatch(/^ {2}domain: +example\.com\.evil\.io$/m);
    expect(stdout).toContain(
      'user sees:    PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain.\n',
    );
  });

  it('refuses through `pnpm exec`, as the README says to run it, with nothing on stderr', async () => {
    // The root script (`pnpm cognito-triggers`) would add pnpm's banner and its ELIFECYCLE line.
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      execFile(
        'pnpm',
        ['exec', 'cognito-triggers', 'check-email', 'eve@example.invalid'],
        { cwd: REPO_ROOT, encoding: 'utf8' },
        (error, out, err) => {
          if (error !== null && typeof error.code !== 'number') reject(error);
          else resolve({ code: error === null ? 0 : Number(error.code), stdout: out, stderr: err });
        },
      );
    });

    expect(code).toBe(1);
    expect(stdout).toContain('REFUSED  eve@example.invalid');
    expect(stderr).toBe('');
  });

  it('prints one JSON document with --json, and exits 1 when any email is refused', async () => {
    const { code, stdout } = await run([
      'check-email',
      '--json',
      'Ana@Example.COM',
      'ana@example.com.evil.io',
    ]);
    expect(code).toBe(1);
    const output = JSON.parse(stdout) as JsonOutput;
    expect(output.policy).toMatchObject({ source: 'env', env: 'dev', file: DEV_FILE });
    expect(output.results).toEqual([
      {
        email: 'Ana@Example.COM',
        allowed: true,
        rule: 'example.com',
        list: 'allowed_email_domains',
        domain: 'example.com',
        autoConfirmUser: false,
        tenant: {
          id: 'example',
          source: 'mapped',
          enrollment: 'open',
          enrollmentFrom: 'default_enrollment',
        },
      },
      {
        email: 'ana@example.com.evil.io',
        allowed: false,
        code: 'SIGNUP_DOMAIN_NOT_ALLOWED',
        domain: 'example.com.evil.io',
        detail: 'no rule of the allowlist matches',
        userMessage:
          'PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain.',
      },
    ]);
  });

  it('refuses a protected attribute on self-service sign-up, not on AdminCreateUser', async () => {
    const args = ['check-email', '--attribute', 'custom:tenant_id=x', 'ana@example.com'];
    const signUp = await run(args);
    expect(signUp.code).toBe(1);
    expect(signUp.stdout).toMatch(/^ {2}code: +SIGNUP_ATTRIBUTE_NOT_ALLOWED$/m);
    expect(signUp.stdout).toContain('self-service sign-up sets custom:tenant_id');

    const admin = await run([...args, '--source', 'AdminCreateUser']);
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('request: PreSignUp_AdminCreateUser with custom:tenant_id=x');
    expect(admin.stdout).toMatch(/^ALLOWED {2}ana@example\.com$/m);
  });

  it('decides exactly like the Lambda, from an environment built by hand from the same file', async () => {
    const { settings } = JSON.parse(await readFile(DEV_POLICY, 'utf8')) as {
      settings: {
        allowed_email_domains: string[];
        blocked_email_domains?: string[];
        protected_attributes?: string[];
        auto_confirm_users?: boolean;
      };
    };
    // What the Terraform module sets: lists joined with commas, booleans as text.
    const environment = {
      ALLOWED_EMAIL_DOMAINS: settings.allowed_email_domains.join(','),
      BLOCKED_EMAIL_DOMAINS: settings.blocked_email_domains?.join(','),
      PROTECTED_ATTRIBUTES: settings.protected_attributes?.join(','),
      AUTO_CONFIRM_USERS:
        settings.auto_confirm_users === undefined ? undefined : String(settings.auto_confirm_users),
    };
    const config = preSignUpConfig.load(environment);
    const emails = [
      'ana@example.com',
      'ANA@EXAMPLE.COM',
      'ana@example.com.evil.io',
      'ana@evil-example.com',
      'bob@contractors.example.com',
      'bob@x.contractors.example.com',
      'eu@eu.example.com',
      'x@bücher.example.com',
      'x@exa%6dple.com',
      'a@b@example.com',
      'not-an-email',
      '',
    ];
    for (const [flag, triggerSource] of [
      ['SignUp', PreSignUpSource.SignUp],
      ['ExternalProvider', PreSignUpSource.ExternalProvider],
    ] as const) {
      const { stdout } = await run(['check-email', '--json', '--source', flag, '--', ...emails]);
      const { results } = JSON.parse(stdout) as JsonOutput;
      expect(results).toHaveLength(emails.length);
      results.forEach((result, index) => {
        const email = emails[index] ?? '';
        const decision = decideSignUp(config, { triggerSource, userAttributes: { email } });
        const { list: _list, userMessage: _userMessage, tenant: _tenant, ...decided } = result;
        // toEqual treats a missing field and an undefined one alike.
        expect(decided, `${flag} ${email}`).toEqual({
          email,
          allowed: decision.allowed,
          code: decision.allowed ? undefined : decision.code,
          domain: decision.domain,
          rule: decision.rule?.text,
          detail: decision.allowed ? undefined : decision.detail,
          autoConfirmUser: decision.allowed ? decision.autoConfirmUser : undefined,
        });
      });
    }
  });
});

describe('check-email with other policy sources', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await scratch({
      'good.json': JSON.stringify({
        aws_region: 'eu-west-1',
        settings: {
          allowed_email_domains: ['acme.io', '*.acme.io'],
          blocked_email_domains: ['ext.acme.io'],
          auto_confirm_users: true,
          tenant_table: { name: 'tenants' },
          functions: { memory_mb: 256 },
        },
      }),
      'malformed.json': '{ "settings": { "allowed_email_domains": ["acme.io",] } }',
      'wrong-type.json': JSON.stringify({ settings: { allowed_email_domains: 'example.com' } }),
      'bad-domain.json': JSON.stringify({
        settings: { allowed_email_domains: ['example.com', 'exa mple.com'] },
      }),
      'comma.json': JSON.stringify({
        settings: { allowed_email_domains: ['example.com', 'a.io,b.io'] },
      }),
      'empty.json': JSON.stringify({ settings: { allowed_email_domains: [] } }),
      'top-level.json': JSON.stringify({ allowed_email_domains: ['example.com'] }),
      'not-an-object.json': JSON.stringify({ settings: ['example.com'] }),
      'bad-tenancy.json': JSON.stringify({
        settings: { allowed_email_domains: ['example.com'], tenant_domain_map: ['example.com'] },
      }),
      'root/terraform/environments/dev/terraform.tfvars.json': '{ "settings": {} }',
      'root/terraform/environments/staging/terraform.tfvars.json': '{ "settings": {} }',
      'root/terraform/environments/old/terraform.tfvars.json': JSON.stringify({
        aws_region: 'eu-west-1',
        allowed_email_domains: ['example.com'],
      }),
      'root/terraform/environments/modules-only/main.tf': '',
    }));
  });
  afterAll(() => cleanup());

  it('reads the settings of any tfvars file with --config, ignoring other keys', async () => {
    const file = join(dir, 'good.json');
    const { code, stdout } = await run([
      'check-email',
      '--config',
      file,
      'ops@eu.acme.io',
      'ops@ext.acme.io',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(`policy: ${file} (2 allowed, 1 blocked)`);
    expect(stdout).toMatch(
      /^ALLOWED {2}ops@eu\.acme\.io\n.*\*\.acme\.io \(allowed_email_domains\)/m,
    );
    expect(stdout).toMatch(/^ {2}auto-confirm: +yes$/m);
    expect(stdout).toMatch(
      /^REFUSED {2}ops@ext\.acme\.io\n {2}code: +SIGNUP_DOMAIN_NOT_ALLOWED\n {2}rule: +ext\.acme\.io \(blocked_email_domains\)$/m,
    );
  });

  it('takes the lists from --allow and --block, and a block wins over an allow', async () => {
    const { code, stdout } = await run([
      'check-email',
      '--json',
      '--allow',
      'acme.io,*.acme.io',
      '--block',
      'ext.acme.io',
      'a@acme.io',
      'b@ext.acme.io',
      'c@acme.io.evil',
      'd@x.ext.acme.io',
    ]);
    expect(code).toBe(1);
    const output = JSON.parse(stdout) as JsonOutput;
    expect(output.policy).toMatchObject({
      source: 'inline',
      allowed_email_domains: ['acme.io', '*.acme.io'],
      blocked_email_domains: ['ext.acme.io'],
    });
    expect(output.results.map((result) => [result.allowed, result.code, result.list])).toEqual([
      [true, undefined, 'allowed_email_domains'],
      [false, 'SIGNUP_DOMAIN_NOT_ALLOWED', 'blocked_email_domains'],
      [false, 'SIGNUP_DOMAIN_NOT_ALLOWED', undefined],
      [false, 'SIGNUP_DOMAIN_NOT_ALLOWED', 'blocked_email_domains'],
    ]);
  });

  it.each(['SignUp', 'AdminCreateUser', 'ExternalProvider'])(
    'shows the rule that refused, and that the user sees the same text for a block as for a domain off the list (%s)',
    async (source) => {
      const { code, stdout } = await run([
        'check-email',
        '--json',
        '--source',
        source,
        '--allow',
        '*.acme.io',
        '--block',
        'ext.acme.io',
        'b@x.ext.acme.io',
        'c@evil.io',
      ]);
      expect(code).toBe(1);
      const [blocked, notAllowed] = (JSON.parse(stdout) as JsonOutput).results;
      expect(blocked).toMatchObject({
        allowed: false,
        rule: 'ext.acme.io',
        list: 'blocked_email_domains',
        detail: 'blocked by "ext.acme.io"',
      });
      expect(notAllowed).toMatchObject({
        allowed: false,
        detail: 'no rule of the allowlist matches',
      });
      expect(notAllowed).not.toHaveProperty('rule');
      const userMessage =
        'PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain.';
      expect([blocked?.code, blocked?.userMessage]).toEqual([
        'SIGNUP_DOMAIN_NOT_ALLOWED',
        userMessage,
      ]);
      expect([notAllowed?.code, notAllowed?.userMessage]).toEqual([
        'SIGNUP_DOMAIN_NOT_ALLOWED',
        userMessage,
      ]);
    },
  );

  it('prints the deciding rule of a blocked subdomain next to what the user sees', async () => {
    const { code, stdout } = await run([
      'check-email',
      '--allow',
      '*.acme.io',
      '--block',
      'ext.acme.io',
      'b@x.ext.acme.io',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      [
        'REFUSED  b@x.ext.acme.io',
        '  code:         SIGNUP_DOMAIN_NOT_ALLOWED',
        '  rule:         ext.acme.io (blocked_email_domains)',
        '  domain:       x.ext.acme.io',
        '  detail:       blocked by "ext.acme.io"',
        '  user sees:    PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain.',
      ].join('\n'),
    );
  });

  it('exits 2 for a missing policy file, naming the path and the environments found', async () => {
    const { code, stdout, stderr } = await run([
      'check-email',
      '--root',
      join(dir, 'root'),
      '--env',
      'prod',
      'a@example.com',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'no policy file at terraform/environments/prod/terraform.tfvars.json (environments found: dev, old, staging)',
    );
    expect(stderr).toContain(HELP_HINT);
  });

  it('exits 2 for malformed JSON, naming the file', async () => {
    const file = join(dir, 'malformed.json');
    const { code, stderr } = await run(['check-email', '--config', file, 'a@acme.io']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: not valid JSON: `);
    expect(stderr).toContain(HELP_HINT);
  });

  it('exits 2 for a string where a list belongs, naming the file and the key', async () => {
    const file = join(dir, 'wrong-type.json');
    const { code, stderr } = await run(['check-email', '--config', file, 'a@example.com']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: settings.allowed_email_domains: must be a list of strings`);
  });

  it("exits 2 for an entry with a comma, which would split in the Lambda's environment", async () => {
    const file = join(dir, 'comma.json');
    const { code, stderr } = await run(['check-email', '--config', file, 'a@example.com']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${file}: settings.allowed_email_domains: entry "a.io,b.io" contains a comma, which separates entries in the Lambda's environment`,
    );
  });

  it('exits 2 for an empty allowlist, saying that it is empty rather than unset', async () => {
    const file = join(dir, 'empty.json');
    const { code, stderr } = await run(['check-email', '--config', file, 'a@example.com']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${file}: settings.allowed_email_domains: is empty, but at least one entry is required`,
    );
    const unset = await run(['check-email', '--root', join(dir, 'root'), 'a@example.com']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain(
      'terraform/environments/dev/terraform.tfvars.json: settings.allowed_email_domains: is required but not set',
    );
  });

  it('exits 2 for a file without a "settings" object, saying where the policy keys live', async () => {
    const message = (file: string) =>
      `${file}: no "settings" object: the policy keys (allowed_email_domains, …) live under "settings"`;
    const file = join(dir, 'top-level.json');
    const config = await run(['check-email', '--config', file, 'a@example.com']);
    expect(config.code).toBe(2);
    expect(config.stdout).toBe('');
    expect(config.stderr).toContain(message(file));
    expect(config.stderr).toContain(HELP_HINT);

    const env = await run([
      'check-email',
      '--root',
      join(dir, 'root'),
      '--env',
      'old',
      'a@example.com',
    ]);
    expect(env.code).toBe(2);
    expect(env.stderr).toContain(message('terraform/environments/old/terraform.tfvars.json'));

    const array = join(dir, 'not-an-object.json');
    const notObject = await run(['check-email', '--config', array, 'a@example.com']);
    expect(notObject.code).toBe(2);
    expect(notObject.stderr).toContain(
      `${array}: "settings" is an array, not an object: the policy keys (allowed_email_domains, …) live under "settings"`,
    );
  });

  it('exits 2 for a tenancy setting of the wrong shape, naming the file and the key', async () => {
    const file = join(dir, 'bad-tenancy.json');
    const { code, stderr } = await run(['check-email', '--config', file, 'a@example.com']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: settings.tenant_domain_map: must be an object`);
  });

  it('exits 2 for an entry the trigger rejects, naming the file, the key and the entry', async () => {
    const file = join(dir, 'bad-domain.json');
    const { code, stderr } = await run(['check-email', '--config', file, 'a@example.com']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${file}: settings.allowed_email_domains: entry "exa mple.com": is not a valid domain`,
    );
    expect(stderr).not.toContain('ALLOWED_EMAIL_DOMAINS');
  });
});

describe('the command line', () => {
  it('exits 2 for an unknown option, naming it', async () => {
    const { code, stdout, stderr } = await run(['check-email', '--alow', 'x.io', 'a@x.io']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("'--alow'");
    expect(stderr).toContain(HELP_HINT);
  });

  it('exits 2 for two policy sources at once', async () => {
    const { code, stderr } = await run([
      'check-email',
      '--env',
      'dev',
      '--allow',
      'x.io',
      'a@x.io',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('give one policy source, not --env and --allow');
  });

  it('prints help with exit code 0, and lists the command in the global help', async () => {
    const help = await run(['check-email', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: cognito-triggers check-email');
    expect(help.stdout).toContain('Exit codes:');
    expect(help.stdout).toContain('Examples:');

    const global = await run(['--help']);
    expect(global.code).toBe(0);
    expect(global.stdout).toMatch(/^ {2}check-email {3}/m);
  });

  it('exits 2 for an unknown command', async () => {
    const { code, stderr } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
    expect(stderr).toContain('Run "cognito-triggers --help"');
  });
});
