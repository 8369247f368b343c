import { TenantRole } from '../model.js';
import type { TenantStore } from '../store/index.js';
import { OperationError, OperationErrorCode } from './errors.js';
import type { PoolAdmin, PoolUser } from './pool.js';

/** The edges the operations change: the tenant store and the user pool. */
export interface OperationDependencies {
  readonly store: TenantStore;
  readonly pool: PoolAdmin;
}

/** Who acts, on which pool, with which role groups. */
export interface OperationContext {
  readonly userPoolId: string;
  /** The Cognito groups of the roles (`TENANT_ADMIN_GROUP`, `TENANT_MEMBER_GROUP`). */
  readonly adminGroup: string;
  readonly memberGroup: string;
  /** Recorded as the author of every change: an operator's name, or an admin's `sub`. */
  readonly actor: string;
  readonly signal?: AbortSignal | undefined;
}

/** The Cognito group of a role. */
export function groupOf(context: OperationContext, role: TenantRole): string {
  return role === TenantRole.Admin ? context.adminGroup : context.memberGroup;
}

/** A role named on a command line or in an API call. */
export function parseRole(value: string): TenantRole {
  if (value === TenantRole.Admin || value === TenantRole.Member) return value;
  throw new OperationError(
    OperationErrorCode.InvalidInput,
    `"${value}" is not a role (admin or member)`,
  );
}

/**
 * The one user of the pool that an email or a `sub` names.
 *
 * @throws {OperationError} `USER_NOT_FOUND`, `USER_AMBIGUOUS`.
 */
export async function findPoolUser(
  dependencies: Pick<OperationDependencies, 'pool'>,
  context: Pick<OperationContext, 'userPoolId' | 'signal'>,
  reference: string,
): Promise<PoolUser> {
  const value = reference.trim();
  if (value.length === 0) {
    throw new OperationError(
      OperationErrorCode.InvalidInput,
      'a user (an email or a sub) is required',
    );
  }
  const query = value.includes('@') ? { email: value } : { sub: value };
  const users = await dependencies.pool.findUsers(context.userPoolId, query, {
    signal: context.signal,
  });
  if (users.length === 0) {
    throw new OperationError(
      OperationErrorCode.UserNotFound,
      `no user of ${context.userPoolId} has ${'email' in query ? 'the email' : 'the sub'} "${value}"`,
    );
  }
  if (users.length > 1) {
    throw new OperationError(
      OperationErrorCode.UserAmbiguous,
      `${users.length} users of ${context.userPoolId} have the email "${value}": name one by its sub (${users.map((u) => u.sub).join(', ')})`,
    );
  }
  return users[0] as PoolUser;
}
