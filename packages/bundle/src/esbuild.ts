import {
  type BuildOptions,
  type BuildResult,
  build,
  type Message,
  type Metafile,
  type Plugin,
} from 'esbuild';
import { BundleError } from './errors.js';

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

/** One build of {@link runEsbuild}: its files in memory and its metafile. */
export type EsbuildResult = BuildResult<{ metafile: true; write: false }>;

/**
 * Builds `entry` of the trigger in `root` into `outfile` (one self-contained file, never code
 * splitting: see `lazyModulePlugin`) with {@link ESBUILD_OPTIONS}, external source maps and a
 * metafile; again with {@link REQUIRE_BANNER} when the first build calls `require()`.
 *
 * @throws {BundleError} listing esbuild's errors with their file, line and column.
 */
export async function runEsbuild(
  root: string,
  entry: string,
  outfile: string,
  plugins: readonly Plugin[],
): Promise<EsbuildResult> {
  const result = await runEsbuildOnce(root, entry, outfile, plugins, undefined);
  return needsRequire(result.metafile)
    ? runEsbuildOnce(root, entry, outfile, plugins, REQUIRE_BANNER)
    : result;
}

async function runEsbuildOnce(
  root: string,
  entry: string,
  outfile: string,
  plugins: readonly Plugin[],
  banner: string | undefined,
): Promise<EsbuildResult> {
  try {
    return await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      ...ESBUILD_OPTIONS,
      sourcemap: 'external',
      metafile: true,
      ...(plugins.length === 0 ? {} : { plugins: [...plugins] }),
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
export function mergeMetafiles(metafiles: readonly Metafile[]): Metafile {
  const merged: Metafile = { inputs: {}, outputs: {} };
  for (const { inputs, outputs } of metafiles) {
    Object.assign(merged.inputs, inputs);
    Object.assign(merged.outputs, outputs);
  }
  return merged;
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
