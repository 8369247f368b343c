import type { CognitoTriggerEventBase, JsonValue, NullableStringMap, StringMap } from './common.js';

/** Every `triggerSource` of the pre token generation trigger. */
export const PreTokenGenerationSource = {
  HostedAuth: 'TokenGeneration_HostedAuth',
  Authentication: 'TokenGeneration_Authentication',
  /** First sign-in of a user created with `AdminCreateUser`: post confirmation never fired. */
  NewPasswordChallenge: 'TokenGeneration_NewPasswordChallenge',
  AuthenticateDevice: 'TokenGeneration_AuthenticateDevice',
  RefreshTokens: 'TokenGeneration_RefreshTokens',
  /** Machine-to-machine tokens; version 3 only, and no user behind them. */
  ClientCredentials: 'TokenGeneration_ClientCredentials',
} as const;
export type PreTokenGenerationSource =
  (typeof PreTokenGenerationSource)[keyof typeof PreTokenGenerationSource];

/** The sources that carry a user: every source but `TokenGeneration_ClientCredentials`. */
export type PreTokenGenerationUserSource = Exclude<
  PreTokenGenerationSource,
  typeof PreTokenGenerationSource.ClientCredentials
>;

/**
 * The user's groups and roles as Cognito would write them. `groupOverrideDetails` in a response
 * replaces this object whole: start from it and add, or the user loses every group.
 *
 * `preferredRole` has been seen as an array in an AWS sample, and any member may be `null`.
 */
export interface GroupConfiguration {
  groupsToOverride?: string[] | null;
  iamRolesToOverride?: string[] | null;
  preferredRole?: string | string[] | null;
}

/** What a response may set in place of the user's groups and roles. */
export interface GroupOverrideDetails {
  groupsToOverride?: string[];
  iamRolesToOverride?: string[];
  preferredRole?: string;
}

interface PreTokenGenerationEventBase<TSource extends PreTokenGenerationSource>
  extends CognitoTriggerEventBase<TSource> {
  request: {
    userAttributes: StringMap;
    groupConfiguration: GroupConfiguration;
    clientMetadata?: NullableStringMap;
  };
}

/**
 * Version 1 (`V1_0`, also the legacy bare `PreTokenGeneration` ARN): the ID token only, claim
 * values strings only.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export interface PreTokenGenerationV1Event<
  TSource extends PreTokenGenerationUserSource = PreTokenGenerationUserSource,
> extends PreTokenGenerationEventBase<TSource> {
  response: {
    claimsOverrideDetails?: ClaimsOverrideDetailsV1 | null;
  };
}

export interface ClaimsOverrideDetailsV1 {
  claimsToAddOrOverride?: StringMap;
  claimsToSuppress?: string[];
  groupOverrideDetails?: GroupOverrideDetails;
}

/** Claims to add to, or suppress from, one token (V2/V3). */
export interface TokenClaimsOverride {
  /**
   * Values may be any JSON value. `@types/aws-lambda` types them as strings only: that type is
   * wrong. In the ID token, `email_verified`, `phone_number_verified`, `updated_at` and `address`
   * still take no complex value.
   */
  claimsToAddOrOverride?: Record<string, JsonValue>;
  claimsToSuppress?: string[];
}

export interface AccessTokenClaimsOverride extends TokenClaimsOverride {
  scopesToAdd?: string[];
  scopesToSuppress?: string[];
}

export interface ClaimsAndScopeOverrideDetails {
  idTokenGeneration?: TokenClaimsOverride;
  accessTokenGeneration?: AccessTokenClaimsOverride;
  groupOverrideDetails?: GroupOverrideDetails;
}

/**
 * Versions 2 (`V2_0`) and 3 (`V3_0`): ID and access tokens, JSON claim values, scopes.
 *
 * Replaces the V2 and V3 types of `@types/aws-lambda`: those type claim values as strings only,
 * and type V3 as machine-to-machine only, whereas a V3 function receives user sign-ins too.
 * Essentials or Plus feature plan required.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export interface PreTokenGenerationV2Event<
  TSource extends PreTokenGenerationSource = PreTokenGenerationUserSource,
> extends PreTokenGenerationEventBase<TSource> {
  request: PreTokenGenerationEventBase<TSource>['request'] & {
    scopes?: string[] | null;
  };
  response: {
    claimsAndScopeOverrideDetails?: ClaimsAndScopeOverrideDetails | null;
  };
}

/** Version 3: version 2 plus `TokenGeneration_ClientCredentials`, whose event has no user. */
export type PreTokenGenerationV3Event<
  TSource extends PreTokenGenerationSource = PreTokenGenerationSource,
> = TSource extends typeof PreTokenGenerationSource.ClientCredentials
  ? Omit<PreTokenGenerationV2Event<TSource>, 'userName'> & { userName?: string }
  : PreTokenGenerationV2Event<TSource>;

export type PreTokenGenerationV1TriggerEvent = {
  [S in PreTokenGenerationUserSource]: PreTokenGenerationV1Event<S>;
}[PreTokenGenerationUserSource];

export type PreTokenGenerationV2TriggerEvent = {
  [S in PreTokenGenerationUserSource]: PreTokenGenerationV2Event<S>;
}[PreTokenGenerationUserSource];

export type PreTokenGenerationV3TriggerEvent = {
  [S in PreTokenGenerationSource]: PreTokenGenerationV3Event<S>;
}[PreTokenGenerationSource];

/** Any pre token generation event a function may receive, whatever version the pool sends. */
export type PreTokenGenerationTriggerEvent =
  | PreTokenGenerationV1TriggerEvent
  | PreTokenGenerationV2TriggerEvent
  | PreTokenGenerationV3TriggerEvent;

/**
 * The event version as a number. `version` is `"1"`, `"2"` or `"3"` on AWS, has been a number in
 * older samples, and is `"0"` in some emulators; anything but 2 or 3 means version 1.
 */
export function preTokenGenerationVersion(event: { version: string | number }): 1 | 2 | 3 {
  const version = Number(event.version);
  return version === 2 || version === 3 ? version : 1;
}

/** Claims that Cognito reserves: never add, change or suppress them (it drops such changes). */
export const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  'sub',
  'cognito:username',
  'username',
  'identities',
  'aud',
  'client_id',
  'event_id',
  'device_key',
  'version',
  'acr',
  'amr',
  'at_hash',
  'auth_time',
  'azp',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'token_use',
  'scope',
]);

/**
 * Whether a claim name is reserved by Cognito. Every `cognito:` claim is, including
 * `cognito:groups`, `cognito:roles` and `cognito:preferred_role`: those change only through
 * `groupOverrideDetails`.
 */
export function isReservedClaim(name: string): boolean {
  return RESERVED_CLAIMS.has(name) || name.startsWith('cognito:');
}
