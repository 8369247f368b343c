export {
  findPoolUser,
  groupOf,
  type OperationContext,
  type OperationDependencies,
  parseRole,
} from './context.js';
export { OperationError, OperationErrorCode } from './errors.js';
export {
  DEFAULT_INVITATION_DAYS,
  type InviteMemberInput,
  type InviteResult,
  inviteMember,
  MAX_INVITATION_DAYS,
  type Removal,
  type RemoveMemberInput,
  type RoleChange,
  removeMember,
  type SetMemberRoleInput,
  setMemberRole,
} from './members.js';
export {
  cognitoPoolAdmin,
  type PoolAdmin,
  type PoolUser,
  type PoolUserQuery,
} from './pool.js';
export {
  type CreateTenantRequest,
  createTenant,
  describeTenant,
  listTenants,
  resumeTenant,
  suspendTenant,
  type TenantCreation,
  type TenantDescription,
} from './tenants.js';
