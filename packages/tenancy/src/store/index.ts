import { createTenantAdministration } from './administration.js';
import { createTenantItems } from './items.js';
import { createTenantLookup } from './lookup.js';
import { createProvisioningWrites } from './provisioning.js';
import type {
  ProvisioningStore,
  SignInStore,
  TenantReader,
  TenantStore,
  TenantStoreOptions,
} from './types.js';

export { createTenantAdministration } from './administration.js';
export { createTenantItems } from './items.js';
export { createTenantLookup } from './lookup.js';
export { createProvisioningWrites } from './provisioning.js';
export type {
  AdmitMemberInput,
  CallOptions,
  CreateInvitationInput,
  CreateTenantInput,
  EnsureMembershipInput,
  EnsureTenantInput,
  ProvisioningStore,
  ProvisioningWrites,
  SignInStore,
  TenantAdministration,
  TenantItems,
  TenantLookup,
  TenantMembership,
  TenantReader,
  TenantStore,
  TenantStoreOptions,
  UserRecord,
} from './types.js';

/**
 * The whole {@link TenantStore} on a DynamoDB table: sign-in reads and writes, and the
 * operators' operations. For the CLI, a team's admin API and tests; a trigger takes the part it
 * needs instead, so that its bundle (and IAM policy) holds only the commands that part sends.
 *
 * @example
 * const store = createTenantStore({ client: createDynamoDbClient(), tableName: 'tenants' });
 * await store.setTenantStatus('acme', 'suspended');
 */
export function createTenantStore(options: TenantStoreOptions): TenantStore {
  const items = createTenantItems(options);
  return {
    ...items,
    ...createTenantLookup(options, items),
    ...createProvisioningWrites(options, items),
    ...createTenantAdministration(options, items),
  };
}

/**
 * What the token trigger needs: the lookup and provisioning (`GetItem`, `BatchGetItem`, `Query`
 * on the table, `UpdateItem`).
 */
export function createSignInStore(options: TenantStoreOptions): SignInStore {
  const items = createTenantItems(options);
  return {
    ...items,
    ...createTenantLookup(options, items),
    ...createProvisioningWrites(options, items),
  };
}

/**
 * What post confirmation needs to provision by email: single-item reads and the sign-in writes
 * (`GetItem`, `UpdateItem`).
 */
export function createProvisioningStore(options: TenantStoreOptions): ProvisioningStore {
  const items = createTenantItems(options);
  return { ...items, ...createProvisioningWrites(options, items) };
}

/** What pre authentication needs: reads only (`GetItem`, `BatchGetItem`, `Query` on the table). */
export function createTenantReader(options: TenantStoreOptions): TenantReader {
  const items = createTenantItems(options);
  return { ...items, ...createTenantLookup(options, items) };
}
