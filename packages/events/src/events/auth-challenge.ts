import type { CognitoTriggerEventBase, NullableStringMap, StringMap } from './common.js';

/** The `triggerSource` of the define auth challenge trigger. */
export const DefineAuthChallengeSource = {
  Authentication: 'DefineAuthChallenge_Authentication',
} as const;
export type DefineAuthChallengeSource =
  (typeof DefineAuthChallengeSource)[keyof typeof DefineAuthChallengeSource];

/** The `triggerSource` of the create auth challenge trigger. */
export const CreateAuthChallengeSource = {
  Authentication: 'CreateAuthChallenge_Authentication',
} as const;
export type CreateAuthChallengeSource =
  (typeof CreateAuthChallengeSource)[keyof typeof CreateAuthChallengeSource];

/** The `triggerSource` of the verify auth challenge response trigger. */
export const VerifyAuthChallengeResponseSource = {
  Authentication: 'VerifyAuthChallengeResponse_Authentication',
} as const;
export type VerifyAuthChallengeResponseSource =
  (typeof VerifyAuthChallengeResponseSource)[keyof typeof VerifyAuthChallengeResponseSource];

/**
 * The challenges Cognito records in a custom authentication `session`, as the developer guide
 * lists them (a closed list: it admits no other name). `SRP_A` and `PASSWORD_VERIFIER` are the
 * password check a custom flow may start with; `SMS_MFA`, `EMAIL_OTP` and `SOFTWARE_TOKEN_MFA`
 * are the MFA of a user who has set it up, which Cognito puts after `PASSWORD_VERIFIER`;
 * `CUSTOM_CHALLENGE` is yours.
 *
 * Replaces `ChallengeName` of `@types/aws-lambda`, which lacks `EMAIL_OTP` and
 * `SOFTWARE_TOKEN_MFA` and keeps `CUSTOM_CHALLENGE` apart.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-define-auth-challenge.html
 */
export const ChallengeName = {
  Custom: 'CUSTOM_CHALLENGE',
  SrpA: 'SRP_A',
  PasswordVerifier: 'PASSWORD_VERIFIER',
  SmsMfa: 'SMS_MFA',
  EmailOtp: 'EMAIL_OTP',
  SoftwareTokenMfa: 'SOFTWARE_TOKEN_MFA',
  DeviceSrpAuth: 'DEVICE_SRP_AUTH',
  DevicePasswordVerifier: 'DEVICE_PASSWORD_VERIFIER',
  AdminNoSrpAuth: 'ADMIN_NO_SRP_AUTH',
} as const;
export type ChallengeName = (typeof ChallengeName)[keyof typeof ChallengeName];

/**
 * One challenge of the sign-in so far, oldest first (`session[0]` is the first challenge).
 * Check `challengeName` as well as `challengeResult` before issuing tokens: a passed
 * `SRP_A` is not a passed custom challenge.
 *
 * `challengeMetadata` is what create auth challenge returned for a `CUSTOM_CHALLENGE` (your name
 * for it). Captured events carry `null` when there is none (`SRP_A`, `PASSWORD_VERIFIER`), where
 * `@types/aws-lambda` allows only `undefined` for challenges other than `CUSTOM_CHALLENGE`.
 */
export interface ChallengeResult {
  challengeName: ChallengeName;
  challengeResult: boolean;
  challengeMetadata?: string | null;
}

/**
 * Define auth challenge: decides the next step of a custom authentication flow from the
 * `session` so far. Set `issueTokens` (the user has passed), `failAuthentication` (stop here),
 * or `challengeName` for the next challenge (`CUSTOM_CHALLENGE`, or `PASSWORD_VERIFIER` after
 * `SRP_A`). The session is empty when the client started with `CHALLENGE_NAME: CUSTOM_CHALLENGE`.
 *
 * `userNotFound` is `true` when the app client prevents user existence errors and no such user
 * exists: keep answering as for a real user (same challenges, same latency) and never issue
 * tokens.
 *
 * Replaces `DefineAuthChallengeTriggerEvent` of `@types/aws-lambda`: the response arrives with
 * every field `null` (as captured events show), not as booleans, and `clientMetadata` can be
 * `null`.
 *
 * @example
 * const last = event.request.session.at(-1);
 * event.response.issueTokens = last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult;
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-define-auth-challenge.html
 */
