import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ESBUILD_OPTIONS, REQUIRE_BANNER } from '@cognito-triggers/bundle';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { BENCH_DIR } from './deployment.js';
import { BenchError } from './errors.js';

/** A bundle the benchmark built: one `.mjs` file. */
export interface Built {
  readonly file: string;
  readonly bytes: number;
}

/**
 * Bundles `entry` exactly as `bundle-trigger` bundles a trigger (its esbuild options, and its
 * `require` banner when a dependency needs one) into `<outDir>/<entry's name>.mjs`.
 *
 * @example
 * const peer = await bundleEntry(trigger.peer, join(workDir, 'peers'));
 * @throws {BenchError} naming the entry when esbuild fails.
 */
export async function bundleEntry(entry: string, outDir: string): Promise<Built> {
  const file = join(outDir, `${basename(entry, '.ts')}.mjs`);
  const options: BuildOptions = {
    ...ESBUILD_OPTIONS,
    absWorkingDir: BENCH_DIR,
    entryPoints: [entry],
    outfile: file,
    metafile: true,
  };
  try {
    let result = await build(options);
    if (needsRequire(result.metafile ?? { inputs: {}, outputs: {} })) {
      result = await build({ ...options, banner: { js: REQUIRE_BANNER } });
    }
    const code = result.outputFiles?.find((output) => output.path.endsWith('.mjs'));
    if (code === undefined) throw new Error('no .mjs output');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, code.contents);
    return { file, bytes: code.contents.byteLength };
  } catch (error) {
    throw new BenchError(`esbuild failed for ${entry}: ${String(error)}`, { cause: error });
  }
}

// As packages/bundle decides: an external `require` (a Node builtin from CommonJS code) needs
// the banner that defines `require` in an ES module.
function needsRequire(metafile: Metafile): boolean {
  return Object.values(metafile.outputs).some(({ imports }) =>
    imports.some(
      (record) =>
        record.external === true &&
        (record.kind === 'require-call' || record.kind === 'require-resolve'),
    ),
  );
}
