import { createMemberWrites } from './member-writes.js';
import { createTenantWrites } from './tenant-writes.js';
import type { TenantAdministration, TenantItems, TenantStoreOptions } from './types.js';

/**
 * What operators do to the store (the CLI, a team's own admin API): tenants, domain claims,
 * invitations, roles, removals. Every write is one conditional `UpdateItem` (or `DeleteItem`),
 * idempotent; lists use a `Scan` of the tenant items or the `GSI1` index. None of it is in a
 * trigger's bundle.
 *
 * @example
 * const admin = createTenantAdministration({ client, tableName }, createTenantItems({ client, tableName }));
 * await admin.setTenantStatus('acme', 'suspended');
 */
export function createTenantAdministration(
  options: TenantStoreOptions,
  items: Pick<TenantItems, 'getTenant'>,
): TenantAdministration {
  return { ...createTenantWrites(options, items), ...createMemberWrites(options, items) };
}
