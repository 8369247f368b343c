/**
 * Test helpers of the tenant store: a real DynamoDB API on loopback (dynalite, or DynamoDB
 * Local through `DYNAMODB_ENDPOINT`), and the network failing on demand: inside a client
 * (`injectFaults`) or, for a trigger's own client in a bundle, as an HTTP proxy
 * (`startDynamoProxy`).
 *
 * @example
 * import { injectFaults, startDynamo, uniqueTableName } from '@cognito-triggers/tenancy/testing';
 */
export { LOCAL_AWS, type LocalDynamo, scanTable, startDynamo, uniqueTableName } from './dynamo.js';
export {
  countRequests,
  type FaultInjector,
  FaultKind,
  type FaultPlan,
  injectFaults,
  type RequestCounter,
  type SdkClient,
} from './faults.js';
export { createMemoryPool, type MemoryPool, type MemoryPoolUser } from './pool.js';
export { type DynamoProxy, type ProxyMode, startDynamoProxy } from './proxy.js';
