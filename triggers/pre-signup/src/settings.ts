// How the Terraform module writes this trigger's environment from an environment's settings.
// Kept apart from config.ts, which the Lambda loads: this table is for the CLI, the local stack
// and the contract test, and never enters the bundle.
import type { SettingsTable } from '@cognito-triggers/events';

/**
 * The settings (the "settings" object of an environment's `terraform.tfvars.json`) this trigger
 * reads, and how the Terraform module writes each into its environment. The CLI and the local
 * stack use the same table, so that `check-email` loads the policy through the very code the
 * Lambda runs.
 */
export const SETTINGS = {
  allowed_email_domains: { variable: 'ALLOWED_EMAIL_DOMAINS', kind: 'list' },
  blocked_email_domains: { variable: 'BLOCKED_EMAIL_DOMAINS', kind: 'list' },
  protected_attributes: { variable: 'PROTECTED_ATTRIBUTES', kind: 'list' },
  auto_confirm_users: { variable: 'AUTO_CONFIRM_USERS', kind: 'bool' },
} as const satisfies SettingsTable;
