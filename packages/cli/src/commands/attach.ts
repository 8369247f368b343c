import {
  attach as attachPool,
  protectedAttributeNames,
  READ_ONLY_FIELDS,
  type SuiteTriggers,
} from '@cognito-triggers/attach';
import type { CliIo, Command } from '../command.js';
import { parsePoolArguments } from '../pool/arguments.js';
import { runPoolChange } from '../pool/change.js';

const USAGE = `Usage: cognito-triggers attach --pool ID [options] --<trigger> ARN [--<trigger> ARN ...]

Points an existing user pool's triggers at the suite's functions and changes nothing else.
UpdateUserPool resets every setting it is not given, so attach describes the pool, copies every
updatable setting into the request, and replaces only the LambdaConfig slots named below; every
other trigger (PostAuthentication, UserMigration, custom senders, ...) stays as it is. Pre token
generation goes in PreTokenGenerationConfig with its event version (the bare, version 1
PreTokenGeneration slot is dropped).

The same code runs in the attach function that Terraform invokes (packages/attach).

Before it writes, attach checks the pool, and refuses (exit 1, the pool unchanged):
  - a setting this command does not know how to carry over (POOL_FIELD_UNKNOWN), rather than
    reset it;
  - a slot of ours that points at another function (POOL_TRIGGER_NOT_OURS), unless that trigger
    is given with --replace: then the function it replaces is recorded in --table first, and
    detach puts it back;
  - an app client that can write a protected attribute (POOL_CLIENT_WRITES_PROTECTED), naming
    each client and attribute: a client whose WriteAttributes lists one, or a client without
    WriteAttributes (AWS then returns none: not restricted, treated as able to write every
    attribute). Protected: ${protectedAttributeNames().join(', ')} (as the pre sign-up
    trigger's PROTECTED_ATTRIBUTES), plus each --protected-attribute.
It prints a "warning:" line (and goes on) when the pool's UserAttributeUpdateSettings does not
require verification of a new email before it takes effect.

Pool:
  --pool ID                      the user pool id (eu-west-1_AbC123)
  --region REGION                default: the region the pool id starts with
  --endpoint URL                 another Cognito endpoint (cognito-local)

Functions (at least one):
  --pre-signup ARN
  --post-confirmation ARN
  --pre-authentication ARN
  --pre-token-generation ARN     with --pre-token-version V1_0 | V2_0 | V3_0
  --custom-message ARN

  --replace TRIGGER              a trigger whose slot may hold another function, replaced and
                                 recorded (repeatable): pre-signup, post-confirmation,
                                 pre-authentication, pre-token-generation, custom-message
  --table NAME                   the tenant table, where replaced functions are recorded
                                 (needed with --replace)
  --dynamodb-endpoint URL        another DynamoDB endpoint for --table (dynalite)
  --protected-attribute NAME     one more attribute no app client may write (repeatable)
  --dry-run                      print the LambdaConfig before -> after and change nothing;
                                 the checks run too, and a refusal still exits 1
  -h, --help                     show this help

Output: the LambdaConfig, one slot a line: "  " kept, "- " before, "+ " after; a "note:" for a
replaced function and where it is recorded; then "app clients: N checked, none can write …".
Warnings and refusals go to stderr.

Read-only settings, which UpdateUserPool cannot change and attach leaves alone:
  ${READ_ONLY_FIELDS.join(', ')}

Credentials: the AWS SDK's usual chain (AWS_PROFILE, environment, SSO, instance role; with a
loopback --endpoint and no AWS_ACCESS_KEY_ID, placeholders); it calls DescribeUserPool,
ListUserPoolClients, DescribeUserPoolClient and UpdateUserPool, and with --table GetItem and
PutItem of the item PK = POOL#<pool id>, SK = ATTACHMENT.

Exit codes:
  0   attached (or nothing to change, or a dry run that found nothing to refuse)
  1   the pool was not changed: POOL_NOT_FOUND, POOL_FIELD_UNKNOWN, POOL_TRIGGER_NOT_OURS,
      POOL_CLIENT_WRITES_PROTECTED, RECORD_REQUIRED (--replace without --table),
      RECORD_FAILED, POOL_TIMEOUT, AWS_CREDENTIALS, AWS_ERROR (the message names the pool,
      the setting, the slot, the clients and attributes, or AWS's words)
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
  const parsed = parsePoolArguments(args, { allowVersion: true, allowProtectedAttributes: true });
  const triggers: SuiteTriggers = {
    ...(parsed.PreSignUp === undefined ? {} : { PreSignUp: parsed.PreSignUp }),
    ...(parsed.PostConfirmation === undefined ? {} : { PostConfirmation: parsed.PostConfirmation }),
    ...(parsed.PreAuthentication === undefined
      ? {}
      : { PreAuthentication: parsed.PreAuthentication }),
    ...(parsed.CustomMessage === undefined ? {} : { CustomMessage: parsed.CustomMessage }),
    ...(parsed.PreTokenGeneration === undefined || parsed.preTokenVersion === undefined
      ? {}
      : {
          PreTokenGeneration: { arn: parsed.PreTokenGeneration, version: parsed.preTokenVersion },
        }),
  };
  return runPoolChange(io, 'attach', parsed, (cognito, records, onPlan) =>
    attachPool(
      cognito,
      parsed.target,
      {
        triggers,
        replaceable: parsed.replaceable,
        protectedAttributes: parsed.protectedAttributes,
      },
      records,
      { dryRun: parsed.dryRun, onPlan },
    ),
  );
}
