// How the Terraform module writes this trigger's environment from an environment's settings.
// Kept apart from config.ts, which the Lambda loads: this table is for the CLI, the local stack
// and the contract test, and never enters the bundle.
import type { SettingsTable } from '@cognito-triggers/events';

/**
 * The settings this trigger reads (the "settings" object of `terraform.tfvars.json`): every one
 * a string. `cognito-triggers preview-messages` builds the Lambda's environment from the same
 * table.
 */
export const SETTINGS = {
  app_name: { variable: 'APP_NAME', kind: 'string' },
  default_locale: { variable: 'DEFAULT_LOCALE', kind: 'string' },
  support_email: { variable: 'SUPPORT_EMAIL', kind: 'string' },
  brand_color: { variable: 'BRAND_COLOR', kind: 'string' },
  logo_url: { variable: 'LOGO_URL', kind: 'string' },
  app_url: { variable: 'APP_URL', kind: 'string' },
  verify_link_url: { variable: 'VERIFY_LINK_URL', kind: 'string' },
} as const satisfies SettingsTable;
