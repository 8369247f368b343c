import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type CliIo,
  type Command,
  EXIT,
  findWorkspaceRoot,
  InputError,
} from '@cognito-triggers/cli-kit';
import { type BudgetCheck, checkBudgets, type Measurements } from './budgets.js';
import { BENCH_DIR } from './deployment.js';
import { BenchError } from './errors.js';
import { readRequest, USAGE } from './options.js';
import { renderReport } from './report.js';
import { measure } from './run.js';

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
    const request = readRequest(args);
    if (request.kind === 'check') {
      return verdict(checkBudgets(await readRecorded(resolve(io.cwd, request.file))), io);
    }
    // The local services' and peers' SDK clients would print the Node 22 notice.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const report = await measure(request.settings, (line) => io.err(`[bench] ${line}`));
    const outDir = resolve(request.settings.outDir ?? (await findWorkspaceRoot(BENCH_DIR)));
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'BENCHMARKS.md'), renderReport(report));
    await writeFile(join(outDir, 'BENCHMARKS.json'), `${JSON.stringify(report, null, 2)}\n`);
    io.out(
      `${join(outDir, 'BENCHMARKS.md')} and BENCHMARKS.json written in ${report.runSeconds.toFixed(0)} s`,
    );
    return verdict(report.budgets, io);
  },
  explainFailure: (error) => (error instanceof BenchError ? error.message : undefined),
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
  let recorded: { measurements?: Partial<Measurements> };
  try {
    recorded = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `--check ${file}: not a readable BENCHMARKS.json (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  const { cold, warm, e2e } = recorded.measurements ?? {};
  if (cold === undefined && warm === undefined && e2e === undefined) {
    throw new InputError(`--check ${file}: no measurements in it`);
  }
  return { cold, warm, e2e };
}
