import type { CognitoTriggerEventBase, NullableStringMap, StringMap } from './common.js';

/** Every `triggerSource` of the pre sign-up trigger. */
export const PreSignUpSource = {
  SignUp: 'PreSignUp_SignUp',
  AdminCreateUser: 'PreSignUp_AdminCreateUser',
  ExternalProvider: 'PreSignUp_ExternalProvider',
} as const;
export type PreSignUpSource = (typeof PreSignUpSource)[keyof typeof PreSignUpSource];

/**
 * The pre sign-up event, narrowed by `triggerSource`.
 *
 * Replaces `PreSignUpTriggerEvent` of `@types/aws-lambda` because `validationData` and
 * `clientMetadata` can be `null`. The response cannot set attributes, and
 * `autoConfirmUser = false` blocks nothing: only a thrown error rejects a sign-up.
 * Cognito ignores all three flags for `PreSignUp_AdminCreateUser`.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
 */
export interface PreSignUpEvent<TSource extends PreSignUpSource = PreSignUpSource>
  extends CognitoTriggerEventBase<TSource> {
  request: {
    userAttributes: StringMap;
    validationData?: NullableStringMap;
    clientMetadata?: NullableStringMap;
  };
  response: {
    autoConfirmUser: boolean;
    autoVerifyEmail: boolean;
    autoVerifyPhone: boolean;
  };
}

/** One member of the union per source, so that a `switch` on `triggerSource` narrows. */
export type PreSignUpTriggerEvent = { [S in PreSignUpSource]: PreSignUpEvent<S> }[PreSignUpSource];
