import { type CliIo, type Command, EXIT } from '../command.js';
import { parsePoolArguments } from '../pool/arguments.js';
import { changeLambdaConfig } from '../pool/change.js';
import { attachTriggers, type SuiteTriggers } from '../pool/lambda-config.js';
import { READ_ONLY_FIELDS } from '../pool/update-request.js';

const USAGE = `Usage: cognito-triggers attach --pool ID [options] --<trigger> ARN [--<trigger> ARN ...]

Points an existing user pool's triggers at the suite's functions and changes nothing else.
UpdateUserPool resets every setting it is not given, so attach describes the pool, copies every
updatable setting into the request, and replaces only the LambdaConfig slots named below; every
other trigger (PreAuthentication, UserMigration, custom senders, ...) stays as it is. Pre token
generation goes in PreTokenGenerationConfig with its event version (the bare, version 1
PreTokenGeneration slot is dropped).

If the pool has a setting this command does not know how to carry over, it refuses (exit 1,
naming the setting) rather than reset it.

Pool:
  --pool ID                      the user pool id (eu-west-1_AbC123)
  --region REGION                default: the region the pool id starts with
  --endpoint URL                 another Cognito endpoint (cognito-local)

Functions (at least one):
  --pre-signup ARN
  --post-confirmation ARN
  --pre-token-generation ARN     with --pre-token-version V1_0 | V2_0 | V3_0
  --custom-message ARN

  --dry-run                      print the LambdaConfig before -> after and change nothing
  -h, --help                     show this help

Output: the LambdaConfig, one slot a line: "  " kept, "- " before, "+ " after; a "note:" for a
slot that pointed at another function before.

Read-only settings, which UpdateUserPool cannot change and attach leaves alone:
  ${READ_ONLY_FIELDS.join(', ')}

Credentials: the AWS SDK's usual chain (AWS_PROFILE, environment, SSO, instance role).

Exit codes:
  0   attached (or nothing to change, or a dry run)
  1   the pool was not changed: POOL_NOT_FOUND, POOL_FIELD_UNKNOWN, POOL_TIMEOUT,
      AWS_CREDENTIALS, AWS_ERROR (the message names the pool, the setting or AWS's words)
  2   wrong command line

Example:
  cognito-triggers attach --pool eu-west-1_AbC123 \\
    --pre-signup arn:aws:lambda:eu-west-1:123456789012:function:app-prod-PreSignUp \\
    --pre-token-generation arn:aws:lambda:eu-west-1:123456789012:function:app-prod-PreTokenGeneration \\
    --pre-token-version V2_0 --dry-run`;

export const attach: Command = {
  name: 'attach',
  summary: 'point an existing pool’s triggers at the suite, keeping every other setting',
  usage: USAGE,
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parsePoolArguments(args, { allowVersion: true });
  if (parsed.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const ours: SuiteTriggers = {
    ...(parsed.PreSignUp === undefined ? {} : { PreSignUp: parsed.PreSignUp }),
    ...(parsed.PostConfirmation === undefined ? {} : { PostConfirmation: parsed.PostConfirmation }),
    ...(parsed.CustomMessage === undefined ? {} : { CustomMessage: parsed.CustomMessage }),
    ...(parsed.PreTokenGeneration === undefined || parsed.preTokenVersion === undefined
      ? {}
      : {
          PreTokenGeneration: { arn: parsed.PreTokenGeneration, version: parsed.preTokenVersion },
        }),
  };
  return changeLambdaConfig(io, 'attach', parsed.target, parsed.dryRun, (current) =>
    attachTriggers(current, ours),
  );
}
