export {
  type PostConfirmationConfig,
  postConfirmationConfig,
  TFVARS_TO_ENVIRONMENT,
} from './config.js';
export { provisioningRequest } from './request.js';
