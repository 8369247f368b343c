import { access, realpath, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { checkAwsSdk, checkLazyAwsSdk, checkLazyModules } from './checks/aws-sdk.js';
import { checkBudget, checkEntryBudget } from './checks/budgets.js';
import { readTriggerConfig } from './config.js';
import { BundleError } from './errors.js';
import { type EsbuildResult, mergeMetafiles, runEsbuild } from './esbuild.js';
import { BUNDLE, ENTRY, HANDLER_EXPORT, LAMBDA_HANDLER, OUT_DIR } from './layout.js';
import { type LazyModules, lazyModulePlugin, sortedByFile } from './lazy-modules.js';
import type { Manifest } from './manifest.js';
import { rankInputs, removeOutputs, sumBytes, writeOutputs } from './outputs.js';
import { writeManifest } from './write-manifest.js';
import { writeReproducibleZip } from './zip.js';

/**
 * Bundles the trigger in `dir` and writes `dist/index.mjs` (+ `.map`), `dist/meta.json`,
 * `dist/<folder>.zip` and `dist/manifest.json` (with the IAM actions the bundle can send); a
 * trigger with `awsSdk: 'lazy'` also gets one self-contained `dist/<name>.mjs` (+ `.map`) per
 * module of its own that it loads with `await import()`. Outputs of a previous build are removed
 * first, so a failed build never leaves a stale zip behind for Terraform to deploy.
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
  await requireEntry(root);

  const lazyModules: LazyModules = new Map();
  const results = await buildAll(root, config.awsSdk === 'lazy', lazyModules);
  const metafile = mergeMetafiles(results.map((result) => result.metafile));
  const code = await writeOutputs(root, results);
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
  return writeManifest(root, {
    trigger,
    config,
    code,
    metafile,
    zipName,
    zip,
    entryBytes,
    bundleBytes,
    largestInputs,
  });
}

async function requireEntry(root: string): Promise<void> {
  try {
    await access(join(root, ENTRY));
  } catch (error) {
    throw new BundleError(`${join(root, ENTRY)}: not found; a trigger's entry point`, {
      cause: error,
    });
  }
}

/**
 * The entry's build, then (for a lazy trigger) one build per lazy module it loads with
 * `import()`, recorded in `lazyModules`.
 */
async function buildAll(
  root: string,
  lazy: boolean,
  lazyModules: LazyModules,
): Promise<EsbuildResult[]> {
  const plugins = lazy ? [lazyModulePlugin(await realpath(root), lazyModules)] : [];
  const entry = await runEsbuild(root, ENTRY, BUNDLE, plugins);
  if (!(entry.metafile.outputs[BUNDLE]?.exports ?? []).includes(HANDLER_EXPORT)) {
    throw new BundleError(
      `${join(root, ENTRY)}: must export "${HANDLER_EXPORT}" (Lambda calls ${LAMBDA_HANDLER})`,
    );
  }
  const results = [entry];
  // A lazy module may find more of them (its own `await import()`s): build until none is new,
  // in name order so that meta.json does not depend on esbuild's resolution order.
  const built = new Set<string>();
  for (;;) {
    const next = sortedByFile(lazyModules).find(([source]) => !built.has(source));
    if (next === undefined) return results;
    const [source, name] = next;
    built.add(source);
    results.push(await runEsbuild(root, source, `${OUT_DIR}/${name}`, plugins));
  }
}
