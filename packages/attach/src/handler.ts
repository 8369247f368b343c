import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLogger } from '@cognito-triggers/events';
import { PoolError } from './errors.js';
import { type InvocationResult, parseInvocation, runInvocation } from './invocation.js';
import { noRecords, tableRecords } from './records.js';

const logger = createLogger({ function: 'AttachTriggers' });
const tableName = process.env.TENANT_TABLE_NAME;

/**
 * The attach function: Terraform's `aws_lambda_invocation` (`lifecycle_scope = "CRUD"`) calls
 * it on create, update and destroy of the attachment, with the provider's credentials. Its
 * records of replaced triggers live in the tenant table (`TENANT_TABLE_NAME`). A refusal throws:
 * Lambda reports it as a function error and the apply fails with the message.
 */
export async function handler(event: unknown): Promise<InvocationResult> {
  const invocation = parseInvocation(event);
  const log = logger.child({ action: invocation.action, userPoolId: invocation.input.userPoolId });
  const cognito = new CognitoIdentityProviderClient({
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 },
  });
  const dynamodb = new DynamoDBClient({ maxAttempts: 3 });
  try {
    const result = await runInvocation(invocation, {
      cognito,
      records:
        tableName === undefined || tableName === ''
          ? noRecords('the function a TENANT_TABLE_NAME')
          : tableRecords(dynamodb, tableName),
    });
    log.info('attachment done', {
      updated: result.updated,
      lambdaConfig: result.lambdaConfig,
      notes: result.notes,
    });
    for (const warning of result.warnings) log.warn(warning);
    return result;
  } catch (error) {
    log.error('attachment refused or failed', {
      code: error instanceof PoolError ? error.code : 'UNEXPECTED',
    });
    throw error;
  } finally {
    cognito.destroy();
    dynamodb.destroy();
  }
}
