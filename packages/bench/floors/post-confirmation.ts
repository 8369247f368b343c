// SDK floor of post confirmation: only the SDK clients and commands it bundles, and the requests
// of its first real invocation (a colleague joining the mapped tenant): the tenant read, the
// membership written, then the attribute and the role group side by side. No logic, no log.
import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';

const dynamodb = new DynamoDBClient({});
const cognito = new CognitoIdentityProviderClient({});
const TableName = process.env.TENANT_TABLE_NAME;
const tenantId = process.env.TENANT_DOMAIN_MAP?.split('=')[1]?.split(',')[0] ?? '';

export const handler = async (event: PostConfirmationTriggerEvent) => {
  const { sub = '' } = event.request.userAttributes;
  await dynamodb.send(
    new GetItemCommand({
      TableName,
      Key: { PK: { S: `TENANT#${tenantId}` }, SK: { S: 'TENANT' } },
      ConsistentRead: true,
    }),
  );
  await dynamodb.send(
    new UpdateItemCommand({
      TableName,
      Key: { PK: { S: `USER#${sub}` }, SK: { S: `TENANT#${tenantId}` } },
      UpdateExpression: 'SET #role = :role',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: { ':role': { S: 'member' } },
    }),
  );
  await Promise.all([
    cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: event.userPoolId,
        Username: event.userName,
        UserAttributes: [{ Name: 'custom:tenant_id', Value: tenantId }],
      }),
    ),
    cognito.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: event.userPoolId,
        Username: event.userName,
        GroupName: 'tenant-member',
      }),
    ),
  ]);
  return event;
};
