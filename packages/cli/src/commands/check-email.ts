import { PreSignUpSource, UserFacingError } from '@cognito-triggers/events';
import { decideSignUp, REJECTION_TEXT, type SignUpDecision } from '@cognito-triggers/pre-signup';
import {
  enrollmentFor,
  findDomainMapping,
  resolveTenant,
  type TenancyPolicy,
} from '@cognito-triggers/tenancy';
import { type CliIo, type Command, EXIT, parseCommandLine, UsageError } from '../command.js';
import {
  type CheckResult,
  formatPolicyHeader,
  formatRequestHeader,
  formatResult,
  policySummary,
} from '../output.js';
import type { PolicySource } from '../policy-file.js';
import { readSettings } from '../settings-file.js';
import { loadPolicy } from '../sign-up-policy.js';
import { loadTenancyPolicy, tenancyPolicyOf } from '../tenancy-policy.js';

/** The function name Cognito puts in front of the trigger's error message. */
const TRIGGER_NAME = 'PreSignUp';

const DEFAULT_ENV = 'dev';

const USAGE = `Usage: cognito-triggers check-email [policy] [options] EMAIL [EMAIL ...]

Says whether each EMAIL may sign up, and what the user would see if not. Loads the policy
exactly as the pre sign-up Lambda loads its environment, and decides with the very function
the Lambda runs (decideSignUp). A blocked domain and a domain off the allowlist show the user
the same code and text; the rule, its list and the detail say which one refused.

Policy (one of; --env ${DEFAULT_ENV} when none is given):
  --env NAME               terraform/environments/NAME/terraform.tfvars.json of the repository
  --root DIR               the repository root for --env (default: the nearest folder at or
                           above the current one that holds pnpm-workspace.yaml)
  --config FILE            any tfvars JSON file (relative to the current folder)
  --allow LIST             a comma-separated allowlist instead of a file: example.com,*.example.org
  --block LIST             a comma-separated blocklist, with --allow

Request:
  --source SOURCE          SignUp (default), AdminCreateUser or ExternalProvider
  --attribute NAME=VALUE   another user attribute of the sign-up, to try the protected-attribute
                           rule (repeatable): --attribute custom:tenant_id=acme

Output:
  --json                   one JSON document { policy, results } instead of text
  -h, --help               show this help

The policy is the file's "settings" object: allowed_email_domains, blocked_email_domains,
protected_attributes (lists of strings), auto_confirm_users (boolean). Other keys are ignored.

Exit codes:
  0   every EMAIL would be allowed
  1   at least one EMAIL would be refused
  2   wrong command line, or a policy the Lambda would reject (missing file, invalid JSON,
      no "settings" object, a value of the wrong type, an invalid entry)

Examples:
  cognito-triggers check-email ana@example.com ana@example.com.evil.io
  cognito-triggers check-email --env staging --source AdminCreateUser \\
    --attribute custom:tenant_id=acme --json ops@example.com`;

const SOURCES: Readonly<Record<string, PreSignUpSource>> = {
  signup: PreSignUpSource.SignUp,
  admincreateuser: PreSignUpSource.AdminCreateUser,
  externalprovider: PreSignUpSource.ExternalProvider,
};

export const checkEmail: Command = {
  name: 'check-email',
  summary: 'would these emails be allowed to sign up? (the pre sign-up policy, dry-run)',
  usage: USAGE,
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    env: { type: 'string' },
    root: { type: 'string' },
    config: { type: 'string' },
    allow: { type: 'string' },
    block: { type: 'string' },
    source: { type: 'string' },
    attribute: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });

  const source = policySource(values);
  const triggerSource = parseSource(values.source);
  const attributes = parseAttributes(values.attribute ?? []);
  if (positionals.length === 0) throw new UsageError('missing EMAIL (give one or more)');

  const policy = await loadPolicy(source, io.cwd);
  const tenancy = await tenancyOf(source, io.cwd);
  const results = positionals.map((email) =>
    toResult(
      email,
      decideSignUp(policy.config, { triggerSource, userAttributes: { ...attributes, email } }),
      tenancy,
    ),
  );

  if (values.json) {
    const request = { triggerSource, attributes };
    io.out(JSON.stringify({ policy: policySummary(policy), request, results }, null, 2));
  } else {
    io.out(formatPolicyHeader(policy));
    io.out(formatRequestHeader(triggerSource, attributes));
    for (const result of results) io.out(`\n${formatResult(result)}`);
  }
  return results.every((result) => result.allowed) ? EXIT.ok : EXIT.failure;
}

