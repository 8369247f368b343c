/** A user of the benchmark: a Cognito identity with a verified email. */
export interface BenchUser {
  readonly username: string;
  readonly sub: string;
  readonly email: string;
}

const DOMAINS = ['acme.example', 'initech.example', 'globex.example', 'gmail.com'] as const;

/**
 * User `n`, at `domain` or at one of four domains in turn: a mapped one (`acme.example`), two
 * derived ones and a consumer one (a personal tenant each).
 *
 * @example
 * benchUser(3).email // 'user3@gmail.com'
 */
export function benchUser(
  n: number,
  domain: string = DOMAINS[n % DOMAINS.length] ?? '',
): BenchUser {
  const id = String(n).padStart(12, '0');
  return {
    username: `b0c1d2e3-0000-4000-8000-${id}`,
    sub: `5ub5ub5u-0000-4000-8000-${id}`,
    email: `user${n}@${domain}`,
  };
}
