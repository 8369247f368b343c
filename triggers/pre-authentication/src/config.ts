import { defineConfig, env } from '@cognito-triggers/events';
import { signInVariables, tenancyPolicyVariables } from '@cognito-triggers/tenancy/config';

/**
 * The pre authentication trigger's environment; every variable is documented in the README. The
 * names are the token trigger's: one setting, one name, whichever function reads it.
 */
export const preAuthenticationConfig = defineConfig({
  /** Optional: without a store there is nothing to check, and every sign-in goes on. */
  tableName: env.optionalString('TENANT_TABLE_NAME'),
  adminGroup: tenancyPolicyVariables.adminGroup,
  memberGroup: tenancyPolicyVariables.memberGroup,
  ...signInVariables,
});

export type PreAuthenticationConfig = ReturnType<typeof preAuthenticationConfig.load>;
