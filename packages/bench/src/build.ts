import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ESBUILD_OPTIONS, REQUIRE_BANNER, readManifest } from '@cognito-triggers/bundle';
import { type BuildOptions, build } from 'esbuild';
import type { Subject } from './cold.js';
import { BENCH_DIR, type DeployedTrigger } from './deployment.js';
import { BenchError } from './errors.js';

/**
 * The bundles the benchmark starts: an empty module (Node's own cost of importing anything), then
 * for each trigger ours as `pnpm build` left it, its peer and its SDK floor bundled like ours.
 *
 * @throws {BenchError} when a trigger is not built or esbuild fails.
 */
export async function buildSubjects(triggers: readonly DeployedTrigger[], workDir: string) {
  const empty = join(workDir, 'empty.mjs');
  await writeFile(empty, '');
  const subjects: Subject[] = [{ trigger: undefined, variant: 'empty', file: empty, bytes: 0 }];
  for (const trigger of triggers) {
    const manifest = join(dirname(trigger.entry), 'manifest.json');
    const { bundleBytes } = await readManifest(manifest).catch((error: unknown) => {
      throw new BenchError(`${trigger.name} is not built: run "pnpm build" first`, {
        cause: error,
      });
    });
    subjects.push({ trigger, variant: 'ours', file: trigger.entry, bytes: bundleBytes });
    subjects.push({ trigger, variant: 'peer', ...(await bundle(trigger.peer, workDir)) });
    if (trigger.floor === undefined) continue;
    subjects.push({ trigger, variant: 'sdk-floor', ...(await bundle(trigger.floor, workDir)) });
  }
  return subjects;
}

// As `bundle-trigger` bundles a trigger: its esbuild options, and its `require` banner when a
// dependency calls an external `require`.
async function bundle(entry: string, workDir: string) {
  const file = join(workDir, basename(dirname(entry)), `${basename(entry, '.ts')}.mjs`);
  const options: BuildOptions = {
    ...ESBUILD_OPTIONS,
    absWorkingDir: BENCH_DIR,
    entryPoints: [entry],
    outfile: file,
    metafile: true,
  };
  try {
    let result = await build(options);
    const needsRequire = Object.values(result.metafile?.outputs ?? {}).some(({ imports }) =>
      imports.some(({ external, kind }) => external === true && kind.startsWith('require-')),
    );
    if (needsRequire) result = await build({ ...options, banner: { js: REQUIRE_BANNER } });
    const code = result.outputFiles?.find((output) => output.path.endsWith('.mjs'));
    if (code === undefined) throw new Error('no .mjs output');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, code.contents);
    return { file, bytes: code.contents.byteLength };
  } catch (error) {
    throw new BenchError(`esbuild failed for ${entry}: ${String(error)}`, { cause: error });
  }
}
