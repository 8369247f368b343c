import type { LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PoolError } from './errors.js';

/**
 * Where attach writes down the foreign triggers it replaced, so that detach can put them back.
 * The LambdaConfig fields are kept as Cognito described them (`PreTokenGenerationConfig` with its
 * version, or the bare `PreTokenGeneration`).
 */
export interface AttachmentRecords {
  /** Where the record lives, for messages (`table cognito-triggers-prod-tenants`). */
  readonly where: string;
  /** The triggers replaced on this pool and not yet put back; `{}` when none. */
  get(poolId: string): Promise<LambdaConfigType>;
  /** Replaces the pool's record; an empty one deletes it. */
  put(poolId: string, replaced: LambdaConfigType): Promise<void>;
}

/** The record's key in the tenant table: `PK = POOL#<poolId>`, `SK = ATTACHMENT`. */
export function attachmentKey(poolId: string) {
  return { PK: { S: `POOL#${poolId}` }, SK: { S: 'ATTACHMENT' } };
}

/** How long one record call may take, retries included. */
const CALL_TIMEOUT_MS = 10_000;

/**
 * The records in the suite's tenant table (the function's `TENANT_TABLE_NAME`), one item per pool
 * (see {@link attachmentKey}); the function's IAM policy allows only that item's key.
 */
export function tableRecords(client: DynamoDBClient, tableName: string): AttachmentRecords {
  const where = `table ${tableName}`;
  const fail = (call: string, error: unknown) =>
    new PoolError(
      'RECORD_FAILED',
      `${call} of the attachment record in ${where} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      { cause: error },
    );
  return {
    where,
    async get(poolId) {
      try {
        const { Item } = await client.send(
          new GetItemCommand({
            TableName: tableName,
            Key: attachmentKey(poolId),
            ConsistentRead: true,
          }),
          { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
        );
        const replaced = Item?.replaced?.S;
        return replaced === undefined ? {} : (JSON.parse(replaced) as LambdaConfigType);
      } catch (error) {
        throw fail('GetItem', error);
      }
    },
    async put(poolId, replaced) {
      try {
        if (Object.keys(replaced).length === 0) {
          await client.send(
            new DeleteItemCommand({ TableName: tableName, Key: attachmentKey(poolId) }),
            { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
          );
          return;
        }
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              ...attachmentKey(poolId),
              replaced: { S: JSON.stringify(replaced) },
              updatedAt: { S: new Date().toISOString() },
            },
          }),
          { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
        );
      } catch (error) {
        throw fail(Object.keys(replaced).length === 0 ? 'DeleteItem' : 'PutItem', error);
      }
    },
  };
}

/**
 * No record store: enough for an attach that replaces nothing and a detach that has nothing to
 * restore. Reading finds nothing; writing a replacement refuses, naming what to give instead.
 */
export function noRecords(option: string): AttachmentRecords {
  return {
    where: 'nowhere',
    get: async () => ({}),
    put: async (_poolId, replaced) => {
      if (Object.keys(replaced).length === 0) return;
      throw new PoolError(
        'RECORD_REQUIRED',
        `replacing a trigger that is not ours needs a place to record it, so that detach can put it back: give ${option}`,
      );
    },
  };
}
