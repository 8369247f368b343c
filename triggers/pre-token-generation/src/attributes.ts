import type { GroupConfiguration, StringMap } from '@cognito-triggers/events';
import { isTenantId } from '@cognito-triggers/tenancy/model';
import type { TenantClaims } from './claims.js';

/** The attribute post confirmation sets through the admin API; no app client may write it. */
export const TENANT_ID_ATTRIBUTE = 'custom:tenant_id';

/**
 * Tenant claims from the user's own attributes and groups, without the store (attribute mode):
 * the tenant from `custom:tenant_id`, the role from the role group the user is in (`admin`
 * wins), and no tier. A user in no role group gets the least role, `member`. `undefined` when
 * there is no tenant, or when the attribute is not a well-formed tenant id (the store's grammar,
 * `[a-z0-9][a-z0-9-]{0,62}`): a value that could break out of a claim is never issued.
 *
 * This trusts the attribute as only the admin API wrote it: attach refuses a pool whose app
 * clients can write it, and pre sign-up refuses a self-service sign-up that sets it.
 */
export function claimsFromAttributes(
  attributes: StringMap,
  groups: GroupConfiguration | null | undefined,
  roleGroups: { readonly admin: string; readonly member: string },
): TenantClaims | undefined {
  const tenantId = attributes?.[TENANT_ID_ATTRIBUTE];
  if (typeof tenantId !== 'string' || !isTenantId(tenantId)) return undefined;
  const isAdmin = (groups?.groupsToOverride ?? []).includes(roleGroups.admin);
  return { tenantId, role: isAdmin ? 'admin' : 'member' };
}
