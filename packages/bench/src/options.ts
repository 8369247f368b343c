import { parseArgs } from 'node:util';
import { asUsage, UsageError } from '@cognito-triggers/cli-kit';

/** The report's sections, in the order they run; `--only` picks some. */
export const SECTIONS = ['cold', 'warm', 'e2e'] as const;
export type Section = (typeof SECTIONS)[number];

/** How much each section measures: the full run is the default, `--quick` a smoke run. */
export interface BenchSettings {
  readonly quick: boolean;
  readonly sections: readonly Section[];
  /** Where BENCHMARKS.md and BENCHMARKS.json go (default: the repository root). */
  readonly outDir: string | undefined;
  /** Interleaved rounds of cold starts; each round starts every bundle once. */
  readonly coldRounds: number;
  /** Timed warm invocations of a path without I/O, after `warmWarmup` untimed ones. */
  readonly warmIterations: number;
  readonly warmWarmup: number;
  /** Timed warm invocations of a path that waits for the local services. */
  readonly ioIterations: number;
  /** Sign-up → confirmation → sign-in journeys through the local stack. */
  readonly journeys: number;
}

/** What the command line asks for: a run, or a re-check of a recorded run (`--help` is the kit's). */
export type Request =
  | { readonly kind: 'run'; readonly settings: BenchSettings }
  | { readonly kind: 'check'; readonly file: string };

export const USAGE = `Usage: pnpm bench [options]     (in packages/bench: pnpm exec tsx src/main.ts [options])

Measures the built triggers (run "pnpm build" first) as Terraform deploys them, next to the SDK
floor and a typical team's handler bundled like ours: cold start (import plus the first real
invocation, fresh processes, interleaved rounds), warm latency, and sign-up to sign-in through
the local stack. Writes BENCHMARKS.md and BENCHMARKS.json at the repository root; progress goes
to stderr. Exits 1 when a budget is missed.

Options:
  --quick          smoke run: few rounds and iterations; numbers not for comparison
  --only LIST      run only these sections, comma-separated: ${SECTIONS.join(', ')}
  --out DIR        write the report into DIR instead of the repository root
  --check FILE     measure nothing: check the budgets on the figures a run recorded
                   (a BENCHMARKS.json), exit 1 on a miss
  -h, --help       show this help

Exit codes: 0 every budget met, 1 a budget missed (or nothing could be measured),
2 bad usage, 3 a bug.`;

/**
 * Reads the command line.
 *
 * @example
 * readRequest(['--quick']) // { kind: 'run', settings: { quick: true, coldRounds: 4, … } }
 * @throws {UsageError} on an unknown flag or section.
 */
export function readRequest(argv: readonly string[]): Request {
  const { values } = asUsage(() =>
    parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        out: { type: 'string' },
        check: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }),
  );
  if (values.check !== undefined) return { kind: 'check', file: values.check };
  const quick = values.quick === true;
  return {
    kind: 'run',
    settings: {
      quick,
      sections: values.only === undefined ? [...SECTIONS] : parseSections(values.only),
      outDir: values.out,
      coldRounds: quick ? 3 : 40,
      warmIterations: quick ? 5_000 : 100_000,
      warmWarmup: quick ? 500 : 5_000,
      ioIterations: quick ? 100 : 2_000,
      journeys: quick ? 2 : 10,
    },
  };
}

function parseSections(list: string): Section[] {
  const wanted = list.split(',').map((name) => name.trim());
  const unknown = wanted.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--only: unknown section(s) ${unknown.join(', ')}; expected ${SECTIONS.join(', ')}`,
    );
  }
  return SECTIONS.filter((section) => wanted.includes(section));
}
