import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, type BuildResult, build, type Message, type Metafile } from 'esbuild';
import { type LazyTriggerConfig, readTriggerConfig, type TriggerConfig } from './config.js';
import { BundleError } from './errors.js';
import type { InputSize, Manifest } from './manifest.js';
import { base64Sha256, writeReproducibleZip, type ZipEntry } from './zip.js';

const ENTRY = 'src/handler.ts';
const OUT_DIR = 'dist';
const BUNDLE = `${OUT_DIR}/index.mjs`;
const CHUNKS = `${OUT_DIR}/chunks`;
const HANDLER_EXPORT = 'handler';
/** Lambda settings every trigger shares; Terraform reads them from the manifest. */
export const LAMBDA_HANDLER = `index.${HANDLER_EXPORT}`;
export const LAMBDA_RUNTIME = 'nodejs22.x';

// esbuild turns `require()` of an external module (a Node builtin required from a CommonJS
// dependency) into a stub that throws in ESM. This two-statement banner gives the bundle a real
// `require`; it is added only to bundles that make such calls, so pure triggers stay minimal.
// esbuild puts a banner on every output file, so a lazy trigger that needs it gets it in each.
const REQUIRE_BANNER =
  "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

const AWS_SDK_INPUT = /(^|\/)@(aws-sdk|smithy)\//;
const LARGEST_INPUTS = 10;

/** One `.mjs` file of the build: metafile path (`dist/...`), zip entry name and bytes. */
interface CodeFile extends ZipEntry {
  readonly output: string;
}

/**
 * Bundles the trigger in `dir` and writes `dist/index.mjs` (+ `.map`), `dist/meta.json`,
 * `dist/<folder>.zip` and `dist/manifest.json`; a trigger with `awsSdk: 'lazy'` also gets
 * `dist/chunks/*.mjs` (+ `.map`s), loaded by `await import()`. Outputs of a previous build are
 * removed first, so a failed build never leaves a stale zip behind for Terraform to deploy.
 *
 * @example
 * const manifest = await bundleTrigger('triggers/pre-signup');
 * console.log(manifest.sourceCodeHash);
 * @throws {BundleError} on invalid `cognitoTrigger` config, compile errors, a missing
 *   `handler` export, an AWS SDK input when `awsSdk` is false (or loaded at cold start when it
 *   is `'lazy'`), or code over its budgets.
 */
