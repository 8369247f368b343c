export {
  type CognitoLocal,
  type CognitoLocalOptions,
  type CognitoLocalTrigger,
  startCognitoLocal,
} from './cognito-local.js';
export { CognitoLocalError } from './errors.js';
export {
  type InvokeServer,
  type InvokeServerOptions,
  type LocalFunction,
  startInvokeServer,
} from './lambda/invoke-server.js';
