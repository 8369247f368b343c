// Peer: pre authentication as a typical team writes it, bundled like ours: the DocumentClient at
// module scope, Powertools Logger, one read of the membership and the tenant per sign-in (no
// cache); a suspended tenant or a removed membership is refused.

import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, PreAuthenticationTriggerEvent } from 'aws-lambda';

const logger = new Logger({ serviceName: 'pre-authentication' });
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TENANT_TABLE_NAME ?? '';

export const handler = async (event: PreAuthenticationTriggerEvent, context: Context) => {
  logger.addContext(context);
  const { sub, 'custom:tenant_id': tenantId } = event.request.userAttributes;
  if (tenantId === undefined || sub === undefined) return event;
  const { Responses } = await documents.send(
    new BatchGetCommand({
      RequestItems: {
        [TableName]: {
          Keys: [
            { PK: `USER#${sub}`, SK: `TENANT#${tenantId}` },
            { PK: `TENANT#${tenantId}`, SK: 'TENANT' },
          ],
        },
      },
    }),
  );
  const items = Responses?.[TableName] ?? [];
  const tenant = items.find((item) => item.SK === 'TENANT');
  const membership = items.find((item) => item.SK !== 'TENANT');
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
