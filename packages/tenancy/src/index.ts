export {
  type AwsClients,
  boundedRetryStrategy,
  type CallPolicy,
  type ClientOptions,
  COGNITO_CALL_POLICY,
  createAwsClients,
  createCognitoClient,
  createDynamoDbClient,
  DYNAMODB_CALL_POLICY,
} from './clients.js';
export {
  type DomainMapping,
  findDomainMapping,
  PERSONAL_TENANT_PREFIX,
  parseDomainMapping,
  TENANCY_TFVARS_TO_ENVIRONMENT,
  TENANCY_TFVARS_TYPES,
  type TenancyConfig,
  type TenancyPolicy,
  tenancyPolicyVariables,
  tenancyVariables,
} from './config.js';
export {
  cognitoUserDirectory,
  type DirectoryUser,
  TENANT_ID_ATTRIBUTE,
  type UserDirectory,
} from './directory.js';
export {
  TENANCY_USER_TEXT,
  TenancyError,
  TenancyErrorCode,
  TenantStoreError,
  userFacingError,
} from './errors.js';
export {
  ItemType,
  isTenantId,
  type Membership,
  membershipKey,
  TENANT_ID_PATTERN,
  type Tenant,
  TenantRole,
  TenantStatus,
  tenantKey,
} from './model.js';
export {
  type ProvisionDependencies,
  type ProvisionRequest,
  type ProvisionResult,
  provisionUser,
} from './provision.js';
export {
  deriveTenantId,
  type ResolvedTenant,
  readVerifiedEmail,
  resolveTenant,
  TenantSource,
} from './resolve.js';
export {
  type CallOptions,
  createTenantStore,
  type EnsureMembershipInput,
  type EnsureTenantInput,
  type TenantMembership,
  type TenantStore,
  type TenantStoreOptions,
} from './store.js';
export { createTenantTable, TENANT_TABLE, tenantTableInput } from './table.js';