export async function bundleTrigger(dir: string): Promise<Manifest> {
  const root = resolve(dir);
  const trigger = basename(root);
  const config = await readTriggerConfig(root);
  const zipName = `${trigger}.zip`;
  const outputs = ['index.mjs', 'index.mjs.map', 'meta.json', zipName, 'manifest.json', 'chunks'];
  await Promise.all(
    outputs.map((file) => rm(join(root, OUT_DIR, file), { force: true, recursive: true })),
  );

  try {
    await access(join(root, ENTRY));
  } catch (error) {
    throw new BundleError(`${join(root, ENTRY)}: not found; a trigger's entry point`, {
      cause: error,
    });
  }

  const lazy = config.awsSdk === 'lazy';
  let result = await runEsbuild(root, lazy, undefined);
  if (needsRequire(result.metafile)) result = await runEsbuild(root, lazy, REQUIRE_BANNER);
  const { metafile } = result;

  const exports = metafile.outputs[BUNDLE]?.exports ?? [];
  if (!exports.includes(HANDLER_EXPORT)) {
    throw new BundleError(
      `${join(root, ENTRY)}: must export "${HANDLER_EXPORT}" (Lambda calls ${LAMBDA_HANDLER})`,
    );
  }

  const code: CodeFile[] = [];
  for (const file of result.outputFiles) {
    const output = relative(root, file.path).split(sep).join('/');
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.contents);
    if (output.endsWith('.mjs')) {
      code.push({ output, name: output.slice(OUT_DIR.length + 1), data: file.contents });
    }
  }
  code.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Written before the budget checks on purpose: it is what you read to see why one failed.
  await writeFile(join(root, OUT_DIR, 'meta.json'), `${JSON.stringify(metafile, null, 2)}\n`);

  const entry = lazy ? staticallyLoaded(metafile) : [BUNDLE];
  const entryBytes = sumBytes(code.filter((file) => entry.includes(file.output)));
  const bundleBytes = sumBytes(code);
  const largestInputs = rankInputs(metafile, code);
  if (config.awsSdk === 'lazy') {
    checkLazyAwsSdk(trigger, metafile, entry);
    checkEntryBudget(trigger, config, entry, entryBytes, rankInputs(metafile, code, entry));
  } else {
    checkAwsSdk(trigger, config, metafile);
  }
  checkBudget(trigger, config, bundleBytes, largestInputs);

  const zip = await writeReproducibleZip(
    code.map(({ name, data }) => ({ name, data })),
    join(root, OUT_DIR, zipName),
  );
  // Key order is the file's order: keep it stable so the manifest diffs cleanly.
  const manifest: Manifest = {
    trigger,
    functionName: config.functionName,
    handler: LAMBDA_HANDLER,
    runtime: LAMBDA_RUNTIME,
    zip: zipName,
    zipBytes: zip.byteLength,
    sourceCodeHash: base64Sha256(zip),
    files: code.map((file) => file.name),
    entryBytes,
    ...(config.awsSdk === 'lazy' ? { maxEntryBytes: config.maxEntryBytes } : {}),
    bundleBytes,
    bundleGzipBytes: code.reduce(
      (total, file) => total + gzipSync(file.data, { level: 9 }).byteLength,
      0,
    ),
    maxBundleBytes: config.maxBundleBytes,
    awsSdk: config.awsSdk,
    largestInputs,
  };
  await writeFile(join(root, OUT_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

type EsbuildResult = BuildResult<{ metafile: true; write: false }>;

// One file, the SDK (if allowed) included: a dynamic import() is inlined into it.
const SINGLE_FILE: BuildOptions = { outfile: BUNDLE };
// Code splitting: each `await import()` target becomes a chunk, loaded only when called; code
// shared with the entry goes into chunks the entry imports statically.
const SPLIT: BuildOptions = {
  outdir: OUT_DIR,
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
};

async function runEsbuild(
  root: string,
  lazy: boolean,
  banner: string | undefined,
): Promise<EsbuildResult> {
  try {
    return await build({
      absWorkingDir: root,
      entryPoints: [ENTRY],
      ...(lazy ? SPLIT : SINGLE_FILE),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      // Without 'module' first, AWS SDK v3 resolves to its CJS build and fails in ESM with
      // `Dynamic require of "node:https"`.
      mainFields: ['module', 'main'],
      minify: true,
      sourcemap: 'external',
      metafile: true,
      legalComments: 'none',
      // Accented catalog text stays one or two bytes, not a six-byte \xNN escape.
      charset: 'utf8',
      // The SDK's browser user-agent parser loads bowser with a dynamic import() that Node
      // never reaches. Tree shaking drops it from a single file, but with splitting every
      // import() becomes a chunk: 35 KB shipped and never loaded. Left external instead.
      external: ['bowser'],
      write: false,
      logLevel: 'silent',
      ...(banner === undefined ? {} : { banner: { js: banner } }),
    });
  } catch (error) {
    throw new BundleError(`esbuild failed for ${root}:\n${describeFailure(error)}`, {
      cause: error,
    });
  }
}

function describeFailure(error: unknown): string {
  const messages: Message[] | undefined =
    typeof error === 'object' && error !== null && 'errors' in error
      ? (error.errors as Message[])
      : undefined;
  if (messages === undefined || messages.length === 0) return String(error);
  return messages
    .map(({ location, text }) =>
      location ? `  ${location.file}:${location.line}:${location.column}: ${text}` : `  ${text}`,
    )
    .join('\n');
}

function needsRequire(metafile: Metafile): boolean {
  return Object.values(metafile.outputs).some(({ imports }) =>
    imports.some(
      (record) =>
        record.external === true &&
        (record.kind === 'require-call' || record.kind === 'require-resolve'),
    ),
  );
}

/** `dist/index.mjs` and every chunk it reaches through static imports: what cold start loads. */
function staticallyLoaded(metafile: Metafile): string[] {
  const loaded = [BUNDLE];
  for (let i = 0; i < loaded.length; i++) {
    for (const record of metafile.outputs[loaded[i] ?? '']?.imports ?? []) {
      if (record.kind === 'import-statement' && !record.external && !loaded.includes(record.path)) {
        loaded.push(record.path);
      }
    }
  }
  return [BUNDLE, ...loaded.slice(1).sort()];
}

function sumBytes(files: readonly CodeFile[]): number {
  return files.reduce((total, file) => total + file.data.byteLength, 0);
}

/** The largest inputs of the given outputs (by default every `.mjs` file of the build). */
function rankInputs(
  metafile: Metafile,
  code: readonly CodeFile[],
  outputs: readonly string[] = code.map((file) => file.output),
): InputSize[] {
  return code
    .filter((file) => outputs.includes(file.output))
    .flatMap(({ output, name }) =>
      Object.entries(metafile.outputs[output]?.inputs ?? {}).map(([path, { bytesInOutput }]) => ({
        path,
        bytes: bytesInOutput,
        file: name,
      })),
    )
    .filter((input) => input.bytes > 0)
    .sort(
      (a, b) =>
        b.bytes - a.bytes ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : a.file < b.file ? -1 : 1),
    )
    .slice(0, LARGEST_INPUTS);
}

function checkAwsSdk(trigger: string, config: TriggerConfig, metafile: Metafile): void {
  if (config.awsSdk) return;
  const sdkInputs = Object.keys(metafile.inputs).filter((path) => AWS_SDK_INPUT.test(path));
  if (sdkInputs.length === 0) return;
  // Name the trigger's own files that pull the SDK in: that is where the fix goes.
  const importers = Object.entries(metafile.inputs)
    .filter(([path, input]) => !AWS_SDK_INPUT.test(path) && input.imports.some(isSdkImport))
    .map(([path]) => path);
  throw new BundleError(
    [
      `${trigger}: the bundle contains the AWS SDK, but package.json "cognitoTrigger.awsSdk" is false.`,
      ...describeSdk(importers, sdkInputs),
    ].join('\n'),
  );
}

/** With `awsSdk: 'lazy'`, the SDK may only be in chunks that cold start does not load. */
function checkLazyAwsSdk(trigger: string, metafile: Metafile, entry: readonly string[]): void {
  const holding = entry.filter((output) =>
    Object.keys(metafile.outputs[output]?.inputs ?? {}).some((path) => AWS_SDK_INPUT.test(path)),
  );
  if (holding.length === 0) return;
  const inEntry = holding.flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {}));
  const sdkInputs = inEntry.filter((path) => AWS_SDK_INPUT.test(path));
  // Only a static import drags the SDK into the entry; an `await import()` of it is the fix.
  const importers = inEntry.filter(
    (path) =>
      !AWS_SDK_INPUT.test(path) &&
      (metafile.inputs[path]?.imports ?? []).some(
        (record) => record.kind !== 'dynamic-import' && isSdkImport(record),
      ),
  );
  throw new BundleError(
    [
      `${trigger}: ${holding.join(', ')} ${holding.length === 1 ? 'holds' : 'hold'} the AWS SDK, loaded at cold start, but package.json "cognitoTrigger.awsSdk" is "lazy".`,
      'Load the module that uses the SDK with `await import()` on the path that needs it.',
      ...describeSdk(importers, sdkInputs),
    ].join('\n'),
  );
}

