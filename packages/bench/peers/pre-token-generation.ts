// Peer: pre token generation as a typical team writes it, bundled like ours: Powertools Logger,
// the membership and the tenant read on every token, then tenant claims, the role group and the
// role's scopes (event version 2).
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { getMembership } from './membership.js';

const logger = new Logger({ serviceName: 'pre-token-generation' });
const roleScopes: Record<string, string[]> = JSON.parse(process.env.ROLE_SCOPES ?? '{}');
const groupOf = (role: string) =>
  role === 'admin'
    ? (process.env.TENANT_ADMIN_GROUP ?? 'tenant-admin')
    : (process.env.TENANT_MEMBER_GROUP ?? 'tenant-member');

export const handler = async (event: PreTokenGenerationV2TriggerEvent, context: Context) => {
  logger.addContext(context);
  const { sub, 'custom:tenant_id': tenantId } = event.request.userAttributes;
  if (tenantId === undefined || sub === undefined) return event;
  const { tenant, membership } = await getMembership(sub, tenantId);
  if (tenant === undefined || membership === undefined || membership.status === 'removed') {
    logger.info('no tenant', { tenantId });
    return event;
  }
  if (tenant.status === 'suspended')
    throw new Error("TENANT_SUSPENDED: Your organisation's access is suspended");
  const claims = { tenant_id: tenantId, tenant_role: membership.role, tenant_tier: tenant.tier };
  const groups = event.request.groupConfiguration.groupsToOverride ?? [];
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: {
        claimsToAddOrOverride: claims,
        scopesToAdd: roleScopes[membership.role] ?? [],
      },
      groupOverrideDetails: {
        groupsToOverride: [...new Set([...groups, groupOf(membership.role)])],
      },
    },
  };
  logger.info('tenant claims added', { tenantId, role: membership.role });
  return event;
};
