import type { Metafile } from 'esbuild';
import type { TriggerConfig } from '../config.js';
import { BundleError } from '../errors.js';
import { BUNDLE, ENTRY, OUT_DIR } from '../layout.js';
import { type LazyModules, sortedByFile } from '../lazy-modules.js';

const AWS_SDK_INPUT = /(^|\/)@(aws-sdk|smithy)\//;

/**
 * With `awsSdk: false`, no input of the bundle may come from the AWS SDK.
 *
 * @throws {BundleError} naming the trigger's files that import it and the SDK inputs.
 */
export function checkAwsSdk(trigger: string, config: TriggerConfig, metafile: Metafile): void {
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

/**
 * With `awsSdk: 'lazy'`, the SDK may only be in lazy modules, never in `dist/index.mjs`.
 *
 * @throws {BundleError} naming the files that import it statically.
 */
export function checkLazyAwsSdk(trigger: string, metafile: Metafile): void {
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
 *
 * @throws {BundleError} when there is none, or naming the files that import one statically.
 */
export function checkLazyModules(
  trigger: string,
  metafile: Metafile,
  lazyModules: LazyModules,
): void {
  if (lazyModules.size === 0) {
    throw new BundleError(
      `${trigger}: awsSdk is lazy but ${ENTRY} has no await import() of a module of its own ` +
        "(e.g. `await import('./store.js')`); load the code that uses the SDK that way, or set " +
        'package.json "cognitoTrigger.awsSdk" to true or false',
    );
  }
  const inEntry = metafile.outputs[BUNDLE]?.inputs ?? {};
  for (const [source, name] of sortedByFile(lazyModules)) {
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
