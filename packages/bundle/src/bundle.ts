import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildResult, build, type Message, type Metafile } from 'esbuild';
import { readTriggerConfig, type TriggerConfig } from './config.js';
import { BundleError } from './errors.js';
import type { InputSize, Manifest } from './manifest.js';
import { base64Sha256, writeReproducibleZip } from './zip.js';

const ENTRY = 'src/handler.ts';
const BUNDLE = 'dist/index.mjs';
const HANDLER_EXPORT = 'handler';
/** Lambda settings every trigger shares; Terraform reads them from the manifest. */
export const LAMBDA_HANDLER = `index.${HANDLER_EXPORT}`;
export const LAMBDA_RUNTIME = 'nodejs22.x';

// esbuild turns `require()` of an external module (a Node builtin required from a CommonJS
// dependency) into a stub that throws in ESM. This two-statement banner gives the bundle a real
// `require`; it is added only to bundles that make such calls, so pure triggers stay minimal.
const REQUIRE_BANNER =
  "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

const AWS_SDK_INPUT = /(^|\/)@(aws-sdk|smithy)\//;
const LARGEST_INPUTS = 10;

/**
 * Bundles the trigger in `dir` and writes `dist/index.mjs` (+ `.map`), `dist/meta.json`,
 * `dist/<folder>.zip` and `dist/manifest.json`. Outputs of a previous build are removed first,
 * so a failed build never leaves a stale zip behind for Terraform to deploy.
 *
 * @example
 * const manifest = await bundleTrigger('triggers/pre-signup');
 * console.log(manifest.sourceCodeHash);
 * @throws {BundleError} on invalid `cognitoTrigger` config, compile errors, a missing
 *   `handler` export, an AWS SDK input when `awsSdk` is false, or a bundle over its budget.
 */
export async function bundleTrigger(dir: string): Promise<Manifest> {
  const root = resolve(dir);
  const trigger = basename(root);
  const config = await readTriggerConfig(root);
  const zipName = `${trigger}.zip`;
  const outputs = ['index.mjs', 'index.mjs.map', 'meta.json', zipName, 'manifest.json'];
  await Promise.all(outputs.map((file) => rm(join(root, 'dist', file), { force: true })));

  try {
    await access(join(root, ENTRY));
  } catch (error) {
    throw new BundleError(`${join(root, ENTRY)}: not found; a trigger's entry point`, {
      cause: error,
    });
  }

  let result = await runEsbuild(root, undefined);
  if (needsRequire(result.metafile)) result = await runEsbuild(root, REQUIRE_BANNER);
  const { metafile } = result;
  const bundle = outputFile(result, root, BUNDLE);
  const sourceMap = outputFile(result, root, `${BUNDLE}.map`);

  const exports = metafile.outputs[BUNDLE]?.exports ?? [];
  if (!exports.includes(HANDLER_EXPORT)) {
    throw new BundleError(
      `${join(root, ENTRY)}: must export "${HANDLER_EXPORT}" (Lambda calls ${LAMBDA_HANDLER})`,
    );
  }

  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, BUNDLE), bundle);
  await writeFile(join(root, `${BUNDLE}.map`), sourceMap);
  // Written before the budget checks on purpose: it is what you read to see why one failed.
  await writeFile(join(root, 'dist/meta.json'), `${JSON.stringify(metafile, null, 2)}\n`);

  const largestInputs = rankInputs(metafile);
  checkAwsSdk(trigger, config, metafile);
  checkBudget(trigger, config, bundle.byteLength, largestInputs);

  const zip = await writeReproducibleZip(
    [{ name: 'index.mjs', data: bundle }],
    join(root, 'dist', zipName),
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
    bundleBytes: bundle.byteLength,
    bundleGzipBytes: gzipSync(bundle, { level: 9 }).byteLength,
    maxBundleBytes: config.maxBundleBytes,
    awsSdk: config.awsSdk,
    largestInputs,
  };
  await writeFile(join(root, 'dist/manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

type EsbuildResult = BuildResult<{ metafile: true; write: false }>;

async function runEsbuild(root: string, banner: string | undefined): Promise<EsbuildResult> {
  try {
    return await build({
      absWorkingDir: root,
      entryPoints: [ENTRY],
      outfile: BUNDLE,
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
  const imports = metafile.outputs[BUNDLE]?.imports ?? [];
  return imports.some(
    (record) =>
      record.external === true &&
      (record.kind === 'require-call' || record.kind === 'require-resolve'),
  );
}

function outputFile(result: EsbuildResult, root: string, path: string): Uint8Array {
  const file = result.outputFiles.find((output) => output.path === join(root, path));
  if (file === undefined) throw new Error(`esbuild produced no ${path}`);
  return file.contents;
}

function rankInputs(metafile: Metafile): InputSize[] {
  const inputs = metafile.outputs[BUNDLE]?.inputs ?? {};
  return Object.entries(inputs)
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1))
    .slice(0, LARGEST_INPUTS);
}

function checkAwsSdk(trigger: string, config: TriggerConfig, metafile: Metafile): void {
  if (config.awsSdk) return;
  const sdkInputs = Object.keys(metafile.inputs)
    .filter((path) => AWS_SDK_INPUT.test(path))
    .sort();
  if (sdkInputs.length === 0) return;
  // Name the trigger's own files that pull the SDK in: that is where the fix goes.
  const importers = Object.entries(metafile.inputs)
    .filter(([path, input]) => !AWS_SDK_INPUT.test(path) && input.imports.some(isSdkImport))
    .map(([path]) => path)
    .sort();
  const shown = sdkInputs.slice(0, 10).map((path) => `  ${path}`);
  if (sdkInputs.length > shown.length)
    shown.push(`  ... and ${sdkInputs.length - shown.length} more`);
  throw new BundleError(
    [
      `${trigger}: the bundle contains the AWS SDK, but package.json "cognitoTrigger.awsSdk" is false.`,
      `Imported from: ${importers.join(', ') || '(unknown)'}`,
      'Offending inputs:',
      ...shown,
    ].join('\n'),
  );
}

function isSdkImport(record: { path: string }): boolean {
  return AWS_SDK_INPUT.test(record.path);
}

function checkBudget(
  trigger: string,
  config: TriggerConfig,
  bytes: number,
  largestInputs: readonly InputSize[],
): void {
  if (bytes <= config.maxBundleBytes) return;
  const top = largestInputs.slice(0, 5).map((input) => `  ${input.bytes} B  ${input.path}`);
  throw new BundleError(
    [
      `${trigger}: ${BUNDLE} is ${bytes} bytes, over its budget of ${config.maxBundleBytes} bytes`,
      `(package.json "cognitoTrigger.maxBundleBytes"). Largest inputs (all in dist/meta.json):`,
      ...top,
    ].join('\n'),
  );
}
