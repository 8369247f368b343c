import type { CognitoTriggerEventBase, NullableStringMap, StringMap } from './common.js';

/** Every `triggerSource` of the pre authentication trigger. */
export const PreAuthenticationSource = {
  /**
   * A sign-in (`InitiateAuth`, `AdminInitiateAuth`) of a user who exists, before the password is
   * checked. A refresh never fires it: blocking a user at refresh is pre token generation's.
   */
  Authentication: 'PreAuthentication_Authentication',
} as const;
export type PreAuthenticationSource =
  (typeof PreAuthenticationSource)[keyof typeof PreAuthenticationSource];

/**
 * The pre authentication event. Throwing refuses the sign-in; the response is empty, yet the
 * event must still be returned.
 *
 * `validationData` is the `ClientMetadata` of the sign-in call (it is what the client typed:
 * never proof of anything), `null` when there was none. `userNotFound` is `true` when the app
 * client prevents user existence errors and no such user exists: there is no user to check.
 *
 * Replaces `PreAuthenticationTriggerEvent` of `@types/aws-lambda` because `validationData` can be
 * `null`.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-authentication.html
 */
export interface PreAuthenticationEvent<
  TSource extends PreAuthenticationSource = PreAuthenticationSource,
> extends CognitoTriggerEventBase<TSource> {
  request: {
    userAttributes: StringMap;
    validationData?: NullableStringMap;
    userNotFound?: boolean;
  };
  response: Record<string, never>;
}

export type PreAuthenticationTriggerEvent = {
  [S in PreAuthenticationSource]: PreAuthenticationEvent<S>;
}[PreAuthenticationSource];
