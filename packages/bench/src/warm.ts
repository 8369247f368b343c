import { postConfirmationEvent } from '@cognito-triggers/events/testing';
import { asEventUser, benchUser } from './deployment.js';
import type { Bench } from './run.js';
import { sum } from './stats.js';

/** Members whose events each warm row cycles through. */
export const WARM_POOL = 64;

/** One warm row: ours or the peer on one path, latency per invocation in microseconds. */
export interface WarmResult {
  readonly trigger: string;
  readonly path: string;
  readonly variant: 'ours' | 'peer';
  readonly iterations: number;
  readonly us: Readonly<Record<'p50' | 'p90' | 'p99' | 'max', number>>;
  readonly outcomes: { readonly ok: number; readonly threw: number };
  /** Requests the row sent, untimed invocations included. */
  readonly requests: number;
  /** Every invocation answered, and rightly. */
  readonly valid: boolean;
}

export interface WarmSection {
  readonly results: readonly WarmResult[];
}

type WarmProbe = Pick<WarmResult, 'us' | 'outcomes'> & { readonly firstResponse?: string };

/**
 * Warm latency of ours and the peer on each trigger's real path (and post confirmation's path
 * without work, a password reset): one process per row imports the bundle once, runs untimed
 * invocations, then times each of the next ones, cycling through {@link WARM_POOL} members' events.
 */
export async function measureWarm(bench: Bench): Promise<WarmSection> {
  const { settings, subjects, progress } = bench;
  const members = Array.from({ length: WARM_POOL }, (_, n) =>
    benchUser('member', n, bench.tenancy.domain),
  );
  const rows = bench.triggers.flatMap((trigger) => {
    const row = { trigger, path: trigger.warmPath, events: members.map((m) => trigger.event(m)) };
    if (trigger.name !== 'post-confirmation') return [{ ...row, io: false }];
    const reset = members.map((member) =>
      postConfirmationEvent(
        'PostConfirmation_ConfirmForgotPassword',
        asEventUser(member, { sub: member.sub }),
      ),
    );
    const nothingToDo = 'a password reset confirmed (nothing to do)';
    return [
      { ...row, path: nothingToDo, events: reset, io: false },
      { ...row, io: true },
    ];
  });
  const results: WarmResult[] = [];
  for (const { trigger, path, events, io } of rows) {
    for (const variant of ['ours', 'peer'] as const) {
      // Ours answers a sign-in from its cache; the peers have none and wait for the store.
      const waits = io || (variant === 'peer' && trigger.user === 'member');
      const iterations = waits ? settings.ioIterations : settings.warmIterations;
      const warmup = waits ? Math.min(settings.warmWarmup, 2 * WARM_POOL) : settings.warmWarmup;
      const { file } = subjects.find((s) => s.trigger === trigger && s.variant === variant) ?? {};
      progress(`warm: ${trigger.name} ${variant}: ${path} (${iterations} invocations)`);
      const spec = { file, events, iterations, warmup };
      const { result, sent } = await bench.probe('warm', spec, trigger.environment);
      const { us, outcomes, firstResponse = '' } = result as WarmProbe;
      results.push({
        trigger: trigger.name,
        path,
        variant,
        iterations,
        us,
        outcomes,
        requests: sum([...Object.values(sent.dynamodb), ...Object.values(sent.cognito)]),
        valid: outcomes.threw === 0 && firstResponse.includes(trigger.expect),
      });
    }
  }
  return { results };
}
