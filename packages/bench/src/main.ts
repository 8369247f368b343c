import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findWorkspaceRoot } from '@cognito-triggers/bundle';
import { checkBudgets, type Measurements } from './budgets.js';
import { measureBundles } from './bundles.js';
import { measureColdStarts } from './cold-start.js';
import { measureEndToEnd } from './end-to-end.js';
import { BenchError } from './errors.js';
import { describeMachine } from './machine.js';
import { readSettings, USAGE, UsageError } from './options.js';
import { measureProvisioning } from './provisioning.js';
import { type Report, renderReport } from './report.js';
import { BENCH_DIR } from './triggers.js';
import { measureWarm } from './warm.js';

/** Exit codes: 0 report written (budget misses included), 1 could not measure, 2 bad usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Runs the benchmark with `argv` (without node and the script) and returns the exit code.
 *
 * @example
 * process.exitCode = await main(['--quick']);
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const settings = readSettings(argv);
    if (settings === undefined) {
      process.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    return await run(settings);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof BenchError) {
      process.stderr.write(`bench: ${error.message}\n`);
      return EXIT.failure;
    }
    process.stderr.write(
      `bench: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return EXIT.failure;
  }
}

async function run(settings: NonNullable<ReturnType<typeof readSettings>>): Promise<number> {
  // Our own SDK clients (dynalite, the Cognito stub) would print the Node 22 notice once each.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const started = performance.now();
  const machine = describeMachine();
  const root = await findWorkspaceRoot(BENCH_DIR);
  const outDir = resolve(settings.outDir ?? root);
  const progress = (line: string) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
    process.stderr.write(`[bench ${seconds} s] ${line}\n`);
  };
  const workDir = await mkdtemp(join(tmpdir(), 'cognito-triggers-bench-'));
  const wants = (section: (typeof settings.sections)[number]) =>
    settings.sections.includes(section);
  progress(
    `${settings.quick ? 'quick smoke run' : 'full run'} on ${machine.cpuModel} (${machine.cores} cores), Node ${machine.node}`,
  );
  try {
    // The bundle section builds what the others compare against, so it always runs.
    const bundles = await measureBundles(workDir, progress);
    const { artifacts } = bundles;
    const measurements: Measurements = {
      bundles: wants('bundle') ? bundles : undefined,
      cold: wants('cold')
        ? await measureColdStarts(artifacts, workDir, settings.coldRounds, progress)
        : undefined,
      warm: wants('warm') ? await measureWarm(artifacts, workDir, settings, progress) : undefined,
      provisioning: wants('provisioning')
        ? await measureProvisioning(settings, progress)
        : undefined,
      e2e: wants('e2e') ? await measureEndToEnd(artifacts, workDir, settings, progress) : undefined,
    };
    const warnings = [
      ...bundles.findings
        .filter((found) => found.rebuiltBytes !== found.bytes)
        .map(
          (found) =>
            `${found.trigger}: the benchmark's copy of the esbuild options builds ${found.rebuiltBytes} bytes, ` +
            `dist/ holds ${found.bytes}: packages/bundle changed (or dist/ is stale); the floors and variants may no longer compare like with like`,
        ),
      ...(measurements.warm?.results ?? [])
        .filter((row) => !row.valid)
        .map(
          (row) =>
            `warm row "${row.trigger}: ${row.path}" (${row.variant}) did not give the expected answers (${row.expected}): its timing measures something else`,
        ),
      ...(measurements.e2e !== undefined && !measurements.e2e.measured
        ? [`end to end: not measured: ${measurements.e2e.reason}`]
        : []),
    ];
    const budgets = checkBudgets(measurements);
    const report: Report = {
      machine,
      settings,
      runSeconds: (performance.now() - started) / 1000,
      measurements,
      budgets,
      warnings,
    };
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'BENCHMARKS.md'), renderReport(report));
    await writeFile(
      join(outDir, 'BENCHMARKS.json'),
      `${JSON.stringify({ ...report, measurements: withoutArtifacts(measurements) }, null, 2)}\n`,
    );

    const misses = budgets.filter((check) => !check.pass);
    for (const miss of misses) {
      process.stderr.write(`MISS  ${miss.subject}: ${miss.budget}; measured ${miss.measured}\n`);
    }
    for (const warning of warnings) process.stderr.write(`WARNING  ${warning}\n`);
    process.stdout.write(
      `${join(outDir, 'BENCHMARKS.md')} and BENCHMARKS.json written in ${report.runSeconds.toFixed(0)} s: ` +
        `${budgets.length - misses.length} of ${budgets.length} budgets met` +
        `${misses.length > 0 ? `, ${misses.length} MISS (listed at the top of the report)` : ''}\n`,
    );
    return EXIT.ok;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

// The artifacts are paths into a temporary folder and esbuild metafiles: not results.
function withoutArtifacts(measurements: Measurements) {
  const { bundles, ...rest } = measurements;
  return {
    ...rest,
    bundles:
      bundles === undefined ? undefined : { findings: bundles.findings, facts: bundles.facts },
  };
}

process.exitCode = await main(process.argv.slice(2));
