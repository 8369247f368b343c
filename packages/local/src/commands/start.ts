import { unwatchFile, watchFile } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type CliIo, type Command, EXIT, findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import { firstLine, readDeliveredMessages } from '../messages.js';
import type { LocalStack } from '../stack.js';
import { explainLocalFailure } from './failure.js';
import { DEFAULT_PORTS, parseLocalArgs, portOption } from './options.js';
import { START_SUMMARY, START_USAGE } from './usage.js';

/** `cognito-triggers local start`: the local stack, until Ctrl-C. */
export const localStart: Command = {
  name: 'local start',
  summary: START_SUMMARY,
  usage: START_USAGE,
  run,
  explainFailure: explainLocalFailure,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseLocalArgs(args, {
    env: { type: 'string' },
    'dynamodb-port': { type: 'string' },
    'cognito-port': { type: 'string' },
    'lambda-port': { type: 'string' },
    root: { type: 'string' },
  });
  const ports = {
    dynamodb: portOption(values['dynamodb-port'], '--dynamodb-port', DEFAULT_PORTS.dynamodb),
    cognito: portOption(values['cognito-port'], '--cognito-port', DEFAULT_PORTS.cognito),
    lambda: portOption(values['lambda-port'], '--lambda-port', DEFAULT_PORTS.lambda),
  };
  const root = values.root ?? (await findWorkspaceRoot(io.cwd));
  const localDir = join(root, '.local');
  // The stack's own SDK clients run on this Node; the functions get the same setting.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // exactly "true"
  // Loaded here, not with the command: `cognito-triggers` starts without the stack's modules.
  const [{ startStack }, { stackInfo }] = await Promise.all([
    import('../stack.js'),
    import('../stack-info.js'),
  ]);

  io.out(`Starting the local stack (env ${values.env ?? 'dev'})`);
  const stack = await startStack({
    root,
    ...(values.env === undefined ? {} : { env: values.env }),
    ports,
    dataDir: join(localDir, 'cognito'),
    // The tenant table lives in memory: users kept from an earlier run would have no tenant.
    resetDataDir: true,
    onProgress: (line) => io.out(`  ✓ ${line}`),
    log: (line) => io.out(line),
  });
  const stackFile = join(localDir, 'stack.json');
  const messagesFile = join(stack.dataDir, 'messages.jsonl');
  try {
    await mkdir(localDir, { recursive: true });
    await writeFile(stackFile, `${JSON.stringify(stackInfo(stack), null, 2)}\n`);
    io.out(summary(stack, relative(io.cwd, stackFile) || stackFile, root));

    // Delivered messages, as they come: the codes a sign-up needs.
    let shown = 0;
    watchFile(messagesFile, { interval: 250 }, () => {
      const messages = readDeliveredMessages(messagesFile);
      for (const message of messages.slice(shown)) {
        io.out(
          `[message] ${message.source} → ${message.destination}  code ${message.code}  "${message.emailSubject ?? firstLine(message)}"`,
        );
      }
      shown = messages.length;
    });

    const signal = await (io.untilStopped ?? untilSignal)();
    io.out(`\n${signal}: stopping the local stack`);
  } finally {
    unwatchFile(messagesFile);
    await stack.stop();
    await rm(stackFile, { force: true });
  }
  io.out('Stopped; ports freed.');
  return EXIT.ok;
}

function summary(stack: LocalStack, stackFile: string, root: string): string {
  const aws = `aws --endpoint-url ${stack.cognitoEndpoint} cognito-idp`;
  const email = `ana@${firstAllowedDomain(stack) ?? 'example.com'}`;
  return `
Local stack up: env ${stack.policy.env} (${relative(root, stack.policy.file)})
  Cognito   ${stack.cognitoEndpoint}   pool ${stack.userPoolId}   client ${stack.clientId}
  DynamoDB  ${stack.dynamodbEndpoint}   table ${stack.tenantTable}
  Lambda    ${stack.lambdaEndpoint}   ${stack.functions.map((fn) => fn.name).join(' ')}
  Written   ${stackFile}

Try it (any credentials work; the code appears below as a [message] line):
  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=${stack.region} AWS_DEFAULT_REGION=${stack.region}
  ${aws} sign-up --client-id ${stack.clientId} --username ${email} --password 'Correct-Horse-42'
  ${aws} confirm-sign-up --client-id ${stack.clientId} --username ${email} --confirmation-code CODE
  ${aws} initiate-auth --client-id ${stack.clientId} --auth-flow USER_PASSWORD_AUTH \\
    --auth-parameters USERNAME=${email},PASSWORD=Correct-Horse-42
  pnpm exec cognito-triggers check-email --env ${stack.policy.env} ${email} someone@gmail.com
  pnpm demo        (a scripted walk-through, on a stack of its own)

Function logs and delivered messages follow. Ctrl-C stops the stack.`;
}

function firstAllowedDomain(stack: LocalStack): string | undefined {
  const allowed = stack.policy.settings.allowed_email_domains;
  return Array.isArray(allowed)
    ? allowed.map(String).find((domain) => !domain.startsWith('*.'))
    : undefined;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
