// SDK floor of pre authentication: only the SDK client and commands its store path bundles, and
// the request of its first real invocation (a member's sign-in): one BatchGetItem of the
// membership and the tenant. No logic, no cache, no log.
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { PreAuthenticationTriggerEvent } from 'aws-lambda';

export { GetItemCommand, QueryCommand };

const dynamodb = new DynamoDBClient({});
const TableName = process.env.TENANT_TABLE_NAME ?? '';

export const handler = async (event: PreAuthenticationTriggerEvent) => {
  const { sub = '', 'custom:tenant_id': tenantId = '' } = event.request.userAttributes;
  await dynamodb.send(
    new BatchGetItemCommand({
      RequestItems: {
        [TableName]: {
          Keys: [
            { PK: { S: `USER#${sub}` }, SK: { S: `TENANT#${tenantId}` } },
            { PK: { S: `TENANT#${tenantId}` }, SK: { S: 'TENANT' } },
          ],
          ConsistentRead: true,
        },
      },
    }),
  );
  return event;
};
