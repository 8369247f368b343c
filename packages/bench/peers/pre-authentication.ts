// Peer: pre authentication as a typical team writes it, bundled like ours: Powertools Logger,
// the membership and the tenant read on every sign-in; a suspended tenant or a removed
// membership is refused.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, PreAuthenticationTriggerEvent } from 'aws-lambda';
import { getMembership } from './membership.js';

const logger = new Logger({ serviceName: 'pre-authentication' });

export const handler = async (event: PreAuthenticationTriggerEvent, context: Context) => {
  logger.addContext(context);
  const { sub, 'custom:tenant_id': tenantId } = event.request.userAttributes;
  if (tenantId === undefined || sub === undefined) return event;
  const { tenant, membership } = await getMembership(sub, tenantId);
  if (tenant?.status === 'suspended') {
    logger.warn('sign-in refused: tenant suspended', { tenantId });
    throw new Error("TENANT_SUSPENDED: Your organisation's access is suspended");
  }
  if (membership?.status === 'removed') {
    logger.warn('sign-in refused: membership removed', { tenantId });
    throw new Error('TENANT_MEMBERSHIP_REMOVED: You are no longer a member of this organisation');
  }
  logger.info('sign-in allowed', { tenantId });
  return event;
};
