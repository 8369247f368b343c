import type { LazyTriggerConfig, TriggerConfig } from '../config.js';
import { BundleError } from '../errors.js';
import { BUNDLE } from '../layout.js';
import type { InputSize } from '../manifest.js';
import type { CodeFile } from '../outputs.js';

/**
 * `dist/index.mjs` of a lazy trigger, what cold start loads, within `maxEntryBytes`.
 *
 * @throws {BundleError} naming the size, the budget, its package.json key and the largest inputs.
 */
export function checkEntryBudget(
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

/**
 * Every `.mjs` file of the build together within `maxBundleBytes`.
 *
 * @throws {BundleError} naming the files, the size, the budget, its package.json key and the
 *   largest inputs.
 */
export function checkBudget(
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
