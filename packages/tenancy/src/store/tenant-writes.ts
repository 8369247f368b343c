import { DeleteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { TenancyError, TenancyErrorCode } from '../errors.js';
import {
  domainClaimFromItem,
  domainKey,
  ItemType,
  isTenantId,
  TENANT_SK,
  TenantStatus,
  tenantFromItem,
  tenantKey,
} from '../model.js';
import { callOptions } from './call-options.js';
import type { TenantAdministration, TenantItems, TenantStoreOptions } from './types.js';
import { conditional, type Item, isConditionFailure, setExpression, updater } from './update.js';

/** The tenant and domain-claim writes of {@link createTenantAdministration}. */
export function createTenantWrites(
  options: TenantStoreOptions,
  items: Pick<TenantItems, 'getTenant'>,
): Pick<
  TenantAdministration,
  | 'createTenant'
  | 'claimDomain'
  | 'releaseDomain'
  | 'deleteTenantWithoutAdmins'
  | 'setTenantStatus'
  | 'listTenants'
> {
  const { client, tableName } = options;
  const now = options.now ?? (() => new Date());
  const update = updater(client, tableName);

  return {
    async createTenant(input, { signal } = {}) {
      if (!isTenantId(input.tenantId)) {
        throw new TypeError(`createTenant: "${input.tenantId}" is not a tenant id`);
      }
      const createdAt = now().toISOString();
      const expression = setExpression({
        tenantId: input.tenantId,
        type: ItemType.Tenant,
        name: input.name,
        domain: '',
        tier: input.tier,
        status: TenantStatus.Active,
        createdBy: input.createdBy,
        createdAt,
      });
      try {
        const attributes = await update(
          tenantKey(input.tenantId),
          {
            ...expression,
            UpdateExpression: `${expression.UpdateExpression}, #admins = :none`,
            ConditionExpression: 'attribute_not_exists(PK)',
            ExpressionAttributeNames: {
              ...expression.ExpressionAttributeNames,
              '#admins': 'admins',
            },
            ExpressionAttributeValues: {
              ...expression.ExpressionAttributeValues,
              ':none': { M: {} },
            },
          },
          signal,
        );
        return { tenant: tenantFromItem(attributes), created: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const tenant = await items.getTenant(input.tenantId, { signal });
        if (tenant === undefined) throw error;
        return { tenant, created: false };
      }
    },

    async claimDomain(domain, tenantId, claimedBy, { signal } = {}) {
      const claimedAt = now().toISOString();
      let claim: ReturnType<typeof domainClaimFromItem>;
      try {
        const expression = setExpression(
          { type: ItemType.Domain, domain, tenantId },
          { claimedBy, claimedAt },
        );
        const attributes = await update(
          domainKey(domain),
          {
            ...expression,
            ConditionExpression: 'attribute_not_exists(PK) OR tenantId = :tenant',
            ExpressionAttributeValues: {
              ...expression.ExpressionAttributeValues,
              ':tenant': { S: tenantId },
            },
          },
          signal,
        );
        claim = domainClaimFromItem(attributes);
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new TenancyError(
          TenancyErrorCode.DomainTaken,
          `${domain} is claimed by another tenant`,
          { cause: error },
        );
      }
      await update(
        tenantKey(tenantId),
        {
          UpdateExpression: 'ADD #domains :domain',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#domains': 'domains' },
          ExpressionAttributeValues: { ':domain': { SS: [domain] } },
        },
        signal,
      );
      return { claim, created: claim.claimedAt === claimedAt };
    },

    async releaseDomain(domain, tenantId, { signal } = {}) {
      try {
        await client.send(
          new DeleteItemCommand({
            TableName: tableName,
            Key: domainKey(domain),
            ConditionExpression: 'tenantId = :tenant',
            ExpressionAttributeValues: { ':tenant': { S: tenantId } },
          }),
          callOptions(signal),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      try {
        await update(
          tenantKey(tenantId),
          {
            UpdateExpression: 'DELETE #domains :domain',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#domains': 'domains' },
            ExpressionAttributeValues: { ':domain': { SS: [domain] } },
          },
          signal,
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async deleteTenantWithoutAdmins(tenantId, { signal } = {}) {
      try {
        await client.send(
          new DeleteItemCommand({
            TableName: tableName,
            Key: tenantKey(tenantId),
            ConditionExpression: 'attribute_not_exists(#admins) OR size(#admins) = :zero',
            ExpressionAttributeNames: { '#admins': 'admins' },
            ExpressionAttributeValues: { ':zero': { N: '0' } },
          }),
          callOptions(signal),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async setTenantStatus(tenantId, status, { signal } = {}) {
      const attributes = await conditional(
        () =>
          update(
            tenantKey(tenantId),
            {
              UpdateExpression: 'SET #status = :status',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':status': { S: status } },
            },
            signal,
          ),
        () => new TenancyError(TenancyErrorCode.TenantNotFound, `no tenant ${tenantId}`),
      );
      return tenantFromItem(attributes);
    },

    async listTenants({ signal } = {}) {
      const tenants = [];
      let startKey: Item | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'SK = :tenant',
            ExpressionAttributeValues: { ':tenant': { S: TENANT_SK } },
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
          }),
          callOptions(signal),
        );
        tenants.push(...(page.Items ?? []).map(tenantFromItem));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return tenants.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
  };
}
