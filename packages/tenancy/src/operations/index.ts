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
} from './invite.js';
export {
  cognitoPoolAdmin,
  type PoolAdmin,
  type PoolUser,
  type PoolUserQuery,
} from './pool.js';
export { type Removal, type RemoveMemberInput, removeMember } from './removal.js';
export { type RoleChange, type SetMemberRoleInput, setMemberRole } from './roles.js';
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
