import {
  type AttributeValue,
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { TenancyError, TenancyErrorCode } from './errors.js';
import {
  ItemType,
  isTenantId,
  type Membership,
  membershipFromItem,
  membershipKey,
  type Tenant,
  type TenantRole,
  TenantStatus,
  tenantFromItem,
  tenantKey,
  tenantPk,
  userPk,
} from './model.js';

/** Options every store call takes: the trigger's deadline signal. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface EnsureTenantInput {
  readonly tenantId: string;
  readonly name: string;
  readonly domain: string;
  readonly tier: string;
  /** `sub` of the user provisioning now: recorded only if the tenant is new. */
  readonly createdBy: string;
}

export interface EnsureMembershipInput {
  readonly sub: string;
  readonly tenantId: string;
  /** Recorded only if the membership is new: an existing role is never changed. */
  readonly role: TenantRole;
}

/** A user's membership and its tenant, as the token trigger reads them. */
export interface TenantMembership {
  readonly membership: Membership;
  readonly tenant: Tenant;
}

/**
 * The tenant store: one DynamoDB table (see the README for the data model). Every write is a
 * single-item `UpdateItem` whose attributes are set with `if_not_exists`, so a retry, a crash
 * half-way or fifty concurrent first users all converge on one state, without transactions.
 */
export interface TenantStore {
  readonly tableName: string;
  /**
   * The user's membership and tenant, or `undefined` if either is missing. With a hint (the
   * user's `custom:tenant_id`) one `BatchGetItem` reads both; without one, or when the hinted
   * membership does not exist, a `Query` of the user's memberships (the oldest wins) and a
   * `GetItem` of its tenant. Strongly consistent reads: a suspension applies at once.
   */
  lookup(
    sub: string,
    options?: CallOptions & { readonly tenantIdHint?: string | undefined },
  ): Promise<TenantMembership | undefined>;
  /**
   * Creates the tenant unless it exists, in one round trip either way. The stored tenant is
   * returned: `createdBy` names its creator, whoever won a race. `created` is true for the
   * call that created it.
   */
  ensureTenant(
    input: EnsureTenantInput,
    options?: CallOptions,
  ): Promise<{ readonly tenant: Tenant; readonly created: boolean }>;
  /** Creates the membership unless it exists; an existing role is kept. One round trip. */
  ensureMembership(
    input: EnsureMembershipInput,
    options?: CallOptions,
  ): Promise<{ readonly membership: Membership; readonly created: boolean }>;
  /** Suspends or reactivates a tenant. Throws `TENANT_NOT_FOUND` for an unknown tenant. */
  setTenantStatus(tenantId: string, status: TenantStatus, options?: CallOptions): Promise<Tenant>;
  /** Every membership of a tenant, through the inverted index `GSI1` (eventually consistent). */
  listMembers(tenantId: string, options?: CallOptions): Promise<Membership[]>;
}

export interface TenantStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** The clock for `createdAt` / `joinedAt`. */
  readonly now?: () => Date;
}

type Item = Record<string, AttributeValue>;

// A throttled BatchGetItem answers with UnprocessedKeys instead of failing: ask again, a little.
const BATCH_GET_ROUNDS = 3;

/**
 * The {@link TenantStore} on a DynamoDB table.
 *
 * @example
 * const store = createTenantStore({ client: createDynamoDbClient(), tableName: 'tenants' });
 * const found = await store.lookup(sub, { tenantIdHint: attributes['custom:tenant_id'], signal });
 */
