import { POOL_ID_PATTERN } from '@cognito-triggers/attach';
import type { ClientOptions } from '@cognito-triggers/tenancy';
import { UsageError } from './command.js';

/**
 * The options of every command that works on a pool and its tenant table (`reconcile`,
 * `tenants`, `invite`, `members`): where the pool and the table are, and which environment's
 * policy applies. Spread into a command's `parseArgs` options.
 */
export const TARGET_OPTIONS = {
  pool: { type: 'string' },
  table: { type: 'string' },
  env: { type: 'string' },
  root: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'dynamodb-endpoint': { type: 'string' },
} as const;

/** The parsed values of {@link TARGET_OPTIONS}. */
export interface TargetValues {
  readonly pool?: string | undefined;
  readonly table?: string | undefined;
  readonly env?: string | undefined;
  readonly root?: string | undefined;
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly 'dynamodb-endpoint'?: string | undefined;
}

/** The `--help` lines of {@link TARGET_OPTIONS} but `--env` (each command says what it reads). */
export const TARGET_USAGE = {
  required: `  --pool ID                  the user pool id, e.g. eu-west-1_AbCdEf123
  --table NAME               the tenant table (TENANT_TABLE_NAME of the triggers)`,
  root: `  --root DIR                 the repository root for --env (default: the nearest folder at or
                             above the current one that holds pnpm-workspace.yaml)`,
  endpoints: `  --region REGION            default: the region in the pool id
  --endpoint URL             the Cognito endpoint (a local emulator)
  --dynamodb-endpoint URL    the DynamoDB endpoint (DynamoDB Local, dynalite)`,
  credentials: `Credentials come from the usual AWS chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, …). With a loopback
--endpoint or --dynamodb-endpoint and no AWS_ACCESS_KEY_ID, placeholder credentials are used.`,
} as const;

/** Where a command acts, checked. */
export interface Target {
  readonly userPoolId: string;
  readonly tableName: string;
  readonly cognito: ClientOptions;
  readonly dynamodb: ClientOptions;
  /** `--env` and `--root`, for `loadTenancyPolicy`. */
  readonly policy: { readonly env: string | undefined; readonly root: string | undefined };
}

// An operator run can wait longer than a trigger: ListUsers is rate-limited per pool.
const CLI_CALL_POLICY = {
  maxAttempts: 5,
  requestTimeoutMs: 10_000,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
};

/** A DynamoDB table name. */
export const TABLE_NAME_PATTERN = /^[A-Za-z0-9_.-]{3,255}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Checks {@link TARGET_OPTIONS}; a wrong value is a {@link UsageError} naming the option. */
export function parseTarget(values: TargetValues): Target {
  const userPoolId = required(values.pool, '--pool');
  if (!POOL_ID_PATTERN.test(userPoolId)) {
    throw new UsageError(
      `--pool: "${userPoolId}" is not a user pool id (like eu-west-1_AbCdEf123)`,
    );
  }
  const tableName = required(values.table, '--table');
  if (!TABLE_NAME_PATTERN.test(tableName)) {
    throw new UsageError(`--table: "${tableName}" is not a DynamoDB table name`);
  }
  if (values.root !== undefined && values.env === undefined) {
    throw new UsageError('--root goes with --env');
  }
  const region = values.region ?? userPoolId.slice(0, userPoolId.indexOf('_'));
  return {
    userPoolId,
    tableName,
    cognito: endpointClientOptions(region, values.endpoint, '--endpoint'),
    dynamodb: endpointClientOptions(region, values['dynamodb-endpoint'], '--dynamodb-endpoint'),
    policy: { env: values.env, root: values.root },
  };
}

export function required(value: string | undefined, option: string): string {
  if (value === undefined || value.length === 0) throw new UsageError(`missing ${option}`);
  return value;
}

/** A whole number option within bounds, or `fallback` when absent. */
export function integer(
  value: string | undefined,
  option: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(
      `${option}: expected a whole number from ${min} to ${max}, got "${value}"`,
    );
  }
  return number;
}

/** An error of an AWS call (the SDK's, or the credential chain's): exit 1, with its name. */
export function isAwsError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    ('$metadata' in error ||
      error.name === 'CredentialsProviderError' ||
      error.name === 'AbortError' ||
      error.name === 'TimeoutError')
  );
}

/**
 * How to reach one AWS service: the region, and for a local emulator its endpoint (checked) with
 * placeholder credentials when it is on loopback and no AWS_ACCESS_KEY_ID is set.
 */
export function endpointClientOptions(
  region: string,
  endpoint: string | undefined,
  option: string,
): ClientOptions {
  if (endpoint === undefined) return { region, policy: CLI_CALL_POLICY };
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`${option}: "${endpoint}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${option}: "${endpoint}" is not an http(s) URL`);
  }
  // Local emulators accept any credentials; there may be none configured on a laptop.
  const placeholder =
    LOOPBACK.has(url.hostname) && process.env.AWS_ACCESS_KEY_ID === undefined
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {};
  return { region, endpoint, policy: CLI_CALL_POLICY, ...placeholder };
}
