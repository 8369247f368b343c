// Peer: post confirmation as a typical team writes it, bundled like ours: full SDK clients at
// module scope, the DocumentClient, Powertools Logger. The tenant comes from the domain map (else
// a personal tenant, else the domain); its first user becomes its admin.
import { Logger } from '@aws-lambda-powertools/logger';
import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, PostConfirmationTriggerEvent } from 'aws-lambda';

const logger = new Logger({ serviceName: 'post-confirmation' });
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const cognito = new CognitoIdentityProviderClient({});
const TableName = process.env.TENANT_TABLE_NAME;
const domainMap = new Map(
  (process.env.TENANT_DOMAIN_MAP ?? '')
    .split(',')
    .filter((entry) => entry.includes('='))
    .map((entry) => entry.split('=') as [string, string]),
);
const personal = new Set((process.env.PERSONAL_EMAIL_DOMAINS ?? '').split(','));
const adminGroup = process.env.TENANT_ADMIN_GROUP ?? 'tenant-admin';
const memberGroup = process.env.TENANT_MEMBER_GROUP ?? 'tenant-member';

export const handler = async (event: PostConfirmationTriggerEvent, context: Context) => {
  logger.addContext(context);
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const { sub, email = '' } = event.request.userAttributes;
  const domain = email.toLowerCase().split('@')[1] ?? '';
  const tenantId =
    domainMap.get(domain) ??
    (personal.has(domain) ? `user-${sub}` : domain.replace(/[^a-z0-9]+/g, '-'));

  const { Attributes: tenant } = await documents.send(
    new UpdateCommand({
      TableName,
      Key: { PK: `TENANT#${tenantId}`, SK: 'TENANT' },
      UpdateExpression:
        'SET createdBy = if_not_exists(createdBy, :sub), #name = if_not_exists(#name, :domain)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':sub': sub, ':domain': domain },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const role = tenant?.createdBy === sub ? 'admin' : 'member';
  await documents.send(
    new PutCommand({
      TableName,
      Item: {
        PK: `USER#${sub}`,
        SK: `TENANT#${tenantId}`,
        sub,
        tenantId,
        role,
        status: 'active',
        joinedAt: new Date().toISOString(),
      },
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
        GroupName: role === 'admin' ? adminGroup : memberGroup,
      }),
    ),
  ]);
  logger.info('user provisioned', { tenantId, role });
  return event;
};
