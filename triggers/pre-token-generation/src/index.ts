export {
  type ClaimNames,
  type ClaimsPolicy,
  GROUPS_TRUNCATED_CLAIM,
  planTokens,
  type TenantClaims,
  toV1Response,
  toV2Response,
} from './claims.js';
export {
  claimsPolicy,
  type PreTokenGenerationConfig,
  preTokenGenerationConfig,
  STORE_FAILURE_POLICIES,
} from './config.js';
export { MACHINE_ROLE } from './machine.js';
export { SETTINGS } from './settings.js';
export { REFUSALS } from './tenant.js';
