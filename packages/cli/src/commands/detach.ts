import { detach as detachPool } from '@cognito-triggers/attach';
import type { CliIo, Command } from '../command.js';
import { parsePoolArguments } from '../pool/arguments.js';
import { runPoolChange } from '../pool/change.js';

const USAGE = `Usage: cognito-triggers detach --pool ID [options] --<trigger> ARN [--<trigger> ARN ...]

Removes the suite's functions from an existing user pool's triggers: a slot is emptied only
while it still points at the ARN given here. A slot that now points at another function (someone
replaced it since) is kept, and so is every other trigger and setting of the pool (copied into
the UpdateUserPool request as attach does). With --table, a function that attach replaced and
recorded there is put back in its slot, and the record is spent. The same code runs in the attach
function when Terraform destroys the attachment.

Pool:
  --pool ID                      the user pool id (eu-west-1_AbC123)
  --region REGION                default: the region the pool id starts with
  --endpoint URL                 another Cognito endpoint (cognito-local)

Functions (at least one; the ARNs attach was given):
  --pre-signup ARN
  --post-confirmation ARN
  --pre-authentication ARN
  --pre-token-generation ARN     (PreTokenGenerationConfig and the bare PreTokenGeneration slot)
  --custom-message ARN

  --table NAME                   the tenant table holding attach's record of replaced functions
  --dynamodb-endpoint URL        another DynamoDB endpoint for --table (dynalite)
  --dry-run                      print the LambdaConfig before -> after and change nothing
  -h, --help                     show this help

Exit codes:
  0   detached (or nothing of ours was attached, or a dry run)
  1   the pool was not changed: POOL_NOT_FOUND, POOL_FIELD_UNKNOWN, RECORD_FAILED,
      POOL_TIMEOUT, AWS_CREDENTIALS, AWS_ERROR
  2   wrong command line

Example:
  cognito-triggers detach --pool eu-west-1_AbC123 \\
    --pre-signup arn:aws:lambda:eu-west-1:123456789012:function:app-prod-PreSignUp --dry-run`;

export const detach: Command = {
  name: 'detach',
  summary: 'remove the suite’s functions from a pool’s triggers, if they still point at us',
  usage: USAGE,
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parsePoolArguments(args, { allowVersion: false });
  return runPoolChange(io, 'detach', parsed, (cognito, records, onPlan) =>
    detachPool(
      cognito,
      parsed.target,
      {
        PreSignUp: parsed.PreSignUp,
        PostConfirmation: parsed.PostConfirmation,
        PreAuthentication: parsed.PreAuthentication,
        CustomMessage: parsed.CustomMessage,
        PreTokenGeneration: parsed.PreTokenGeneration,
      },
      records,
      { dryRun: parsed.dryRun, onPlan },
    ),
  );
}
