import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';

/**
 * A warning when the pool lets a user's new email take effect before it is verified: without
 * `email` in `UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate`, a changed
 * email is the user's sign-in address at once (unverified); with it, the old address stays in
 * force until the new one is confirmed. Not a refusal: the triggers never trust an unverified
 * email, but the pool's owner should know. Undefined when the setting is there.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html
 */
export function emailUpdateWarning(pool: UserPoolType): string | undefined {
  const required = pool.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate;
  if (required?.includes('email') === true) return undefined;
  return `user pool ${pool.Id ?? '(no id)'} does not keep the old email until a new one is verified (UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate lacks "email"): a user who changes their email signs in with the unverified address at once. Set it in the pool's infrastructure code (Terraform: user_attribute_update_settings { attributes_require_verification_before_update = ["email"] }, which needs "email" in auto_verified_attributes).`;
}
