import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsSdkMode } from './config.js';
import { BundleError } from './errors.js';
import { base64Sha256 } from './zip.js';

/** How much one source file contributes to the bundle. */
export interface InputSize {
  /** Path relative to the trigger folder, as esbuild's metafile names it. */
  readonly path: string;
  /** Bytes this input occupies in {@link InputSize.file} after minification. */
  readonly bytes: number;
  /** The zip entry holding it: `index.mjs`, or a lazy module (`store.mjs`) for a lazy trigger. */
  readonly file: string;
}

/**
 * `dist/manifest.json`: everything Terraform and the summary need to know about one built
 * trigger. It holds no timestamps or absolute paths, so it only changes when the zip does.
 */
export interface Manifest {
  /** Folder name under `triggers/`, e.g. `pre-signup`. */
  readonly trigger: string;
  readonly functionName: string;
  /** Lambda handler setting: `index.handler`. */
  readonly handler: string;
  /** Lambda runtime identifier: `nodejs22.x`. */
  readonly runtime: string;
  /** Zip file name, relative to the manifest's folder. */
  readonly zip: string;
  readonly zipBytes: number;
  /** Base64 SHA-256 of the zip, equal to Terraform's `filebase64sha256(zip)`. */
  readonly sourceCodeHash: string;
  /** The zip's entries in name order: `index.mjs`, plus the lazy modules of a lazy trigger. */
  readonly files: readonly string[];
  /** Bytes loaded at cold start: `index.mjs`. Equals `bundleBytes` unless the trigger is lazy. */
  readonly entryBytes: number;
  /** Budget for `entryBytes`; present only when `awsSdk` is `'lazy'`. */
  readonly maxEntryBytes?: number;
  /** Bytes of all the `.mjs` files in the zip. */
  readonly bundleBytes: number;
  /** Sum of each `.mjs` file gzipped on its own, as the zip compresses them. */
  readonly bundleGzipBytes: number;
  readonly maxBundleBytes: number;
  readonly awsSdk: AwsSdkMode;
  /**
   * The IAM actions the bundle can send (`dynamodb:UpdateItem`), sorted: one per AWS SDK command
   * in it, lazy modules included. Empty for a trigger without the SDK. Terraform's policy of the
   * function must grant exactly these (a test compares them). See `awsActions()`.
   */
  readonly awsActions: readonly string[];
  /** The ten inputs with the most bytes across all the `.mjs` files, largest first. */
  readonly largestInputs: readonly InputSize[];
}

/** A built trigger found by {@link listBuiltTriggers}. */
export interface BuiltTrigger {
  /** Absolute path of the trigger folder. */
  readonly dir: string;
  readonly manifest: Manifest;
}

const FIELD_TYPES = {
  trigger: 'string',
  functionName: 'string',
  handler: 'string',
  runtime: 'string',
  zip: 'string',
  zipBytes: 'number',
  sourceCodeHash: 'string',
  entryBytes: 'number',
  bundleBytes: 'number',
  bundleGzipBytes: 'number',
  maxBundleBytes: 'number',
} as const;

/**
 * Reads and checks a `dist/manifest.json` written by {@link bundleTrigger}.
 *
 * @throws {BundleError} naming the file when it is unreadable or not a manifest.
 */
export async function readManifest(path: string): Promise<Manifest> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new BundleError(`${path}: cannot read manifest (${String(error)})`, { cause: error });
  }
  if (typeof data !== 'object' || data === null) {
    throw new BundleError(`${path}: not a manifest object`);
  }
  const record = data as Record<string, unknown>;
  // Manifests of an older bundle-trigger lack fields: each failure says to rebuild.
  const wrong = (key: string, expected: string) =>
    new BundleError(`${path}: "${key}" must be ${expected}; rebuild the trigger`);
  for (const [key, type] of Object.entries(FIELD_TYPES)) {
    if (typeof record[key] !== type) throw wrong(key, `a ${type}`);
  }
  const { awsSdk, awsActions, files, maxEntryBytes, largestInputs } = record;
  if (typeof awsSdk !== 'boolean' && awsSdk !== 'lazy')
    throw wrong('awsSdk', 'true, false or "lazy"');
  if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string')) {
    throw wrong('files', 'a list of file names');
  }
  if (awsSdk === 'lazy' ? typeof maxEntryBytes !== 'number' : maxEntryBytes !== undefined) {
    throw wrong('maxEntryBytes', 'a number exactly when "awsSdk" is "lazy"');
  }
  if (!Array.isArray(awsActions) || !awsActions.every((action) => typeof action === 'string')) {
    throw wrong('awsActions', 'a list of IAM actions');
  }
  if (!Array.isArray(largestInputs)) throw wrong('largestInputs', 'an array');
  return data as Manifest;
}

/**
 * The folders whose built functions go into the artifacts folder: the triggers, and the packages
 * that build a function of their own (the attach function of `packages/attach`).
 */
export const FUNCTION_FOLDERS = ['triggers', 'packages'] as const;

/**
 * Every built function under `root`: `triggers/<name>/dist/manifest.json` and
 * `packages/<name>/dist/manifest.json`, sorted by folder name.
 */
export async function listBuiltTriggers(root: string): Promise<BuiltTrigger[]> {
  const built: BuiltTrigger[] = [];
  for (const parent of FUNCTION_FOLDERS) {
    const parentDir = join(root, parent);
    if (!(await exists(parentDir))) continue;
    const folders = (await readdir(parentDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    for (const name of folders) {
      const dir = join(parentDir, name);
      const path = join(dir, 'dist', 'manifest.json');
      if (await exists(path)) built.push({ dir, manifest: await readManifest(path) });
    }
  }
  return built.sort((a, b) => a.manifest.trigger.localeCompare(b.manifest.trigger));
}

/**
 * Checks that the zip a manifest describes is still the one on disk, so Terraform is never
 * handed a `sourceCodeHash` that belongs to another build.
 *
 * @throws {BundleError} naming the zip when it is missing or its hash differs.
 */
export async function verifyZip({ dir, manifest }: BuiltTrigger): Promise<void> {
  const path = join(dir, 'dist', manifest.zip);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new BundleError(`${path}: missing; rebuild ${manifest.trigger}`, { cause: error });
  }
  if (base64Sha256(bytes) !== manifest.sourceCodeHash) {
    throw new BundleError(
      `${path}: does not match dist/manifest.json's sourceCodeHash; rebuild ${manifest.trigger}`,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
