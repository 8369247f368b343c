export {
  type PostConfirmationConfig,
  postConfirmationConfig,
} from './config.js';
export { provisioningRequest } from './request.js';
export { SETTINGS } from './settings.js';