function describeSdk(importers: readonly string[], sdkInputs: readonly string[]): string[] {
  const sorted = [...sdkInputs].sort();
  const shown = sorted.slice(0, 10).map((path) => `  ${path}`);
  if (sorted.length > shown.length) shown.push(`  ... and ${sorted.length - shown.length} more`);
  return [
    `Imported from: ${[...importers].sort().join(', ') || '(unknown)'}`,
    'Offending inputs:',
    ...shown,
  ];
}

function isSdkImport(record: { path: string }): boolean {
  return AWS_SDK_INPUT.test(record.path);
}

function checkEntryBudget(
  trigger: string,
  config: LazyTriggerConfig,
  entry: readonly string[],
  bytes: number,
  largestInputs: readonly InputSize[],
): void {
  if (bytes <= config.maxEntryBytes) return;
  const what = entry.length === 1 ? BUNDLE : `${entry.join(' + ')} (loaded at cold start)`;
  throw new BundleError(
    [
      `${trigger}: ${what} ${entry.length === 1 ? 'is' : 'are'} ${bytes} bytes, over the entry budget of ${config.maxEntryBytes} bytes`,
      `(package.json "cognitoTrigger.maxEntryBytes"). Largest inputs (all in dist/meta.json):`,
      ...describeInputs(largestInputs),
    ].join('\n'),
  );
}

function checkBudget(
  trigger: string,
  config: TriggerConfig,
  bytes: number,
  largestInputs: readonly InputSize[],
): void {
  if (bytes <= config.maxBundleBytes) return;
  const what =
    config.awsSdk === 'lazy'
      ? `${BUNDLE} and ${CHUNKS}/*.mjs are ${bytes} bytes in total`
      : `${BUNDLE} is ${bytes} bytes`;
  throw new BundleError(
    [
      `${trigger}: ${what}, over its budget of ${config.maxBundleBytes} bytes`,
      `(package.json "cognitoTrigger.maxBundleBytes"). Largest inputs (all in dist/meta.json):`,
      ...describeInputs(largestInputs),
    ].join('\n'),
  );
}

function describeInputs(inputs: readonly InputSize[]): string[] {
  return inputs
    .slice(0, 5)
    .map((input) =>
      input.file === 'index.mjs'
        ? `  ${input.bytes} B  ${input.path}`
        : `  ${input.bytes} B  ${input.path}  (in ${input.file})`,
    );
}
