import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BundleError } from '@cognito-triggers/bundle';
import {
  type CliIo,
  type Command,
  EXIT,
  findWorkspaceRoot,
  InputError,
  parseCommandLine,
  UsageError,
} from '@cognito-triggers/cli-kit';
import { type BudgetCheck, checkBudgets, type Measurements } from './budgets.js';
import { BENCH_DIR } from './deployment.js';
import { BenchError } from './errors.js';
import { renderReport } from './report.js';
import { measure } from './run.js';

/** The report's sections, in the order they run; `--only` picks some. */
export const SECTIONS = ['cold', 'warm', 'e2e'] as const;

/**
 * How much each section measures: the full run, or `--quick`'s smoke run.
 *
 * @example
 * benchSettings(true, ['cold']).coldRounds // 3
 */
export function benchSettings(quick: boolean, sections: readonly (typeof SECTIONS)[number][]) {
  return {
    quick,
    sections,
    /** Interleaved rounds of cold starts; each round starts every bundle once. */
    coldRounds: quick ? 3 : 40,
    /** Timed warm invocations of a path without I/O, after `warmWarmup` untimed ones. */
    warmIterations: quick ? 5_000 : 100_000,
    warmWarmup: quick ? 500 : 5_000,
    /** Timed warm invocations of a path that waits for the local services. */
    ioIterations: quick ? 100 : 2_000,
    /** Sign-up → confirmation → sign-in journeys through the local stack. */
    journeys: quick ? 2 : 10,
  };
}
export type BenchSettings = ReturnType<typeof benchSettings>;

const USAGE = `Usage: pnpm bench [options]     (in packages/bench: pnpm exec tsx src/main.ts [options])

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
 * `pnpm bench`: measures, writes BENCHMARKS.md and BENCHMARKS.json, and exits 1 when a budget
 * is missed; `--check FILE` checks the budgets on a recorded BENCHMARKS.json instead.
 *
 * @example
 * process.exitCode = await runCommand(bench, process.argv.slice(2), defaultIo, { bin: 'bench' });
 */
export const bench: Command = {
  name: '',
  summary: 'measure the built triggers as deployed; fail on a budget miss',
  usage: USAGE,
  async run(args, io) {
    // pnpm passes `pnpm bench -- --quick` on with the "--".
    const { values, positionals } = parseCommandLine(
      args.filter((arg) => arg !== '--'),
      {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        out: { type: 'string' },
        check: { type: 'string' },
      },
    );
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    if (values.check !== undefined) {
      return verdict(checkBudgets(await readRecorded(resolve(io.cwd, values.check))), io);
    }
    const wanted = values.only?.split(',').map((name) => name.trim()) ?? [...SECTIONS];
    const unknown = wanted.filter((name) => !(SECTIONS as readonly string[]).includes(name));
    if (unknown.length > 0) {
      throw new UsageError(
        `--only: unknown section(s) ${unknown.join(', ')}; expected ${SECTIONS.join(', ')}`,
      );
    }
    const sections = SECTIONS.filter((section) => wanted.includes(section));
    // The local services' and peers' SDK clients would print the Node 22 notice.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const report = await measure(benchSettings(values.quick === true, sections), (line) =>
      io.err(`[bench] ${line}`),
    );
    const outDir = resolve(io.cwd, values.out ?? (await findWorkspaceRoot(BENCH_DIR)));
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'BENCHMARKS.md'), renderReport(report));
    await writeFile(join(outDir, 'BENCHMARKS.json'), `${JSON.stringify(report, null, 2)}\n`);
    io.out(
      `${join(outDir, 'BENCHMARKS.md')} and BENCHMARKS.json written in ${report.runSeconds.toFixed(0)} s`,
    );
    return verdict(report.budgets, io);
  },
  explainFailure: (error) =>
    error instanceof BenchError || error instanceof BundleError ? error.message : undefined,
};

/** Prints each miss; exit 1 when there is one, 0 when every budget is met. */
function verdict(budgets: readonly BudgetCheck[], io: CliIo): number {
  const misses = budgets.filter((check) => !check.pass);
  for (const miss of misses)
    io.err(`MISS  ${miss.subject}: ${miss.budget}; measured ${miss.measured}`);
  io.out(`${budgets.length - misses.length} of ${budgets.length} budgets met`);
  return misses.length === 0 ? EXIT.ok : EXIT.failure;
}

async function readRecorded(file: string): Promise<Measurements> {
  try {
    const { cold, warm, e2e } = JSON.parse(await readFile(file, 'utf8')).measurements ?? {};
    if (!cold && !warm && !e2e) throw new Error('no measurements in it');
    return { cold, warm, e2e };
  } catch (error) {
    const why = (error as Error).message;
    throw new InputError(`--check ${file}: not a readable BENCHMARKS.json (${why})`, {
      cause: error,
    });
  }
}
