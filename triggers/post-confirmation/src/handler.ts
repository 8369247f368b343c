import {
  abortAfter,
  defineTrigger,
  PostConfirmationSource,
  type PostConfirmationTriggerEvent,
} from '@cognito-triggers/events';
import {
  cognitoUserDirectory,
  createCognitoClient,
  createDynamoDbClient,
  createProvisioningStore,
  type ProvisionDependencies,
  provisionUser,
  TenancyError,
  TenancyErrorCode,
  userFacingError,
} from '@cognito-triggers/tenancy';
import { postConfirmationConfig } from './config.js';
import { provisioningRequest } from './request.js';

/** Refusals of tenancy that leave a confirmed user without a tenant, without an error. */
const NOT_AN_ERROR: ReadonlySet<string> = new Set([
  TenancyErrorCode.InvitationRequired,
  TenancyErrorCode.TenantNotSetUp,
  TenancyErrorCode.MembershipRemoved,
]);

/** Kept back from the deadline to log the failure and throw a message of our own. */
const FAILURE_RESERVE_MS = 200;

// Built on the first sign-up a warm container sees, then reused: a password reset never pays
// for SDK clients it does not use. Provisioning by email reads single items (a domain claim, a
// tenant) and writes: the provisioning store is all this function bundles (and all its IAM
// policy grants): `GetItem` and `UpdateItem`.
let services: ProvisionDependencies | undefined;
function connect(tableName: string): ProvisionDependencies {
  services ??= {
    store: createProvisioningStore({ client: createDynamoDbClient(), tableName }),
    directory: cognitoUserDirectory(createCognitoClient()),
  };
  return services;
}

/**
 * Post confirmation: a confirmed sign-up (federated first sign-ins included) is provisioned:
 * tenant found or created, membership with a role, `custom:tenant_id` and the role group set.
 * A password reset fires the same trigger and does nothing. A failure leaves the user
 * confirmed, so the message asks them to sign in again: the token trigger then provisions.
 */
export const handler = defineTrigger({
  name: 'PostConfirmation',
  config: postConfirmationConfig,
  async handle(event: PostConfirmationTriggerEvent, context, config) {
    switch (event.triggerSource) {
      case PostConfirmationSource.ConfirmForgotPassword:
        context.note({ action: 'none' });
        return;
      case PostConfirmationSource.ConfirmSignUp:
        break;
      default:
        return event satisfies never;
    }

    const signal = abortAfter(context.deadline.remainingMs() - FAILURE_RESERVE_MS, context.signal);
    try {
      const result = await provisionUser(
        connect(config.tableName),
        provisioningRequest(event, config),
        config,
        { signal },
      );
      context.note({
        action: 'provisioned',
        tenantId: result.tenant.id,
        role: result.membership.role,
        source: result.source,
        enrollment: result.enrollment,
        createdTenant: result.createdTenant,
        createdMembership: result.createdMembership,
      });
    } catch (error) {
      // The domain's enrollment keeps the user out of a tenant, or a removal does: the user is
      // confirmed all the same and signs in without tenant claims (the token says why).
      if (error instanceof TenancyError && NOT_AN_ERROR.has(error.code)) {
        context.note({ action: 'not-provisioned', code: error.code, detail: error.message });
        return;
      }
      // A refusal (no verified email) is the user's situation, not an incident.
      if (error instanceof TenancyError) context.note({ detail: error.message });
      else context.log.error('tenant provisioning failed', { error });
      throw userFacingError(error);
    }
  },
});
