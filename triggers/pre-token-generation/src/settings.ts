// How the Terraform module writes this trigger's environment from an environment's settings.
// Kept apart from config.ts, which the Lambda loads: this table is for the CLI, the local stack
// and the contract test, and never enters the bundle.
import type { SettingsTable } from '@cognito-triggers/events';
import { SIGN_IN_SETTINGS, TENANCY_SETTINGS } from '@cognito-triggers/tenancy/config';

/**
 * The settings this trigger reads (the "settings" object of `terraform.tfvars.json`), and how
 * the Terraform module writes each. `TENANT_TABLE_NAME` comes from the module's table.
 * `claim_names` is an object there (`{ "tenant_id": "org" }`), split into the four
 * `CLAIM_TENANT_*` variables; `role_scopes` is passed as JSON; lists and maps are joined with
 * commas (`client=tenant` for `client_tenant_map`).
 */
export const SETTINGS = {
  ...TENANCY_SETTINGS,
  'claim_names.tenant_id': { variable: 'CLAIM_TENANT_ID', kind: 'string' },
  'claim_names.tenant_role': { variable: 'CLAIM_TENANT_ROLE', kind: 'string' },
  'claim_names.tenant_tier': { variable: 'CLAIM_TENANT_TIER', kind: 'string' },
  'claim_names.tenant_status': { variable: 'CLAIM_TENANT_STATUS', kind: 'string' },
  role_scopes: { variable: 'ROLE_SCOPES', kind: 'json' },
  claims_to_suppress: { variable: 'CLAIMS_TO_SUPPRESS', kind: 'list' },
  ...SIGN_IN_SETTINGS,
  claims_byte_budget: { variable: 'CLAIMS_BYTE_BUDGET', kind: 'number' },
  client_tenant_map: { variable: 'CLIENT_TENANT_MAP', kind: 'map' },
} as const satisfies SettingsTable;
