import { BatchGetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import {
  type Invitation,
  invitationFromItem,
  invitePrefix,
  isTenantId,
  type Membership,
  MembershipStatus,
  membershipFromItem,
  membershipKey,
  tenantFromItem,
  tenantKey,
  tenantPk,
  userPk,
} from '../model.js';
import { callOptions } from './call-options.js';
import type { TenantItems, TenantLookup, TenantStoreOptions, UserRecord } from './types.js';
import type { Item } from './update.js';

// A throttled BatchGetItem answers with UnprocessedKeys instead of failing: ask again, a little.
const BATCH_GET_ROUNDS = 3;

/**
 * How the triggers find a user's tenant at sign-in: a `BatchGetItem` of the hinted membership
 * and its tenant, or a `Query` of the user's items on the table (never the index) and a
 * `GetItem` of the tenant. Strongly consistent.
 *
 * @example
 * const lookup = createTenantLookup({ client, tableName }, createTenantItems({ client, tableName }));
 * const { current } = await lookup.lookupUser(sub, { tenantIdHint, signal });
 */
export function createTenantLookup(
  options: TenantStoreOptions,
  items: Pick<TenantItems, 'getTenant'>,
): TenantLookup {
  const { client, tableName } = options;

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

  const batchGet = async (keys: Item[], signal: AbortSignal | undefined) => {
    const found: Item[] = [];
    let pending: Item[] = keys;
    for (let round = 0; pending.length > 0 && round < BATCH_GET_ROUNDS; round += 1) {
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetItemCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
        }),
        callOptions(signal),
      );
      found.push(...(Responses?.[tableName] ?? []));
      pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
    if (pending.length > 0) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
    return found;
  };

  /** The hinted membership with its tenant when it is active; `undefined` otherwise. */
  const lookupWithHint = async (sub: string, tenantId: string, signal: AbortSignal | undefined) => {
    const found = await batchGet([membershipKey(sub, tenantId), tenantKey(tenantId)], signal);
    const membershipItem = found.find((item) => item.PK?.S === userPk(sub));
    const tenantItem = found.find((item) => item.PK?.S === tenantPk(tenantId));
    if (membershipItem === undefined || tenantItem === undefined) return undefined;
    const membership = membershipFromItem(membershipItem);
    if (membership.status !== MembershipStatus.Active) return undefined;
    return { membership, tenant: tenantFromItem(tenantItem) };
  };

  const lookupUser: TenantLookup['lookupUser'] = async (sub, { tenantIdHint, signal } = {}) => {
    if (tenantIdHint !== undefined && isTenantId(tenantIdHint)) {
      const found = await lookupWithHint(sub, tenantIdHint, signal);
      if (found !== undefined) return { current: found, removed: [], invitations: [] };
    }
    const { memberships, invitations } = await queryUser(sub, signal);
    const active = memberships.filter((m) => m.status === MembershipStatus.Active);
    const oldest = active.sort(byJoinedAt)[0];
    const tenant =
      oldest === undefined ? undefined : await items.getTenant(oldest.tenantId, { signal });
    if (oldest !== undefined && tenant !== undefined) {
      return { current: { membership: oldest, tenant }, removed: [], invitations: [] };
    }
    return {
      current: undefined,
      removed: memberships.filter((m) => m.status === MembershipStatus.Removed),
      invitations,
    } satisfies UserRecord;
  };

  return {
    async lookup(sub, options = {}) {
      return (await lookupUser(sub, options)).current;
    },
    lookupUser,
  };
}

// The oldest membership is the user's home tenant; ties (same millisecond) go by tenant id.
function byJoinedAt(a: Membership, b: Membership): number {
  if (a.joinedAt !== b.joinedAt) return a.joinedAt < b.joinedAt ? -1 : 1;
  return a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0;
}
