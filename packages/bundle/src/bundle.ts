import { access, mkdir, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  type BuildOptions,
  type BuildResult,
  build,
  type Message,
  type Metafile,
  type Plugin,
} from 'esbuild';
import { awsActions } from './aws-actions.js';
import { type LazyTriggerConfig, readTriggerConfig, type TriggerConfig } from './config.js';
import { BundleError } from './errors.js';
import type { InputSize, Manifest } from './manifest.js';
import { base64Sha256, writeReproducibleZip, type ZipEntry } from './zip.js';

const ENTRY = 'src/handler.ts';
const SRC_DIR = 'src';
const OUT_DIR = 'dist';
const BUNDLE = `${OUT_DIR}/index.mjs`;
const HANDLER_EXPORT = 'handler';
/** Lambda settings every trigger shares; Terraform reads them from the manifest. */
export const LAMBDA_HANDLER = `index.${HANDLER_EXPORT}`;
export const LAMBDA_RUNTIME = 'nodejs22.x';

// esbuild turns `require()` of an external module (a Node builtin required from a CommonJS
// dependency) into a stub that throws in ESM. This two-statement banner gives the bundle a real
// `require`; it is added only to bundles that make such calls, so pure triggers stay minimal.
// A lazy trigger's entry and lazy modules are separate builds: each gets it only if it needs it.
export const REQUIRE_BANNER =
  "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/**
 * The esbuild options of every trigger bundle (and of the floors they are measured against):
 * ESM for Node 22, minified, UTF-8. Per build, the bundler adds the entry, the output file,
 * external source maps, the metafile, and the `createRequire` banner when a file needs it.
 */
export const ESBUILD_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // Without 'module' first, AWS SDK v3 resolves to its CJS build and fails in ESM with
  // `Dynamic require of "node:https"`.
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  // Accented catalog text stays one or two bytes, not a six-byte \xNN escape.
  charset: 'utf8',
  // The SDK's browser user-agent parser loads bowser with a dynamic import() that Node
  // never reaches. Tree shaking drops it from a single file, and keeping it external
  // makes sure no build ever ships its 35 KB.
  external: ['bowser'],
  write: false,
  logLevel: 'silent',
} as const satisfies BuildOptions;

const AWS_SDK_INPUT = /(^|\/)@(aws-sdk|smithy)\//;
const LARGEST_INPUTS = 10;

/** One `.mjs` file of the build: metafile path (`dist/...`), zip entry name and bytes. */
interface CodeFile extends ZipEntry {
  readonly output: string;
}

/**
 * The trigger's own modules that a lazy build loads with `import()`: source path relative to the
 * trigger (`src/store.ts`) to the file it is built into (`store.mjs`, beside `index.mjs`).
 */
type LazyModules = Map<string, string>;

/**
 * Bundles the trigger in `dir` and writes `dist/index.mjs` (+ `.map`), `dist/meta.json`,
 * `dist/<folder>.zip` and `dist/manifest.json` (with the IAM actions the bundle can send); a trigger with `awsSdk: 'lazy'` also gets one
 * self-contained `dist/<name>.mjs` (+ `.map`) per module of its own that it loads with
 * `await import()`. Outputs of a previous build are removed first, so a failed build never
 * leaves a stale zip behind for Terraform to deploy.
 *
 * @example
 * const manifest = await bundleTrigger('triggers/pre-signup');
 * console.log(manifest.sourceCodeHash);
 * @throws {BundleError} on invalid `cognitoTrigger` config, compile errors, a missing
 *   `handler` export, an AWS SDK input when `awsSdk` is false (or in `dist/index.mjs` when it
 *   is `'lazy'`), a lazy build without a lazy module, or code over its budgets.
 */
