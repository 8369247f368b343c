import { type AttributeValue, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { TenancyError, TenancyErrorCode } from '../errors.js';
import {
  InvitationStatus,
  ItemType,
  invitationFromItem,
  invitationKey,
  invitePrefix,
  isTenantId,
  membershipFromItem,
  membershipKey,
  TenantRole,
  TenantStatus,
  tenantFromItem,
  tenantKey,
  tenantPk,
  userPk,
} from '../model.js';
import { callOptions } from './call-options.js';
import type { TenantStoreOptions, TenantWriter } from './types.js';

type Item = Record<string, AttributeValue>;

/**
 * The writes of the tenant store: every one a single-item `UpdateItem`, with `if_not_exists` or a
 * condition, so a retry, a crash half-way or fifty concurrent first users all converge on one
 * state, without transactions. The only DynamoDB command here is `UpdateItem`.
 *
 * @example
 * const writer = createTenantWriter({ client: createDynamoDbClient(), tableName: 'tenants' });
 * const { tenant, created } = await writer.ensureTenant(input, { signal });
 */
export function createTenantWriter(options: TenantStoreOptions): TenantWriter {
  const { client, tableName } = options;
  const now = options.now ?? (() => new Date());

  const conditional = async <T>(write: () => Promise<T>, refusal: () => TenancyError) => {
    try {
      return await write();
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
        const refused = refusal();
        throw new TenancyError(refused.code, refused.message, { cause: error });
      }
      throw error;
    }
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

    async createInvitation(input, { signal } = {}) {
      const email = input.email.trim().toLowerCase();
      if (!isTenantId(input.tenantId)) {
        throw new TypeError(`createInvitation: "${input.tenantId}" is not a tenant id`);
      }
      if (!(Object.values(TenantRole) as string[]).includes(input.role)) {
        throw new TypeError(`createInvitation: "${input.role}" is not a role`);
      }
      if (input.sub.length === 0 || email.length === 0 || input.invitedBy.length === 0) {
        throw new TypeError('createInvitation: sub, email and invitedBy are required');
      }
      const createdAt = now().toISOString();
      const { UpdateExpression, ExpressionAttributeNames, ExpressionAttributeValues } =
        setExpression(
          {
            type: ItemType.Invitation,
            sub: input.sub,
            tenantId: input.tenantId,
            role: input.role,
            email,
            invitedBy: input.invitedBy,
            status: InvitationStatus.Pending,
            expiresAt: input.expiresAt.toISOString(),
            GSI1PK: tenantPk(input.tenantId),
            GSI1SK: invitePrefix(input.sub),
          },
          { createdAt },
        );
      const attributes = await conditional(
        () =>
          update(
            invitationKey(input.sub, input.tenantId),
            {
              UpdateExpression,
              ExpressionAttributeNames: { ...ExpressionAttributeNames, '#st': 'status' },
              ExpressionAttributeValues: {
                ...ExpressionAttributeValues,
                ':accepted': { S: InvitationStatus.Accepted },
              },
              ConditionExpression: 'attribute_not_exists(PK) OR #st <> :accepted',
            },
            signal,
          ),
        () =>
          new TenancyError(
            TenancyErrorCode.InvitationInvalid,
            `the invitation of ${input.sub} into ${input.tenantId} was accepted already`,
          ),
      );
      return invitationFromItem(attributes);
    },

    async acceptInvitation(sub, tenantId, { signal } = {}) {
      const at = now().toISOString();
      const attributes = await conditional(
        () =>
          update(
            invitationKey(sub, tenantId),
            {
              UpdateExpression: 'SET #st = :accepted, #at = if_not_exists(#at, :now)',
              ConditionExpression: '(#st = :pending AND #exp > :now) OR #st = :accepted',
              ExpressionAttributeNames: {
                '#st': 'status',
                '#at': 'acceptedAt',
                '#exp': 'expiresAt',
              },
              ExpressionAttributeValues: {
                ':pending': { S: InvitationStatus.Pending },
                ':accepted': { S: InvitationStatus.Accepted },
                ':now': { S: at },
              },
            },
            signal,
          ),
        () =>
          new TenancyError(
            TenancyErrorCode.InvitationInvalid,
            `the invitation of ${sub} into ${tenantId} is missing, expired or revoked`,
          ),
      );
      return invitationFromItem(attributes);
    },

    async revokeInvitation(sub, tenantId, { signal } = {}) {
      const attributes = await conditional(
        () =>
          update(
            invitationKey(sub, tenantId),
            {
              UpdateExpression: 'SET #st = :revoked',
              ConditionExpression: '#st = :pending',
              ExpressionAttributeNames: { '#st': 'status' },
              ExpressionAttributeValues: {
                ':pending': { S: InvitationStatus.Pending },
                ':revoked': { S: InvitationStatus.Revoked },
              },
            },
            signal,
          ),
        () =>
          new TenancyError(
            TenancyErrorCode.InvitationInvalid,
            `no pending invitation of ${sub} into ${tenantId}`,
          ),
      );
      return invitationFromItem(attributes);
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
  };
}

interface SetExpression {
  UpdateExpression: string;
  ConditionExpression?: string;
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
