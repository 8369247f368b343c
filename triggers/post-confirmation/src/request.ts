import type { PostConfirmationEvent, PostConfirmationSource } from '@cognito-triggers/events';
import {
  type ProvisionRequest,
  readVerifiedEmail,
  TenancyError,
  TenancyErrorCode,
} from '@cognito-triggers/tenancy';

/**
 * What to provision for a confirmed sign-up, read from the event. Pure.
 *
 * The tenant follows from the verified email alone. A `custom:tenant_id` in the event is
 * ignored on purpose, and not passed on as the current value: whatever it says, the resolved
 * tenant is written over it.
 *
 * @throws {TenancyError} no `sub`, no email, or a native user's email not verified.
 */
export function provisioningRequest(
  event: PostConfirmationEvent<typeof PostConfirmationSource.ConfirmSignUp>,
): ProvisionRequest {
  const attributes = event.request.userAttributes ?? {};
  const sub = attributes.sub;
  if (sub === undefined || sub.length === 0) {
    throw new TenancyError(TenancyErrorCode.UserInvalid, 'the event has no sub attribute');
  }
  return {
    userPoolId: event.userPoolId,
    username: event.userName,
    sub,
    email: readVerifiedEmail(attributes),
  };
}
