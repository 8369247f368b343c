import type { CognitoTriggerEventBase, NullableStringMap, StringMap } from './common.js';

/** Every `triggerSource` of the user migration trigger. */
export const UserMigrationSource = {
  /**
   * A sign-in with a password by a user the pool does not know: check the password against the
   * old directory. Passwordless sign-ins never fire it.
   */
  Authentication: 'UserMigration_Authentication',
  /** A forgot-password request by a user the pool does not know: no password to check. */
  ForgotPassword: 'UserMigration_ForgotPassword',
} as const;
export type UserMigrationSource = (typeof UserMigrationSource)[keyof typeof UserMigrationSource];

/**
 * What the migrated user's status becomes: `CONFIRMED` (sign in with the old password; also
 * what an unset value means) or `RESET_REQUIRED` (the client gets
 * `PasswordResetRequiredException` and must reset). Cognito does not apply the pool's password
 * policy to a migrated password: set `RESET_REQUIRED` yourself for one that fails it.
 */
export type MigratedUserStatus = 'CONFIRMED' | 'RESET_REQUIRED';

/** Where Cognito sends the welcome message: SMS when unset. */
export type DeliveryMedium = 'EMAIL' | 'SMS';

/**
 * The user migration event, narrowed by `triggerSource`: `request.password` is a string for
 * `UserMigration_Authentication` and absent for `UserMigration_ForgotPassword`. `userName` is
 * what the user typed (an email or phone number alias, possibly). Return the user's attributes in
 * `response.userAttributes` (required; with a verified `email` or `phone_number` for the
 * forgot-password flow to send its code), or throw to refuse.
 *
 * `validationData` is the `ClientMetadata` of the sign-in call; `clientMetadata` that of
 * `ForgotPassword` or `AdminRespondToAuthChallenge`. Either can be `null`.
 *
 * Replaces `UserMigrationTriggerEvent` of `@types/aws-lambda`, which types `password` as a string
 * for both sources, every response field as present and non-null (they arrive `null`),
 * `finalUserStatus` as any user status, and allows `messageAction: "RESEND"`, which the
 * developer guide documents only for `AdminCreateUser`, not here.
 *
 * @example
 * if (event.triggerSource === 'UserMigration_Authentication') {
 *   const user = await legacy.signIn(event.userName, event.request.password);
 *   event.response.userAttributes = { email: user.email, email_verified: 'true' };
 *   event.response.finalUserStatus = 'CONFIRMED';
 *   event.response.messageAction = 'SUPPRESS';
 * }
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html
 */
export interface UserMigrationEvent<TSource extends UserMigrationSource = UserMigrationSource>
  extends CognitoTriggerEventBase<TSource> {
  request: (TSource extends typeof UserMigrationSource.Authentication
    ? { password: string }
    : { password?: undefined }) & {
    validationData?: NullableStringMap;
    clientMetadata?: NullableStringMap;
  };
  response: {
    /** Required in your answer; include `custom:` attributes with their prefix. */
    userAttributes?: StringMap | null;
    finalUserStatus?: MigratedUserStatus | null;
    /** `SUPPRESS`: send no welcome message. Unset: Cognito sends one. */
    messageAction?: 'SUPPRESS' | null;
    desiredDeliveryMediums?: DeliveryMedium[] | null;
    /**
     * `true` moves an email or phone alias that another user holds to the migrated user; `false`
     * (or unset) fails the migration instead.
     */
    forceAliasCreation?: boolean | null;
    /** `true` requires SMS MFA of the migrated user (a `phone_number` attribute is needed). */
    enableSMSMFA?: boolean | null;
  };
}

export type UserMigrationTriggerEvent = {
  [S in UserMigrationSource]: UserMigrationEvent<S>;
}[UserMigrationSource];
