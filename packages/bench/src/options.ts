import { parseArgs } from 'node:util';
import { BenchError } from './errors.js';

/** The report's sections, in the order they run; `--only` picks some. */
export const SECTIONS = ['bundle', 'cold', 'warm', 'provisioning', 'e2e'] as const;
export type Section = (typeof SECTIONS)[number];

/** How much each section measures: the full run is the default, `--quick` a smoke run. */
export interface BenchSettings {
  readonly quick: boolean;
  readonly sections: readonly Section[];
  /** Where BENCHMARKS.md and BENCHMARKS.json go (default: the repository root). */
  readonly outDir: string | undefined;
  /** Interleaved rounds of cold starts; each round starts every variant once. */
  readonly coldRounds: number;
  /** Timed warm invocations of each pure path, after `warmWarmup` untimed ones. */
  readonly warmIterations: number;
  readonly warmWarmup: number;
  /** Timed warm invocations of a path that waits for local DynamoDB and Cognito. */
  readonly ioIterations: number;
  /** Repetitions of each single-user provisioning case. */
  readonly provisioningRepeats: number;
  /** Runs of the 50-concurrent-joiners case. */
  readonly concurrentRuns: number;
  readonly concurrentUsers: number;
  /** Sign-up → confirmation → sign-in journeys through the local stack. */
  readonly e2eRuns: number;
}

export const USAGE = `Usage: pnpm bench [options]     (or: pnpm exec tsx src/main.ts [options] in packages/bench)

Measures the built triggers (run "pnpm build" first) next to floors and baselines, and writes
BENCHMARKS.md and BENCHMARKS.json at the repository root: bundle sizes, cold start (fresh
Node processes, interleaved), warm latency (p50/p99), provisioning cost against dynalite, and
sign-up to sign-in through the local stack. Progress goes to stderr. Budget misses are
printed as MISS lines and listed at the top of the report; the exit code stays 0.

Options:
  --quick          smoke run: few rounds and iterations (seconds, not minutes); numbers
                   are not for comparison
  --only LIST      run only these sections, comma-separated: ${SECTIONS.join(', ')}
  --out DIR        write the report into DIR instead of the repository root
  -h, --help       show this help

Exit codes: 0 report written (even with budget misses), 1 could not measure, 2 bad usage.`;

/** A wrong command line: exit 2 with the usage. */
export class UsageError extends BenchError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/**
 * Reads the command line; `undefined` means `--help` was asked for.
 *
 * @example
 * readSettings(['--quick']).warmIterations // 5000
 * @throws {UsageError} on an unknown flag or section.
 */
export function readSettings(argv: readonly string[]): BenchSettings | undefined {
  let values: { quick?: boolean; help?: boolean; only?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (values.help) return undefined;
  const sections = values.only === undefined ? [...SECTIONS] : parseSections(values.only);
  const quick = values.quick === true;
  return {
    quick,
    sections,
    outDir: values.out,
    coldRounds: quick ? 4 : 50,
    warmIterations: quick ? 5_000 : 100_000,
    warmWarmup: quick ? 500 : 5_000,
    ioIterations: quick ? 100 : 2_000,
    provisioningRepeats: quick ? 3 : 20,
    concurrentRuns: quick ? 1 : 3,
    concurrentUsers: 50,
    e2eRuns: quick ? 2 : 10,
  };
}

function parseSections(list: string): Section[] {
  const wanted = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const unknown = wanted.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new UsageError(
      `--only: unknown section(s) ${unknown.join(', ') || '(none given)'}; expected ${SECTIONS.join(', ')}`,
    );
  }
  return SECTIONS.filter((section) => wanted.includes(section));
}
