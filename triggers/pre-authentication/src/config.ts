import { defineConfig, env } from '@cognito-triggers/events';
import {
  SIGN_IN_TFVARS_TO_ENVIRONMENT,
  signInVariables,
  TENANCY_TFVARS_TO_ENVIRONMENT,
  tenancyPolicyVariables,
} from '@cognito-triggers/tenancy/config';

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

/**
 * How `terraform.tfvars.json` keys map onto this trigger's environment: the same keys as the
 * token trigger's, so that one policy file sets both functions alike. `TENANT_TABLE_NAME` comes
 * from the module's table.
 */
export const TFVARS_TO_ENVIRONMENT = {
  tenant_admin_group: TENANCY_TFVARS_TO_ENVIRONMENT.tenant_admin_group,
  tenant_member_group: TENANCY_TFVARS_TO_ENVIRONMENT.tenant_member_group,
  ...SIGN_IN_TFVARS_TO_ENVIRONMENT,
} as const satisfies Record<string, (typeof preAuthenticationConfig.variables)[number]>;
