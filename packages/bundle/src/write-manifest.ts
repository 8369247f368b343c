import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { awsActions } from './aws-actions.js';
import type { TriggerConfig } from './config.js';
import { LAMBDA_HANDLER, LAMBDA_RUNTIME, OUT_DIR } from './layout.js';
import type { InputSize, Manifest } from './manifest.js';
import type { CodeFile } from './outputs.js';
import { base64Sha256 } from './zip.js';

/** What a build knows once its zip is written: everything `dist/manifest.json` records. */
export interface BuiltOutputs {
  readonly trigger: string;
  readonly config: TriggerConfig;
  readonly code: readonly CodeFile[];
  readonly metafile: Metafile;
  readonly zipName: string;
  readonly zip: Buffer;
  readonly entryBytes: number;
  readonly bundleBytes: number;
  readonly largestInputs: readonly InputSize[];
}

/** Writes `dist/manifest.json` of the trigger in `root` and returns it. */
export async function writeManifest(root: string, built: BuiltOutputs): Promise<Manifest> {
  const { config, code } = built;
  // Key order is the file's order: keep it stable so the manifest diffs cleanly.
  const manifest: Manifest = {
    trigger: built.trigger,
    functionName: config.functionName,
    handler: LAMBDA_HANDLER,
    runtime: LAMBDA_RUNTIME,
    zip: built.zipName,
    zipBytes: built.zip.byteLength,
    sourceCodeHash: base64Sha256(built.zip),
    files: code.map((file) => file.name),
    entryBytes: built.entryBytes,
    ...(config.awsSdk === 'lazy' ? { maxEntryBytes: config.maxEntryBytes } : {}),
    bundleBytes: built.bundleBytes,
    bundleGzipBytes: code.reduce(
      (total, file) => total + gzipSync(file.data, { level: 9 }).byteLength,
      0,
    ),
    maxBundleBytes: config.maxBundleBytes,
    awsSdk: config.awsSdk,
    awsActions: awsActions(built.metafile),
    largestInputs: built.largestInputs,
  };
  await writeFile(join(root, OUT_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
