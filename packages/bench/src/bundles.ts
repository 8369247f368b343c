import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Manifest, readManifest } from '@cognito-triggers/bundle';
import type { Metafile } from 'esbuild';
import { type Built, bundle, sdkFloorSource, staticClosure } from './build.js';
import { BenchError } from './errors.js';
import { BENCH_DIR, TRIGGERS, type TriggerBench, type TriggerName } from './triggers.js';

const SDK_INPUT = /(^|\/)@(aws-sdk|smithy)\//;
const LARGEST = 8;
const PACKAGES = 6;

/** What `pnpm build` left in a trigger's dist/, and what the benchmark built beside it. */
export interface TriggerArtifacts {
  readonly trigger: TriggerBench;
  readonly manifest: Manifest;
  /** dist/index.mjs. */
  readonly entry: string;
  /** What cold start loads from dist/: index.mjs (lazy modules load by `import()`). */
  readonly coldFiles: readonly string[];
  /** The lazy module built from `src/store.ts`, dist/store.mjs (the token trigger's store path). */
  readonly storeChunk: string | undefined;
  /** src/handler.ts rebuilt with the benchmark's copy of the bundler options. */
  readonly rebuilt: Built;
  /** Only the SDK clients and commands the trigger sends (SDK triggers). */
  readonly floor: Built | undefined;
  /** The floor, plus both clients constructed at module scope. */
  readonly floorWithClients: Built | undefined;
  readonly powertools: Built;
}

/** One input of a bundle and the bytes it occupies there. */
export interface InputBytes {
  readonly path: string;
  readonly bytes: number;
}

/** The bundle section's findings for one trigger. */
export interface BundleFindings {
  readonly trigger: TriggerName;
  readonly awsSdk: boolean | 'lazy';
  readonly files: number;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly entryBytes: number;
  readonly maxBundleBytes: number;
  readonly maxEntryBytes: number | undefined;
  readonly largestInputs: readonly InputBytes[];
  /** Bytes per package (the trigger's own src/, the workspace packages, each dependency). */
  readonly byPackage: readonly InputBytes[];
  /** SDK inputs anywhere in the bundle, and in what cold start loads. */
  readonly sdkInputs: number;
  readonly sdkInputsAtColdStart: number;
  readonly floor: { readonly bytes: number; readonly gzipBytes: number } | undefined;
  readonly powertools: {
    readonly bytes: number;
    readonly gzipBytes: number;
    readonly entryBytes: number;
  };
  /** Whether the benchmark's copy of the bundler options rebuilt exactly dist/'s bytes. */
  readonly rebuiltBytes: number;
}

/** Measured consequences of choices the bundler made, each by building without it. */
export interface BundleFacts {
  /**
   * The token trigger built with `bowser` bundled rather than external. Without code splitting
   * tree shaking drops it either way, so the two sizes are now equal.
   */
  readonly bowser: { readonly external: number; readonly bundled: number } | undefined;
  /** custom-message built with esbuild's default ASCII output rather than UTF-8. */
  readonly utf8: { readonly utf8: number; readonly ascii: number } | undefined;
}

export interface BundleSection {
  readonly artifacts: readonly TriggerArtifacts[];
  readonly findings: readonly BundleFindings[];
  readonly facts: BundleFacts;
}

/**
 * Reads every trigger's dist/ (manifest.json, meta.json) and builds what the other sections
 * compare against: the SDK floors, the Powertools variants, and a rebuild of each trigger.
 *
 * @throws {BenchError} when a trigger is not built: run `pnpm build` first.
 */
export async function measureBundles(
  workDir: string,
  progress: (line: string) => void,
): Promise<BundleSection> {
  const artifacts: TriggerArtifacts[] = [];
  const findings: BundleFindings[] = [];
  for (const trigger of TRIGGERS) {
    progress(`bundle: ${trigger.name}`);
    const { artifact, meta } = await prepare(trigger, join(workDir, trigger.name));
    artifacts.push(artifact);
    findings.push(describe(artifact, meta));
  }
  progress('bundle: what-if builds (bowser bundled, ASCII output)');
  const facts = await whatIf(artifacts, join(workDir, 'what-if'));
  return { artifacts, findings, facts };
}

