import type { GroupConfiguration, StringMap } from '@cognito-triggers/events';
import type { TenantClaims } from './claims.js';

/** The attribute post confirmation sets through the admin API; no app client may write it. */
export const TENANT_ID_ATTRIBUTE = 'custom:tenant_id';

/**
 * Tenant claims from the user's own attributes and groups, without the store: the tenant from
 * `custom:tenant_id`, the role from the role group the user is in (`admin` wins), and no tier.
 * A user in no role group gets the least role, `member`. `undefined` when there is no tenant.
 */
export function claimsFromAttributes(
  attributes: StringMap,
  groups: GroupConfiguration | null | undefined,
  roleGroups: { readonly admin: string; readonly member: string },
): TenantClaims | undefined {
  const tenantId = attributes[TENANT_ID_ATTRIBUTE];
  if (tenantId === undefined || tenantId.length === 0) return undefined;
  const isAdmin = (groups?.groupsToOverride ?? []).includes(roleGroups.admin);
  return { tenantId, role: isAdmin ? 'admin' : 'member' };
}
