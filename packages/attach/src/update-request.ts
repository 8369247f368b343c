import type {
  LambdaConfigType,
  UpdateUserPoolCommandInput,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { PoolError } from './errors.js';

type UpdatableField = Exclude<keyof UpdateUserPoolCommandInput, 'UserPoolId'>;

/**
 * Every setting UpdateUserPool takes, and the DescribeUserPool field it is copied from.
 * UpdateUserPool resets whatever it is not given, so each one must be carried over; `satisfies`
 * makes the compiler list any field a newer SDK adds.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
 */
export const UPDATABLE_FROM = {
  Policies: 'Policies',
  DeletionProtection: 'DeletionProtection',
  LambdaConfig: 'LambdaConfig',
  AutoVerifiedAttributes: 'AutoVerifiedAttributes',
  SmsVerificationMessage: 'SmsVerificationMessage',
  EmailVerificationMessage: 'EmailVerificationMessage',
  EmailVerificationSubject: 'EmailVerificationSubject',
  VerificationMessageTemplate: 'VerificationMessageTemplate',
  SmsAuthenticationMessage: 'SmsAuthenticationMessage',
  UserAttributeUpdateSettings: 'UserAttributeUpdateSettings',
  MfaConfiguration: 'MfaConfiguration',
  DeviceConfiguration: 'DeviceConfiguration',
  EmailConfiguration: 'EmailConfiguration',
  SmsConfiguration: 'SmsConfiguration',
  UserPoolTags: 'UserPoolTags',
  AdminCreateUserConfig: 'AdminCreateUserConfig',
  UserPoolAddOns: 'UserPoolAddOns',
  DcrConfiguration: 'DcrConfiguration',
  AccountRecoverySetting: 'AccountRecoverySetting',
  PoolName: 'Name',
  UserPoolTier: 'UserPoolTier',
  KeyConfiguration: 'KeyConfiguration',
  IssuerConfiguration: 'IssuerConfiguration',
  AcrConfiguration: 'AcrConfiguration',
} as const satisfies Record<UpdatableField, keyof UserPoolType>;

/**
 * DescribeUserPool fields that UpdateUserPool cannot change, so leaving them out resets nothing:
 * identity, timestamps, counters, status, and what only other APIs change (the schema through
 * AddCustomAttributes, sign-in attributes only at creation, domains through CreateUserPoolDomain).
 */
export const READ_ONLY_FIELDS = [
  'Id',
  'Arn',
  'Status',
  'CreationDate',
  'LastModifiedDate',
  'EstimatedNumberOfUsers',
  'SchemaAttributes',
  'AliasAttributes',
  'UsernameAttributes',
  'UsernameConfiguration',
  'SmsConfigurationFailure',
  'EmailConfigurationFailure',
  'Domain',
  'CustomDomain',
] as const satisfies readonly (keyof UserPoolType)[];

type ClassifiedField =
  | (typeof UPDATABLE_FROM)[keyof typeof UPDATABLE_FROM]
  | (typeof READ_ONLY_FIELDS)[number];
// Does not compile when the SDK's UserPoolType has a field classified neither way.
const everyFieldClassified: Record<Exclude<keyof UserPoolType, ClassifiedField>, never> = {};
void everyFieldClassified;

/** Every trigger slot of LambdaConfig, ours or not: all are copied as they are. */
export const LAMBDA_CONFIG_FIELDS = [
  'PreSignUp',
  'CustomMessage',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'PreTokenGeneration',
  'UserMigration',
  'PreTokenGenerationConfig',
  'CustomSMSSender',
  'CustomEmailSender',
  'KMSKeyID',
  'InboundFederation',
] as const satisfies readonly (keyof LambdaConfigType)[];

const everyTriggerKnown: Record<
  Exclude<keyof LambdaConfigType, (typeof LAMBDA_CONFIG_FIELDS)[number]>,
  never
> = {};
void everyTriggerKnown;

const SOURCE_OF = new Map<string, UpdatableField>(
  Object.entries(UPDATABLE_FROM).map(([target, source]) => [source, target as UpdatableField]),
);
const READ_ONLY = new Set<string>(READ_ONLY_FIELDS);
const TRIGGERS = new Set<string>(LAMBDA_CONFIG_FIELDS);

/**
 * Builds the UpdateUserPool request that changes nothing but `lambdaConfig`: every updatable
 * setting of the described pool is copied, and the LambdaConfig is replaced by the given one.
 *
 * @throws {PoolError} `POOL_FIELD_UNKNOWN` naming the field when the described pool has a field
 *   this code does not know how to carry over (a newer API), rather than resetting it silently.
 * @example
 * ```ts
 * const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId }));
 * const input = updateRequest(UserPool, attachTriggers(UserPool.LambdaConfig ?? {}, ours).config);
 * ```
 */
export function updateRequest(
  pool: UserPoolType,
  lambdaConfig: LambdaConfigType,
): UpdateUserPoolCommandInput {
  if (pool.Id === undefined)
    throw new PoolError('POOL_FIELD_UNKNOWN', 'the described pool has no Id');
  assertKnownFields(pool);
  const request: Record<string, unknown> = { UserPoolId: pool.Id };
  for (const [field, value] of Object.entries(pool)) {
    const target = SOURCE_OF.get(field);
    if (target !== undefined && value !== undefined && value !== null) request[target] = value;
  }
  request.LambdaConfig = lambdaConfig;
  const adminCreateUser = pool.AdminCreateUserConfig;
  if (
    adminCreateUser?.UnusedAccountValidityDays !== undefined &&
    pool.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined
  ) {
    // The legacy copy of TemporaryPasswordValidityDays: DescribeUserPool returns both, and
    // UpdateUserPool refuses a request that sets both.
    const { UnusedAccountValidityDays: _legacy, ...rest } = adminCreateUser;
    request.AdminCreateUserConfig = rest;
  }
  return request as unknown as UpdateUserPoolCommandInput;
}

/**
 * @throws {PoolError} `POOL_FIELD_UNKNOWN` for a top-level or LambdaConfig field that is neither
 *   copied nor known to be read-only.
 */
export function assertKnownFields(pool: UserPoolType): void {
  for (const [field, value] of Object.entries(pool)) {
    if (value === undefined || SOURCE_OF.has(field) || READ_ONLY.has(field)) continue;
    throw new PoolError(
      'POOL_FIELD_UNKNOWN',
      `the pool has a setting "${field}" that cognito-triggers does not know how to keep; refusing to update it rather than reset that setting (upgrade the CLI)`,
    );
  }
  for (const [field, value] of Object.entries(pool.LambdaConfig ?? {})) {
    if (value === undefined || TRIGGERS.has(field)) continue;
    throw new PoolError(
      'POOL_FIELD_UNKNOWN',
      `the pool's LambdaConfig has a setting "${field}" that cognito-triggers does not know how to keep; refusing to update it rather than reset that setting (upgrade the CLI)`,
    );
  }
}