export function createTenantStore(options: TenantStoreOptions): TenantStore {
  const { client, tableName } = options;
  const now = options.now ?? (() => new Date());

  const getTenant = async (tenantId: string, signal: AbortSignal | undefined) => {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: tenantKey(tenantId), ConsistentRead: true }),
      callOptions(signal),
    );
    return Item === undefined ? undefined : tenantFromItem(Item);
  };

  const queryMemberships = async (sub: string, signal: AbortSignal | undefined) => {
    const memberships: Membership[] = [];
    let startKey: Item | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :tenant)',
          ExpressionAttributeValues: { ':pk': { S: userPk(sub) }, ':tenant': { S: tenantPk('') } },
          ConsistentRead: true,
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
        callOptions(signal),
      );
      memberships.push(...(page.Items ?? []).map(membershipFromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return memberships;
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

  const update = async (key: Item, expression: SetExpression, signal: AbortSignal | undefined) => {
    const { Attributes } = await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key,
        ...expression,
        ReturnValues: 'ALL_NEW',
      }),
      callOptions(signal),
    );
    if (Attributes === undefined) throw new Error('UpdateItem returned no attributes');
    return Attributes;
  };

  return {
    tableName,

    async lookup(sub, { tenantIdHint, signal } = {}) {
      if (tenantIdHint !== undefined && isTenantId(tenantIdHint)) {
        const found = await lookupWithHint(sub, tenantIdHint, signal);
        if (found !== 'no-membership') return found;
      }
      const memberships = await queryMemberships(sub, signal);
      const oldest = memberships.sort(byJoinedAt)[0];
      if (oldest === undefined) return undefined;
      const tenant = await getTenant(oldest.tenantId, signal);
      return tenant === undefined ? undefined : { membership: oldest, tenant };
    },

    async ensureTenant(input, { signal } = {}) {
      const createdAt = now().toISOString();
      const attributes = await update(
        tenantKey(input.tenantId),
        setExpression(
          { tenantId: input.tenantId, type: ItemType.Tenant },
          {
            name: input.name,
            domain: input.domain,
            tier: input.tier,
            status: TenantStatus.Active,
            createdBy: input.createdBy,
            createdAt,
          },
        ),
        signal,
      );
      const tenant = tenantFromItem(attributes);
      return {
        tenant,
        created: tenant.createdBy === input.createdBy && tenant.createdAt === createdAt,
      };
    },

    async ensureMembership(input, { signal } = {}) {
      const joinedAt = now().toISOString();
      const attributes = await update(
        membershipKey(input.sub, input.tenantId),
        setExpression(
          {
            sub: input.sub,
            tenantId: input.tenantId,
            type: ItemType.Membership,
            GSI1PK: tenantPk(input.tenantId),
            GSI1SK: userPk(input.sub),
          },
          { role: input.role, joinedAt },
        ),
        signal,
      );
      const membership = membershipFromItem(attributes);
      return { membership, created: membership.joinedAt === joinedAt };
    },

    async setTenantStatus(tenantId, status, { signal } = {}) {
      try {
        const { Attributes } = await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: tenantKey(tenantId),
            UpdateExpression: 'SET #status = :status',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': { S: status } },
            ReturnValues: 'ALL_NEW',
          }),
          callOptions(signal),
        );
        return tenantFromItem(Attributes ?? {});
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
          throw new TenancyError(TenancyErrorCode.TenantNotFound, `no tenant ${tenantId}`, {
            cause: error,
          });
        }
        throw error;
      }
    },

    async listMembers(tenantId, { signal } = {}) {
      const members: Membership[] = [];
      let startKey: Item | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': { S: tenantPk(tenantId) } },
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
          }),
          callOptions(signal),
        );
        members.push(...(page.Items ?? []).map(membershipFromItem));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return members;
    },
  };
}

interface SetExpression {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Item;
}

/**
 * `SET a = :a, b = if_not_exists(b, :b), …` over string attributes. Every name goes through
 * `#n` placeholders: `name`, `domain`, `status`, `type` and `role` are DynamoDB reserved words.
 */
function setExpression(
  always: Readonly<Record<string, string>>,
  ifAbsent: Readonly<Record<string, string>>,
): SetExpression {
  const names: Record<string, string> = {};
  const values: Item = {};
  const clauses: string[] = [];
  const add = (attribute: string, value: string, keep: boolean) => {
    const index = clauses.length;
    names[`#a${index}`] = attribute;
    values[`:v${index}`] = { S: value };
    clauses.push(
      keep ? `#a${index} = if_not_exists(#a${index}, :v${index})` : `#a${index} = :v${index}`,
    );
  };
  for (const [attribute, value] of Object.entries(always)) add(attribute, value, false);
  for (const [attribute, value] of Object.entries(ifAbsent)) add(attribute, value, true);
  return {
    UpdateExpression: `SET ${clauses.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

// The oldest membership is the user's home tenant; ties (same millisecond) go by tenant id.
function byJoinedAt(a: Membership, b: Membership): number {
  if (a.joinedAt !== b.joinedAt) return a.joinedAt < b.joinedAt ? -1 : 1;
  return a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0;
}

function callOptions(signal: AbortSignal | undefined) {
  return signal === undefined ? {} : { abortSignal: signal };
}
