import {
  cognitoPoolAdmin,
  createCognitoClient,
  createDynamoDbClient,
  createTenantStore,
  type OperationContext,
  type OperationDependencies,
  OperationError,
  OperationErrorCode,
  parseRole,
  TenancyError,
  type TenantRole,
} from '@cognito-triggers/tenancy';
import { BIN, type CliIo, EXIT, UsageError } from '../command.js';
import {
  isAwsError,
  parseTarget,
  TARGET_OPTIONS,
  TARGET_USAGE,
  type TargetValues,
} from '../target.js';
import { type LoadedTenancyPolicy, loadTenancyPolicy } from '../tenancy-policy.js';

/** The actor recorded in the store when `--as` is not given. */
export const DEFAULT_ACTOR = 'cognito-triggers-cli';

/** The options every lifecycle command takes; spread into its `parseArgs` options. */
export const SESSION_OPTIONS = {
  ...TARGET_OPTIONS,
  as: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface SessionValues extends TargetValues {
  readonly as?: string | undefined;
  readonly json?: boolean | undefined;
}

/** The `--help` lines of {@link SESSION_OPTIONS}. */
export const SESSION_USAGE = `Pool and table:
${TARGET_USAGE.required}

Options:
  --env NAME                 the tenancy policy of terraform/environments/NAME/terraform.tfvars.json
                             (its "settings" object): role groups (tenant_admin_group,
                             tenant_member_group), the token cache TTL (token_cache_ttl_seconds),
                             enrollment modes; without it, the defaults (tenant-admin,
                             tenant-member, 60 s, open)
${TARGET_USAGE.root}
${TARGET_USAGE.endpoints}
  --as NAME                  who acts, recorded in the store (default ${DEFAULT_ACTOR})
  --json                     one JSON document on stdout instead of text
  -h, --help                 show this help

${TARGET_USAGE.credentials}`;

/** The exit codes of a lifecycle command, as its help shows them. */
export const SESSION_EXIT_CODES = `Exit codes:
  0   done
  1   an AWS call failed (the SDK's error is named); running the command again completes
      what was started: every step is idempotent
  2   wrong command line, or a request refused with its reason (unknown tenant or user, an
      invalid value, …): nothing was changed`;

/** What a command works with: the pool and the store, who acts, and the environment's policy. */
export interface Session {
  readonly dependencies: OperationDependencies;
  readonly context: OperationContext;
  readonly tenancy: LoadedTenancyPolicy;
}

/** What a command did: text for people, a document for `--json`, and the exit code. */
export interface Report {
  readonly text: string;
  readonly json: unknown;
  /** Default 0. */
  readonly code?: number;
}

/** A failure a command reports instead of crashing: a refusal (exit 2) or an AWS error (exit 1). */
export interface Failure {
  readonly kind: 'refused' | 'aws';
  /** The refusal's code (`LAST_ADMIN`, …) or the SDK error's name. */
  readonly code: string;
  readonly message: string;
}

/** A refusal of tenancy or an AWS error as a {@link Failure}; `undefined` for anything else. */
export function failureOf(error: unknown): Failure | undefined {
  if (error instanceof OperationError || error instanceof TenancyError) {
    return { kind: 'refused', code: error.code, message: error.message };
  }
  if (isAwsError(error)) return { kind: 'aws', code: error.name, message: error.message };
  return undefined;
}

export function exitCodeOf(failure: Failure): number {
  return failure.kind === 'aws' ? EXIT.failure : EXIT.usage;
}

/** `--role`, checked by tenancy's own parser. */
export function roleOption(value: string | undefined): TenantRole {
  if (value === undefined) throw new UsageError('missing --role (admin or member)');
  try {
    return parseRole(value);
  } catch (error) {
    if (error instanceof OperationError) {
      throw new UsageError(`--role: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Rejects positionals beyond `count`; returns the first `count`. */
export function positionalsOf(positionals: readonly string[], names: readonly string[]): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names[positionals.length]}`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument "${positionals[names.length]}"`);
  }
  return [...positionals];
}

/**
 * Runs one lifecycle command: checks the target options, loads the policy, opens the clients,
 * runs `act`, and prints its report (text, or JSON with `--json`). A refusal (`OperationError`,
 * `TenancyError`) prints its reason and exits 2; an AWS error prints the SDK's error and exits 1;
 * anything else is a bug and propagates.
 */
export async function runSession(
  name: string,
  values: SessionValues,
  io: CliIo,
  options: {
    /** The command adds or removes role groups: without `--env`, say which groups it uses. */
    readonly usesGroups?: boolean;
    /** The command only reads: an AWS failure left nothing half done. */
    readonly readOnly?: boolean;
  },
  act: (session: Session) => Promise<Report>,
): Promise<number> {
  const target = parseTarget(values);
  const actor = (values.as ?? DEFAULT_ACTOR).trim();
  if (actor.length === 0 || actor.length > 128) {
    throw new UsageError('--as: a name of 1 to 128 characters');
  }
  const tenancy = await loadTenancyPolicy(target.policy, io.cwd);
  const { policy } = tenancy;
  if (options.usesGroups === true && tenancy.file === undefined) {
    io.err(
      `${BIN} ${name}: no --env given: role groups ${policy.adminGroup} and ${policy.memberGroup} (the defaults)`,
    );
  }

  const cognito = createCognitoClient(target.cognito);
  const dynamodb = createDynamoDbClient(target.dynamodb);
  const json = values.json === true;
  try {
    const report = await act({
      dependencies: {
        store: createTenantStore({ client: dynamodb, tableName: target.tableName }),
        pool: cognitoPoolAdmin(cognito),
      },
      context: {
        userPoolId: target.userPoolId,
        adminGroup: policy.adminGroup,
        memberGroup: policy.memberGroup,
        actor,
      },
      tenancy,
    });
    io.out(json ? JSON.stringify(report.json, null, 2) : report.text);
    return report.code ?? EXIT.ok;
  } catch (error) {
    const failure = failureOf(error);
    if (failure === undefined) throw error;
    io.err(`${BIN} ${name}: ${failure.code}: ${failure.message}`);
    if (failure.code === OperationErrorCode.LastAdmin) {
      io.err(`${BIN} ${name}: --force does it anyway, leaving the tenant without an admin`);
    }
    if (failure.kind === 'aws' && options.readOnly !== true) {
      io.err(`${BIN} ${name}: run the command again to complete what it started`);
    }
    if (json) io.out(JSON.stringify({ error: failure }, null, 2));
    return exitCodeOf(failure);
  } finally {
    cognito.destroy();
    dynamodb.destroy();
  }
}
