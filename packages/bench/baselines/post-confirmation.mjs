// Naive baseline: the post confirmation trigger written as AWS samples write it. Plain
// JavaScript, unbundled: whole SDK clients imported from node_modules (as with the SDK the
// Lambda runtime provides) and created at module scope, tenant and membership written with
// conditional PutItems, then the attribute and the group set one after the other. For comparison
// only: no timeouts or bounded retries, no deadline, no domain map or personal tenants.
import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const cognito = new CognitoIdentityProviderClient({});
const dynamodb = new DynamoDBClient({});
const TableName = process.env.TENANT_TABLE_NAME;

const putIfAbsent = async (Item) => {
  try {
    await dynamodb.send(
      new PutItemCommand({ TableName, Item, ConditionExpression: 'attribute_not_exists(PK)' }),
    );
    return true;
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};

export const handler = async (event) => {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const { sub, email } = event.request.userAttributes;
  const domain = email.split('@')[1].toLowerCase();
  const tenantId = domain.replace(/[^a-z0-9]+/g, '-');
  const tenantKey = { PK: { S: `TENANT#${tenantId}` }, SK: { S: 'TENANT' } };

  const created = await putIfAbsent({ ...tenantKey, name: { S: domain }, createdBy: { S: sub } });
  let role = created ? 'admin' : 'member';
  if (!created) {
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName, Key: tenantKey }));
    if (Item?.createdBy?.S === sub) role = 'admin';
  }
  await putIfAbsent({
    PK: { S: `USER#${sub}` },
    SK: { S: `TENANT#${tenantId}` },
    role: { S: role },
  });
  await cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      UserAttributes: [{ Name: 'custom:tenant_id', Value: tenantId }],
    }),
  );
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: role === 'admin' ? 'tenant-admin' : 'tenant-member',
    }),
  );
  return event;
};
