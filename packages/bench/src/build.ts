import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readManifest, runEsbuild } from '@cognito-triggers/bundle';
import type { Subject } from './cold.js';
import { BENCH_DIR, type DeployedTrigger } from './deployment.js';
import { BenchError } from './errors.js';

/**
 * The bundles the benchmark starts: an empty module (Node's own cost of importing anything), then
 * for each trigger ours as `pnpm build` left it, its peer and its SDK floor, each bundled as
 * `bundle-trigger` bundles a trigger (its esbuild options and `require` banner).
 *
 * @throws {BenchError} when a trigger is not built; {@link BundleError} when esbuild fails.
 */
export async function buildSubjects(triggers: readonly DeployedTrigger[], workDir: string) {
  const empty = join(workDir, 'empty.mjs');
  await writeFile(empty, '');
  const subjects: Subject[] = [{ trigger: undefined, variant: 'empty', file: empty, bytes: 0 }];
  const bundle = async (entry: string) => {
    const file = join(workDir, basename(dirname(entry)), `${basename(entry, '.ts')}.mjs`);
    const { outputFiles } = await runEsbuild(BENCH_DIR, entry, file, []);
    const code = outputFiles.find((output) => output.path.endsWith('.mjs'))?.contents ?? '';
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, code);
    return { file, bytes: code.length };
  };
  for (const trigger of triggers) {
    const manifest = join(dirname(trigger.entry), 'manifest.json');
    const { bundleBytes } = await readManifest(manifest).catch((error: unknown) => {
      throw new BenchError(`${trigger.name} is not built: run "pnpm build" first`, {
        cause: error,
      });
    });
    subjects.push({ trigger, variant: 'ours', file: trigger.entry, bytes: bundleBytes });
    subjects.push({ trigger, variant: 'peer', ...(await bundle(trigger.peer)) });
    if (trigger.floor)
      subjects.push({ trigger, variant: 'sdk-floor', ...(await bundle(trigger.floor)) });
  }
  return subjects;
}
