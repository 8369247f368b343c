import type { LoadedPolicy } from './sign-up-policy.js';

/** One email's verdict, as printed (text) and as serialised (`--json`). */
export interface CheckResult {
  readonly email: string;
  readonly allowed: boolean;
  /** The rejection code, when refused. */
  readonly code?: string;
  /** The rule that decided, as written in the policy. */
  readonly rule?: string;
  /** The list the rule belongs to: `allowed_email_domains` or `blocked_email_domains`. */
  readonly list?: string;
  /** The email's domain in its normalised ASCII form, when the address parsed. */
  readonly domain?: string;
  /** Why it was refused, for operators (the Lambda logs it; the user never sees it). */
  readonly detail?: string;
  /** What Cognito shows the user, verbatim. */
  readonly userMessage?: string;
  /** Whether the Lambda would set `autoConfirmUser`, when allowed. */
  readonly autoConfirmUser?: boolean;
  /**
   * Where a verified user of the address would land, when allowed: the tenant as the policy
   * resolves it offline (a domain claimed in the store takes precedence over a derived id), and
   * the enrollment mode of the domain.
   */
  readonly tenant?: {
    readonly id?: string;
    readonly source: string;
    readonly enrollment: string;
    /** `tenant_enrollment` when an entry names the domain, else `default_enrollment`. */
    readonly enrollmentFrom: string;
  };
}

/** The policy as `--json` reports it: where it came from and its effective values. */
export function policySummary(policy: LoadedPolicy): Record<string, unknown> {
  const { source, config } = policy;
  return {
    source: source.kind,
    ...(source.kind === 'env' ? { env: source.env, defaulted: source.defaulted } : {}),
    ...(policy.file === undefined ? {} : { file: policy.file }),
    allowed_email_domains: config.allowedDomains.map((rule) => rule.text),
    blocked_email_domains: config.blockedDomains.map((rule) => rule.text),
    protected_attributes: [...config.protectedAttributes],
    auto_confirm_users: config.autoConfirmUsers,
    /** What Terraform sets on the Lambda, as the trigger read it. */
    environment: policy.environment,
  };
}

/** `policy: terraform/environments/dev/terraform.tfvars.json (2 allowed, 1 blocked)` */
export function formatPolicyHeader(policy: LoadedPolicy): string {
  const { source, config } = policy;
  const where =
    policy.file ??
    (source.kind === 'inline' && source.block !== undefined ? '--allow/--block' : '--allow');
  const counts = `${config.allowedDomains.length} allowed, ${config.blockedDomains.length} blocked`;
  const note = source.kind === 'env' && source.defaulted ? `; --env ${source.env} by default` : '';
  return `policy: ${where} (${counts}${note})`;
}

/** `request: PreSignUp_SignUp with custom:tenant_id=acme` */
export function formatRequestHeader(
  triggerSource: string,
  attributes: Readonly<Record<string, string>>,
): string {
  const extra = Object.entries(attributes).map(([name, value]) => `${name}=${value}`);
  return `request: ${triggerSource}${extra.length > 0 ? ` with ${extra.join(', ')}` : ''}`;
}

const LABEL_WIDTH = 'auto-confirm:'.length + 1;

/** A verdict line, then one indented line per known fact. */
export function formatResult(result: CheckResult): string {
  const lines = [`${result.allowed ? 'ALLOWED' : 'REFUSED'}  ${result.email}`];
  const field = (label: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`  ${`${label}:`.padEnd(LABEL_WIDTH)}${value}`);
  };
  field('code', result.code);
  field('rule', result.rule === undefined ? undefined : `${result.rule} (${result.list})`);
  field('domain', result.domain);
  field('detail', result.detail);
  field('user sees', result.userMessage);
  if (result.autoConfirmUser === true) field('auto-confirm', 'yes');
  if (result.tenant !== undefined) {
    const { id, source, enrollment, enrollmentFrom } = result.tenant;
    field('tenant', TENANT_TEXT[source]?.(id) ?? `${id} (${source})`);
    field('enrollment', `${enrollment} (${enrollmentFrom}): ${ENROLLMENT_TEXT[enrollment] ?? ''}`);
  }
  return lines.join('\n');
}

const TENANT_TEXT: Readonly<Record<string, (id: string | undefined) => string>> = {
  mapped: (id) => `${id} (tenant_domain_map)`,
  personal: () => 'a tenant of their own, user-<sub> (personal_email_domains)',
  derived: (id) =>
    `${id} (derived from the domain, unless a tenant claims the domain in the store: check-email reads no store)`,
};

const ENROLLMENT_TEXT: Readonly<Record<string, string>> = {
  open: 'the first verified user creates the tenant and is its admin, later ones join as members',
  join: 'verified users join the existing tenant as members; none is set up by signing up',
  invite: 'only invitations enter; a verified sign-up gets tokens without tenant claims',
};
