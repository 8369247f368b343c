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
  TFVARS_TO_ENVIRONMENT,
} from './config.js';
export { MACHINE_ROLE } from './machine.js';
export { REFUSALS } from './tenant.js';
