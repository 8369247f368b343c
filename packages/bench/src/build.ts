import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, type BuildResult, build, type Metafile } from 'esbuild';
import { BenchError } from './errors.js';
import type { SdkCommands } from './triggers.js';

// A copy of the options of packages/bundle/src/bundle.ts, which does not export them. The
// bundle section rebuilds every trigger with this copy and reports whether it still produces
// the bytes in dist/: a drift shows there, not as silently wrong floors.
const BASE: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: 'external',
  metafile: true,
  legalComments: 'none',
  charset: 'utf8',
  external: ['bowser'],
  write: false,
  logLevel: 'silent',
};
const REQUIRE_BANNER =
  "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/** One `.mjs` file written by {@link bundle}. */
export interface BuiltFile {
  /** Absolute path. */
  readonly path: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** A bundle written to disk, measured as packages/bundle measures a trigger. */
export interface Built {
  /** Absolute path of `index.mjs`. */
  readonly entry: string;
  readonly files: readonly BuiltFile[];
  /** `index.mjs` and the chunks it imports statically: what cold start loads. */
  readonly coldFiles: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly entryBytes: number;
  readonly metafile: Metafile;
  /** Absolute path of the chunk built from `src/store.ts`, for a lazy trigger. */
  readonly storeChunk: string | undefined;
}

export interface BundleInput {
  /** esbuild's working directory: the package whose dependencies resolve. */
  readonly workingDir: string;
  /** An entry file relative to `workingDir`, or source text. */
  readonly entry: { readonly file: string } | { readonly contents: string };
  readonly outDir: string;
  /** Code splitting, as packages/bundle does for `awsSdk: 'lazy'`. */
  readonly lazy: boolean;
  /** Departures from the real options, for "what if" builds only. */
  readonly overrides?: BuildOptions;
}

type Result = BuildResult<{ metafile: true; write: false }>;

/**
 * Bundles an entry as packages/bundle would (same options, same `require` banner rule) and
 * writes the `.mjs` files to `outDir`.
 *
 * @example
 * const floor = await bundle({ workingDir, entry: { contents: sdkFloorSource(sdk) }, outDir, lazy: false });
 * @throws {BenchError} naming the entry when esbuild fails.
 */
export async function bundle(input: BundleInput): Promise<Built> {
  let result = await run(input, undefined);
  if (needsRequire(result.metafile)) result = await run(input, REQUIRE_BANNER);
  const { metafile } = result;
  const files: BuiltFile[] = [];
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.mjs')) continue;
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.contents);
    files.push({
      path: file.path,
      bytes: file.contents.byteLength,
      gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength,
    });
  }
  const entry = resolve(input.outDir, 'index.mjs');
  const key = (path: string) => relative(input.workingDir, path).split(sep).join('/');
  const coldKeys = staticClosure(metafile, key(entry));
  const coldFiles = coldKeys.map((path) => resolve(input.workingDir, path));
  const storeKey = Object.entries(metafile.outputs).find(([, output]) =>
    output.entryPoint?.endsWith('src/store.ts'),
  )?.[0];
  return {
    entry,
    files,
    coldFiles,
    bytes: files.reduce((total, file) => total + file.bytes, 0),
    gzipBytes: files.reduce((total, file) => total + file.gzipBytes, 0),
    entryBytes: files
      .filter((file) => coldFiles.includes(file.path))
      .reduce((total, file) => total + file.bytes, 0),
    metafile,
    storeChunk: storeKey === undefined ? undefined : resolve(input.workingDir, storeKey),
  };
}

/**
 * The floor of an SDK trigger: an entry that exports only the clients and commands it sends.
 *
 * @example
 * sdkFloorSource({ dynamodb: ['DynamoDBClient'], cognito: [] })
 * // "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';"
 */
export function sdkFloorSource(sdk: SdkCommands, options: { construct?: boolean } = {}): string {
  const lines = [
    `export { ${sdk.dynamodb.join(', ')} } from '@aws-sdk/client-dynamodb';`,
    ...(sdk.cognito.length > 0
      ? [`export { ${sdk.cognito.join(', ')} } from '@aws-sdk/client-cognito-identity-provider';`]
      : []),
  ];
  if (options.construct) {
    // What a module-scope `new Client({})` adds to a cold start: the naive samples pay it.
    lines.push(
      "import { DynamoDBClient as D } from '@aws-sdk/client-dynamodb';",
      "import { CognitoIdentityProviderClient as C } from '@aws-sdk/client-cognito-identity-provider';",
      'export const clients = [new D({}), new C({})];',
    );
  }
  return lines.join('\n');
}

async function run(input: BundleInput, banner: string | undefined): Promise<Result> {
  const layout: BuildOptions = input.lazy
    ? {
        outdir: input.outDir,
        splitting: true,
        entryNames: 'index',
        chunkNames: 'chunks/[name]-[hash]',
        outExtension: { '.js': '.mjs' },
      }
    : { outfile: resolve(input.outDir, 'index.mjs') };
  const entry: BuildOptions =
    'file' in input.entry
      ? { entryPoints: [input.entry.file] }
      : {
          stdin: {
            contents: input.entry.contents,
            resolveDir: input.workingDir,
            loader: 'js',
            sourcefile: 'index.js',
          },
        };
  try {
    return (await build({
      ...BASE,
      absWorkingDir: input.workingDir,
      ...entry,
      ...layout,
      ...(banner === undefined ? {} : { banner: { js: banner } }),
      ...input.overrides,
    })) as Result;
  } catch (error) {
    const what = 'file' in input.entry ? input.entry.file : 'generated entry';
    throw new BenchError(`esbuild failed for ${what} in ${input.workingDir}: ${String(error)}`, {
      cause: error,
    });
  }
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
 * An output and every output it reaches through static imports (metafile keys).
 *
 * @example
 * staticClosure(meta, 'dist/index.mjs') // ['dist/index.mjs', 'dist/chunks/chunk-AB12.mjs']
 */
export function staticClosure(metafile: Metafile, start: string): string[] {
  const loaded = [start];
  for (let i = 0; i < loaded.length; i++) {
    for (const record of metafile.outputs[loaded[i] ?? '']?.imports ?? []) {
      if (record.kind === 'import-statement' && !record.external && !loaded.includes(record.path)) {
        loaded.push(record.path);
      }
    }
  }
  return loaded;
}
