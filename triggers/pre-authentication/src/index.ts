export {
  clearTenantCache,
  REFUSALS,
  refusalFor,
  STORE_RESERVE_MS,
  type StorePath,
} from './access.js';
export {
  type PreAuthenticationConfig,
  preAuthenticationConfig,
  TFVARS_TO_ENVIRONMENT,
} from './config.js';
