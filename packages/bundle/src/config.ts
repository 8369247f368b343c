import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleError } from './errors.js';

/** The `cognitoTrigger` field of a trigger's package.json. */
export interface TriggerConfig {
  /** Lambda function name, also used by the local stack so errors read as in AWS. */
  readonly functionName: string;
  /** Budget for the minified `dist/index.mjs`, in bytes. */
  readonly maxBundleBytes: number;
  /** Whether the bundle may contain the AWS SDK (`@aws-sdk/*`, `@smithy/*`). */
  readonly awsSdk: boolean;
}

const FIELD = 'cognitoTrigger';
const KEYS = ['functionName', 'maxBundleBytes', 'awsSdk'] as const;
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
  const { functionName, maxBundleBytes, awsSdk } = field;
  if (typeof functionName !== 'string' || !FUNCTION_NAME.test(functionName)) {
    throw invalid('functionName', 'a Lambda function name (1-64 letters, digits, - or _)');
  }
  if (
    typeof maxBundleBytes !== 'number' ||
    !Number.isSafeInteger(maxBundleBytes) ||
    maxBundleBytes <= 0
  ) {
    throw invalid('maxBundleBytes', 'a positive whole number of bytes');
  }
  if (typeof awsSdk !== 'boolean') {
    throw invalid('awsSdk', 'true or false');
  }
  return { functionName, maxBundleBytes, awsSdk };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
