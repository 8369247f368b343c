import { benchUser, type DeployedTrigger } from './deployment.js';
import type { ProbeResult, SentRequests } from './processes.js';
import type { Bench } from './run.js';
import { pairedDifference, pairedRatio, summarise } from './stats.js';

/** What a bundle started cold is: ours, the fair peer, the SDK floor or an empty module. */
export type Variant = 'ours' | 'peer' | 'sdk-floor' | 'empty';

/** A bundle to start cold, and the trigger whose first invocation it runs. */
export interface Subject {
  readonly trigger: DeployedTrigger | undefined;
  readonly variant: Variant;
  readonly file: string;
  readonly bytes: number;
}

export type ColdSection = Awaited<ReturnType<typeof measureCold>>;
export type ColdResult = ColdSection['results'][number];

/**
 * Cold starts, interleaved: each round (after an untimed one) starts every bundle once in a fresh
 * process with its function's environment, in an order rotated by one per round, and times the
 * import and the first real invocation.
 */
export async function measureCold({ subjects, settings, tenancy, probe, progress }: Bench) {
  const samples = subjects.map((): ProbeResult[] => []);
  const requests: SentRequests[] = [];
  for (let round = -1; round < settings.coldRounds; round++) {
    progress(round < 0 ? 'cold: untimed round' : `cold: round ${round + 1}/${settings.coldRounds}`);
    for (let k = 0; k < subjects.length; k++) {
      const index = (k + Math.max(0, round)) % subjects.length;
      const { trigger, variant, file } = subjects[index] as Subject;
      // A member signs in; a new user (one per bundle and round) signs up or is confirmed.
      const label = trigger?.user === 'member' ? 'member' : `cold-${trigger?.name}-${variant}`;
      const events = trigger ? [trigger.event(benchUser(label, round + 1, tenancy.domain))] : [];
      const environment = trigger?.environment ?? { PATH: process.env.PATH ?? '' };
      const { result, sent } = await probe({ file, events }, environment);
      if (round < 0) continue;
      // The floor only sends the requests: it has no answer to judge.
      samples[index]?.push(judged(result, variant === 'sdk-floor' ? '' : (trigger?.expect ?? '')));
      requests[index] = sent;
    }
  }
  const coldOf = (index: number) =>
    (samples[index] ?? []).map((sample) => sample.importMs + (sample.invokeMs ?? 0));
  const ratio = (index: number, trigger: DeployedTrigger | undefined, variant: Variant) => {
    const other = subjects.findIndex((s) => s.trigger === trigger && s.variant === variant);
    return other < 0 || other === index ? undefined : pairedRatio(coldOf(index), coldOf(other));
  };
  const results = subjects.map(({ trigger, variant, bytes }, index) => {
    const own = samples[index] ?? [];
    const invokes = own.flatMap((sample) => sample.invokeMs ?? []);
    return {
      trigger: trigger?.name,
      variant,
      bytes,
      importMs: summarise(own.map((sample) => sample.importMs)),
      invokeMs: invokes.length > 0 ? summarise(invokes) : undefined,
      /** Import plus first invocation: the cold figure. */
      coldMs: summarise(coldOf(index)),
      overEmptyMs: pairedDifference(coldOf(index), coldOf(0)),
      /** Over the SDK floor's cold figure (ours and the peer of an SDK trigger). */
      overSdkFloor: ratio(index, trigger, 'sdk-floor'),
      overPeer: variant === 'ours' ? ratio(index, trigger, 'peer') : undefined,
      /** What the first invocation of the last round sent. */
      requests: requests[index] ?? { dynamodb: {}, cognito: {} },
      /** Distinct outcomes: `ok`, `threw: …`, `wrong answer: …`. */
      outcomes: [...new Set(own.map((sample) => sample.outcome ?? 'not invoked'))],
    };
  });
  return { rounds: settings.coldRounds, results };
}

function judged(sample: ProbeResult, expect: string): ProbeResult {
  if (sample.outcome !== 'ok' || sample.response?.includes(expect)) return sample;
  return { ...sample, outcome: `wrong answer: no ${expect} in ${sample.response?.slice(0, 120)}` };
}
