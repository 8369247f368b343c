import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoLocalError } from './errors.js';
import { type DeliveredMessage, readDeliveredMessages } from './messages.js';
import { type HeldPort, HOST, holdPort } from './ports.js';

/**
 * The triggers the emulator fires, by the names of their `LambdaConfig` slots (pre token
 * generation: `PreTokenGenerationConfig.LambdaArn`, or the legacy `PreTokenGeneration`);
 * `PreAuthentication` through the preload (`emulator-hooks/`), at each password sign-in.
 */
export type CognitoLocalTrigger =
  | 'CustomMessage'
  | 'PostAuthentication'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PreSignUp'
  | 'PreTokenGeneration'
  | 'UserMigration';

export interface CognitoLocalOptions {
  /**
   * Port on 127.0.0.1; 0 (the default) picks a free one. A held port ({@link HeldPort}) is taken
   * over. Either way the port is held from the moment it is chosen: the emulator listens on the
   * very socket this process opened, handed to it at start.
   */
  readonly port?: number | HeldPort;
  /**
   * Working folder of the emulator: it reads `.cognito/config.json` there and keeps its pools in
   * `.cognito/db/`. By default a fresh temporary folder, deleted by `stop()`; a folder given here
   * is kept.
   */
  readonly dataDir?: string;
  /**
   * Lambda Invoke API endpoint the emulator calls for triggers (the local invoke server). Which
   * function a trigger runs is each pool's own `LambdaConfig`, as in Cognito: the function an
   * ARN names (`arn:aws:lambda:<region>:<account>:function:<name>` → `<name>`), none for an
   * empty slot.
   */
  readonly lambdaEndpoint?: string;
  /** How long to wait for `/health`, in milliseconds (default 20 s). */
  readonly startTimeoutMs?: number;
}

export interface CognitoLocal {
  /** `http://127.0.0.1:<port>`: the endpoint for the Cognito SDK client. */
  readonly endpoint: string;
  readonly port: number;
  /** The emulator's working folder. */
  readonly dataDir: string;
  /** The JSON-lines file the emulator appends each delivered message to. */
  readonly messagesFile: string;
  /** Every message the emulator delivered so far (sign-up codes, invitations, resets), oldest first. */
  messages(): DeliveredMessage[];
  /** Stops the emulator and removes its folder unless `dataDir` was given. */
  stop(): Promise<void>;
}

// Preloaded into the emulator: checks the cognito-local it patches, records deliveries, fires
// what each pool's LambdaConfig names, and more (see the file and the README).
const HOOKS = fileURLToPath(new URL('./emulator-hooks/index.cjs', import.meta.url));
// The emulator keeps its last words here, for a start-up failure's message.
const OUTPUT_LIMIT = 8 * 1024;
// The IPC message that hands the emulator its listening socket (emulator-hooks/listen.cjs).
const LISTEN_MESSAGE = 'cognito-local:listen';
// What the preload throws when the installed cognito-local is not the one it patches.
const HOOKS_REFUSAL = /^(?:\w*Error: )?(emulator-hooks: .+)$/m;

/**
 * Runs cognito-local (5.3.0, a dependency of this package) as a child process on loopback and
 * waits until it answers `/health`. Every message it delivers is recorded (`messages()`), and a
 * sign-up confirmed with its emailed code gets `email_verified=true`, as in Cognito.
 *
 * @see https://github.com/jagregory/cognito-local
 * @throws {CognitoLocalError} when it exits or stays unhealthy past `startTimeoutMs`.
 * @example
 * ```ts
 * const cognito = await startCognitoLocal();
 * const client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'local' });
 * // …
 * await cognito.stop();
 * ```
 */
export async function startCognitoLocal(options: CognitoLocalOptions = {}): Promise<CognitoLocal> {
  // A real port up front (not PORT=0): the emulator also puts it in its tokens' issuer. It is
  // held open until the emulator has the socket, so no other process can take it in between.
  const held =
    typeof options.port === 'object' ? options.port : await holdPort('cognito', options.port ?? 0);
  const { port } = held;
  const owned = options.dataDir === undefined;
  let dataDir: string;
  let child: ChildProcess;
  let messagesFile: string;
  try {
    dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cognito-local-')));
    await mkdir(join(dataDir, '.cognito'), { recursive: true });
    await writeFile(
      join(dataDir, '.cognito', 'config.json'),
      JSON.stringify(config(options), null, 2),
    );
    messagesFile = join(dataDir, 'messages.jsonl');
    await writeFile(messagesFile, '');
    child = spawn(process.execPath, ['--require', HOOKS, binPath()], {
      cwd: dataDir,
      env: {
        ...process.env,
        PORT: String(port),
        HOST,
        NO_COLOR: '1',
        COGNITO_LOCAL_MESSAGES_FILE: messagesFile,
        COGNITO_LOCAL_LISTEN_MESSAGE: LISTEN_MESSAGE,
      },
      // The IPC channel hands over the socket; when it closes (the parent died), the emulator exits.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
  } catch (error) {
    held.server.close();
    throw error;
  }
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // After 'exit', the last output may still be in the pipes: 'close' comes once it is read.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const endpoint = `http://${HOST}:${port}`;
  const stop = async () => {
    await terminate(child);
    if (owned) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // The emulator takes its own copy of the socket; this process's copy closes once it is sent,
    // so that no connection is accepted here.
    await new Promise<void>((resolve, reject) =>
      child.send(LISTEN_MESSAGE, held.server, (error) => (error ? reject(error) : resolve())),
    ).finally(() => held.server.close());
    await waitForHealth(endpoint, child, options.startTimeoutMs ?? 20_000, {
      output: () => output,
      closed,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoint,
    port,
    dataDir,
    messagesFile,
    messages: () => readDeliveredMessages(messagesFile),
    stop,
  };
}

function config(options: CognitoLocalOptions): Record<string, unknown> {
  return {
    LambdaClient: {
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      ...(options.lambdaEndpoint === undefined ? {} : { endpoint: options.lambdaEndpoint }),
    },
    // None for every pool: the preload fires what each pool's LambdaConfig names.
    TriggerFunctions: {},
  };
}

function binPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
}

async function waitForHealth(
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
  last: { readonly output: () => string; readonly closed: Promise<void> },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await last.closed;
      const output = last.output();
      // The preload's start-time check says in one line what is wrong: that line, not its trace.
      const refusal = HOOKS_REFUSAL.exec(output)?.[1];
      throw new CognitoLocalError(
        refusal === undefined
          ? `cognito-local exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output}`
          : `cognito-local did not start: ${refusal}`,
      );
    }
    try {
      const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new CognitoLocalError(
    `cognito-local did not answer ${endpoint}/health within ${timeoutMs} ms:\n${last.output()}`,
  );
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
