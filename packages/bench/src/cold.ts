import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchUser, type DeployedTrigger, type Tenancy } from './deployment.js';
import { runProbe } from './probe.js';
import type { Requests, SentRequests } from './services.js';
import { pairedDifference, pairedRatio, type Summary, summarise } from './stats.js';

/** What a bundle started cold is. */
export const ColdVariant = {
  Ours: 'ours',
  /** A typical team's handler for the same job, bundled like ours. */
  Peer: 'peer',
  /** Only the SDK clients and the same requests, bundled like ours. */
  SdkFloor: 'sdk-floor',
  /** An empty module: Node's own cost of importing anything. */
  Empty: 'empty',
} as const;
export type ColdVariant = (typeof ColdVariant)[keyof typeof ColdVariant];

/** A bundle to start cold, and the trigger whose first invocation it runs. */
export interface ColdSubject {
  readonly trigger: DeployedTrigger | undefined;
  readonly variant: ColdVariant;
  readonly file: string;
  readonly bytes: number;
}

/** One bundle's cold starts over the rounds, in ms, and ratios taken per round. */
export interface ColdResult {
  readonly trigger: string | undefined;
  readonly variant: ColdVariant;
  readonly bytes: number;
  readonly importMs: Summary;
  readonly invokeMs: Summary | undefined;
  /** Import plus first invocation: the cold figure. */
  readonly coldMs: Summary;
  readonly overEmptyMs: Summary;
  /** Over the SDK floor's cold figure (ours and the peer of an SDK trigger). */
  readonly overSdkFloor: Summary | undefined;
  /** Ours over the peer's. */
  readonly overPeer: Summary | undefined;
  /** What the first invocation of the last round sent. */
  readonly requests: SentRequests;
  /** Distinct outcomes: `ok`, `threw: …`, `wrong answer: …`. */
  readonly outcomes: readonly string[];
}

export interface ColdSection {
  readonly rounds: number;
  readonly results: readonly ColdResult[];
}

interface Sample {
  readonly importMs: number;
  readonly invokeMs?: number;
  readonly outcome: string;
  readonly response?: string;
}

/** The bundles, the users' domain and tenant, and the local services' request counts. */
export interface ColdRun {
  readonly subjects: readonly ColdSubject[];
  readonly tenancy: Tenancy;
  readonly workDir: string;
  readonly rounds: number;
  readonly takeRequests: () => Promise<SentRequests>;
  readonly progress: (line: string) => void;
}

/**
 * Deployed-configuration cold starts, interleaved: each round starts every bundle once in a
 * fresh Node process with its function's environment, in an order rotated by one each round
 * (after an untimed round), and times the import and the first real invocation. A member signs
 * in; a new user signs up or is confirmed (a user of their own per bundle and round).
 *
 * @example
 * const cold = await measureCold({ subjects, tenancy, workDir, rounds: 40, takeRequests, progress });
 */
export async function measureCold(run: ColdRun): Promise<ColdSection> {
  const empty = join(run.workDir, 'empty.mjs');
  await writeFile(empty, '');
  const subjects = [
    { trigger: undefined, variant: ColdVariant.Empty, file: empty, bytes: 0 },
    ...run.subjects,
  ];
  const samples = subjects.map((): Sample[] => []);
  const requests = subjects.map((): SentRequests => ({ dynamodb: {}, cognito: {} }));
  await run.takeRequests();
  for (let round = -1; round < run.rounds; round++) {
    run.progress(round < 0 ? 'cold: untimed round' : `cold: round ${round + 1}/${run.rounds}`);
    for (let k = 0; k < subjects.length; k++) {
      const index = (k + Math.max(0, round)) % subjects.length;
      const { trigger, variant, file } = subjects[index] as ColdSubject;
      const label = trigger?.user === 'member' ? 'member' : `cold-${trigger?.name}-${variant}`;
      const event = trigger?.event(benchUser(label, round + 1, run.tenancy.domain));
      const environment = trigger?.environment ?? { PATH: process.env.PATH ?? '' };
      const sample = (await runProbe(
        'cold',
        JSON.stringify({ file, event }),
        environment,
      )) as Sample;
      const sent = await run.takeRequests();
      if (round < 0) continue;
      // The floor only sends the requests: it has no answer to judge.
      samples[index]?.push(
        judged(sample, variant === ColdVariant.SdkFloor ? '' : (trigger?.expect ?? '')),
      );
      requests[index] = sent;
    }
  }
  const coldOf = (index: number) =>
    (samples[index] ?? []).map((sample) => sample.importMs + (sample.invokeMs ?? 0));
  const indexOf = (trigger: DeployedTrigger | undefined, variant: ColdVariant) =>
    subjects.findIndex((subject) => subject.trigger === trigger && subject.variant === variant);
  const results = subjects.map((subject, index): ColdResult => {
    const own = samples[index] ?? [];
    const cold = coldOf(index);
    const floor = indexOf(subject.trigger, ColdVariant.SdkFloor);
    const peer = indexOf(subject.trigger, ColdVariant.Peer);
    const invokes = own.flatMap((sample) =>
      sample.invokeMs === undefined ? [] : [sample.invokeMs],
    );
    return {
      trigger: subject.trigger?.name,
      variant: subject.variant,
      bytes: subject.bytes,
      importMs: summarise(own.map((sample) => sample.importMs)),
      invokeMs: invokes.length > 0 ? summarise(invokes) : undefined,
      coldMs: summarise(cold),
      overEmptyMs: pairedDifference(cold, coldOf(0)),
      overSdkFloor: floor >= 0 && index !== floor ? pairedRatio(cold, coldOf(floor)) : undefined,
      overPeer:
        subject.variant === ColdVariant.Ours && peer >= 0
          ? pairedRatio(cold, coldOf(peer))
          : undefined,
      requests: requests[index] ?? { dynamodb: {}, cognito: {} },
      outcomes: [...new Set(own.map((sample) => sample.outcome))],
    };
  });
  return { rounds: run.rounds, results };
}

function judged(sample: Sample, expect: string): Sample {
  if (sample.outcome !== 'ok' || sample.response?.includes(expect)) return sample;
  return { ...sample, outcome: `wrong answer: no ${expect} in ${sample.response?.slice(0, 120)}` };
}

/** Requests as text: `BatchGetItem`, `UpdateItem ×2`. */
export function describeRequests(requests: Requests): string {
  return Object.entries(requests)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([operation, count]) => (count === 1 ? operation : `${operation} ×${count}`))
    .join(', ');
}
