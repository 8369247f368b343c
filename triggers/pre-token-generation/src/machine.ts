import type { PreTokenGenerationConfig } from './config.js';

/**
 * Version 3 machine-to-machine tokens (`TokenGeneration_ClientCredentials`) have no user. An app
 * client listed in `CLIENT_TENANT_MAP` gets the tenant id claim (and role `service`) in its
 * access token, so a tenant's own integrations are scoped like its users; any other client's
 * token is left untouched.
 */
export function clientCredentialsResponse(
  clientId: string,
  config: Pick<PreTokenGenerationConfig, 'clientTenants' | 'claimTenantId' | 'claimTenantRole'>,
) {
  const tenantId = config.clientTenants.find(([client]) => client === clientId)?.[1];
  if (tenantId === undefined) return undefined;
  return {
    tenantId,
    response: {
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: {
          claimsToAddOrOverride: {
            [config.claimTenantId]: tenantId,
            [config.claimTenantRole]: MACHINE_ROLE,
          },
        },
      },
    },
  };
}

/** The role claimed by a machine client's token. */
export const MACHINE_ROLE = 'service';
