export {
  type ClientFinding,
  ClientWriteAccess,
  clientsWriteProtectedError,
  protectedAttributeNames,
  writableProtectedAttributes,
} from './app-clients.js';
export {
  type AttachmentResult,
  type AttachRequest,
  attach,
  type ChangeOptions,
  type DetachRequest,
  detach,
  slotArn,
} from './attachment.js';
export {
  describePool,
  describePoolClients,
  type PoolTarget,
  poolClient,
  regionOfPool,
  updatePool,
} from './client.js';
export { emailUpdateWarning } from './email-update.js';
export { PoolError } from './errors.js';
export {
  type AttachInput,
  type Invocation,
  type InvocationAction,
  type InvocationDeps,
  type InvocationResult,
  parseInvocation,
  runInvocation,
} from './invocation.js';
export {
  attachTriggers,
  detachTriggers,
  diffLambdaConfig,
  type LambdaConfigChange,
  PRE_TOKEN_VERSIONS,
  type PreTokenVersion,
  SLOT_OF_TRIGGER,
  SUITE_SLOTS,
  type SuiteSlot,
  type SuiteTrigger,
  type SuiteTriggers,
} from './lambda-config.js';
export { ATTRIBUTE_NAME_PATTERN, LAMBDA_ARN_PATTERN, POOL_ID_PATTERN } from './patterns.js';
export { type AttachmentRecords, attachmentKey, noRecords, tableRecords } from './records.js';
export {
  assertKnownFields,
  LAMBDA_CONFIG_FIELDS,
  READ_ONLY_FIELDS,
  UPDATABLE_FROM,
  updateRequest,
} from './update-request.js';
