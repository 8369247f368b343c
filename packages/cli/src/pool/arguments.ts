import {
  ATTRIBUTE_NAME_PATTERN,
  LAMBDA_ARN_PATTERN,
  POOL_ID_PATTERN,
  type PoolTarget,
  PRE_TOKEN_VERSIONS,
  type PreTokenVersion,
  SLOT_OF_TRIGGER,
  type SuiteSlot,
} from '@cognito-triggers/attach';
import type { ClientOptions } from '@cognito-triggers/tenancy';
import { parseCommandLine, UsageError } from '../command.js';
import { endpointClientOptions, TABLE_NAME_PATTERN } from '../target.js';

/** The command line shared by attach and detach. */
export interface PoolArguments {
  readonly target: PoolTarget;
  readonly dryRun: boolean;
  readonly PreSignUp?: string;
  readonly PostConfirmation?: string;
  readonly PreAuthentication?: string;
  readonly CustomMessage?: string;
  readonly PreTokenGeneration?: string;
  readonly preTokenVersion?: PreTokenVersion;
  /** `--protected-attribute NAME`, repeatable (attach only): added to the default list. */
  readonly protectedAttributes: readonly string[];
  /** `--replace TRIGGER`, repeatable (attach only): slots whose foreign trigger may be replaced. */
  readonly replaceable: readonly SuiteSlot[];
  /** `--table NAME`: the tenant table, where replaced triggers are recorded. */
  readonly tableName?: string | undefined;
  /** How to reach Cognito and DynamoDB (endpoints, placeholder credentials on loopback). */
  readonly cognito: ClientOptions;
  readonly dynamodb: ClientOptions;
}

// The pre sign-up trigger's PROTECTED_ATTRIBUTES accepts the same names.

/**
 * Parses `--pool ID [--region R] [--endpoint URL] [--<trigger> ARN …] [--dry-run]`, with
 * `--pre-token-version` and `--protected-attribute NAME …` where the command allows them.
 */
export function parsePoolArguments(
  args: readonly string[],
  options: { readonly allowVersion: boolean; readonly allowProtectedAttributes?: boolean },
): PoolArguments {
  const { values, positionals } = parseCommandLine(args, {
    pool: { type: 'string' },
    region: { type: 'string' },
    endpoint: { type: 'string' },
    'pre-signup': { type: 'string' },
    'post-confirmation': { type: 'string' },
    'pre-authentication': { type: 'string' },
    'pre-token-generation': { type: 'string' },
    'pre-token-version': { type: 'string' },
    'custom-message': { type: 'string' },
    'protected-attribute': { type: 'string', multiple: true },
    replace: { type: 'string', multiple: true },
    table: { type: 'string' },
    'dynamodb-endpoint': { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const poolId = values.pool;
  if (poolId === undefined) throw new UsageError('missing --pool (the user pool id)');
  if (!POOL_ID_PATTERN.test(poolId))
    throw new UsageError(`--pool: "${poolId}" is not a user pool id`);
  const arns = {
    PreSignUp: arn('--pre-signup', values['pre-signup']),
    PostConfirmation: arn('--post-confirmation', values['post-confirmation']),
    PreAuthentication: arn('--pre-authentication', values['pre-authentication']),
    PreTokenGeneration: arn('--pre-token-generation', values['pre-token-generation']),
    CustomMessage: arn('--custom-message', values['custom-message']),
  };
  if (Object.values(arns).every((value) => value === undefined)) {
    throw new UsageError(
      'give at least one function: --pre-signup, --post-confirmation, --pre-authentication, --pre-token-generation or --custom-message',
    );
  }
  const version = values['pre-token-version'];
  if (version !== undefined && !options.allowVersion) {
    throw new UsageError('--pre-token-version goes with attach only');
  }
  if (options.allowVersion && (version === undefined) !== (arns.PreTokenGeneration === undefined)) {
    throw new UsageError('--pre-token-generation and --pre-token-version go together');
  }
  if (version !== undefined && !isVersion(version)) {
    throw new UsageError(
      `--pre-token-version: "${version}" is not one of ${PRE_TOKEN_VERSIONS.join(', ')}`,
    );
  }
  const protectedAttributes = values['protected-attribute'] ?? [];
  if (protectedAttributes.length > 0 && options.allowProtectedAttributes !== true) {
    throw new UsageError('--protected-attribute goes with attach only');
  }
  for (const name of protectedAttributes) {
    if (!ATTRIBUTE_NAME_PATTERN.test(name)) {
      throw new UsageError(`--protected-attribute: "${name}" is not an attribute name`);
    }
  }
  const replaceable = (values.replace ?? []).map((trigger) => {
    if (options.allowProtectedAttributes !== true)
      throw new UsageError('--replace goes with attach only');
    const slot = (SLOT_OF_TRIGGER as Readonly<Record<string, SuiteSlot>>)[trigger];
    if (slot === undefined) {
      throw new UsageError(
        `--replace: "${trigger}" is not one of ${Object.keys(SLOT_OF_TRIGGER).join(', ')}`,
      );
    }
    return slot;
  });
  const tableName = values.table;
  if (tableName !== undefined && !TABLE_NAME_PATTERN.test(tableName)) {
    throw new UsageError(`--table: "${tableName}" is not a DynamoDB table name`);
  }
  if (replaceable.length > 0 && tableName === undefined) {
    throw new UsageError(
      '--replace needs --table NAME (the tenant table): attach records the function it replaces there, so that detach can put it back',
    );
  }
  if (values['dynamodb-endpoint'] !== undefined && tableName === undefined) {
    throw new UsageError('--dynamodb-endpoint goes with --table');
  }
  // A pool id starts with its region (eu-west-1_AbC…; cognito-local's: local_…).
  const region = values.region ?? poolId.slice(0, poolId.indexOf('_'));
  return {
    target: { poolId, region, endpoint: values.endpoint },
    dryRun: values['dry-run'] === true,
    protectedAttributes,
    replaceable,
    tableName,
    cognito: endpointClientOptions(region, values.endpoint, '--endpoint'),
    dynamodb: endpointClientOptions(region, values['dynamodb-endpoint'], '--dynamodb-endpoint'),
    ...definedOnly(arns),
    ...(version === undefined ? {} : { preTokenVersion: version }),
  };
}

function arn(option: string, value: string | undefined): string | undefined {
  if (value !== undefined && !LAMBDA_ARN_PATTERN.test(value)) {
    throw new UsageError(`${option}: "${value}" is not a Lambda function ARN`);
  }
  return value;
}

function isVersion(value: string): value is PreTokenVersion {
  return (PRE_TOKEN_VERSIONS as readonly string[]).includes(value);
}

function definedOnly<T extends Record<string, string | undefined>>(
  record: T,
): Partial<Record<keyof T, string>> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Partial<Record<keyof T, string>>;
}
