// SDK floor of pre token generation: only the SDK clients and commands its store path bundles
// (the Cognito client too: it provisions a user the store does not know), and the request of its
// first real invocation (a member's sign-in): one BatchGetItem of the membership and the tenant.
// No logic, no cache, no log.
import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

export {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
};

const dynamodb = new DynamoDBClient({});
export const cognito = new CognitoIdentityProviderClient({});
const TableName = process.env.TENANT_TABLE_NAME ?? '';

export const handler = async (event: PreTokenGenerationV2TriggerEvent) => {
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
