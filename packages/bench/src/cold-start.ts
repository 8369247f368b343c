import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import type { TriggerArtifacts } from './bundles.js';
import { runProbe } from './probe.js';
import { pairedDifference, pairedRatio, type Summary, summarise } from './stats.js';
import { processEnvironment, type TriggerName } from './triggers.js';

/** What a cold-start variant is, for the tables and the ratios. */
export const ColdKind = {
  /** An empty module: Node's own cost of importing anything. */
  Empty: 'empty',
  /** An empty module that imports the Node builtins the pure entries import. */
  Builtins: 'builtins',
  /**
   * An empty module that imports `node:crypto`: what hashing the log line's email with it
   * would cost at cold start (the logger hashes in plain JavaScript because of this).
   */
  Crypto: 'crypto',
  /** Only the SDK clients and commands the trigger sends, bundled like ours. */
  SdkFloor: 'sdk-floor',
  /** The SDK floor with both clients constructed at module scope. */
  SdkFloorClients: 'sdk-floor-clients',
  Ours: 'ours',
  /** The token trigger's entry, then its store chunk: what the first store-path call loads. */
  OursStorePath: 'ours-store-path',
  Naive: 'naive',
  Powertools: 'powertools',
} as const;
export type ColdKind = (typeof ColdKind)[keyof typeof ColdKind];

interface ColdVariant {
  readonly id: string;
  readonly trigger: TriggerName | undefined;
  readonly kind: ColdKind;
  readonly label: string;
  readonly imports: readonly string[];
  readonly environment: Record<string, string>;
  readonly event: unknown;
}

/** One variant's cold starts: medians and spreads over the rounds, and ratios to its floors. */
export interface ColdResult {
  readonly id: string;
  readonly trigger: TriggerName | undefined;
  readonly kind: ColdKind;
  readonly label: string;
  /** ms from the first `import()` to the last resolving. */
  readonly importMs: Summary;
  /** ms of the first invocation (a path without I/O), if the variant has a handler. */
  readonly firstInvokeMs: Summary | undefined;
  /** ms of Node's own start-up before the probe ran (the same for every variant). */
  readonly bootMs: Summary;
  /** Per-round import time over the empty module's in the same round. */
  readonly overEmpty: { readonly ratio: Summary; readonly ms: Summary };
  /** Per-round import time over the trigger's SDK floor's in the same round. */
  readonly overSdkFloor: { readonly ratio: Summary; readonly ms: Summary } | undefined;
  readonly outcome: string;
}

export interface ColdSection {
  readonly rounds: number;
  /** The builtins the pure entries import, which the `builtins` floor imports alone. */
  readonly builtins: readonly string[];
  readonly results: readonly ColdResult[];
}

interface Sample {
  readonly bootMs: number;
  readonly importMs: number;
  readonly invokeMs?: number;
  readonly outcome: string;
}

/**
 * Cold starts, interleaved: each round starts every variant once, in a fresh Node process, in
 * an order rotated by one each round, after one untimed round that warms the file cache.
 *
 * @example
 * const cold = await measureColdStarts(artifacts, workDir, 30, console.error);
 */
export async function measureColdStarts(
  artifacts: readonly TriggerArtifacts[],
  workDir: string,
  rounds: number,
  progress: (line: string) => void,
): Promise<ColdSection> {
  const builtins = await builtinsOfPureEntries(artifacts);
  const variants = await defineVariants(artifacts, workDir, builtins);
  const samples = new Map<string, Sample[]>(variants.map((variant) => [variant.id, []]));
  for (let round = -1; round < rounds; round++) {
    progress(round < 0 ? 'cold: untimed round' : `cold: round ${round + 1}/${rounds}`);
    const offset = Math.max(0, round) % variants.length;
    const order = [...variants.slice(offset), ...variants.slice(0, offset)];
    for (const variant of order) {
      const sample = (await runProbe(
        'cold',
        [JSON.stringify({ imports: variant.imports, event: variant.event })],
        variant.environment,
      )) as Sample;
      if (round >= 0) samples.get(variant.id)?.push(sample);
    }
  }
  const importsOf = (id: string | undefined) =>
    (samples.get(id ?? '') ?? []).map((sample) => sample.importMs);
  const empty = importsOf('empty');
  const results = variants.map((variant): ColdResult => {
    const own = samples.get(variant.id) ?? [];
    const imports = own.map((sample) => sample.importMs);
    const invokes = own.flatMap((sample) =>
      sample.invokeMs === undefined ? [] : [sample.invokeMs],
    );
    const floorId = variants.find(
      (other) => other.trigger === variant.trigger && other.kind === ColdKind.SdkFloor,
    )?.id;
    const comparesToFloor =
      floorId !== undefined && variant.kind !== ColdKind.SdkFloor && variant.trigger !== undefined;
    const outcomes = [...new Set(own.map((sample) => sample.outcome))];
    return {
      id: variant.id,
      trigger: variant.trigger,
      kind: variant.kind,
      label: variant.label,
      importMs: summarise(imports),
      firstInvokeMs: invokes.length > 0 ? summarise(invokes) : undefined,
      bootMs: summarise(own.map((sample) => sample.bootMs)),
      overEmpty: { ratio: pairedRatio(imports, empty), ms: pairedDifference(imports, empty) },
      overSdkFloor: comparesToFloor
        ? {
            ratio: pairedRatio(imports, importsOf(floorId)),
            ms: pairedDifference(imports, importsOf(floorId)),
          }
        : undefined,
      outcome: outcomes.join('; '),
    };
  });
  return { rounds, builtins, results };
}