async function prepare(trigger: TriggerBench, workDir: string) {
  const dist = join(trigger.dir, 'dist');
  let manifest: Manifest;
  let meta: Metafile;
  try {
    manifest = await readManifest(join(dist, 'manifest.json'));
    meta = JSON.parse(await readFile(join(dist, 'meta.json'), 'utf8')) as Metafile;
  } catch (error) {
    throw new BenchError(
      `${trigger.name} is not built (${dist}): run "pnpm build" at the repository root first`,
      { cause: error },
    );
  }
  const lazy = trigger.awsSdk === 'lazy';
  const storeKey = Object.entries(meta.outputs).find(([, output]) =>
    output.entryPoint?.endsWith('src/store.ts'),
  )?.[0];
  const rebuilt = await bundle({
    workingDir: trigger.dir,
    entry: { file: 'src/handler.ts' },
    outDir: join(workDir, 'rebuilt'),
    lazy,
  });
  const floorOf = async (construct: boolean, folder: string) =>
    trigger.sdk === undefined
      ? undefined
      : bundle({
          workingDir: trigger.dir,
          entry: { contents: sdkFloorSource(trigger.sdk, { construct }) },
          outDir: join(workDir, folder),
          lazy: false,
        });
  const artifact: TriggerArtifacts = {
    trigger,
    manifest,
    entry: join(dist, 'index.mjs'),
    coldFiles: staticClosure(meta, 'dist/index.mjs').map((key) => resolve(trigger.dir, key)),
    storeChunk: storeKey === undefined ? undefined : resolve(trigger.dir, storeKey),
    rebuilt,
    floor: await floorOf(false, 'floor'),
    floorWithClients: await floorOf(true, 'floor-with-clients'),
    powertools: await bundle({
      workingDir: BENCH_DIR,
      entry: { file: `variants/powertools/${trigger.name}.ts` },
      outDir: join(workDir, 'powertools'),
      lazy,
    }),
  };
  return { artifact, meta };
}

function describe(artifact: TriggerArtifacts, meta: Metafile): BundleFindings {
  const { manifest, trigger } = artifact;
  const code = Object.entries(meta.outputs).filter(([path]) => path.endsWith('.mjs'));
  const cold = new Set(staticClosure(meta, 'dist/index.mjs'));
  const perInput = new Map<string, number>();
  let sdkInputsAtColdStart = 0;
  const sdkInputs = new Set<string>();
  for (const [output, { inputs }] of code) {
    for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
      perInput.set(path, (perInput.get(path) ?? 0) + bytesInOutput);
      if (SDK_INPUT.test(path)) {
        sdkInputs.add(path);
        if (cold.has(output)) sdkInputsAtColdStart += 1;
      }
    }
  }
  const perPackage = new Map<string, number>();
  for (const [path, bytes] of perInput) {
    const owner = ownerOf(path);
    perPackage.set(owner, (perPackage.get(owner) ?? 0) + bytes);
  }
  const ranked = (map: Map<string, number>, count: number, short: (p: string) => string) =>
    [...map]
      .filter(([, bytes]) => bytes > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, count)
      .map(([path, bytes]) => ({ path: short(path), bytes }));
  return {
    trigger: trigger.name,
    awsSdk: manifest.awsSdk,
    files: manifest.files.length,
    bytes: manifest.bundleBytes,
    gzipBytes: manifest.bundleGzipBytes,
    entryBytes: manifest.entryBytes,
    maxBundleBytes: manifest.maxBundleBytes,
    maxEntryBytes: manifest.maxEntryBytes,
    largestInputs: ranked(perInput, LARGEST, shortPath),
    byPackage: ranked(perPackage, PACKAGES, (name) => name),
    sdkInputs: sdkInputs.size,
    sdkInputsAtColdStart,
    floor:
      artifact.floor === undefined
        ? undefined
        : { bytes: artifact.floor.bytes, gzipBytes: artifact.floor.gzipBytes },
    powertools: {
      bytes: artifact.powertools.bytes,
      gzipBytes: artifact.powertools.gzipBytes,
      entryBytes: artifact.powertools.entryBytes,
    },
    rebuiltBytes: artifact.rebuilt.bytes,
  };
}

async function whatIf(artifacts: readonly TriggerArtifacts[], workDir: string) {
  const find = (name: TriggerName) => artifacts.find((artifact) => artifact.trigger.name === name);
  const token = find('pre-token-generation');
  const messages = find('custom-message');
  const bowser =
    token === undefined
      ? undefined
      : {
          external: token.rebuilt.bytes,
          bundled: (
            await bundle({
              workingDir: token.trigger.dir,
              entry: { file: 'src/handler.ts' },
              outDir: join(workDir, 'bowser-bundled'),
              lazy: true,
              overrides: { external: [] },
            })
          ).bytes,
        };
  const utf8 =
    messages === undefined
      ? undefined
      : {
          utf8: messages.rebuilt.bytes,
          ascii: (
            await bundle({
              workingDir: messages.trigger.dir,
              entry: { file: 'src/handler.ts' },
              outDir: join(workDir, 'ascii'),
              lazy: false,
              overrides: { charset: 'ascii' },
            })
          ).bytes,
        };
  return { bowser, utf8 };
}

/** The package an esbuild input belongs to: a dependency, a workspace package, or src/. */
export function ownerOf(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at >= 0) {
    const parts = path.slice(at + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
  }
  const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(path);
  if (workspace !== null) return `@cognito-triggers/${workspace[1]}`;
  if (path.startsWith('src/')) return 'the trigger (src/)';
  return path;
}

/** An input path without the pnpm store prefix: `@smithy/core/dist-es/...`. */
export function shortPath(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at >= 0) return path.slice(at + 'node_modules/'.length);
  return path.replace(/^(\.\.\/)+/, '');
}
