import { postConfirmationEvent } from '@cognito-triggers/events/testing';
import { benchUser, confirmed } from './deployment.js';
import type { Bench } from './run.js';
import { quantile, sum } from './stats.js';

/** Members whose events each warm row cycles through. */
export const WARM_POOL = 64;

export type WarmSection = Awaited<ReturnType<typeof measureWarm>>;
export type WarmResult = WarmSection['results'][number];

/**
 * Warm latency of ours and the peer on each trigger's real path (and post confirmation's path
 * without work, a password reset): one process per row imports the bundle, runs untimed
 * invocations, then times each of the next ones, cycling through {@link WARM_POOL} members' events.
 */
export async function measureWarm({
  settings,
  subjects,
  tenancy,
  triggers,
  probe,
  progress,
}: Bench) {
  const members = Array.from({ length: WARM_POOL }, (_, n) =>
    benchUser('member', n, tenancy.domain),
  );
  const rows = triggers.flatMap((trigger) => {
    const row = { trigger, path: trigger.warmPath, events: members.map(trigger.event), io: false };
    if (trigger.name !== 'post-confirmation') return [row];
    const reset = members.map((member) =>
      postConfirmationEvent('PostConfirmation_ConfirmForgotPassword', confirmed(member)),
    );
    return [
      { ...row, path: 'a password reset confirmed (nothing to do)', events: reset },
      { ...row, io: true },
    ];
  });
  const results = [];
  for (const { trigger, path, events, io } of rows) {
    for (const variant of ['ours', 'peer'] as const) {
      // Ours answers a sign-in from its cache; the peers have none and wait for the store.
      const waits = io || (variant === 'peer' && trigger.user === 'member');
      const iterations = waits ? settings.ioIterations : settings.warmIterations;
      const warmup = waits ? Math.min(settings.warmWarmup, 2 * WARM_POOL) : settings.warmWarmup;
      const { file = '' } =
        subjects.find((s) => s.trigger === trigger && s.variant === variant) ?? {};
      progress(`warm: ${trigger.name} ${variant}: ${path} (${iterations} invocations)`);
      const { result, sent } = await probe(
        { file, events, warmup, iterations },
        trigger.environment,
      );
      const sorted = [...(result.warmUs ?? [])].sort((a, b) => a - b);
      const threw = result.threw ?? 0;
      results.push({
        trigger: trigger.name,
        path,
        variant,
        iterations,
        /** Latency per invocation, in microseconds. */
        us: {
          p50: quantile(sorted, 0.5),
          p90: quantile(sorted, 0.9),
          p99: quantile(sorted, 0.99),
          max: quantile(sorted, 1),
        },
        outcomes: { ok: iterations - threw, threw },
        /** Requests the row sent, untimed invocations included. */
        requests: sum([...Object.values(sent.dynamodb), ...Object.values(sent.cognito)]),
        /** Every invocation answered, and rightly. */
        valid:
          threw === 0 &&
          result.outcome === 'ok' &&
          (result.response ?? '').includes(trigger.expect),
      });
    }
  }
  return { results };
}
