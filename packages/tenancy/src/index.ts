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
  type AuthoritativeProvider,
  type DomainMapping,
  type DomainPattern,
  findDomainMapping,
  PERSONAL_TENANT_PREFIX,
  parseAuthoritativeProvider,
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
  type Invitation,
  InvitationStatus,
  ItemType,
  invitationKey,
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
  type Admission,
  type EmailAdmission,
  type EmailProvisioningStore,
  type ProvisionDependencies,
  type ProvisioningStore,
  type ProvisionRequest,
  type ProvisionResult,
  provisionUser,
} from './provision.js';
export {
  deriveTenantId,
  type ResolvedTenant,
  resolveTenant,
  TenantSource,
} from './resolve.js';
export {
  type CallOptions,
  type CreateInvitationInput,
  createTenantReader,
  createTenantStore,
  createTenantWriter,
  type EnsureMembershipInput,
  type EnsureTenantInput,
  type TenantMembership,
  type TenantReader,
  type TenantStore,
  type TenantStoreOptions,
  type TenantWriter,
  type UserRecord,
} from './store/index.js';
export { createTenantTable, TENANT_TABLE, tenantTableInput } from './table.js';
export {
  admissionFor,
  EmailProof,
  EXTERNAL_PROVIDER_STATUS,
  federatedProvider,
  isUsable,
  type ProvenEmail,
  proveEmail,
  type UserFacts,
} from './trust.js';
