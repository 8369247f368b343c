import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  type AttachmentRecords,
  type AttachmentResult,
  noRecords,
  PoolError,
  tableRecords,
} from '@cognito-triggers/attach';
import { createCognitoClient, createDynamoDbClient } from '@cognito-triggers/tenancy';
import { type CliIo, EXIT } from '../command.js';
import type { PoolArguments } from './arguments.js';

/** One run of attach or detach of `@cognito-triggers/attach`, with the clients it needs. */
export type PoolChange = (
  cognito: CognitoIdentityProviderClient,
  records: AttachmentRecords,
  onPlan: (plan: AttachmentResult) => void,
) => Promise<AttachmentResult>;

/**
 * Runs attach or detach (the same code the Terraform attach function runs) and prints its plan:
 * the LambdaConfig before → after, one slot a line, the notes, then what was done. The plan is
 * printed before a refusal, a dry run's too. A {@link PoolError} is printed with its code and
 * gives exit 1.
 */
export async function runPoolChange(
  io: CliIo,
  command: 'attach' | 'detach',
  parsed: PoolArguments,
  change: PoolChange,
): Promise<number> {
  const cognito = createCognitoClient(parsed.cognito);
  const dynamodb =
    parsed.tableName === undefined ? undefined : createDynamoDbClient(parsed.dynamodb);
  const records =
    dynamodb === undefined || parsed.tableName === undefined
      ? noRecords('--table NAME (the tenant table)')
      : tableRecords(dynamodb, parsed.tableName);
  const { poolId, region } = parsed.target;
  try {
    const result = await change(cognito, records, (plan) => printPlan(io, region, plan));
    if (parsed.tableName === undefined && command === 'detach') {
      io.out(
        'note: no --table given: a trigger that attach replaced and recorded was not looked up (give --table to put it back)',
      );
    }
    if (result.diff.length === 0) io.out('nothing to change');
    else if (parsed.dryRun) io.out('dry run: the pool was not changed');
    else io.out(`${command}: updated ${poolId}; every other setting carried over`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof PoolError)) throw error;
    io.err(`cognito-triggers ${command}: ${error.message}`);
    return EXIT.failure;
  } finally {
    cognito.destroy();
    dynamodb?.destroy();
  }
}

function printPlan(io: CliIo, region: string, plan: AttachmentResult): void {
  io.out(`user pool ${plan.poolId} (${region}), LambdaConfig:`);
  const lines = plan.diff.length > 0 ? plan.diff : unchanged(plan.before);
  for (const line of lines) io.out(line);
  for (const note of plan.notes) io.out(note.startsWith('app clients:') ? note : `note: ${note}`);
  for (const warning of plan.warnings) io.err(`warning: ${warning}`);
}

function unchanged(config: AttachmentResult['before']): string[] {
  const lines = Object.entries(config).map(
    ([slot, value]) => `  ${slot}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return lines.length > 0 ? lines : ['  (no triggers)'];
}