export async function bundleTrigger(dir: string): Promise<Manifest> {
  const root = resolve(dir);
  const trigger = basename(root);
  const config = await readTriggerConfig(root);
  const zipName = `${trigger}.zip`;
  await removeOutputs(root, zipName);

  try {
    await access(join(root, ENTRY));
  } catch (error) {
    throw new BundleError(`${join(root, ENTRY)}: not found; a trigger's entry point`, {
      cause: error,
    });
  }

  const lazy = config.awsSdk === 'lazy';
  const lazyModules: LazyModules = new Map();
  const plugins = lazy ? [lazyModulePlugin(await realpath(root), lazyModules)] : [];
  const results = [await runEsbuild(root, ENTRY, BUNDLE, plugins)];
  const exports = results[0]?.metafile.outputs[BUNDLE]?.exports ?? [];
  if (!exports.includes(HANDLER_EXPORT)) {
    throw new BundleError(
      `${join(root, ENTRY)}: must export "${HANDLER_EXPORT}" (Lambda calls ${LAMBDA_HANDLER})`,
    );
  }
  // A lazy module may find more of them (its own `await import()`s): build until none is new,
  // in name order so that meta.json does not depend on esbuild's resolution order.
  const built = new Set<string>();
  for (;;) {
    const next = [...lazyModules].filter(([source]) => !built.has(source)).sort(byName)[0];
    if (next === undefined) break;
    const [source, name] = next;
    built.add(source);
    results.push(await runEsbuild(root, source, `${OUT_DIR}/${name}`, plugins));
  }
  const metafile = mergeMetafiles(results.map((result) => result.metafile));

  const code: CodeFile[] = [];
  for (const file of results.flatMap((result) => result.outputFiles)) {
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

  const entryBytes = sumBytes(code.filter((file) => file.output === BUNDLE));
  const bundleBytes = sumBytes(code);
  const largestInputs = rankInputs(metafile, code);
  if (config.awsSdk === 'lazy') {
    checkLazyAwsSdk(trigger, metafile);
    checkLazyModules(trigger, metafile, lazyModules);
    checkEntryBudget(trigger, config, entryBytes, rankInputs(metafile, code, [BUNDLE]));
  } else {
    checkAwsSdk(trigger, config, metafile);
  }
  checkBudget(trigger, config, code, bundleBytes, largestInputs);

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
    awsActions: awsActions(metafile),
    largestInputs,
  };
  await writeFile(join(root, OUT_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Deletes what a previous build wrote: every `.mjs` (+ map) of dist/ and the other outputs. */
async function removeOutputs(root: string, zipName: string): Promise<void> {
  const dist = join(root, OUT_DIR);
  let names: string[];
  try {
    names = await readdir(dist);
  } catch {
    return;
  }
  // `chunks` is the folder of earlier, code-splitting lazy builds.
  const ours = new Set(['meta.json', zipName, 'manifest.json', 'chunks']);
  const stale = names.filter(
    (name) => ours.has(name) || name.endsWith('.mjs') || name.endsWith('.mjs.map'),
  );
  await Promise.all(stale.map((name) => rm(join(dist, name), { force: true, recursive: true })));
}

function byName(a: readonly [string, string], b: readonly [string, string]): number {
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

type EsbuildResult = BuildResult<{ metafile: true; write: false }>;

// Never used with a value: marks the plugin's own `build.resolve()` calls so it skips them.
const RESOLVING = Symbol('lazy-module-resolving');

/**
 * Leaves every `import()` of one of the trigger's own modules (a relative path resolving inside
 * `src/`) external, rewritten to `./<name>.mjs`, and records it in `found` to be built on its
 * own. Code splitting would do the same with one file less per module, but it moves code both
 * sides use into a shared chunk the entry imports statically, and loading that second file
 * costs cold start about 2 ms. `import()` of a package (the SDK's `bowser`) or inside one is
 * left to esbuild.
 */
function lazyModulePlugin(root: string, found: LazyModules): Plugin {
  const src = join(root, SRC_DIR) + sep;
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === RESOLVING) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: RESOLVING,
        });
        // A failed resolution is left to esbuild, which reports it with the importer's line.
        if (resolved.errors.length > 0 || !resolved.path.startsWith(src)) return undefined;
        const source = relative(root, resolved.path).split(sep).join('/');
        const name = `${basename(resolved.path, extname(resolved.path))}.mjs`;
        const clash = [...found].find(([other, taken]) => taken === name && other !== source);
        if (name === 'index.mjs' || clash !== undefined) {
          const reason = clash ? `${clash[0]} is built there already` : 'that is the entry';
          return {
            errors: [
              {
                text: `${source} would be built into ${OUT_DIR}/${name} but ${reason}: rename the module`,
              },
            ],
          };
        }
        found.set(source, name);
        return { path: `./${name}`, external: true };
      });
    },
  };
}

async function runEsbuild(
  root: string,
  entry: string,
  outfile: string,
  plugins: Plugin[],
): Promise<EsbuildResult> {
  let result = await runEsbuildOnce(root, entry, outfile, plugins, undefined);
  if (needsRequire(result.metafile)) {
    result = await runEsbuildOnce(root, entry, outfile, plugins, REQUIRE_BANNER);
  }
  return result;
}

