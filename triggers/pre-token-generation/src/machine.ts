import type { TriggerContext } from '@cognito-triggers/events';
import type { PreTokenGenerationConfig } from './config.js';
import { fromStore, type StorePath } from './tenant.js';

/**
 * Version 3 machine-to-machine tokens (`TokenGeneration_ClientCredentials`) have no user. An app
 * client listed in `CLIENT_TENANT_MAP` gets the tenant id claim (and role `service`) in its
 * access token, so a tenant's own integrations are scoped like its users; any other client's
 * token is left untouched. With the tenant store, the tenant is read as a user's is (cached, and
 * under `STORE_FAILURE_POLICY`): its tier is claimed too, a suspended tenant's clients are
 * refused their tokens, as its users are, and a tenant the store does not have (or cannot answer
 * for, under `degrade`) gives no claims.
 */
export async function clientCredentialsResponse(
  clientId: string,
  context: TriggerContext,
  config: PreTokenGenerationConfig,
  loadStorePath: () => Promise<StorePath>,
) {
  const tenantId = config.clientTenants.find(([client]) => client === clientId)?.[1];
  if (tenantId === undefined) return undefined;
  let tier: string | undefined;
  if (config.tableName !== undefined) {
    const outcome = await fromStore(
      // A user's key is a JSON array: this one cannot be taken for it.
      `client ${clientId}`,
      async (signal) => (await loadStorePath()).findClientTenant(tenantId, config, signal),
      context,
      config,
    );
    if ('noTenant' in outcome) return undefined;
    tier = outcome.claims.tier;
  }
  return {
    tenantId,
    response: {
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: {
          claimsToAddOrOverride: {
            [config.claimTenantId]: tenantId,
            [config.claimTenantRole]: MACHINE_ROLE,
            ...(tier === undefined ? {} : { [config.claimTenantTier]: tier }),
          },
        },
      },
    },
  };
}

/** The role claimed by a machine client's token. */
export const MACHINE_ROLE = 'service';
