import { type CliIo, type Command, EXIT } from '../command.js';
import { parsePoolArguments } from '../pool/arguments.js';
import { changeLambdaConfig } from '../pool/change.js';
import { detachTriggers } from '../pool/lambda-config.js';

const USAGE = `Usage: cognito-triggers detach --pool ID [options] --<trigger> ARN [--<trigger> ARN ...]

Removes the suite's functions from an existing user pool's triggers: a slot is emptied only
while it still points at the ARN given here. A slot that now points at another function (someone
replaced it since) is kept, and so is every other trigger and setting of the pool (copied into
the UpdateUserPool request as attach does). Terraform runs it when the attachment is destroyed.

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

  --dry-run                      print the LambdaConfig before -> after and change nothing
  -h, --help                     show this help

Exit codes:
  0   detached (or nothing of ours was attached, or a dry run)
  1   the pool was not changed: POOL_NOT_FOUND, POOL_FIELD_UNKNOWN, POOL_TIMEOUT,
      AWS_CREDENTIALS, AWS_ERROR
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
  if (parsed.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  return changeLambdaConfig(io, 'detach', parsed.target, parsed.dryRun, (current) =>
    detachTriggers(current, {
      PreSignUp: parsed.PreSignUp,
      PostConfirmation: parsed.PostConfirmation,
      PreAuthentication: parsed.PreAuthentication,
      CustomMessage: parsed.CustomMessage,
      PreTokenGeneration: parsed.PreTokenGeneration,
    }),
  );
}
