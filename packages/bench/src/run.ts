import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { loadStackPolicy } from '@cognito-triggers/local';
import { checkBudgets } from './budgets.js';
import { buildSubjects } from './build.js';
import { measureCold, type Subject } from './cold.js';
import type { BenchSettings } from './command.js';
import {
  BENCH_DIR,
  benchUser,
  DEPLOYED_ENV,
  type DeployedTrigger,
  deployedTriggers,
  type Tenancy,
  tenancyOf,
} from './deployment.js';
import { measureEndToEnd } from './end-to-end.js';
import { type ProbeResult, runProbe, type SentRequests, startServices } from './processes.js';
import { prepareStore } from './store.js';
import { measureWarm, WARM_POOL } from './warm.js';

/** Everything one run measured: BENCHMARKS.json, and the source of BENCHMARKS.md. */
export type Report = Awaited<ReturnType<typeof measure>>;

/** What each section measures with. */
export interface Bench {
  readonly settings: BenchSettings;
  readonly tenancy: Tenancy;
  readonly triggers: readonly DeployedTrigger[];
  /** An empty module, then every trigger's bundle, its peer and its SDK floor. */
  readonly subjects: readonly Subject[];
  /** Runs `probes/probe.mjs` on `spec` in a fresh process; its result and the requests it sent. */
  probe(
    spec: { file: string; events: readonly unknown[]; warmup?: number; iterations?: number },
    environment: Readonly<Record<string, string>>,
  ): Promise<{ result: ProbeResult; sent: SentRequests }>;
  progress(line: string): void;
}

/**
 * Measures the built triggers as deployed: starts the local services in their own processes,
 * prepares the tenant table, builds the peers and the SDK floors, and runs the sections asked for.
 *
 * @example
 * const report = await measure(settings, (line) => process.stderr.write(`${line}\n`));
 * @throws {BenchError} when a trigger is not built or a measurement cannot run.
 */
export async function measure(settings: BenchSettings, progress: (line: string) => void) {
  const started = performance.now();
  const machine = {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
  const policy = await loadStackPolicy(await findWorkspaceRoot(BENCH_DIR), DEPLOYED_ENV);
  const tenancy = tenancyOf(policy);
  const run = settings.quick ? 'quick smoke run' : 'full run';
  progress(`${run} on ${machine.cpuModel} (${machine.cores} cores), Node ${machine.node}`);
  const workDir = await mkdtemp(join(tmpdir(), 'cognito-triggers-bench-'));
  const services = await startServices();
  try {
    const { dynamodbEndpoint: dynamodb, cognitoEndpoint: cognito } = services;
    const triggers = deployedTriggers(policy, { dynamodb, cognito });
    const members = Array.from({ length: Math.max(settings.coldRounds + 1, WARM_POOL) }, (_, n) =>
      benchUser('member', n, tenancy.domain),
    );
    await prepareStore(dynamodb, policy.tenantTable, tenancy, { members });
    progress('building the peers and the SDK floors');
    const bench: Bench = {
      settings,
      tenancy,
      triggers,
      subjects: await buildSubjects(triggers, workDir),
      async probe(spec, environment) {
        const file = join(workDir, 'probe.json');
        await writeFile(file, JSON.stringify(spec));
        await services.take();
        const result = await runProbe(file, environment);
        return { result, sent: await services.take() };
      },
      progress,
    };
    const wants = (section: (typeof settings.sections)[number]) =>
      settings.sections.includes(section);
    const measurements = {
      cold: wants('cold') ? await measureCold(bench) : undefined,
      warm: wants('warm') ? await measureWarm(bench) : undefined,
      e2e: wants('e2e') ? await measureEndToEnd(bench) : undefined,
    };
    return {
      /** What the numbers were measured on, and when: they mean little without it. */
      machine,
      settings,
      /** The environment whose settings the functions got (`terraform/environments/<env>`). */
      environment: DEPLOYED_ENV,
      runSeconds: (performance.now() - started) / 1000,
      measurements,
      budgets: checkBudgets(measurements),
    };
  } finally {
    await services.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
