import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readManifest } from '@cognito-triggers/bundle';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { loadStackPolicy } from '@cognito-triggers/local';
import { type BudgetCheck, checkBudgets, type Measurements } from './budgets.js';
import { bundleEntry } from './build.js';
import { type ColdSubject, ColdVariant, measureCold } from './cold.js';
import {
  BENCH_DIR,
  benchUser,
  DEPLOYED_ENV,
  type DeployedTrigger,
  deployedTriggers,
  tenancyOf,
} from './deployment.js';
import { measureEndToEnd } from './end-to-end.js';
import { BenchError } from './errors.js';
import { describeMachine, type Machine } from './machine.js';
import type { BenchSettings } from './options.js';
import { startServices } from './services.js';
import { prepareStore } from './store.js';
import { measureWarm, WARM_POOL } from './warm.js';

/** Everything one run measured: BENCHMARKS.json, and the source of BENCHMARKS.md. */
export interface Report {
  readonly machine: Machine;
  readonly settings: BenchSettings;
  /** The environment whose settings the functions got (`terraform/environments/<env>`). */
  readonly environment: string;
  /** Wall time of the whole run, in seconds. */
  readonly runSeconds: number;
  readonly measurements: Measurements;
  readonly budgets: readonly BudgetCheck[];
}

/**
 * Measures the built triggers as deployed: starts the local services in their own processes,
 * prepares the tenant table, builds the peers and the SDK floors, and runs the sections asked
 * for. Returns the figures and the budgets checked on them.
 *
 * @example
 * const report = await measure(settings, (line) => process.stderr.write(`${line}\n`));
 * @throws {BenchError} when a trigger is not built or a measurement cannot run.
 */
export async function measure(
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<Report> {
  const started = performance.now();
  const machine = describeMachine();
  const root = await findWorkspaceRoot(BENCH_DIR);
  const policy = await loadStackPolicy(root, DEPLOYED_ENV);
  const tenancy = tenancyOf(policy);
  const workDir = await mkdtemp(join(tmpdir(), 'cognito-triggers-bench-'));
  progress(
    `${settings.quick ? 'quick smoke run' : 'full run'} on ${machine.cpuModel} (${machine.cores} cores), Node ${machine.node}`,
  );
  const services = await startServices();
  try {
    const endpoints = { dynamodb: services.dynamodbEndpoint, cognito: services.cognitoEndpoint };
    const triggers = deployedTriggers(policy, endpoints);
    const members = Array.from({ length: Math.max(settings.coldRounds + 1, WARM_POOL) }, (_, n) =>
      benchUser('member', n, tenancy.domain),
    );
    await prepareStore(services.dynamodbEndpoint, policy.tenantTable, tenancy, { members });
    progress('building the peers and the SDK floors');
    const subjects = await buildSubjects(triggers, workDir);
    const wants = (section: BenchSettings['sections'][number]) =>
      settings.sections.includes(section);
    const common = { tenancy, workDir, takeRequests: services.take, progress };
    const measurements: Measurements = {
      cold: wants('cold')
        ? await measureCold({ ...common, subjects, rounds: settings.coldRounds })
        : undefined,
      warm: wants('warm')
        ? await measureWarm({
            ...common,
            triggers,
            peers: Object.fromEntries(
              subjects
                .filter((subject) => subject.variant === ColdVariant.Peer)
                .map((subject) => [subject.trigger?.name, subject.file]),
            ),
            iterations: settings.warmIterations,
            warmup: settings.warmWarmup,
            ioIterations: settings.ioIterations,
          })
        : undefined,
      e2e: wants('e2e') ? await measureEndToEnd(tenancy, settings.journeys, progress) : undefined,
    };
    return {
      machine,
      settings,
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

/** Ours (dist/ as `pnpm build` left it), the peer and the SDK floor of every trigger. */
async function buildSubjects(triggers: readonly DeployedTrigger[], workDir: string) {
  const subjects: ColdSubject[] = [];
  for (const trigger of triggers) {
    const manifest = await readManifest(join(dirname(trigger.entry), 'manifest.json')).catch(
      (error: unknown) => {
        throw new BenchError(`${trigger.name} is not built: run "pnpm build" first`, {
          cause: error,
        });
      },
    );
    subjects.push({
      trigger,
      variant: ColdVariant.Ours,
      file: trigger.entry,
      bytes: manifest.bundleBytes,
    });
    const peer = await bundleEntry(trigger.peer, join(workDir, 'peers'));
    subjects.push({ trigger, variant: ColdVariant.Peer, file: peer.file, bytes: peer.bytes });
    if (trigger.floor !== undefined) {
      const floor = await bundleEntry(trigger.floor, join(workDir, 'floors'));
      subjects.push({
        trigger,
        variant: ColdVariant.SdkFloor,
        file: floor.file,
        bytes: floor.bytes,
      });
    }
  }
  return subjects;
}
