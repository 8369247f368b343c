import { unwatchFile, watchFile } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BundleError, findWorkspaceRoot } from '@cognito-triggers/bundle';
import { runDemo } from './demo.js';
import { CognitoLocalError, LocalStackError, PortInUseError, type StackService } from './errors.js';
import { firstLine, readDeliveredMessages } from './messages.js';
import { type LocalStack, stackInfo, startStack } from './stack.js';

/** Where the CLI reads its working directory and writes its output; tests pass their own. */
export interface CliIo {
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Resolves when the stack should stop (Ctrl-C); by default SIGINT or SIGTERM. */
  readonly untilStopped?: () => Promise<string>;
}

/** Exit codes: 0 done, 1 the stack or a demo step failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Ports of `start` unless told otherwise: DynamoDB Local's and cognito-local's own defaults. */
export const DEFAULT_PORTS = { dynamodb: 8000, cognito: 9229, lambda: 9001 } as const;

const PORT_OPTION: Record<StackService, string> = {
  dynamodb: '--dynamodb-port',
  cognito: '--cognito-port',
  lambda: '--lambda-port',
};

const USAGE = `Usage: cognito-triggers-local <command> [options]

The whole suite offline, on loopback: DynamoDB API (dynalite) with the tenant table, the Cognito
API (cognito-local) with a user pool wired to the five triggers, and a Lambda invoke server that
runs the BUILT bundles (triggers/*/dist/index.mjs) with the environment Terraform gives them.

Commands:
  start   run the stack until Ctrl-C (pnpm start)
  demo    run a fresh stack through sign-up, invitation, sign-in, refresh, reset and the
          tenant lifecycle (role change, removal, suspension), then stop (pnpm demo)

Run "cognito-triggers-local <command> --help" for its options.`;

const START_USAGE = `Usage: cognito-triggers-local start [options]

Starts the local stack and keeps it up until Ctrl-C (SIGINT or SIGTERM), then stops every
service and frees the ports. Writes .local/stack.json (region, endpoints, pool and client ids,
table) at the repository root while it runs; cognito-local keeps its data in .local/cognito
(cleared at each start: the stack starts empty).

Options:
  --env NAME            policy of terraform/environments/NAME/terraform.tfvars.json (default dev)
  --dynamodb-port PORT  DynamoDB API port (default ${DEFAULT_PORTS.dynamodb})
  --cognito-port PORT   Cognito API port (default ${DEFAULT_PORTS.cognito})
  --lambda-port PORT    Lambda invoke server port (default ${DEFAULT_PORTS.lambda}); 0 picks a free port
  --root DIR            repository root (default: nearest folder with pnpm-workspace.yaml)
  -h, --help            show this help

Needs the built bundles: run pnpm build first.`;

const DEMO_USAGE = `Usage: cognito-triggers-local demo [options]

Starts a FRESH stack (random free ports, temporary data) and walks through: a refused sign-up,
two sign-ups of one company and their confirmation, a user of another domain, an invitation
and its first sign-in with a new password, sign-ins, a refresh, a password reset; then the
tenant lifecycle as an operator runs it: a new tenant with an invited admin, a role change, a
removal, a suspension and its end; prints each step, the messages and the decoded token
claims; stops the stack. Exits 0 only when every step behaved as expected. The sign-in
functions cache a tenant for 1 s (not the environment's TTL) so that the suspension shows fast.

Options:
  --env NAME    policy of terraform/environments/NAME/terraform.tfvars.json (default dev)
  --verbose     also print every line the functions log
  --root DIR    repository root (default: nearest folder with pnpm-workspace.yaml)
  -h, --help    show this help

Needs the built bundles: run pnpm build first.`;

class UsageError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

const defaultIo: CliIo = {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs `cognito-triggers-local` with `argv` (without the node and script paths) and returns the
 * exit code instead of exiting.
 *
 * @example
 * process.exitCode = await main(['demo']);
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  // The stack's own SDK clients run on this Node; the functions get the same setting.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await start(rest, io);
      case 'demo':
        return await demo(rest, io);
      case '-h':
      case '--help':
        io.out(USAGE);
        return EXIT.ok;
      case undefined:
        throw new UsageError('missing command');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`cognito-triggers-local: ${error.message}\n\n${usageFor(command)}`);
      return EXIT.usage;
    }
    if (error instanceof PortInUseError) {
      io.err(
        `cognito-triggers-local: ${error.code}: port ${error.port} is already in use (${error.service}): stop what uses it, or choose another port with ${PORT_OPTION[error.service]}`,
      );
      return EXIT.failure;
    }
    if (error instanceof LocalStackError) {
      io.err(`cognito-triggers-local: ${error.code}: ${error.message}`);
      return EXIT.failure;
    }
    if (error instanceof BundleError || error instanceof CognitoLocalError) {
      io.err(`cognito-triggers-local: ${error.message}`);
      return EXIT.failure;
    }
    io.err(
      `cognito-triggers-local: unexpected error\n${error instanceof Error ? error.stack : String(error)}`,
    );
    return EXIT.failure;
  }
}

async function start(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    env: { type: 'string' },
    'dynamodb-port': { type: 'string' },
    'cognito-port': { type: 'string' },
    'lambda-port': { type: 'string' },
    root: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(START_USAGE);
    return EXIT.ok;
  }
  const ports = {
    dynamodb: port(values['dynamodb-port'], '--dynamodb-port', DEFAULT_PORTS.dynamodb),
    cognito: port(values['cognito-port'], '--cognito-port', DEFAULT_PORTS.cognito),
    lambda: port(values['lambda-port'], '--lambda-port', DEFAULT_PORTS.lambda),
  };
  const root = values.root ?? (await findWorkspaceRoot(io.cwd));
  const localDir = join(root, '.local');
  const dataDir = join(localDir, 'cognito');

  io.out(`Starting the local stack (env ${values.env ?? 'dev'})`);
  const stack = await startStack({
    root,
    ...(values.env === undefined ? {} : { env: values.env }),
    ports,
    dataDir,
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

async function demo(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    env: { type: 'string' },
    verbose: { type: 'boolean' },
    root: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(DEMO_USAGE);
    return EXIT.ok;
  }
  const root = values.root ?? (await findWorkspaceRoot(io.cwd));
  await runDemo({
    root,
    out: io.out,
    ...(values.env === undefined ? {} : { env: values.env }),
    ...(values.verbose === undefined ? {} : { verbose: values.verbose }),
  });
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
  pnpm cognito-triggers check-email --env ${stack.policy.env} ${email} someone@gmail.com
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

function port(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65_535) {
    throw new UsageError(`${option} must be a port number (0 to 65535), got "${value}"`);
  }
  return parsed;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<T extends Options>(args: readonly string[], options: T) {
  // `pnpm start -- --lambda-port 9002` passes the `--` along: options still follow it.
  const given = args[0] === '--' ? args.slice(1) : [...args];
  try {
    return parseArgs({ args: given, options, allowPositionals: false, strict: true });
  } catch (error) {
    // parseArgs explains unknown options and stray arguments well; keep its words.
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function usageFor(command: string | undefined): string {
  if (command === 'start') return START_USAGE;
  if (command === 'demo') return DEMO_USAGE;
  return USAGE;
}
