import {
  cognitoPoolAdmin,
  cognitoUserDirectory,
  createCognitoClient,
  createDynamoDbClient,
  createTenantStore,
} from '@cognito-triggers/tenancy';
import {
  type CliIo,
  type Command,
  defaultIo,
  EXIT,
  parseCommandLine,
  UsageError,
} from '../command.js';
import { type ReconcileSummary, reconcileUsers } from '../reconcile/reconcile.js';
import { formatOutcome, formatProgress, formatSummary } from '../reconcile/report.js';
import { integer, isAwsError, parseTarget, TARGET_OPTIONS, TARGET_USAGE } from '../target.js';
import { loadTenancyPolicy } from '../tenancy-policy.js';

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_PROGRESS_EVERY = 100;

const USAGE = `Usage: cognito-triggers reconcile --pool ID --table NAME [options]

Finds the users of a pool whose tenant provisioning is missing or incomplete, and provisions
them with the code the post confirmation trigger runs (provisionUser). Every CONFIRMED or
EXTERNAL_PROVIDER user is checked: a membership in the tenant table, custom:tenant_id naming
its tenant, and the group of its role. A user with a membership is repaired towards it; a user
without one is provisioned from their verified email, as at confirmation.

Required:
${TARGET_USAGE.required}

Options:
  --dry-run                  report what would be repaired; change nothing
  --env NAME                 read the tenancy policy (domain map, personal domains, groups,
                             tier) from the "settings" object of
                             terraform/environments/NAME/terraform.tfvars.json;
                             without it, the defaults: no domain map, no personal domains,
                             groups tenant-admin and tenant-member, tier free
${TARGET_USAGE.root}
${TARGET_USAGE.endpoints}
  --concurrency N            users checked at once, 1 to 32 (default ${DEFAULT_CONCURRENCY})
  --progress-every N         a progress line on stderr every N users (default
                             ${DEFAULT_PROGRESS_EVERY}, 0 for none); on a terminal, a counter instead
  -h, --help                 show this help

${TARGET_USAGE.credentials}

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
  const { values, positionals } = parseCommandLine(args, {
    ...TARGET_OPTIONS,
    'dry-run': { type: 'boolean' },
    concurrency: { type: 'string' },
    'progress-every': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const target = parseTarget(values);
  const { userPoolId, tableName } = target;
  const dryRun = values['dry-run'] === true;
  const concurrency = integer(values.concurrency, '--concurrency', DEFAULT_CONCURRENCY, 1, 32);
  const progressEvery = integer(
    values['progress-every'],
    '--progress-every',
    DEFAULT_PROGRESS_EVERY,
    0,
    1_000_000,
  );

  const { file, policy } = await loadTenancyPolicy(target.policy, io.cwd);
  io.out(`pool: ${userPoolId}  table: ${tableName}  policy: ${file ?? 'defaults (no --env)'}`);
  if (file === undefined) {
    io.err(
      'reconcile: no --env given: users without a membership are provisioned with the default policy (no domain map, no personal domains)',
    );
  }

  const cognito = createCognitoClient(target.cognito);
  const dynamodb = createDynamoDbClient(target.dynamodb);
  const progress = progressReporter(io, dryRun, progressEvery);
  try {
    const summary = await reconcileUsers({
      cognito,
      store: createTenantStore({ client: dynamodb, tableName }),
      directory: cognitoUserDirectory(cognito),
      pool: cognitoPoolAdmin(cognito),
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
    noTenant: 0,
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
