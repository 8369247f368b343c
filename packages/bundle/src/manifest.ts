import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { BundleError } from './errors.js';
import { base64Sha256 } from './zip.js';

/** How much one source file contributes to the bundle. */
export interface InputSize {
  /** Path relative to the trigger folder, as esbuild's metafile names it. */
  readonly path: string;
  /** Bytes this input occupies in `dist/index.mjs` after minification. */
  readonly bytes: number;
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
  readonly bundleBytes: number;
  readonly bundleGzipBytes: number;
  readonly maxBundleBytes: number;
  readonly awsSdk: boolean;
  /** The ten inputs with the most bytes in the bundle, largest first. */
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
  bundleBytes: 'number',
  bundleGzipBytes: 'number',
  maxBundleBytes: 'number',
  awsSdk: 'boolean',
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
  for (const [key, type] of Object.entries(FIELD_TYPES)) {
    if (typeof record[key] !== type) {
      throw new BundleError(`${path}: "${key}" must be a ${type}; rebuild the trigger`);
    }
  }
  if (!Array.isArray(record.largestInputs)) {
    throw new BundleError(`${path}: "largestInputs" must be an array; rebuild the trigger`);
  }
  return data as Manifest;
}

/**
 * Finds the repository root: the nearest folder at or above `from` holding
 * `pnpm-workspace.yaml`.
 *
 * @throws {BundleError} when there is none.
 */
export async function findWorkspaceRoot(from: string): Promise<string> {
  let dir = resolve(from);
  for (;;) {
    if (await exists(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new BundleError(
        `no pnpm-workspace.yaml at or above ${resolve(from)}; pass --root <repository root>`,
      );
    }
    dir = parent;
  }
}

/** Every `triggers/<name>/dist/manifest.json` under `root`, sorted by folder name. */
export async function listBuiltTriggers(root: string): Promise<BuiltTrigger[]> {
  const triggersDir = join(root, 'triggers');
  const folders = (await exists(triggersDir))
    ? (await readdir(triggersDir, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const built: BuiltTrigger[] = [];
  for (const name of folders) {
    const dir = join(triggersDir, name);
    const path = join(dir, 'dist', 'manifest.json');
    if (await exists(path)) built.push({ dir, manifest: await readManifest(path) });
  }
  return built;
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
