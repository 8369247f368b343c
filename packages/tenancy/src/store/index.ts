import { createTenantReader } from './reads.js';
import type { TenantStore, TenantStoreOptions } from './types.js';
import { createTenantWriter } from './writes.js';

export { createTenantReader } from './reads.js';
export type {
  CallOptions,
  CreateInvitationInput,
  EnsureMembershipInput,
  EnsureTenantInput,
  TenantMembership,
  TenantReader,
  TenantStore,
  TenantStoreOptions,
  TenantWriter,
  UserRecord,
} from './types.js';
export { createTenantWriter } from './writes.js';

/**
 * The {@link TenantStore} on a DynamoDB table: its reads and its writes. A function that only
 * provisions by email takes {@link createTenantWriter} instead, and bundles `UpdateItem` alone.
 *
 * @example
 * const store = createTenantStore({ client: createDynamoDbClient(), tableName: 'tenants' });
 * const found = await store.lookup(sub, { tenantIdHint: attributes['custom:tenant_id'], signal });
 */
export function createTenantStore(options: TenantStoreOptions): TenantStore {
  return { ...createTenantReader(options), ...createTenantWriter(options) };
}