export interface DefineAuthChallengeEvent<
  TSource extends DefineAuthChallengeSource = DefineAuthChallengeSource,
> extends CognitoTriggerEventBase<TSource> {
  request: {
    userAttributes: StringMap;
    session: ChallengeResult[];
    clientMetadata?: NullableStringMap;
    userNotFound?: boolean;
  };
  response: {
    challengeName?: ChallengeName | null;
    issueTokens?: boolean | null;
    failAuthentication?: boolean | null;
  };
}

/**
 * Create auth challenge: builds the challenge define auth challenge asked for.
 * `publicChallengeParameters` go to the client (the question: never the answer);
 * `privateChallengeParameters` go only to verify auth challenge response (the answer);
 * `challengeMetadata` names the challenge in later `session` entries.
 *
 * Replaces `CreateAuthChallengeTriggerEvent` of `@types/aws-lambda`: the response arrives with
 * every field `null`, and `clientMetadata` can be `null`.
 *
 * @example
 * event.response.publicChallengeParameters = { question: 'What is 6 × 7?' };
 * event.response.privateChallengeParameters = { answer: '42' };
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-create-auth-challenge.html
 */
export interface CreateAuthChallengeEvent<
  TSource extends CreateAuthChallengeSource = CreateAuthChallengeSource,
> extends CognitoTriggerEventBase<TSource> {
  request: {
    userAttributes: StringMap;
    /** The challenge define auth challenge named: `CUSTOM_CHALLENGE` in practice. */
    challengeName: string;
    session: ChallengeResult[];
    clientMetadata?: NullableStringMap;
    userNotFound?: boolean;
  };
  response: {
    publicChallengeParameters?: StringMap | null;
    privateChallengeParameters?: StringMap | null;
    challengeMetadata?: string | null;
  };
}

/**
 * Verify auth challenge response: compares the user's `challengeAnswer` with what create auth
 * challenge put in `privateChallengeParameters`, and sets `answerCorrect`. Compare in constant
 * time when the answer is a secret.
 *
 * Replaces `VerifyAuthChallengeResponseTriggerEvent` of `@types/aws-lambda`: `answerCorrect`
 * arrives as `null`, and `clientMetadata` can be `null`.
 *
 * @example
 * event.response.answerCorrect =
 *   event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-verify-auth-challenge-response.html
 */
export interface VerifyAuthChallengeResponseEvent<
  TSource extends VerifyAuthChallengeResponseSource = VerifyAuthChallengeResponseSource,
> extends CognitoTriggerEventBase<TSource> {
  request: {
    userAttributes: StringMap;
    privateChallengeParameters: StringMap;
    challengeAnswer: string;
    clientMetadata?: NullableStringMap;
    userNotFound?: boolean;
  };
  response: {
    answerCorrect?: boolean | null;
  };
}

export type DefineAuthChallengeTriggerEvent = {
  [S in DefineAuthChallengeSource]: DefineAuthChallengeEvent<S>;
}[DefineAuthChallengeSource];

export type CreateAuthChallengeTriggerEvent = {
  [S in CreateAuthChallengeSource]: CreateAuthChallengeEvent<S>;
}[CreateAuthChallengeSource];

export type VerifyAuthChallengeResponseTriggerEvent = {
  [S in VerifyAuthChallengeResponseSource]: VerifyAuthChallengeResponseEvent<S>;
}[VerifyAuthChallengeResponseSource];

/** The three custom authentication triggers, for one function attached to all three. */
export type AuthChallengeTriggerEvent =
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent;
