// The pure decision of post confirmation, without the wrapper, the log line or any I/O: what
// to provision (`provisioningRequest`, the email proven) and which tenant (`resolveTenant`). Its warm latency is
// the part of a confirmation that does not wait for DynamoDB or Cognito.

import type { PostConfirmationEvent } from '@cognito-triggers/events';
import { defineConfig } from '@cognito-triggers/events';
import { resolveTenant, tenancyPolicyVariables } from '@cognito-triggers/tenancy';
import { provisioningRequest } from '../../../../triggers/post-confirmation/src/request.js';

const policy = defineConfig(tenancyPolicyVariables).load(process.env);

export const handler = async (
  event: PostConfirmationEvent<'PostConfirmation_ConfirmSignUp'>,
): Promise<unknown> => {
  const request = provisioningRequest(event, policy);
  return resolveTenant({ sub: request.sub, email: request.admission.email.address }, policy);
};
