import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  domainClaimFromItem,
  domainKey,
  membershipFromItem,
  membershipKey,
  tenantFromItem,
  tenantKey,
} from '../model.js';
import { callOptions } from './call-options.js';
import type { TenantItems, TenantStoreOptions } from './types.js';
import type { Item } from './update.js';

/**
 * Single-item reads of the tenant store (`GetItem` only), strongly consistent.
 *
 * @example
 * const items = createTenantItems({ client: createDynamoDbClient(), tableName: 'tenants' });
 * const tenant = await items.getTenant('acme', { signal });
 */
export function createTenantItems(options: TenantStoreOptions): TenantItems {
  const { client, tableName } = options;
  const get = getter(client, tableName);
  return {
    tableName,
    async getTenant(tenantId, { signal } = {}) {
      const item = await get(tenantKey(tenantId), signal);
      return item === undefined ? undefined : tenantFromItem(item);
    },
    async getDomainClaim(domain, { signal } = {}) {
      const item = await get(domainKey(domain), signal);
      return item === undefined ? undefined : domainClaimFromItem(item);
    },
    async getMembership(sub, tenantId, { signal } = {}) {
      const item = await get(membershipKey(sub, tenantId), signal);
      return item === undefined ? undefined : membershipFromItem(item);
    },
  };
}

function getter(client: DynamoDBClient, tableName: string) {
  return async (key: Item, signal: AbortSignal | undefined) => {
    const { Item: found } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      callOptions(signal),
    );
    return found;
  };
}
