// How the Terraform module writes this trigger's environment from an environment's settings.
// Kept apart from config.ts, which the Lambda loads: this table is for the CLI, the local stack
// and the contract test, and never enters the bundle.
import type { SettingsTable } from '@cognito-triggers/events';
import { SIGN_IN_SETTINGS, TENANCY_SETTINGS } from '@cognito-triggers/tenancy/config';

/**
 * The settings this trigger reads: the same keys as the token trigger's, so that one settings
 * object sets both functions alike. `TENANT_TABLE_NAME` comes from the module's table.
 */
export const SETTINGS = {
  tenant_admin_group: TENANCY_SETTINGS.tenant_admin_group,
  tenant_member_group: TENANCY_SETTINGS.tenant_member_group,
  ...SIGN_IN_SETTINGS,
} as const satisfies SettingsTable;
