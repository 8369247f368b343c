import type { CognitoTriggerEventBase, NullableStringMap, StringMap } from './common.js';

/** Every `triggerSource` of the post confirmation trigger. */
export const PostConfirmationSource = {
  /** `ConfirmSignUp`, `AdminConfirmSignUp`, and a federated user's first sign-in. */
  ConfirmSignUp: 'PostConfirmation_ConfirmSignUp',
  /** Every password reset (`ConfirmForgotPassword`): nothing to provision. */
  ConfirmForgotPassword: 'PostConfirmation_ConfirmForgotPassword',
} as const;
export type PostConfirmationSource =
  (typeof PostConfirmationSource)[keyof typeof PostConfirmationSource];

/**
 * The post confirmation event, narrowed by `triggerSource`. The response is empty, yet the
 * event must still be returned. If the function throws, the user stays CONFIRMED.
 *
 * Same shape as `PostConfirmationTriggerEvent` of `@types/aws-lambda`, with a nullable
 * `clientMetadata`.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html
 */
export interface PostConfirmationEvent<
  TSource extends PostConfirmationSource = PostConfirmationSource,
> extends CognitoTriggerEventBase<TSource> {
  request: {
    userAttributes: StringMap;
    clientMetadata?: NullableStringMap;
  };
  response: Record<string, never>;
}

export type PostConfirmationTriggerEvent = {
  [S in PostConfirmationSource]: PostConfirmationEvent<S>;
}[PostConfirmationSource];
