import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { TenancyError, TenancyErrorCode } from '../errors.js';
import {
  InvitationStatus,
  ItemType,
  invitationFromItem,
  invitationKey,
  invitePrefix,
  isTenantId,
  MembershipStatus,
  membershipFromItem,
  membershipKey,
  TenantRole,
  tenantKey,
  tenantPk,
  userPk,
} from '../model.js';
import { callOptions } from './call-options.js';
import type { TenantAdministration, TenantItems, TenantStoreOptions } from './types.js';
import { conditional, type Item, isConditionFailure, setExpression, updater } from './update.js';

/** The invitation, membership and admin writes of {@link createTenantAdministration}. */
export function createMemberWrites(
  options: TenantStoreOptions,
  items: Pick<TenantItems, 'getTenant'>,
): Pick<
  TenantAdministration,
  | 'createInvitation'
  | 'revokeInvitation'
  | 'setMembershipRole'
  | 'removeMembership'
  | 'removeAdmin'
  | 'listMembers'
  | 'listInvitations'
> {
  const { client, tableName } = options;
  const now = options.now ?? (() => new Date());
  const update = updater(client, tableName);

  const queryIndex = async (tenantId: string, prefix: string, signal: AbortSignal | undefined) => {
    const found: Item[] = [];
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
      found.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return found;
  };

  const memberNotFound = (sub: string, tenantId: string) =>
    new TenancyError(
      TenancyErrorCode.MemberNotFound,
      `${sub} has no active membership of ${tenantId}`,
    );

  return {
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
      const expression = setExpression(
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
        { createdAt: now().toISOString() },
      );
      const attributes = await conditional(
        () =>
          update(
            invitationKey(input.sub, input.tenantId),
            {
              ...expression,
              ConditionExpression: 'attribute_not_exists(PK) OR #st <> :accepted',
              ExpressionAttributeNames: { ...expression.ExpressionAttributeNames, '#st': 'status' },
              ExpressionAttributeValues: {
                ...expression.ExpressionAttributeValues,
                ':accepted': { S: InvitationStatus.Accepted },
              },
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

    async setMembershipRole(sub, tenantId, role, by, { signal } = {}) {
      const at = now().toISOString();
      const attributes = await conditional(
        () =>
          update(
            membershipKey(sub, tenantId),
            {
              UpdateExpression: 'SET #role = :role, #updatedAt = :at, #updatedBy = :by',
              ConditionExpression:
                'attribute_exists(PK) AND (attribute_not_exists(#st) OR #st = :active)',
              ExpressionAttributeNames: {
                '#role': 'role',
                '#updatedAt': 'updatedAt',
                '#updatedBy': 'updatedBy',
                '#st': 'status',
              },
              ExpressionAttributeValues: {
                ':role': { S: role },
                ':at': { S: at },
                ':by': { S: by },
                ':active': { S: MembershipStatus.Active },
              },
            },
            signal,
          ),
        () => memberNotFound(sub, tenantId),
      );
      return membershipFromItem(attributes);
    },

    async removeMembership(sub, tenantId, by, { signal } = {}) {
      const at = now().toISOString();
      const attributes = await conditional(
        () =>
          update(
            membershipKey(sub, tenantId),
            {
              // The first removal's time and author stay: a retry changes nothing.
              UpdateExpression:
                'SET #st = :removed, #updatedAt = if_not_exists(#removedAt, :at), #removedAt = if_not_exists(#removedAt, :at), #updatedBy = if_not_exists(#removedBy, :by), #removedBy = if_not_exists(#removedBy, :by)',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: {
                '#st': 'status',
                '#updatedAt': 'updatedAt',
                '#removedAt': 'removedAt',
                '#updatedBy': 'updatedBy',
                '#removedBy': 'removedBy',
              },
              ExpressionAttributeValues: {
                ':removed': { S: MembershipStatus.Removed },
                ':at': { S: at },
                ':by': { S: by },
              },
            },
            signal,
          ),
        () => memberNotFound(sub, tenantId),
      );
      return membershipFromItem(attributes);
    },

    async removeAdmin(tenantId, sub, { signal, force = false } = {}) {
      // The condition is the guard; a failed condition is read again, since a concurrent
      // operation may have changed the admins between the write and the read.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        try {
          await update(
            tenantKey(tenantId),
            {
              UpdateExpression: 'REMOVE #admins.#sub',
              ConditionExpression: force
                ? 'attribute_exists(#admins.#sub)'
                : 'attribute_exists(#admins.#sub) AND size(#admins) > :one',
              ExpressionAttributeNames: { '#admins': 'admins', '#sub': sub },
              ...(force ? {} : { ExpressionAttributeValues: { ':one': { N: '1' } } }),
            },
            signal,
          );
          return { removed: true };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          const tenant = await items.getTenant(tenantId, { signal });
          if (tenant === undefined) {
            throw new TenancyError(TenancyErrorCode.TenantNotFound, `no tenant ${tenantId}`, {
              cause: error,
            });
          }
          if (!tenant.admins.includes(sub)) return { removed: false };
          if (!force && tenant.admins.length <= 1) {
            throw new TenancyError(
              TenancyErrorCode.LastAdmin,
              `${sub} is the last admin of ${tenantId}`,
              { cause: error },
            );
          }
        }
      }
      throw new Error(`removeAdmin: the admins of ${tenantId} kept changing; try again`);
    },

    async listMembers(tenantId, { signal } = {}) {
      return (await queryIndex(tenantId, userPk(''), signal)).map(membershipFromItem);
    },

    async listInvitations(tenantId, { signal } = {}) {
      return (await queryIndex(tenantId, invitePrefix(''), signal)).map(invitationFromItem);
    },
  };
}
