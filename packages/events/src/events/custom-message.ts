import type { CognitoTriggerEventBase, NullableStringMap, StringMap } from './common.js';

/** Every `triggerSource` of the custom message trigger. */
export const CustomMessageSource = {
  SignUp: 'CustomMessage_SignUp',
  /** The invitation with a temporary password: the message must carry `usernameParameter`. */
  AdminCreateUser: 'CustomMessage_AdminCreateUser',
  ResendCode: 'CustomMessage_ResendCode',
  ForgotPassword: 'CustomMessage_ForgotPassword',
  UpdateUserAttribute: 'CustomMessage_UpdateUserAttribute',
  VerifyUserAttribute: 'CustomMessage_VerifyUserAttribute',
  /** The SMS multi-factor authentication code. */
  Authentication: 'CustomMessage_Authentication',
} as const;
export type CustomMessageSource = (typeof CustomMessageSource)[keyof typeof CustomMessageSource];

/** `TList` when it holds every member of `TUnion`; `never` otherwise, which fails where it is used. */
type Exhaustive<TUnion, TList extends readonly TUnion[]> = [
  Exclude<TUnion, TList[number]>,
] extends [never]
  ? TList
  : never;

const sources = [
  CustomMessageSource.SignUp,
  CustomMessageSource.AdminCreateUser,
  CustomMessageSource.ResendCode,
  CustomMessageSource.ForgotPassword,
  CustomMessageSource.UpdateUserAttribute,
  CustomMessageSource.VerifyUserAttribute,
  CustomMessageSource.Authentication,
] as const satisfies readonly CustomMessageSource[];

/**
 * Every custom message `triggerSource`, in the order of the developer guide: the
 * {@link CustomMessageSource} union as a list, for code that must cover each source (a message
 * gallery, a test matrix). It cannot drift from the union: a value that is not a source fails
 * `satisfies`, and a source left out turns this constant's type into `never`, both at compile time.
 *
 * @example
 * for (const source of CUSTOM_MESSAGE_SOURCES) render(source);
 */
export const CUSTOM_MESSAGE_SOURCES: Exhaustive<CustomMessageSource, typeof sources> = sources;

/**
 * The placeholders Cognito puts in a custom message event and replaces in the message it sends:
 * the code (`codeParameter`), the user name of an invitation (`usernameParameter`, only for
 * `_AdminCreateUser`) and the link of a link-verification email (`linkParameter`).
 */
export const CustomMessagePlaceholders = {
  code: '{####}',
  username: '{username}',
  link: '{##Click Here##}',
} as const;

/** Limits Cognito enforces on a custom message response, in characters. */
export const CustomMessageLimits = {
  emailSubject: 140,
  emailMessage: 20_000,
  smsMessage: 140,
} as const;

/**
 * The custom message event, narrowed by `triggerSource`. Every message must contain
 * `codeParameter` (and `usernameParameter` for `_AdminCreateUser`); `null` in the response means
 * "use the pool's own template".
 *
 * Replaces `CustomMessageTriggerEvent` of `@types/aws-lambda`: `usernameParameter` is typed as
 * present only for `_AdminCreateUser` here, `linkParameter` may be missing, and `clientMetadata`
 * may be `null`.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html
 */
export interface CustomMessageEvent<TSource extends CustomMessageSource = CustomMessageSource>
  extends CognitoTriggerEventBase<TSource> {
  request: {
    userAttributes: StringMap;
    codeParameter: string;
    linkParameter?: string | null;
    usernameParameter: TSource extends typeof CustomMessageSource.AdminCreateUser
      ? string
      : string | null;
    clientMetadata?: NullableStringMap;
  };
  response: {
    smsMessage: string | null;
    emailMessage: string | null;
    emailSubject: string | null;
  };
}

export type CustomMessageTriggerEvent = {
  [S in CustomMessageSource]: CustomMessageEvent<S>;
}[CustomMessageSource];
