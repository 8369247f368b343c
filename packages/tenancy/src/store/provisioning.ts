import { TenancyError, TenancyErrorCode } from '../errors.js';
import {
  InvitationStatus,
  ItemType,
  invitationFromItem,
  invitationKey,
  MembershipStatus,
  membershipFromItem,
  membershipKey,
  TenantStatus,
  tenantFromItem,
  tenantKey,
  tenantPk,
  userPk,
} from '../model.js';
import type {
  EnsureMembershipInput,
  ProvisioningWrites,
  TenantItems,
  TenantStoreOptions,
} from './types.js';
import { conditional, isConditionFailure, setExpression, updater } from './update.js';

/** Rounds of a settle before it gives up on a membership or admins that keep changing. */
const SETTLE_ROUNDS = 5;

/**
 * The writes provisioning makes at sign-in, every one a single-item `UpdateItem` (the only
 * DynamoDB command here), with `if_not_exists` or a condition: a retry, a crash half-way or
 * fifty concurrent first users all converge on one state, without transactions.
 *
 * @example
 * const writes = createProvisioningWrites({ client: createDynamoDbClient(), tableName: 'tenants' });
 * const { tenant, created } = await writes.ensureTenant(input, { signal });
 */
export function createProvisioningWrites(
  options: TenantStoreOptions,
  items: Pick<TenantItems, 'getMembership' | 'getTenant'>,
): ProvisioningWrites {
  const { client, tableName } = options;
  const now = options.now ?? (() => new Date());
  const update = updater(client, tableName);

  const ensureMembership = async (
    input: EnsureMembershipInput,
    signal: AbortSignal | undefined,
  ) => {
    const joinedAt = now().toISOString();
    const attributes = await update(
      membershipKey(input.sub, input.tenantId),
      setExpression(membershipIdentity(input.sub, input.tenantId), {
        role: input.role,
        status: MembershipStatus.Active,
        joinedAt,
      }),
      signal,
    );
    const membership = membershipFromItem(attributes);
    return { membership, created: membership.joinedAt === joinedAt };
  };

  const addAdmin: ProvisioningWrites['addAdmin'] = async (tenantId, sub, { signal } = {}) => {
    const at = { S: now().toISOString() };
    // Two shapes: the admins map exists (set one entry), or not yet (a tenant written before
    // it had one: create it). A race between two first additions retries once.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await update(
          tenantKey(tenantId),
          {
            UpdateExpression: 'SET #admins.#sub = if_not_exists(#admins.#sub, :at)',
            ConditionExpression: 'attribute_exists(#admins)',
            ExpressionAttributeNames: { '#admins': 'admins', '#sub': sub },
            ExpressionAttributeValues: { ':at': at },
          },
          signal,
        );
        return;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      try {
        await update(
          tenantKey(tenantId),
          {
            UpdateExpression: 'SET #admins = :admins',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#admins)',
            ExpressionAttributeNames: { '#admins': 'admins' },
            ExpressionAttributeValues: { ':admins': { M: { [sub]: at } } },
          },
          signal,
        );
        return;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new TenancyError(TenancyErrorCode.TenantNotFound, `no tenant ${tenantId}`);
  };

  /**
   * Takes `sub` out of the tenant's admins unless it is the last one (or `force`). True when it
   * was kept as the last admin; false when it is out (or was not in).
   */
  const removeUnlessLast = async (
    tenantId: string,
    sub: string,
    force: boolean,
    signal: AbortSignal | undefined,
  ): Promise<boolean> => {
    for (let attempt = 0; attempt < SETTLE_ROUNDS; attempt += 1) {
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
        return false;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      // Not an admin (nothing to do), or the last one; or another admin came in since: again.
      const admins = (await items.getTenant(tenantId, { signal }))?.admins ?? [];
      if (!admins.includes(sub)) return false;
      if (admins.length <= 1) return true;
    }
    throw new Error(`settleAdmin: the admins of ${tenantId} kept changing`);
  };

  return {
    addAdmin,

    async settleAdmin(tenantId, sub, { signal, force = false } = {}) {
      const isAdmin = async () => {
        const membership = await items.getMembership(sub, tenantId, { signal });
        return membership?.status === MembershipStatus.Active && membership.role === 'admin';
      };
      let admin = await isAdmin();
      for (let round = 0; round < SETTLE_ROUNDS; round += 1) {
        if (admin) {
          await addAdmin(tenantId, sub, { signal });
        } else if (await removeUnlessLast(tenantId, sub, force, signal)) {
          return { lastAdmin: true };
        }
        // A write to the membership between the read and ours: go round with it.
        const now = await isAdmin();
        if (now === admin) return { lastAdmin: false };
        admin = now;
      }
      throw new Error(`settleAdmin: the membership of ${sub} in ${tenantId} kept changing`);
    },

    async ensureTenant(input, { signal } = {}) {
      const createdAt = now().toISOString();
      const expression = setExpression(
        { tenantId: input.tenantId, type: ItemType.Tenant },
        {
          name: input.name,
          domain: input.domain,
          tier: input.tier,
          status: TenantStatus.Active,
          createdBy: input.createdBy,
          createdAt,
        },
      );
      // The creator of a new tenant is its first admin; an existing tenant keeps its admins.
      const attributes = await update(
        tenantKey(input.tenantId),
        {
          ...expression,
          UpdateExpression: `${expression.UpdateExpression}, #admins = if_not_exists(#admins, :creator)`,
          ExpressionAttributeNames: { ...expression.ExpressionAttributeNames, '#admins': 'admins' },
          ExpressionAttributeValues: {
            ...expression.ExpressionAttributeValues,
            ':creator': { M: { [input.createdBy]: { S: createdAt } } },
          },
        },
        signal,
      );
      const tenant = tenantFromItem(attributes);
      return {
        tenant,
        created: tenant.createdBy === input.createdBy && tenant.createdAt === createdAt,
      };
    },

    async ensureMembership(input, { signal } = {}) {
      return ensureMembership(input, signal);
    },

    async admitMember(input, { signal } = {}) {
      const at = now().toISOString();
      const expression = setExpression({
        ...membershipIdentity(input.sub, input.tenantId),
        role: input.role,
        status: MembershipStatus.Active,
        joinedAt: at,
        updatedAt: at,
        updatedBy: input.by,
      });
      try {
        const attributes = await update(
          membershipKey(input.sub, input.tenantId),
          {
            ...expression,
            // A revived membership forgets its removal: the next removal is dated anew (an
            // accepted invitation counts as spent by a removal after its acceptance).
            UpdateExpression: `${expression.UpdateExpression} REMOVE #removedAt, #removedBy`,
            ConditionExpression: 'attribute_not_exists(PK) OR #st = :removed',
            ExpressionAttributeNames: {
              ...expression.ExpressionAttributeNames,
              '#st': 'status',
              '#removedAt': 'removedAt',
              '#removedBy': 'removedBy',
            },
            ExpressionAttributeValues: {
              ...expression.ExpressionAttributeValues,
              ':removed': { S: MembershipStatus.Removed },
            },
          },
          signal,
        );
        return { membership: membershipFromItem(attributes), created: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Active already: its role stands (a role changes by setMembershipRole, never here).
        return ensureMembership(input, signal);
      }
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
  };
}

/** The attributes that name a membership and index it under its tenant. */
export function membershipIdentity(sub: string, tenantId: string) {
  return {
    sub,
    tenantId,
    type: ItemType.Membership,
    GSI1PK: tenantPk(tenantId),
    GSI1SK: userPk(sub),
  };
}
