import type { StackOptions } from '../stack.js';
import { scenarioPeople } from './people.js';
import type { ScenarioStep } from './step.js';
import { claimsStep } from './steps/claims.js';
import { lifecycleSteps } from './steps/lifecycle.js';
import { signInSteps } from './steps/sign-in.js';
import { signUpSteps } from './steps/sign-up.js';

/**
 * The tenant cache of the two functions that run at every sign-in (pre authentication, pre token
 * generation), in seconds, in the scenario: a suspension and its end show after this long, where a
 * deployment takes up to the environment's `token_cache_ttl_seconds` (dev: 60).
 */
export const SCENARIO_TOKEN_CACHE_TTL_SECONDS = 1;

const cache = {
  environment: { TOKEN_CACHE_TTL_SECONDS: String(SCENARIO_TOKEN_CACHE_TTL_SECONDS) },
};

/** What the scenario's stack runs with beyond the environment's policy: the short tenant cache. */
export const SCENARIO_STACK_OPTIONS = {
  overrideFunctions: { PreAuthentication: cache, PreTokenGeneration: cache },
} as const satisfies StackOptions;

/**
 * The walk-through that `pnpm demo` prints and the stack's test asserts, step by step: a refused
 * sign-up, two colleagues and a user of another domain signing up and confirming, an invitation
 * and its first sign-in, an account an administrator creates, one confirmed without proving the
 * address, sign-ins, a refresh, a password reset; then the tenant lifecycle through the
 * operations of `@cognito-triggers/tenancy` (a new tenant whose invited admin comes from another
 * company's domain, a role change, a removal, a suspension and its end); the token claims as a
 * table. The steps share their users: run them in order, once, on a fresh stack started with
 * {@link SCENARIO_STACK_OPTIONS}.
 *
 * @param settings the `settings` of the environment's terraform.tfvars.json: the users'
 *   addresses come from its allowlist.
 * @example
 * const stack = await startStack(SCENARIO_STACK_OPTIONS);
 * const world = new ScenarioWorld(stack, report);
 * for (const step of scenarioSteps(stack.policy.settings)) await step.run(world);
 */
export function scenarioSteps(settings: Readonly<Record<string, unknown>>): ScenarioStep[] {
  const people = scenarioPeople(settings);
  return [...signUpSteps(people), ...signInSteps(people), ...lifecycleSteps(people), claimsStep];
}
