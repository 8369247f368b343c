// Naive baseline: the pre token generation trigger written as AWS samples write it. Plain
// JavaScript, unbundled: the DynamoDB client imported from node_modules and created at module
// scope, so every cold start loads the SDK, whether the store is used or not. Claims from the
// store when TENANT_TABLE_NAME is set (one GetItem per invocation, no cache), else from
// `custom:tenant_id` and the groups. For comparison only: no byte budget, reserved claims,
// scopes, suspension or failure policy.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const dynamodb = new DynamoDBClient({});
const TableName = process.env.TENANT_TABLE_NAME;

export const handler = async (event) => {
  const attributes = event.request.userAttributes;
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  let tenantId = attributes['custom:tenant_id'];
  let role = groups.includes('tenant-admin') ? 'admin' : 'member';
  if (TableName) {
    const { Item } = await dynamodb.send(
      new GetItemCommand({
        TableName,
        Key: { PK: { S: `USER#${attributes.sub}` }, SK: { S: `TENANT#${tenantId}` } },
      }),
    );
    if (Item) role = Item.role?.S ?? role;
    else tenantId = undefined;
  }
  if (!tenantId) return event;

  const claims = { tenant_id: tenantId, tenant_role: role };
  const groupsToOverride = [...new Set([...groups, `tenant-${role}`])];
  if (event.version === '1') {
    event.response = {
      claimsOverrideDetails: {
        claimsToAddOrOverride: claims,
        groupOverrideDetails: { ...event.request.groupConfiguration, groupsToOverride },
      },
    };
  } else {
    event.response = {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: claims },
        accessTokenGeneration: { claimsToAddOrOverride: claims },
        groupOverrideDetails: { ...event.request.groupConfiguration, groupsToOverride },
      },
    };
  }
  return event;
};
