import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ESBUILD_OPTIONS, REQUIRE_BANNER } from '@cognito-triggers/bundle';
import { type BuildOptions, type BuildResult, build, type Metafile, type Plugin } from 'esbuild';
import { BenchError } from './errors.js';
import type { SdkCommands } from './triggers.js';

// The options of every trigger bundle, from packages/bundle itself. The bundle section still
// rebuilds every trigger and reports whether that produces the bytes in dist/: a stale dist/
// shows there, not as silently wrong floors.
const BASE: BuildOptions = { ...ESBUILD_OPTIONS, sourcemap: 'external', metafile: true };

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
  /** What cold start loads: `index.mjs` alone (a lazy build's modules are loaded by `import()`). */
  readonly coldFiles: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly entryBytes: number;
  readonly metafile: Metafile;
  /** Absolute path of the lazy module built from `src/store.ts` (`store.mjs`), for a lazy trigger. */
  readonly storeChunk: string | undefined;
}

export interface BundleInput {
  /** esbuild's working directory: the package whose dependencies resolve. */
  readonly workingDir: string;
  /** An entry file relative to `workingDir`, or source text. */
  readonly entry: { readonly file: string } | { readonly contents: string };
  readonly outDir: string;
  /**
   * As packages/bundle does for `awsSdk: 'lazy'`: each `import()` of a module of a trigger's
   * `src/` is left external and built into its own self-contained `<name>.mjs` beside `index.mjs`.
   */
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
  const lazyModules = new Map<string, string>();
  const plugins = input.lazy ? [lazyModulePlugin(input.workingDir, lazyModules)] : [];
  const results = [await runWithBanner(input, input.entry, 'index.mjs', plugins)];
  // Nested lazy modules are found while building; in name order, as packages/bundle does.
  const built = new Set<string>();
  for (;;) {
    const next = [...lazyModules]
      .filter(([source]) => !built.has(source))
      .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))[0];
    if (next === undefined) break;
    built.add(next[0]);
    results.push(await runWithBanner(input, { file: next[0] }, next[1], plugins));
  }
  const metafile: Metafile = { inputs: {}, outputs: {} };
  for (const result of results) {
    Object.assign(metafile.inputs, result.metafile.inputs);
    Object.assign(metafile.outputs, result.metafile.outputs);
  }
  const files: BuiltFile[] = [];
  for (const file of results.flatMap((result) => result.outputFiles)) {
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
    // What a module-scope `new Client({})` adds to a cold start: the naive samples pay it. Only
    // the clients the trigger sends with (pre authentication has no Cognito client).
    const cognito = sdk.cognito.length > 0;
    lines.push(
      "import { DynamoDBClient as D } from '@aws-sdk/client-dynamodb';",
      ...(cognito
        ? [
            "import { CognitoIdentityProviderClient as C } from '@aws-sdk/client-cognito-identity-provider';",
          ]
        : []),
      `export const clients = [new D({})${cognito ? ', new C({})' : ''}];`,
    );
  }
  return lines.join('\n');
}

/**
 * A copy of packages/bundle's lazy-module plugin: an `import()` of a relative path resolving in a
 * trigger's `src/` (the trigger rebuilt, or the Powertools variant that imports its handler) is
 * left external as `./<name>.mjs` and recorded in `found` (source relative to `workingDir`).
 */
function lazyModulePlugin(workingDir: string, found: Map<string, string>): Plugin {
  const skip = Symbol('resolving');
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === skip) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: skip,
        });
        if (resolved.errors.length > 0 || !TRIGGER_SOURCE.test(resolved.path)) return undefined;
        const source = relative(workingDir, resolved.path).split(sep).join('/');
        const name = `${basename(resolved.path, extname(resolved.path))}.mjs`;
        if ([...found].some(([other, taken]) => taken === name && other !== source)) {
          return { errors: [{ text: `two lazy modules would be ${name}` }] };
        }
        found.set(source, name);
        return { path: `./${name}`, external: true };
      });
    },
  };
}

const TRIGGER_SOURCE = /[\\/]triggers[\\/][^\\/]+[\\/]src[\\/]/;

async function runWithBanner(
  input: BundleInput,
  entry: BundleInput['entry'],
  outName: string,
  plugins: Plugin[],
): Promise<Result> {
  const result = await run(input, entry, outName, plugins, undefined);
  if (!needsRequire(result.metafile)) return result;
  return run(input, entry, outName, plugins, REQUIRE_BANNER);
}

async function run(
  input: BundleInput,
  entryInput: BundleInput['entry'],
  outName: string,
  plugins: Plugin[],
  banner: string | undefined,
): Promise<Result> {
  // One self-contained file per build, never code splitting, as packages/bundle builds.
  const layout: BuildOptions = { outfile: resolve(input.outDir, outName) };
  const entry: BuildOptions =
    'file' in entryInput
      ? { entryPoints: [entryInput.file] }
      : {
          stdin: {
            contents: entryInput.contents,
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
      ...(plugins.length === 0 ? {} : { plugins }),
      ...(banner === undefined ? {} : { banner: { js: banner } }),
      ...input.overrides,
    })) as Result;
  } catch (error) {
    const what = 'file' in entryInput ? entryInput.file : 'generated entry';
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
 * staticClosure(meta, 'dist/index.mjs') // ['dist/index.mjs']: lazy modules load by import()
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
