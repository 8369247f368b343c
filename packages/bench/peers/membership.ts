// The peers' read on a sign-in, shared by their two sign-in functions: the DocumentClient at
// module scope, one BatchGet of the membership and the tenant per call (no cache).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TENANT_TABLE_NAME ?? '';

export async function getMembership(sub: string, tenantId: string) {
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
  return {
    tenant: items.find((item) => item.SK === 'TENANT'),
    membership: items.find((item) => item.SK !== 'TENANT'),
  };
}
