import type { TenantContext } from './claims.js';
import { InsufficientRoleError, InsufficientScopeError } from './errors.js';

/**
 * Refuses unless the caller's tenant role is one of `roles`. Roles are per tenant: this says
 * nothing about which tenant's data is asked for, so keep filtering every query by
 * `context.tenantId`.
 *
 * @throws {InsufficientRoleError} (403) otherwise.
 * @example
 * ```ts
 * requireRole(tenantOf(req), 'admin');
 * ```
 */
export function requireRole(context: TenantContext, ...roles: readonly string[]): void {
  if (roles.length === 0) throw new TypeError('requireRole needs at least one role');
  if (!roles.includes(context.tenantRole)) throw new InsufficientRoleError(roles);
}

/**
 * Refuses unless the access token carries `scope` (with pre token generation V2/V3, the
 * suite adds the role's scopes from `ROLE_SCOPES`). An ID token carries no scopes.
 *
 * @throws {InsufficientScopeError} (403) otherwise.
 * @example
 * ```ts
 * requireScope(tenantOf(req), 'orders/write');
 * ```
 */
export function requireScope(context: TenantContext, scope: string): void {
  if (!context.scopes.includes(scope)) throw new InsufficientScopeError(scope);
}
