export { type Claims, type ClaimsRow, claimsTable, decodeJwtPayload } from './claims-table.js';
export {
  type CognitoLocal,
  type CognitoLocalOptions,
  type CognitoLocalTrigger,
  startCognitoLocal,
} from './cognito-local.js';
export { localDemo, localStart } from './commands/index.js';
export { type DemoOptions, type DemoResult, runDemo } from './demo.js';
export {
  CognitoLocalError,
  LocalStackError,
  LocalStackErrorCode,
  PortInUseError,
  type StackService,
} from './errors.js';
export {
  type InvokeServer,
  type InvokeServerOptions,
  type LocalFunction,
  startInvokeServer,
} from './lambda/invoke-server.js';
export {
  type DeliveredMessage,
  firstLine,
  latestMessage,
  readDeliveredMessages,
} from './messages.js';
export {
  EMULATOR_TRIGGER,
  loadStackPolicy,
  type StackPolicy,
  type TerraformFunction,
  TRIGGER_FOLDERS,
  TRIGGER_SETTINGS,
  type TriggerFolder,
} from './policy.js';
export { createLocalPool, type LocalPool, type LocalPoolOptions } from './pool.js';
export { freePort, type HeldPort, holdPort } from './ports.js';
export {
  COGNITO_TRIGGER_TIMEOUT_MS,
  FOREIGN_FUNCTION,
  LOCAL_CREDENTIALS,
  type LocalStack,
  localFunctionArn,
  type StackFunctionName,
  type StackOptions,
  startStack,
} from './stack.js';
export { type StackInfo, stackInfo } from './stack-info.js';
