import { LocalStackError, LocalStackErrorCode } from '../errors.js';

/** A user of the scenario; the steps fill in `sub` and `password` as the user gets them. */
export interface ScenarioUser {
  readonly email: string;
  sub: string;
  password: string;
}

/** The users of the scenario and their email domains, from the environment's policy. */
export interface ScenarioPeople {
  /** The first plain allowed domain: the company most users belong to. */
  readonly company: string;
  /** The tenant `tenant_domain_map` names for the company's domain, if it names one. */
  readonly mappedTenant: string | undefined;
  /** A second plain allowed domain (or a subdomain of a `*.` rule), if the policy has one. */
  readonly other: string | undefined;
  /** A reserved `.invalid` domain, which no allowlist can hold. */
  readonly refused: string;
  /** Two colleagues who sign up; the first becomes the tenant admin. */
  readonly ana: ScenarioUser;
  readonly ben: ScenarioUser;
  /** Of the other domain: the admin of a tenant of their own. */
  readonly carla: ScenarioUser | undefined;
  /** Invited with an invitation record. */
  readonly dan: ScenarioUser;
  /** Created by an administrator with a verified address and no invitation record. */
  readonly eli: ScenarioUser;
  /** Confirmed by an administrator without proving the address. */
  readonly fay: ScenarioUser;
  /** The invited admin of a tenant an operator creates. */
  readonly gil: ScenarioUser;
}

/** The password users choose at sign-up. */
export const PASSWORD = 'Correct-Horse-42';
/** The password of a reset, and of an invitee's first sign-in. */
export const NEW_PASSWORD = 'Battery-Staple-43';

/**
 * The scenario's users, with addresses the environment's policy (`settings` of its
 * terraform.tfvars.json) allows.
 *
 * @throws {LocalStackError} `LOCAL_DEMO_STEP_FAILED` when the policy allows no plain domain.
 */
export function scenarioPeople(settings: Readonly<Record<string, unknown>>): ScenarioPeople {
  const list = (key: string) =>
    Array.isArray(settings[key]) ? (settings[key] as unknown[]).map(String) : [];
  const blocked = new Set(list('blocked_email_domains'));
  const allowed = list('allowed_email_domains');
  const plain = allowed.filter((domain) => !domain.startsWith('*.') && !blocked.has(domain));
  const company = plain[0];
  if (company === undefined) {
    throw new LocalStackError(
      LocalStackErrorCode.DemoStepFailed,
      'the policy allows no plain email domain (allowed_email_domains) to sign up with',
    );
  }
  const wildcard = allowed
    .filter((domain) => domain.startsWith('*.'))
    .map((domain) => `eu.${domain.slice(2)}`)
    .find((domain) => !blocked.has(domain));
  const other = plain[1] ?? wildcard;
  const map = settings.tenant_domain_map;
  const mapped =
    typeof map === 'object' && map !== null ? (map as Record<string, unknown>)[company] : undefined;
  const user = (name: string, password = PASSWORD, domain = company): ScenarioUser => ({
    email: `${name}@${domain}`,
    sub: '',
    password,
  });
  return {
    company,
    mappedTenant: typeof mapped === 'string' ? mapped : undefined,
    other,
    refused: 'example.invalid',
    ana: user('ana'),
    ben: user('ben'),
    carla: other === undefined ? undefined : user('carla', PASSWORD, other),
    dan: user('dan', ''),
    eli: user('eli', ''),
    fay: user('fay'),
    gil: user('gil', ''),
  };
}