async function runEsbuildOnce(
  root: string,
  entry: string,
  outfile: string,
  plugins: Plugin[],
  banner: string | undefined,
): Promise<EsbuildResult> {
  try {
    return await build({
      absWorkingDir: root,
      entryPoints: [entry],
      // One self-contained file per build, never code splitting: see lazyModulePlugin.
      outfile,
      ...ESBUILD_OPTIONS,
      sourcemap: 'external',
      metafile: true,
      ...(plugins.length === 0 ? {} : { plugins }),
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

/**
 * One metafile for all the builds of a trigger, as esbuild's analyser and the benchmark read
 * it: the outputs of each build (distinct files) and the union of their inputs (a source file
 * two builds bundle is described the same way by both).
 */
function mergeMetafiles(metafiles: readonly Metafile[]): Metafile {
  const merged: Metafile = { inputs: {}, outputs: {} };
  for (const { inputs, outputs } of metafiles) {
    Object.assign(merged.inputs, inputs);
    Object.assign(merged.outputs, outputs);
  }
  return merged;
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

/** With `awsSdk: 'lazy'`, the SDK may only be in lazy modules, never in `dist/index.mjs`. */
function checkLazyAwsSdk(trigger: string, metafile: Metafile): void {
  const inEntry = Object.keys(metafile.outputs[BUNDLE]?.inputs ?? {});
  const sdkInputs = inEntry.filter((path) => AWS_SDK_INPUT.test(path));
  if (sdkInputs.length === 0) return;
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
      `${trigger}: ${BUNDLE} holds the AWS SDK, loaded at cold start, but package.json "cognitoTrigger.awsSdk" is "lazy".`,
      'Load the module that uses the SDK with `await import()` on the path that needs it.',
      ...describeSdk(importers, sdkInputs),
    ].join('\n'),
  );
}

/**
 * A lazy build needs a lazy module, and each must be loaded only by `import()`: one also imported
 * statically would be in `dist/index.mjs` as well, a second copy with its own state.
 */
function checkLazyModules(trigger: string, metafile: Metafile, lazyModules: LazyModules): void {
  if (lazyModules.size === 0) {
    throw new BundleError(
      `${trigger}: awsSdk is lazy but ${ENTRY} has no await import() of a module of its own ` +
        "(e.g. `await import('./store.js')`); load the code that uses the SDK that way, or set " +
        'package.json "cognitoTrigger.awsSdk" to true or false',
    );
  }
  const inEntry = metafile.outputs[BUNDLE]?.inputs ?? {};
  for (const [source, name] of [...lazyModules].sort(byName)) {
    if (!(source in inEntry)) continue;
    const importers = Object.keys(inEntry).filter((path) =>
      (metafile.inputs[path]?.imports ?? []).some(
        (record) => record.path === source && record.kind !== 'dynamic-import',
      ),
    );
    throw new BundleError(
      `${trigger}: ${source} is loaded with await import() (built into ${OUT_DIR}/${name}) but also ` +
        `imported statically from ${importers.sort().join(', ') || '(unknown)'}, so ${BUNDLE} holds a ` +
        'second copy of it; import it only with await import()',
    );
  }
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
  bytes: number,
  largestInputs: readonly InputSize[],
): void {
  if (bytes <= config.maxEntryBytes) return;
  throw new BundleError(
    [
      `${trigger}: ${BUNDLE} (loaded at cold start) is ${bytes} bytes, over the entry budget of ${config.maxEntryBytes} bytes`,
      `(package.json "cognitoTrigger.maxEntryBytes"). Largest inputs (all in dist/meta.json):`,
      ...describeInputs(largestInputs),
    ].join('\n'),
  );
}

function checkBudget(
  trigger: string,
  config: TriggerConfig,
  code: readonly CodeFile[],
  bytes: number,
  largestInputs: readonly InputSize[],
): void {
  if (bytes <= config.maxBundleBytes) return;
  const what =
    code.length > 1
      ? `${code.map((file) => file.output).join(' + ')} are ${bytes} bytes in total`
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

/**
 * The size in bytes of a bundle of `source` alone (say, the SDK clients and commands a trigger
 * calls), built with {@link ESBUILD_OPTIONS} from `resolveDir`: the floor a trigger's bundle is
 * measured against.
 *
 * @example
 * const floor = await floorBytes(
 *   "export { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';",
 *   triggerDir,
 * );
 */
export async function floorBytes(source: string, resolveDir: string): Promise<number> {
  const result = await build({
    ...ESBUILD_OPTIONS,
    stdin: { contents: source, resolveDir, loader: 'js' },
  });
  return result.outputFiles.reduce((total, file) => total + file.contents.byteLength, 0);
}
