import { type CliIo, type Command, EXIT } from '../command.js';
import {
  clientsWriteProtectedError,
  protectedAttributeNames,
  writableProtectedAttributes,
} from '../pool/app-clients.js';
import { parsePoolArguments } from '../pool/arguments.js';
import { changeLambdaConfig, type InspectPool } from '../pool/change.js';
import { describePoolClients, type PoolTarget } from '../pool/client.js';
import { emailUpdateWarning } from '../pool/email-update.js';
import { attachTriggers, type SuiteTriggers } from '../pool/lambda-config.js';
import { READ_ONLY_FIELDS } from '../pool/update-request.js';

const USAGE = `Usage: cognito-triggers attach --pool ID [options] --<trigger> ARN [--<trigger> ARN ...]

Points an existing user pool's triggers at the suite's functions and changes nothing else.
UpdateUserPool resets every setting it is not given, so attach describes the pool, copies every
updatable setting into the request, and replaces only the LambdaConfig slots named below; every
other trigger (PostAuthentication, UserMigration, custom senders, ...) stays as it is. Pre token
generation goes in PreTokenGenerationConfig with its event version (the bare, version 1
PreTokenGeneration slot is dropped).

Before it writes, attach checks the pool, and refuses (exit 1, the pool unchanged):
  - a setting this command does not know how to carry over (POOL_FIELD_UNKNOWN), rather than
    reset it;
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

  --protected-attribute NAME     one more attribute no app client may write (repeatable)
  --dry-run                      print the LambdaConfig before -> after and change nothing;
                                 the checks run too, and a refusal still exits 1
  -h, --help                     show this help

Output: the LambdaConfig, one slot a line: "  " kept, "- " before, "+ " after; a "note:" for a
slot that pointed at another function before; then "app clients: N checked, none can write
…". Warnings and refusals go to stderr.

Read-only settings, which UpdateUserPool cannot change and attach leaves alone:
  ${READ_ONLY_FIELDS.join(', ')}

Credentials: the AWS SDK's usual chain (AWS_PROFILE, environment, SSO, instance role); it calls
DescribeUserPool, ListUserPoolClients, DescribeUserPoolClient and UpdateUserPool.

Exit codes:
  0   attached (or nothing to change, or a dry run that found nothing to refuse)
  1   the pool was not changed: POOL_NOT_FOUND, POOL_FIELD_UNKNOWN,
      POOL_CLIENT_WRITES_PROTECTED, POOL_TIMEOUT, AWS_CREDENTIALS, AWS_ERROR (the message
      names the pool, the setting, the clients and attributes, or AWS's words)
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
  if (parsed.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const ours: SuiteTriggers = {
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
  return changeLambdaConfig(
    io,
    'attach',
    parsed.target,
    parsed.dryRun,
    (current) => attachTriggers(current, ours),
    inspectForAttach(parsed.target, protectedAttributeNames(parsed.protectedAttributes)),
  );
}

/** The app clients may write no protected attribute (a refusal); the email setting (a warning). */
function inspectForAttach(target: PoolTarget, protectedNames: readonly string[]): InspectPool {
  return async (client, pool) => {
    const clients = await describePoolClients(client, target);
    const findings = writableProtectedAttributes(clients, protectedNames);
    const warning = emailUpdateWarning(pool);
    return {
      report:
        findings.length === 0
          ? [`app clients: ${clients.length} checked, none can write ${protectedNames.join(', ')}`]
          : [],
      warnings: warning === undefined ? [] : [warning],
      refusal:
        findings.length === 0
          ? undefined
          : clientsWriteProtectedError(target.poolId, protectedNames, findings),
    };
  };
}
