import { parseArgs } from 'node:util';
import {
  type ClientOptions,
  cognitoUserDirectory,
  createCognitoClient,
  createDynamoDbClient,
  createTenantStore,
} from '@cognito-triggers/tenancy';
import { asUsage, type CliIo, type Command, defaultIo, EXIT, UsageError } from '../command.js';
import { loadTenancyPolicy } from '../reconcile/policy.js';
import { type ReconcileSummary, reconcileUsers } from '../reconcile/reconcile.js';
import { formatOutcome, formatProgress, formatSummary } from '../reconcile/report.js';

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_PROGRESS_EVERY = 100;

// An operator run can wait longer than a trigger: ListUsers is rate-limited per pool.
const CLI_CALL_POLICY = {
  maxAttempts: 5,
  requestTimeoutMs: 10_000,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
};

const USAGE = `Usage: cognito-triggers reconcile --pool ID --table NAME [options]

Finds the users of a pool whose tenant provisioning is missing or incomplete, and provisions
them with the code the post confirmation trigger runs (provisionUser). Every CONFIRMED or
EXTERNAL_PROVIDER user is checked: a membership in the tenant table, custom:tenant_id naming
its tenant, and the group of its role. A user with a membership is repaired towards it; a user
without one is provisioned from their verified email, as at confirmation.

Required:
  --pool ID                  the user pool id, e.g. eu-west-1_AbCdEf123
  --table NAME               the tenant table (TENANT_TABLE_NAME of the triggers)

Options:
  --dry-run                  report what would be repaired; change nothing
  --env NAME                 read the tenancy policy (domain map, personal domains, groups,
                             tier) from terraform/environments/NAME/terraform.tfvars.json;
                             without it, the defaults: no domain map, no personal domains,
                             groups tenant-admin and tenant-member, tier free
  --root DIR                 the repository root for --env (default: the nearest folder at or
                             above the current one that holds pnpm-workspace.yaml)
  --region REGION            default: the region in the pool id
  --endpoint URL             the Cognito endpoint (a local emulator)
  --dynamodb-endpoint URL    the DynamoDB endpoint (DynamoDB Local, dynalite)
  --concurrency N            users checked at once, 1 to 32 (default ${DEFAULT_CONCURRENCY})
  --progress-every N         a progress line on stderr every N users (default
                             ${DEFAULT_PROGRESS_EVERY}, 0 for none); on a terminal, a counter instead
  -h, --help                 show this help

Credentials come from the usual AWS chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, …). With a loopback
--endpoint or --dynamodb-endpoint and no AWS_ACCESS_KEY_ID, placeholder credentials are used.

Output: one line per user repaired (or, with --dry-run, that would be), or failed, then a
summary: checked, ok, repaired (would repair), failed.

Exit codes:
  0   nothing failed
  1   at least one user could not be repaired, or the users could not be listed
  2   wrong command line, or a policy file the triggers would reject

Examples:
  cognito-triggers reconcile --pool eu-west-1_AbCdEf123 --table cognito-triggers-prod-tenants \\
    --env prod --dry-run`;

