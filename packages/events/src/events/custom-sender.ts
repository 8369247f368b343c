import type { CognitoTriggerEventBase, NullableStringMap, StringMap } from './common.js';

/** Every `triggerSource` of the custom email sender trigger. */
export const CustomEmailSenderSource = {
  SignUp: 'CustomEmailSender_SignUp',
  ResendCode: 'CustomEmailSender_ResendCode',
  ForgotPassword: 'CustomEmailSender_ForgotPassword',
  UpdateUserAttribute: 'CustomEmailSender_UpdateUserAttribute',
  VerifyUserAttribute: 'CustomEmailSender_VerifyUserAttribute',
  /** The invitation: `code` is the temporary password. */
  AdminCreateUser: 'CustomEmailSender_AdminCreateUser',
  /** Threat protection saw a risky sign-in: no code, the sign-in's details in the attributes. */
  AccountTakeOverNotification: 'CustomEmailSender_AccountTakeOverNotification',
  /** An email MFA code or a passwordless one-time password. */
  Authentication: 'CustomEmailSender_Authentication',
} as const;
export type CustomEmailSenderSource =
  (typeof CustomEmailSenderSource)[keyof typeof CustomEmailSenderSource];

/**
 * Every `triggerSource` of the custom SMS sender trigger. The developer guide lists
 * `CustomSMSSender_Authentication` (not `_AuthenticationUser`), and no account takeover
 * notification: those go by email only.
 */
export const CustomSmsSenderSource = {
  SignUp: 'CustomSMSSender_SignUp',
  ResendCode: 'CustomSMSSender_ResendCode',
  ForgotPassword: 'CustomSMSSender_ForgotPassword',
  UpdateUserAttribute: 'CustomSMSSender_UpdateUserAttribute',
  VerifyUserAttribute: 'CustomSMSSender_VerifyUserAttribute',
  /** The invitation: `code` is the temporary password. */
  AdminCreateUser: 'CustomSMSSender_AdminCreateUser',
  /** An SMS MFA code or a passwordless one-time password. */
  Authentication: 'CustomSMSSender_Authentication',
} as const;
export type CustomSmsSenderSource =
  (typeof CustomSmsSenderSource)[keyof typeof CustomSmsSenderSource];

/** The `request.type` of each custom sender: the only request version there is (`V1_0`). */
export const CustomSenderRequestType = {
  email: 'customEmailSenderRequestV1',
  sms: 'customSMSSenderRequestV1',
} as const;

/**
 * The action threat protection took on the sign-in it reported, as the pool's risk configuration
 * names them. Other strings are admitted: the developer guide does not list the values an event
 * carries.
 */
export type AccountTakeoverAction =
  | 'BLOCK'
  | 'MFA_IF_CONFIGURED'
  | 'MFA_REQUIRED'
  | 'NO_ACTION'
  | (string & {});

/**
 * What an account takeover notification carries in `userAttributes`: the details of the risky
 * sign-in and the one-click links that let the user say whether it was them. The developer guide
 * does not list these keys; the names come from `@types/aws-lambda`, which requires them all and
 * admits no other key. Here each is optional and other attributes (the user's own) are admitted:
 * read them defensively.
 */
export type AccountTakeoverNotificationAttributes = StringMap & {
  EVENT_ID?: string;
  USER_NAME?: string;
  IP_ADDRESS?: string;
  ACCOUNT_TAKE_OVER_ACTION?: AccountTakeoverAction;
  /** The link the user follows to confirm the sign-in was theirs. */
  ONE_CLICK_LINK_VALID?: string;
  /** The link the user follows to report the sign-in as not theirs. */
  ONE_CLICK_LINK_INVALID?: string;
  LOGIN_TIME?: string;
  FEEDBACK_TOKEN?: string;
  CITY?: string;
  COUNTRY?: string;
  DEVICE_NAME?: string;
};

interface CustomSenderEventBase<TSource extends string> extends CognitoTriggerEventBase<TSource> {
  /**
   * A custom sender event carries no `response`: Cognito ignores what the function returns and
   * only needs it not to fail.
   */
  response?: undefined;
}

/**
 * The custom email sender event, narrowed by `triggerSource`. Your function sends every email
 * the pool would send, with the provider it chooses.
 *
 * `request.code` is the code or temporary password, encrypted: base64 ciphertext of the AWS
 * Encryption SDK under the KMS key of the pool's `LambdaConfig.KMSKeyID`. Decrypt it with the AWS
 * Encryption SDK (`@aws-crypto/client-node`, a KMS keyring on that key; the function's role needs
 * `kms:Decrypt`), never log it, and put the plaintext in the message. It is `null` for
 * `CustomEmailSender_AccountTakeOverNotification`, which has no code and carries the risky
 * sign-in's details in `userAttributes` instead.
 *
 * Replaces `CustomEmailSenderTriggerEvent` of `@types/aws-lambda`, which types `code` as
 * nullable for every source, `type` as any string, `clientMetadata` as never `null`, the event as
 * having a `response`, and the account takeover attributes as a closed, all-required set.
 *
 * @example
 * if (event.request.code !== null) {
 *   const { plaintext } = await decrypt(keyring, Buffer.from(event.request.code, 'base64'));
 * }
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-email-sender.html
 */
export interface CustomEmailSenderEvent<
  TSource extends CustomEmailSenderSource = CustomEmailSenderSource,
> extends CustomSenderEventBase<TSource> {
  request: {
    type: typeof CustomSenderRequestType.email;
    code: TSource extends typeof CustomEmailSenderSource.AccountTakeOverNotification
      ? null
      : string;
    userAttributes: TSource extends typeof CustomEmailSenderSource.AccountTakeOverNotification
      ? AccountTakeoverNotificationAttributes
      : StringMap;
    clientMetadata?: NullableStringMap;
  };
}

/**
 * The custom SMS sender event, narrowed by `triggerSource`. Your function sends every SMS the
 * pool would send (to `userAttributes.phone_number`), with the provider it chooses.
 *
 * `request.code` is the code or temporary password, encrypted: base64 ciphertext of the AWS
 * Encryption SDK under the KMS key of the pool's `LambdaConfig.KMSKeyID`. Decrypt it with the AWS
 * Encryption SDK and that key (the function's role needs `kms:Decrypt`), and never log it.
 *
 * Replaces `CustomSMSSenderTriggerEvent` of `@types/aws-lambda`, which types `code` as nullable
 * (every SMS carries a code), `type` as any string, `clientMetadata` as never `null`, and the
 * event as having a `response`.
 *
 * @example
 * const { plaintext } = await decrypt(keyring, Buffer.from(event.request.code, 'base64'));
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sms-sender.html
 */
export interface CustomSmsSenderEvent<TSource extends CustomSmsSenderSource = CustomSmsSenderSource>
  extends CustomSenderEventBase<TSource> {
  request: {
    type: typeof CustomSenderRequestType.sms;
    code: string;
    userAttributes: StringMap;
    clientMetadata?: NullableStringMap;
  };
}

export type CustomEmailSenderTriggerEvent = {
  [S in CustomEmailSenderSource]: CustomEmailSenderEvent<S>;
}[CustomEmailSenderSource];

export type CustomSmsSenderTriggerEvent = {
  [S in CustomSmsSenderSource]: CustomSmsSenderEvent<S>;
}[CustomSmsSenderSource];
