import type { PostConfirmationEvent, PostConfirmationSource } from '@cognito-triggers/events';
import {
  type EmailAdmission,
  type ProvisionRequest,
  proveEmail,
  TenancyError,
  TenancyErrorCode,
  type TenancyPolicy,
} from '@cognito-triggers/tenancy';

/**
 * What to provision for a confirmed sign-up, read from the event. Pure.
 *
 * The tenant follows from a proven email alone (`proveEmail`: a native user's verified email, a
 * federated user's provider-verified email or a provider authoritative for the domain). A
 * `custom:tenant_id` or an `identities` attribute in the event proves nothing, and the former is
 * not passed on as the current value: whatever it says, the resolved tenant is written over it.
 *
 * @throws {TenancyError} no `sub`, no email, or an email that nothing proves.
 */
export function provisioningRequest(
  event: PostConfirmationEvent<typeof PostConfirmationSource.ConfirmSignUp>,
  policy: Pick<TenancyPolicy, 'authoritativeProviders'>,
): ProvisionRequest & { readonly admission: EmailAdmission } {
  const attributes: Readonly<Record<string, unknown>> = event.request?.userAttributes ?? {};
  const sub = attributes.sub;
  if (typeof sub !== 'string' || sub.length === 0) {
    throw new TenancyError(TenancyErrorCode.UserInvalid, 'the event has no sub attribute');
  }
  return {
    userPoolId: event.userPoolId,
    username: event.userName,
    sub,
    admission: {
      kind: 'email',
      email: proveEmail({ username: event.userName, attributes }, policy),
    },
  };
}
