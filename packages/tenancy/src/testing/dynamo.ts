import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../clients.js';

/** Credentials and region a local DynamoDB accepts (it checks neither). */
export const LOCAL_AWS = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

/** A DynamoDB API on loopback, and a client for it built by `createDynamoDbClient`. */
export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** True when `DYNAMODB_ENDPOINT` named a server this process did not start. */
  readonly external: boolean;
  /** Stops dynalite (if started here) and the client. */
  stop(): Promise<void>;
}

interface DynaliteServer {
  listen(port: number, host: string, callback: () => void): void;
  address(): AddressInfo | string | null;
  close(callback: (error?: Error) => void): void;
}
type Dynalite = (options: { createTableMs?: number; deleteTableMs?: number }) => DynaliteServer;

/**
 * Starts dynalite (DynamoDB's API on LevelDB, in memory) in this process on a random loopback
 * port; or, when `DYNAMODB_ENDPOINT` is set, uses that server instead (DynamoDB Local:
 * `DYNAMODB_ENDPOINT=http://127.0.0.1:8000 pnpm test`).
 *
 * @example
 * const dynamo = await startDynamo();
 * await createTenantTable(dynamo.client, uniqueTableName());
 * afterAll(() => dynamo.stop());
 */
export async function startDynamo(
  options: { readonly createTableMs?: number } = {},
): Promise<LocalDynamo> {
  const external = process.env.DYNAMODB_ENDPOINT?.trim();
  if (external !== undefined && external.length > 0) {
    const client = createDynamoDbClient({ ...LOCAL_AWS, endpoint: external });
    return {
      endpoint: external,
      client,
      external: true,
      stop: async () => client.destroy(),
    };
  }

  // dynalite is CommonJS without types; loaded on demand so that importing this module is free.
  const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;
  const server = dynalite({ createTableMs: options.createTableMs ?? 0, deleteTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('dynalite has no port');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = createDynamoDbClient({ ...LOCAL_AWS, endpoint });
  return {
    endpoint,
    client,
    external: false,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

let tables = 0;

/**
 * A table name no other test (in this or a parallel worker) uses.
 *
 * @example
 * await createTenantTable(dynamo.client, uniqueTableName());
 */
export function uniqueTableName(prefix = 'tenants'): string {
  tables += 1;
  return `${prefix}-${process.pid}-${tables}-${Math.random().toString(36).slice(2, 8)}`;
}

type Item = Record<string, AttributeValue>;

/**
 * Every item of a table, sorted by key: compare two states of the store.
 *
 * @example
 * expect(await scanTable(client, table)).toEqual(before);
 */
export async function scanTable(client: DynamoDBClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  const key = (item: Item) => `${item.PK?.S}\u0000${item.SK?.S}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
