// Naive baseline: the pre authentication trigger written as AWS samples write it. Plain
// JavaScript, unbundled: the DynamoDB client imported from node_modules and created at module
// scope, so every cold start loads the SDK, whether the store is used or not. With
// TENANT_TABLE_NAME set, one GetItem of the tenant named by `custom:tenant_id` per invocation (no
// cache), and a suspended tenant refused; without it, every sign-in goes on. For comparison only:
// no membership or removal check, no deadline, no failure policy, the error text unchecked.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const dynamodb = new DynamoDBClient({});
const TableName = process.env.TENANT_TABLE_NAME;

export const handler = async (event) => {
  const tenantId = event.request.userAttributes['custom:tenant_id'];
  if (!TableName || !tenantId) return event;
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName,
      Key: { PK: { S: `TENANT#${tenantId}` }, SK: { S: 'TENANT' } },
    }),
  );
  if (Item?.status?.S === 'suspended') {
    throw new Error('TENANT_SUSPENDED: Your organisation is suspended');
  }
  return event;
};
