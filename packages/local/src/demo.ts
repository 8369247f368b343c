import { inspect, isDeepStrictEqual } from 'node:util';
import { LocalStackError, LocalStackErrorCode } from './errors.js';
import type { ScenarioReport } from './scenario/report.js';
import {
  SCENARIO_STACK_OPTIONS,
  SCENARIO_TOKEN_CACHE_TTL_SECONDS,
  scenarioSteps,
} from './scenario/scenario.js';
import { ScenarioWorld } from './scenario/world.js';
import { startStack } from './stack.js';

export interface DemoOptions {
  /** The repository root (default: the one holding this package). */
  readonly root?: string;
  /** The environment whose policy the stack runs (default `dev`). */
  readonly env?: string;
  /** Where the walk-through is printed, line by line. */
  readonly out: (line: string) => void;
  /** Also print every line the functions log. */
  readonly verbose?: boolean;
}

export interface DemoResult {
  /** How many steps ran (all of them passed, or `runDemo` would have thrown). */
  readonly steps: number;
  readonly durationMs: number;
}

/**
 * Starts a fresh stack (random free ports, a temporary folder), walks the scenario of
 * `scenarioSteps` through the real Cognito API, printing each step, what happened and each
 * check, and stops the stack. The sign-in functions run with a 1 s tenant cache, so that the
 * steps the cache delays wait 1 s.
 *
 * @throws {LocalStackError} `LOCAL_DEMO_STEP_FAILED` naming the step and what was expected, or
 *   any error of {@link startStack}. The stack is stopped either way.
 * @example
 * await runDemo({ out: console.log });
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { out } = options;
  const startedAt = Date.now();
  out(`Starting a fresh local stack (env ${options.env ?? 'dev'}, random ports, temporary data)`);
  const stack = await startStack({
    ...(options.root === undefined ? {} : { root: options.root }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...SCENARIO_STACK_OPTIONS,
    onProgress: (line) => out(`  ✓ ${line}`),
    ...(options.verbose ? { log: (line: string) => out(`      ${line}`) } : {}),
  });
  out(
    `  (PreAuthentication and PreTokenGeneration cache a tenant for ${SCENARIO_TOKEN_CACHE_TTL_SECONDS} s here, not the environment's ${String(stack.policy.settings.token_cache_ttl_seconds ?? 60)} s: the steps that wait for the cache wait ${SCENARIO_TOKEN_CACHE_TTL_SECONDS} s, not a minute)`,
  );
  let step = 0;
  const world = new ScenarioWorld(
    stack,
    printedReport(out, () => step),
  );
  try {
    for (const scenarioStep of scenarioSteps(stack.policy.settings)) {
      step += 1;
      out(`\n${step}. ${scenarioStep.title}`);
      await scenarioStep.run(world);
    }
  } finally {
    world.close();
    await stack.stop();
    out('Local stack stopped; its ports are free again.');
  }
  const durationMs = Date.now() - startedAt;
  out(`\nAll ${step} steps behaved as expected (${(durationMs / 1000).toFixed(1)} s).`);
  return { steps: step, durationMs };
}

/** Prints each line and check; the first check that fails stops the demo. */
function printedReport(out: (line: string) => void, step: () => number): ScenarioReport {
  return {
    say: (line) => out(line === '' ? '' : `   ${line}`),
    check(what, actual, expected) {
      if (isDeepStrictEqual(actual, expected)) {
        out(`   ✓ ${what}`);
        return;
      }
      out(`   ✗ ${what}: NOT SO`);
      out(`     expected ${inspect(expected)}, got ${inspect(actual)}`);
      throw new LocalStackError(
        LocalStackErrorCode.DemoStepFailed,
        `step ${step()} failed: expected ${what}`,
      );
    },
  };
}
