import { defineConfig } from '@cognito-triggers/events';
import { TENANCY_TFVARS_TO_ENVIRONMENT, tenancyVariables } from '@cognito-triggers/tenancy';

/**
 * The post confirmation trigger's environment: exactly the nine tenancy variables, which the
 * token trigger reads under the same names. Every variable is documented in the README.
 */
export const postConfirmationConfig = defineConfig({ ...tenancyVariables });

export type PostConfirmationConfig = ReturnType<typeof postConfirmationConfig.load>;

/**
 * How the environment's policy file (`terraform.tfvars.json`) maps onto this trigger's
 * environment. `tenant_domain_map` is a JSON object there, joined by the Terraform module into
 * `domain=tenant,…`; `personal_email_domains` is a list joined with commas.
 * `TENANT_TABLE_NAME` is set from the module's own table, not from the file.
 */
export const TFVARS_TO_ENVIRONMENT = TENANCY_TFVARS_TO_ENVIRONMENT;
