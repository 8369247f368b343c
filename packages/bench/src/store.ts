import {
  createDynamoDbClient,
  createTenantStore,
  createTenantTable,
} from '@cognito-triggers/tenancy';
import { LOCAL_AWS } from '@cognito-triggers/tenancy/testing';
import type { BenchUser, Tenancy } from './deployment.js';

/**
 * Prepares the tenant table on a local DynamoDB API: the table (unless it exists), the tenant
 * the benchmark's users join (as an operator creates it), and `members` already in it.
 *
 * @example
 * await prepareStore(services.dynamodbEndpoint, policy.tenantTable, tenancy, { members });
 */
export async function prepareStore(
  endpoint: string,
  tableName: string,
  { tenantId }: Tenancy,
  options: { readonly members?: readonly BenchUser[]; readonly tableExists?: boolean },
): Promise<void> {
  const client = createDynamoDbClient({ ...LOCAL_AWS, endpoint });
  try {
    if (options.tableExists !== true) await createTenantTable(client, tableName);
    const store = createTenantStore({ client, tableName });
    await store.createTenant({
      tenantId,
      name: tenantId,
      tier: 'free',
      createdBy: 'operator:bench',
    });
    for (const { sub } of options.members ?? []) {
      await store.ensureMembership({ sub, tenantId, role: 'member' });
    }
  } finally {
    client.destroy();
  }
}
