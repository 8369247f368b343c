import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleError } from './errors.js';

/**
 * How a trigger may use the AWS SDK (`@aws-sdk/*`, `@smithy/*`): `false` never, `true` bundled
 * in `dist/index.mjs`, `'lazy'` only in the trigger's own modules loaded with `await import()`,
 * each built into its own self-contained `dist/<name>.mjs`.
 */
export type AwsSdkMode = boolean | 'lazy';

interface TriggerConfigBase {
  /** Lambda function name, also used by the local stack so errors read as in AWS. */
  readonly functionName: string;
  /** Budget for all the code in the zip (`dist/index.mjs`, plus the lazy modules), in bytes. */
  readonly maxBundleBytes: number;
}

/** A trigger bundled into the one file `dist/index.mjs`. */
export interface SingleFileTriggerConfig extends TriggerConfigBase {
  /** Whether the bundle may contain the AWS SDK. */
  readonly awsSdk: boolean;
}

/** A trigger built into `dist/index.mjs` and lazy modules it loads on demand, the SDK in them. */
export interface LazyTriggerConfig extends TriggerConfigBase {
  readonly awsSdk: 'lazy';
  /** Budget for what loads at cold start: `dist/index.mjs`. */
  readonly maxEntryBytes: number;
}

/**
 * The `cognitoTrigger` field of a trigger's package.json.
 *
 * @example
 * const lazy: TriggerConfig = {
 *   functionName: 'PreTokenGeneration',
 *   maxBundleBytes: 1_048_576,
 *   awsSdk: 'lazy',
 *   maxEntryBytes: 25_600,
 * };
 */
export type TriggerConfig = SingleFileTriggerConfig | LazyTriggerConfig;

const FIELD = 'cognitoTrigger';
const KEYS = ['functionName', 'maxBundleBytes', 'awsSdk', 'maxEntryBytes'] as const;
const EXAMPLE = `"${FIELD}": { "functionName": "PreSignUp", "maxBundleBytes": 25600, "awsSdk": false }`;
// Lambda's own rule for function names, so a typo fails here and not at `terraform apply`.
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads and validates the `cognitoTrigger` field of `<dir>/package.json`.
 *
 * @example
 * const { functionName } = await readTriggerConfig('triggers/pre-signup');
 * @throws {BundleError} naming package.json and the field when it is missing or wrong.
 */
export async function readTriggerConfig(dir: string): Promise<TriggerConfig> {
  const path = join(dir, 'package.json');
  let pkg: unknown;
  try {
    pkg = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = isNotFound(error) ? 'not found' : 'not valid JSON';
    throw new BundleError(`${path}: ${reason}; run the build in a trigger package`, {
      cause: error,
    });
  }
  if (!isRecord(pkg) || !(FIELD in pkg)) {
    throw new BundleError(`${path}: missing "${FIELD}" field; add ${EXAMPLE}`);
  }
  const field = pkg[FIELD];
  if (!isRecord(field)) {
    throw new BundleError(`${path}: "${FIELD}" must be an object like { ${EXAMPLE} }`);
  }
  const invalid = (key: string, expected: string) =>
    new BundleError(
      `${path}: "${FIELD}.${key}" must be ${expected}, got ${JSON.stringify(field[key]) ?? 'nothing'}`,
    );
  // Unknown keys are usually misspelt known ones, which would otherwise be reported as missing.
  const unknown = Object.keys(field).filter((key) => !(KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new BundleError(
      `${path}: unknown key(s) in "${FIELD}": ${unknown.join(', ')} (allowed: ${KEYS.join(', ')})`,
    );
  }
  const { functionName, maxBundleBytes, awsSdk, maxEntryBytes } = field;
  if (typeof functionName !== 'string' || !FUNCTION_NAME.test(functionName)) {
    throw invalid('functionName', 'a Lambda function name (1-64 letters, digits, - or _)');
  }
  if (!isByteCount(maxBundleBytes)) {
    throw invalid('maxBundleBytes', 'a positive whole number of bytes');
  }
  if (awsSdk !== 'lazy') {
    if (typeof awsSdk !== 'boolean') {
      throw invalid('awsSdk', 'true, false or "lazy"');
    }
    // A budget that would be silently ignored is a misunderstanding worth stopping on.
    if (maxEntryBytes !== undefined) {
      throw new BundleError(
        `${path}: "${FIELD}.maxEntryBytes" only applies with "awsSdk": "lazy"; remove it or set "awsSdk": "lazy"`,
      );
    }
    return { functionName, maxBundleBytes, awsSdk };
  }
  if (!isByteCount(maxEntryBytes)) {
    throw invalid('maxEntryBytes', 'a positive whole number of bytes when "awsSdk" is "lazy"');
  }
  if (maxEntryBytes > maxBundleBytes) {
    throw invalid(
      'maxEntryBytes',
      `at most "maxBundleBytes" (${maxBundleBytes}): the entry is part of the bundle`,
    );
  }
  return { functionName, maxBundleBytes, awsSdk, maxEntryBytes };
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