function policySource(values: {
  env?: string | undefined;
  root?: string | undefined;
  config?: string | undefined;
  allow?: string | undefined;
  block?: string | undefined;
}): PolicySource {
  const chosen = (['env', 'config', 'allow'] as const).filter((name) => values[name] !== undefined);
  if (chosen.length > 1) {
    throw new UsageError(
      `give one policy source, not ${chosen.map((name) => `--${name}`).join(' and ')}`,
    );
  }
  if (values.block !== undefined && values.allow === undefined) {
    throw new UsageError(
      '--block goes with --allow (a policy file has its own blocked_email_domains)',
    );
  }
  if (values.root !== undefined && (values.config !== undefined || values.allow !== undefined)) {
    throw new UsageError('--root goes with --env only');
  }
  if (values.config !== undefined) return { kind: 'config', file: values.config };
  if (values.allow !== undefined) {
    return { kind: 'inline', allow: values.allow, block: values.block };
  }
  return {
    kind: 'env',
    env: values.env ?? DEFAULT_ENV,
    root: values.root,
    defaulted: values.env === undefined,
    outsideCheckout: "use --config FILE (an environment's terraform.tfvars.json) or --allow LIST",
  };
}

function parseSource(value: string | undefined): PreSignUpSource {
  if (value === undefined) return PreSignUpSource.SignUp;
  const key = value.replace(/^PreSignUp_/i, '').toLowerCase();
  const source = SOURCES[key];
  if (source === undefined) {
    throw new UsageError(
      `--source: "${value}" is not one of SignUp, AdminCreateUser, ExternalProvider`,
    );
  }
  return source;
}

function parseAttributes(pairs: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? '' : pair.slice(0, equals);
    if (name.length === 0) {
      throw new UsageError(`--attribute: expected NAME=VALUE, got "${pair}"`);
    }
    if (name === 'email') {
      throw new UsageError('--attribute: the email attribute comes from the EMAIL arguments');
    }
    if (Object.hasOwn(attributes, name)) {
      throw new UsageError(`--attribute: ${name} is given twice`);
    }
    attributes[name] = pair.slice(equals + 1);
  }
  return attributes;
}

/** What Cognito shows the user when the trigger throws: `<Trigger> failed with error <message>.` */
export function userMessage(code: keyof typeof REJECTION_TEXT): string {
  return `${TRIGGER_NAME} failed with error ${new UserFacingError(code, REJECTION_TEXT[code]).message}.`;
}

/**
 * One email's verdict for operators. The user sees the same code and text for a blocked domain
 * as for one off the allowlist (so nobody maps the customer list by trying domains); the rule,
 * its list and the detail say which of the two decided.
 */
function toResult(email: string, decision: SignUpDecision, tenancy: TenancyPolicy): CheckResult {
  const rule = decision.rule;
  const where =
    rule === undefined
      ? {}
      : {
          rule: rule.text,
          list: decision.verdict === 'blocked' ? 'blocked_email_domains' : 'allowed_email_domains',
        };
  if (decision.allowed) {
    return {
      email,
      allowed: true,
      ...where,
      domain: decision.domain,
      autoConfirmUser: decision.autoConfirmUser,
      tenant: tenantOf(email, decision.domain, tenancy),
    };
  }
  return {
    email,
    allowed: false,
    code: decision.code,
    ...where,
    ...(decision.domain === undefined ? {} : { domain: decision.domain }),
    detail: decision.detail,
    userMessage: userMessage(decision.code),
  };
}

/**
 * The tenancy policy of the same source: the environment's file, the `--config` file, or the
 * defaults for an inline allowlist.
 */
async function tenancyOf(source: PolicySource, cwd: string): Promise<TenancyPolicy> {
  if (source.kind === 'env') {
    return (await loadTenancyPolicy({ env: source.env, root: source.root }, cwd)).policy;
  }
  if (source.kind === 'config') {
    return tenancyPolicyOf(await readSettings(source, cwd));
  }
  return tenancyPolicyOf(undefined);
}

/** Where a verified user of the address would land, as the policy says offline. */
function tenantOf(
  email: string,
  domain: string,
  tenancy: TenancyPolicy,
): NonNullable<CheckResult['tenant']> {
  const enrollment = enrollmentFor(tenancy, domain);
  const enrollmentFrom =
    findDomainMapping(tenancy.enrollment, domain) === undefined
      ? 'default_enrollment'
      : 'tenant_enrollment';
  try {
    const resolved = resolveTenant({ sub: 'check-email', email }, tenancy);
    return resolved.source === 'personal'
      ? { source: resolved.source, enrollment, enrollmentFrom }
      : { id: resolved.tenantId, source: resolved.source, enrollment, enrollmentFrom };
  } catch {
    return { source: 'unresolved', enrollment, enrollmentFrom };
  }
}
