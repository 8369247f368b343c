import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * The tenant table, as data: the Terraform module's `aws_dynamodb_table` must declare exactly
 * this (its tests can compare the two). One table, string keys, on-demand billing, one
 * inverted index to list a tenant's members.
 */
export const TENANT_TABLE = {
  billingMode: 'PAY_PER_REQUEST',
  hashKey: 'PK',
  rangeKey: 'SK',
  attributes: [
    { name: 'PK', type: 'S' },
    { name: 'SK', type: 'S' },
    { name: 'GSI1PK', type: 'S' },
    { name: 'GSI1SK', type: 'S' },
  ],
  globalSecondaryIndexes: [
    { name: 'GSI1', hashKey: 'GSI1PK', rangeKey: 'GSI1SK', projectionType: 'ALL' },
  ],
} as const;

/**
 * The `CreateTable` request for {@link TENANT_TABLE}.
 *
 * @example
 * await client.send(new CreateTableCommand(tenantTableInput('tenants')));
 */
export function tenantTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: TENANT_TABLE.billingMode,
    AttributeDefinitions: TENANT_TABLE.attributes.map(({ name, type }) => ({
      AttributeName: name,
      AttributeType: type,
    })),
    KeySchema: [
      { AttributeName: TENANT_TABLE.hashKey, KeyType: 'HASH' },
      { AttributeName: TENANT_TABLE.rangeKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TENANT_TABLE.globalSecondaryIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.hashKey, KeyType: 'HASH' },
        { AttributeName: index.rangeKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projectionType },
    })),
  };
}

/**
 * Creates the tenant table unless it exists, then waits until the table and its index are
 * ACTIVE. For tests and the local stack; in AWS, Terraform owns the table.
 *
 * @example
 * await createTenantTable(new DynamoDBClient({ endpoint: 'http://127.0.0.1:8000' }), 'tenants');
 * @returns whether this call created the table.
 */
export async function createTenantTable(
  client: DynamoDBClient,
  tableName: string,
  options: { timeoutMs?: number } = {},
): Promise<{ created: boolean }> {
  let created = true;
  try {
    await client.send(new CreateTableCommand(tenantTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
    created = false;
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  const startedAt = Date.now();
  for (let delayMs = 25; ; delayMs = Math.min(delayMs * 2, 1_000)) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === undefined || index.IndexStatus === 'ACTIVE',
    );
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return { created };
    if (Date.now() - startedAt > timeoutMs) {
      throw new Error(
        `table ${tableName} is still ${Table?.TableStatus ?? 'missing'} after ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