async function defineVariants(
  artifacts: readonly TriggerArtifacts[],
  workDir: string,
  builtins: readonly string[],
): Promise<ColdVariant[]> {
  const emptyFile = join(workDir, 'empty.mjs');
  const builtinsFile = join(workDir, 'builtins.mjs');
  const cryptoFile = join(workDir, 'crypto.mjs');
  await writeFile(emptyFile, '');
  await writeFile(cryptoFile, "import 'node:crypto';\n");
  await writeFile(builtinsFile, builtins.map((name) => `import '${name}';\n`).join(''));
  const variants: ColdVariant[] = [
    {
      id: 'empty',
      trigger: undefined,
      kind: ColdKind.Empty,
      label: 'empty module',
      imports: [emptyFile],
      environment: processEnvironment(),
      event: undefined,
    },
    {
      id: 'builtins',
      trigger: undefined,
      kind: ColdKind.Builtins,
      label: `empty module importing ${builtins.join(', ')}`,
      imports: [builtinsFile],
      environment: processEnvironment(),
      event: undefined,
    },
    {
      id: 'crypto',
      trigger: undefined,
      kind: ColdKind.Crypto,
      label: 'empty module importing node:crypto',
      imports: [cryptoFile],
      environment: processEnvironment(),
      event: undefined,
    },
  ];
  for (const artifact of artifacts) {
    const { trigger } = artifact;
    const environment = processEnvironment(trigger.environment);
    const add = (kind: ColdKind, label: string, imports: readonly string[], event: unknown) =>
      variants.push({
        id: `${trigger.name}/${kind}`,
        trigger: trigger.name,
        kind,
        label,
        imports,
        environment,
        event,
      });
    if (artifact.floor !== undefined) {
      add(ColdKind.SdkFloor, 'SDK floor (clients + commands only)', [artifact.floor.entry], null);
    }
    if (artifact.floorWithClients !== undefined && trigger.awsSdk === true) {
      add(
        ColdKind.SdkFloorClients,
        'SDK floor + both clients constructed at import',
        [artifact.floorWithClients.entry],
        null,
      );
    }
    add(ColdKind.Ours, 'ours (dist/index.mjs)', [artifact.entry], trigger.coldEvent);
    if (artifact.storeChunk !== undefined) {
      add(
        ColdKind.OursStorePath,
        'ours + the store chunk (what the first store call loads)',
        [artifact.entry, artifact.storeChunk],
        null,
      );
    }
    const naive =
      trigger.sdk === undefined
        ? 'naive (plain JS, unbundled)'
        : 'naive (plain JS, unbundled, SDK from node_modules)';
    add(ColdKind.Naive, naive, [trigger.naive], trigger.coldEvent);
    add(
      ColdKind.Powertools,
      'Powertools parser + zod',
      [artifact.powertools.entry],
      trigger.coldEvent,
    );
  }
  return variants;
}

/** `node:` builtins imported by what the pure paths load at cold start. */
async function builtinsOfPureEntries(artifacts: readonly TriggerArtifacts[]): Promise<string[]> {
  const names = new Set<string>();
  for (const { trigger } of artifacts) {
    if (trigger.awsSdk === true) continue;
    const meta = JSON.parse(
      await readFile(join(trigger.dir, 'dist', 'meta.json'), 'utf8'),
    ) as Metafile;
    const cold = new Set(
      artifacts.find((a) => a.trigger === trigger)?.coldFiles.map((file) => file) ?? [],
    );
    for (const [output, { imports }] of Object.entries(meta.outputs)) {
      if (!cold.has(join(trigger.dir, output))) continue;
      for (const record of imports) {
        if (record.external === true && record.path.startsWith('node:')) names.add(record.path);
      }
    }
  }
  return [...names].sort();
}
