import { normaliseDomain } from '@cognito-triggers/events';

/**
 * One entry of an allow or block list. `example.com` matches that domain exactly;
 * `*.example.com` matches any subdomain at any depth, never the apex. A block entry reaches
 * further (see {@link blocksDomain}). Domains are kept in their ASCII (punycode) form, so
 * `bücher.example` and `xn--bcher-kva.example` are one rule.
 */
export interface DomainRule {
  /** The rule as configured, for messages. */
  readonly text: string;
  readonly kind: 'exact' | 'subdomains';
  /** The normalised domain: the whole domain, or the suffix below `*.`. */
  readonly domain: string;
}

/** Parses one rule; throws an `Error` whose message says what is wrong with it. */
export function parseDomainRule(text: string): DomainRule {
  const wildcard = text.startsWith('*.');
  const body = wildcard ? text.slice(2) : text;
  if (body.includes('*')) {
    throw new Error('may only use "*." at its very start (as in "*.example.com")');
  }
  if (body.includes('@')) throw new Error('is an email address; list the domain alone');
  const domain = normaliseDomain(body);
  if (domain === undefined) {
    throw new Error('is not a valid domain (expected "example.com" or "*.example.com")');
  }
  return { text, kind: wildcard ? 'subdomains' : 'exact', domain };
}

/** Whether an allowlist rule admits a domain: an exact rule that domain only, `*.d` its subdomains. */
export function matchesRule(rule: DomainRule, domain: string): boolean {
  return rule.kind === 'exact' ? domain === rule.domain : domain.endsWith(`.${rule.domain}`);
}

/**
 * Whether a blocklist rule refuses a domain. An exact entry blocks that domain and every
 * subdomain of it: with `*.example.com` allowed, blocking `contractors.example.com` alone would
 * let the blocked party in as `x.contractors.example.com`. `*.d` blocks the subdomains only.
 */
export function blocksDomain(rule: DomainRule, domain: string): boolean {
  return (rule.kind === 'exact' && domain === rule.domain) || domain.endsWith(`.${rule.domain}`);
}

export interface DomainPolicy {
  readonly allowed: readonly DomainRule[];
  readonly blocked: readonly DomainRule[];
}

export type DomainVerdict =
  | { readonly verdict: 'blocked'; readonly rule: DomainRule }
  | { readonly verdict: 'allowed'; readonly rule: DomainRule }
  | { readonly verdict: 'not-allowed' };

/** Judges a normalised domain: a block wins over an allow; nothing listed is not allowed. */
export function judgeDomain(policy: DomainPolicy, domain: string): DomainVerdict {
  const blockedBy = policy.blocked.find((rule) => blocksDomain(rule, domain));
  if (blockedBy !== undefined) return { verdict: 'blocked', rule: blockedBy };
  const allowedBy = policy.allowed.find((rule) => matchesRule(rule, domain));
  if (allowedBy !== undefined) return { verdict: 'allowed', rule: allowedBy };
  return { verdict: 'not-allowed' };
}
