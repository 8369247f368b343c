import {
  type AttributeValue,
  BatchGetItemCommand,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type Invitation,
  invitationFromItem,
  invitePrefix,
  isTenantId,
  type Membership,
  membershipFromItem,
  membershipKey,
  tenantFromItem,
  tenantKey,
  tenantPk,
  userPk,
} from '../model.js';
import { callOptions } from './call-options.js';
import type { TenantReader, TenantStore, TenantStoreOptions } from './types.js';

type Item = Record<string, AttributeValue>;

// A throttled BatchGetItem answers with UnprocessedKeys instead of failing: ask again, a little.
const BATCH_GET_ROUNDS = 3;

/**
 * The reads of the tenant store: `GetItem`, `BatchGetItem` and `Query`, strongly consistent on
 * the table, eventually consistent on the index.
 *
 * @example
 * const reader = createTenantReader({ client: createDynamoDbClient(), tableName: 'tenants' });
 * const found = await reader.lookup(sub, { signal });
 */
export function createTenantReader(options: TenantStoreOptions): TenantReader {
  const { client, tableName } = options;

  const getTenant = async (tenantId: string, signal: AbortSignal | undefined) => {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: tenantKey(tenantId), ConsistentRead: true }),
      callOptions(signal),
    );
    return Item === undefined ? undefined : tenantFromItem(Item);
  };

  // Every item of the user (memberships and invitations), in one query: a user has a handful.
  const queryUser = async (sub: string, signal: AbortSignal | undefined) => {
    const memberships: Membership[] = [];
    const invitations: Invitation[] = [];
    let startKey: Item | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': { S: userPk(sub) } },
          ConsistentRead: true,
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
        callOptions(signal),
      );
      for (const item of page.Items ?? []) {
        const sk = item.SK?.S ?? '';
        if (sk.startsWith(tenantPk(''))) memberships.push(membershipFromItem(item));
        else if (sk.startsWith(invitePrefix(''))) invitations.push(invitationFromItem(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return { memberships, invitations };
  };

  const queryIndex = async (tenantId: string, prefix: string, signal: AbortSignal | undefined) => {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
          ExpressionAttributeValues: {
            ':pk': { S: tenantPk(tenantId) },
            ':prefix': { S: prefix },
          },
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
        callOptions(signal),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  };

  const batchGet = async (keys: Item[], signal: AbortSignal | undefined) => {
    const items: Item[] = [];
    let pending: Item[] = keys;
    for (let round = 0; pending.length > 0 && round < BATCH_GET_ROUNDS; round += 1) {
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetItemCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
        }),
        callOptions(signal),
      );
      items.push(...(Responses?.[tableName] ?? []));
      pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
    if (pending.length > 0) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
    return items;
  };

  const lookupWithHint = async (sub: string, tenantId: string, signal: AbortSignal | undefined) => {
    const items = await batchGet([membershipKey(sub, tenantId), tenantKey(tenantId)], signal);
    const membershipItem = items.find((item) => item.PK?.S === userPk(sub));
    const tenantItem = items.find((item) => item.PK?.S === tenantPk(tenantId));
    if (membershipItem === undefined) return 'no-membership' as const;
    if (tenantItem === undefined) return undefined;
    return { membership: membershipFromItem(membershipItem), tenant: tenantFromItem(tenantItem) };
  };

  const lookupUser: TenantStore['lookupUser'] = async (sub, { tenantIdHint, signal } = {}) => {
    if (tenantIdHint !== undefined && isTenantId(tenantIdHint)) {
      const found = await lookupWithHint(sub, tenantIdHint, signal);
      if (found !== 'no-membership') return { current: found, invitations: [] };
    }
    const { memberships, invitations } = await queryUser(sub, signal);
    const oldest = memberships.sort(byJoinedAt)[0];
    if (oldest === undefined) return { current: undefined, invitations };
    const tenant = await getTenant(oldest.tenantId, signal);
    return {
      current: tenant === undefined ? undefined : { membership: oldest, tenant },
      invitations: [],
    };
  };

  return {
    tableName,

    async lookup(sub, options = {}) {
      return (await lookupUser(sub, options)).current;
    },

    lookupUser,

    async getTenant(tenantId, { signal } = {}) {
      return getTenant(tenantId, signal);
    },

    async listInvitations(tenantId, { signal } = {}) {
      return (await queryIndex(tenantId, invitePrefix(''), signal)).map(invitationFromItem);
    },

    async listMembers(tenantId, { signal } = {}) {
      return (await queryIndex(tenantId, userPk(''), signal)).map(membershipFromItem);
    },
  };
}

// The oldest membership is the user's home tenant; ties (same millisecond) go by tenant id.
function byJoinedAt(a: Membership, b: Membership): number {
  if (a.joinedAt !== b.joinedAt) return a.joinedAt < b.joinedAt ? -1 : 1;
  return a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0;
}