export const reconcile: Command = {
  name: 'reconcile',
  summary: 'find users whose tenant provisioning is missing or incomplete, and repair them',
  usage: USAGE,
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = asUsage(() =>
    parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: {
        pool: { type: 'string' },
        table: { type: 'string' },
        'dry-run': { type: 'boolean' },
        env: { type: 'string' },
        root: { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        'dynamodb-endpoint': { type: 'string' },
        concurrency: { type: 'string' },
        'progress-every': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const userPoolId = required(values.pool, '--pool');
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) {
    throw new UsageError(
      `--pool: "${userPoolId}" is not a user pool id (like eu-west-1_AbCdEf123)`,
    );
  }
  const tableName = required(values.table, '--table');
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) {
    throw new UsageError(`--table: "${tableName}" is not a DynamoDB table name`);
  }
  if (values.root !== undefined && values.env === undefined) {
    throw new UsageError('--root goes with --env');
  }
  const dryRun = values['dry-run'] === true;
  const concurrency = integer(values.concurrency, '--concurrency', DEFAULT_CONCURRENCY, 1, 32);
  const progressEvery = integer(
    values['progress-every'],
    '--progress-every',
    DEFAULT_PROGRESS_EVERY,
    0,
    1_000_000,
  );
  const region = values.region ?? userPoolId.slice(0, userPoolId.indexOf('_'));
  const cognitoOptions = clientOptions(region, values.endpoint, '--endpoint');
  const dynamodbOptions = clientOptions(region, values['dynamodb-endpoint'], '--dynamodb-endpoint');

  const { file, policy } = await loadTenancyPolicy({ env: values.env, root: values.root }, io.cwd);
  io.out(`pool: ${userPoolId}  table: ${tableName}  policy: ${file ?? 'defaults (no --env)'}`);
  if (file === undefined) {
    io.err(
      'reconcile: no --env given: users without a membership are provisioned with the default policy (no domain map, no personal domains)',
    );
  }

  const cognito = createCognitoClient(cognitoOptions);
  const dynamodb = createDynamoDbClient(dynamodbOptions);
  const progress = progressReporter(io, dryRun, progressEvery);
  try {
    const summary = await reconcileUsers({
      cognito,
      store: createTenantStore({ client: dynamodb, tableName }),
      directory: cognitoUserDirectory(cognito),
      policy,
      userPoolId,
      dryRun,
      concurrency,
      onUser: (outcome, sofar) => {
        const line = formatOutcome(outcome);
        if (line !== undefined) progress.print(line);
        progress.update(sofar);
      },
      onWarning: (message) => progress.warn(message),
    });
    progress.done();
    io.out(formatSummary(summary, dryRun));
    return summary.failed > 0 ? EXIT.failure : EXIT.ok;
  } catch (error) {
    progress.done();
    if (!isAwsError(error)) throw error;
    io.err(`cognito-triggers reconcile: ${error.name}: ${error.message}`);
    io.out(formatSummary(progress.last(), dryRun));
    return EXIT.failure;
  } finally {
    cognito.destroy();
    dynamodb.destroy();
  }
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value.length === 0) throw new UsageError(`missing ${option}`);
  return value;
}

function integer(
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

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function clientOptions(
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

function isAwsError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    ('$metadata' in error ||
      error.name === 'CredentialsProviderError' ||
      error.name === 'AbortError')
  );
}

/**
 * Progress on stderr: a line every `every` users, or, on a terminal, one counter line
 * rewritten in place (cleared before a result line is printed, so the two never mix).
 */
function progressReporter(io: CliIo, dryRun: boolean, every: number) {
  const tty = io === defaultIo && process.stderr.isTTY === true;
  let last: ReconcileSummary = {
    checked: 0,
    ok: 0,
    repaired: 0,
    wouldRepair: 0,
    failed: 0,
    skipped: 0,
  };
  let counterShown = false;
  const clearCounter = () => {
    if (counterShown) process.stderr.write('\r\u001b[K');
    counterShown = false;
  };
  return {
    print(line: string) {
      clearCounter();
      io.out(line);
    },
    warn(message: string) {
      clearCounter();
      io.err(`reconcile: ${message}`);
    },
    update(sofar: Readonly<ReconcileSummary>) {
      last = { ...sofar };
      const seen = sofar.checked + sofar.skipped;
      if (tty) {
        process.stderr.write(`\r\u001b[K${formatProgress(sofar, dryRun)}`);
        counterShown = true;
      } else if (every > 0 && seen % every === 0) {
        io.err(`reconcile: ${formatProgress(sofar, dryRun)}`);
      }
    },
    done() {
      clearCounter();
    },
    last: () => last,
  };
}
