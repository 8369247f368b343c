// How the Terraform module writes this trigger's environment from an environment's settings.
// Kept apart from config.ts, which the Lambda loads: this table is for the CLI, the local stack
// and the contract test, and never enters the bundle.
import { TENANCY_SETTINGS } from '@cognito-triggers/tenancy';

/**
 * The settings this trigger reads (the "settings" object of `terraform.tfvars.json`), and how
 * the Terraform module writes each. `TENANT_TABLE_NAME` is set from the module's own table.
 */
export const SETTINGS = TENANCY_SETTINGS;
