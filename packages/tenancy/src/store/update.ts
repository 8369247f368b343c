import {
  type AttributeValue,
  type DynamoDBClient,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { TenancyError } from '../errors.js';
import { callOptions } from './call-options.js';

export type Item = Record<string, AttributeValue>;

/** The parts of an `UpdateItem` request besides the table and the key. */
export interface UpdateExpression {
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Item;
}

/** `UpdateItem` returning the item as it is now (`ALL_NEW`). */
export function updater(client: DynamoDBClient, tableName: string) {
  return async (key: Item, expression: UpdateExpression, signal: AbortSignal | undefined) => {
    const { Attributes } = await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key,
        ...expression,
        ReturnValues: 'ALL_NEW',
      }),
      callOptions(signal),
    );
    if (Attributes === undefined) throw new Error('UpdateItem returned no attributes');
    return Attributes;
  };
}

/** Whether an SDK error is a failed condition of a conditional write. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Runs a conditional write; a failed condition becomes the given {@link TenancyError}. */
export async function conditional<T>(
  write: () => Promise<T>,
  refusal: () => TenancyError,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const refused = refusal();
    throw new TenancyError(refused.code, refused.message, { cause: error });
  }
}

/**
 * `SET a = :a, b = if_not_exists(b, :b), …` over string attributes. Every name goes through
 * `#n` placeholders: `name`, `domain`, `status`, `type` and `role` are DynamoDB reserved words.
 */
export function setExpression(
  always: Readonly<Record<string, string>>,
  ifAbsent: Readonly<Record<string, string>> = {},
): Required<Pick<UpdateExpression, 'UpdateExpression' | 'ExpressionAttributeValues'>> &
  UpdateExpression {
  const names: Record<string, string> = {};
  const values: Item = {};
  const clauses: string[] = [];
  const add = (attribute: string, value: string, keep: boolean) => {
    const index = clauses.length;
    names[`#a${index}`] = attribute;
    values[`:v${index}`] = { S: value };
    clauses.push(
      keep ? `#a${index} = if_not_exists(#a${index}, :v${index})` : `#a${index} = :v${index}`,
    );
  };
  for (const [attribute, value] of Object.entries(always)) add(attribute, value, false);
  for (const [attribute, value] of Object.entries(ifAbsent)) add(attribute, value, true);
  return {
    UpdateExpression: `SET ${clauses.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
