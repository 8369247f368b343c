import {
  defineTrigger,
  type PreTokenGenerationTriggerEvent,
  preTokenGenerationVersion,
} from '@cognito-triggers/events';
import { planTokens, planWithoutTenant, toV1Response, toV2Response } from './claims.js';
import { claimsPolicy, preTokenGenerationConfig } from './config.js';
import { clientCredentialsResponse } from './machine.js';
import { tenantClaimsFor } from './tenant.js';

/**
 * Pre token generation: tenant id, role and tier claims, the role group and the role's scopes,
 * for event versions 1, 2 and 3. The store path (and with it the AWS SDK) is imported only when
 * `TENANT_TABLE_NAME` is set and the cache has no answer.
 */
export const handler = defineTrigger({
  name: 'PreTokenGeneration',
  config: preTokenGenerationConfig,
  async handle(event: PreTokenGenerationTriggerEvent, context, config) {
    const version = preTokenGenerationVersion(event);
    const response = event.response as Record<string, unknown>;
    const loadStorePath = () => import('./store.js');
    // The literal, not PreTokenGenerationSource.ClientCredentials: that object would bring every
    // source's name into a bundle that is at its size budget (DESIGN.md's 10 % over the SDK).
    // Comparing with the event's union type still checks the name.
    if (event.triggerSource === 'TokenGeneration_ClientCredentials') {
      context.note({ machineClient: true });
      const machine = await clientCredentialsResponse(
        event.callerContext.clientId,
        context,
        config,
        loadStorePath,
      );
      context.note({ tenantId: machine?.tenantId });
      if (machine !== undefined) Object.assign(response, machine.response);
      return;
    }

    const outcome = await tenantClaimsFor(event, context, config, loadStorePath);
    if ('noTenant' in outcome) {
      context.note({ tenantClaims: 'none' });
      // Attribute mode without a tenant id: the tokens stay as Cognito makes them.
      if (outcome.noTenant === 'none') return;
      const plan = planWithoutTenant(
        outcome.noTenant,
        event.request.groupConfiguration,
        claimsPolicy(config),
      );
      Object.assign(response, version === 1 ? toV1Response(plan) : toV2Response(plan));
      return;
    }
    const tenant = outcome.claims;
    const plan = planTokens(tenant, event.request.groupConfiguration, claimsPolicy(config));
    context.note({
      tenantId: tenant.tenantId,
      role: tenant.role,
      ...(plan.droppedGroups > 0 || plan.droppedTier
        ? { droppedGroups: plan.droppedGroups, droppedTier: plan.droppedTier }
        : {}),
    });
    Object.assign(response, version === 1 ? toV1Response(plan) : toV2Response(plan));
  },
});
