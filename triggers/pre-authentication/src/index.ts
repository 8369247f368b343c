export {
  REFUSALS,
  refusalFor,
  STORE_RESERVE_MS,
  type StorePath,
} from './access.js';
export {
  type PreAuthenticationConfig,
  preAuthenticationConfig,
} from './config.js';
export { SETTINGS } from './settings.js';
