import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { postConfirmationEvent } from '@cognito-triggers/events/testing';
import { benchUser, type DeployedTrigger, type Tenancy } from './deployment.js';
import { BenchError } from './errors.js';
import { runProbe } from './probe.js';
import type { SentRequests } from './services.js';

/** Members whose events each warm row cycles through. */
export const WARM_POOL = 64;

/** One warm row: latency per invocation, in microseconds. */
export interface WarmResult {
  readonly trigger: string;
  readonly path: string;
  readonly variant: 'ours' | 'peer';
  readonly iterations: number;
  readonly us: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly outcomes: { readonly ok: number; readonly threw: number };
  /** Requests the row sent, untimed invocations included. */
  readonly requests: number;
  /** Every invocation answered, and rightly. */
  readonly valid: boolean;
}

export interface WarmSection {
  readonly results: readonly WarmResult[];
}

interface ProbeResult {
  readonly iterations: number;
  readonly ns: WarmResult['us'];
  readonly outcomes: WarmResult['outcomes'];
  readonly firstResponse?: string;
}

/** The bundles to run, the local services' request counts, and how many invocations. */
export interface WarmRun {
  readonly triggers: readonly DeployedTrigger[];
  /** The peer bundle of each trigger, by trigger name. */
  readonly peers: Readonly<Record<string, string>>;
  readonly tenancy: Tenancy;
  readonly workDir: string;
  readonly iterations: number;
  readonly warmup: number;
  /** Timed invocations of a row that waits for the local services on every call. */
  readonly ioIterations: number;
  readonly takeRequests: () => Promise<SentRequests>;
  readonly progress: (line: string) => void;
}

/**
 * Warm latency of ours and the peer on each trigger's real paths, as deployed: one process per
 * row imports the bundle once, runs untimed invocations, then times each of the next ones
 * (`process.hrtime`), cycling through {@link WARM_POOL} members' events.
 *
 * @example
 * const warm = await measureWarm({ triggers, peers, tenancy, workDir, iterations: 100_000, … });
 */
export async function measureWarm(run: WarmRun): Promise<WarmSection> {
  const results: WarmResult[] = [];
  for (const row of warmRows(run.triggers, run.tenancy)) {
    for (const variant of ['ours', 'peer'] as const) {
      // Ours answers a sign-in from its cache; the peers have none and wait for the store.
      const io = row.io || (variant === 'peer' && row.trigger.user === 'member');
      const iterations = io ? run.ioIterations : run.iterations;
      const warmup = io ? Math.min(run.warmup, 2 * WARM_POOL) : run.warmup;
      const file = variant === 'ours' ? row.trigger.entry : run.peers[row.trigger.name];
      if (file === undefined) throw new BenchError(`no peer bundle for ${row.trigger.name}`);
      run.progress(`warm: ${row.trigger.name} ${variant}: ${row.path} (${iterations} invocations)`);
      const spec = join(run.workDir, `warm-${results.length}.json`);
      await writeFile(spec, JSON.stringify({ file, events: row.events, iterations, warmup }));
      await run.takeRequests();
      const result = (await runProbe('warm', spec, row.trigger.environment)) as ProbeResult;
      const sent = await run.takeRequests();
      const us = (ns: number) => ns / 1000;
      const { p50, p90, p99, max } = result.ns;
      results.push({
        trigger: row.trigger.name,
        path: row.path,
        variant,
        iterations: result.iterations,
        us: { p50: us(p50), p90: us(p90), p99: us(p99), max: us(max) },
        outcomes: result.outcomes,
        requests: [...Object.values(sent.dynamodb), ...Object.values(sent.cognito)].reduce(
          (a, b) => a + b,
          0,
        ),
        valid:
          result.outcomes.threw === 0 && (result.firstResponse ?? '').includes(row.trigger.expect),
      });
    }
  }
  return { results };
}

interface WarmRow {
  readonly trigger: DeployedTrigger;
  readonly path: string;
  readonly events: readonly unknown[];
  /** Every call of ours waits for the local services too. */
  readonly io: boolean;
}

// Each trigger's real path; post confirmation also its path without work, a password reset.
function warmRows(triggers: readonly DeployedTrigger[], tenancy: Tenancy): WarmRow[] {
  const members = Array.from({ length: WARM_POOL }, (_, n) =>
    benchUser('member', n, tenancy.domain),
  );
  return triggers.flatMap((trigger): WarmRow[] => {
    const events = members.map((member) => trigger.event(member));
    const row = (path: string, io = false) => ({ trigger, path, events, io });
    switch (trigger.name) {
      case 'pre-signup':
        return [row('a sign-up at the allowed domain')];
      case 'custom-message':
        return [row('the sign-up verification message')];
      case 'post-confirmation':
        return [
          {
            ...row('a password reset confirmed (nothing to do)'),
            events: members.map((member) =>
              postConfirmationEvent('PostConfirmation_ConfirmForgotPassword', {
                email: member.email,
                userName: member.username,
                userAttributes: { sub: member.sub },
              }),
            ),
          },
          row('a member confirmed again: 2 DynamoDB + 2 Cognito requests each', true),
        ];
      case 'pre-authentication':
      case 'pre-token-generation':
        return [row('a member signs in')];
      default:
        throw new BenchError(`no warm row for ${trigger.name satisfies never}`);
    }
  });
}
