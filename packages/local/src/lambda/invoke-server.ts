import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { HeldPort } from '../ports.js';

/** One function the server can run: a built bundle and the environment Terraform gives it. */
export interface LocalFunction {
  /** As Cognito names it in errors: `PreSignUp`, `PostConfirmation`, … */
  readonly name: string;
  /** Absolute path of the built `dist/index.mjs`. */
  readonly bundle: string;
  readonly environment: Readonly<Record<string, string>>;
}

export interface InvokeServerOptions {
  readonly functions: readonly LocalFunction[];
  /** 0 (the default) picks a free port; a held port ({@link HeldPort}) is taken over. */
  readonly port?: number | HeldPort;
  /** Cognito waits 5 s for any trigger; so does this server. */
  readonly timeoutMs?: number;
  /** Where the functions' own log lines go, prefixed with the function name. */
  readonly log?: (line: string) => void;
}

export interface InvokeServer {
  /** `http://127.0.0.1:<port>`: the Lambda endpoint to give cognito-local. */
  readonly endpoint: string;
  /** How long an invocation may run before it is answered "Task timed out". */
  readonly timeoutMs: number;
  /** Invocations so far, per function name. */
  readonly invocations: ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

interface Pending {
  resolve(reply: WorkerReply): void;
}

type WorkerReply =
  | { id: string; ok: true; result: unknown }
  | { id: string; ok: false; error: { errorType: string; errorMessage: string } };

/**
 * A small Lambda Invoke API (`POST /2015-03-31/functions/<name>/invocations`) that runs the
 * built trigger bundles, each in its own long-lived child process with its own environment, as
 * Lambda keeps a warm execution environment. An invocation that runs past the timeout is
 * answered as Lambda does (`X-Amz-Function-Error: Unhandled`, "Task timed out"), and the process
 * is killed and started afresh on the next call, so the stack keeps serving.
 */
export async function startInvokeServer(options: InvokeServerOptions): Promise<InvokeServer> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const functions = new Map(options.functions.map((fn) => [fn.name, fn]));
  const workers = new Map<string, { child: ChildProcess; pending: Map<string, Pending> }>();
  const invocations = new Map<string, number>();

  const workerFor = (fn: LocalFunction) => {
    const existing = workers.get(fn.name);
    if (existing !== undefined && existing.child.exitCode === null && !existing.child.killed) {
      return existing;
    }
    const child = fork(WORKER, [], {
      // Not the parent's loader flags (tsx when started through the CLI): a function's process
      // starts as Lambda's runtime would, with plain Node, and its cold start is not inflated.
      execArgv: [],
      env: {
        PATH: process.env.PATH ?? '',
        NODE_OPTIONS: '--enable-source-maps',
        AWS_LAMBDA_FUNCTION_NAME: fn.name,
        LOCAL_LAMBDA_BUNDLE: fn.bundle,
        LOCAL_LAMBDA_TIMEOUT_MS: String(timeoutMs),
        ...fn.environment,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const pending = new Map<string, Pending>();
    const prefix = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim().length > 0) log(`[${fn.name}] ${line}`);
      }
    };
    child.stdout?.on('data', prefix);
    child.stderr?.on('data', prefix);
    child.on('message', (message: WorkerReply | { ready: true }) => {
      if ('id' in message) pending.get(message.id)?.resolve(message);
    });
    child.on('exit', () => {
      for (const [id, waiter] of pending) {
        waiter.resolve({
          id,
          ok: false,
          error: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited unexpectedly' },
        });
      }
      pending.clear();
    });
    const worker = { child, pending };
    workers.set(fn.name, worker);
    return worker;
  };

  const invoke = async (fn: LocalFunction, event: unknown): Promise<WorkerReply> => {
    invocations.set(fn.name, (invocations.get(fn.name) ?? 0) + 1);
    const worker = workerFor(fn);
    const id = randomUUID();
    const reply = new Promise<WorkerReply>((resolve) => worker.pending.set(id, { resolve }));
    worker.child.send({ id, event });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([reply, timedOut]);
    clearTimeout(timer);
    worker.pending.delete(id);
    if (outcome === 'timeout') {
      worker.child.kill('SIGKILL');
      log(`[${fn.name}] Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
      return {
        id,
        ok: false,
        error: {
          errorType: 'Sandbox.Timedout',
          errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
        },
      };
    }
    return outcome;
  };

  const held = typeof options.port === 'object' ? options.port : undefined;
  const server: Server = held?.server ?? createServer();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      log(`[invoke-server] ${error instanceof Error ? error.stack : String(error)}`);
      if (!response.headersSent) send(response, 500, { message: 'invoke server error' });
    });
  });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const match = request.method === 'POST' ? INVOKE_PATH.exec(request.url ?? '') : null;
    if (match === null) {
      send(response, 404, { message: `no route for ${request.method} ${request.url}` });
      return;
    }
    const name = decodeURIComponent(match[1] ?? '');
    const fn = functions.get(name);
    if (fn === undefined) {
      send(
        response,
        404,
        {
          Type: 'User',
          message: `Function not found: ${name}`,
        },
        { 'x-amzn-errortype': 'ResourceNotFoundException' },
      );
      return;
    }
    const body = await readBody(request);
    let event: unknown;
    try {
      event = JSON.parse(body.length > 0 ? body : 'null');
    } catch {
      send(
        response,
        400,
        { message: 'payload is not JSON' },
        { 'x-amzn-errortype': 'InvalidRequestContentException' },
      );
      return;
    }
    const reply = await invoke(fn, event);
    if (reply.ok) {
      send(response, 200, reply.result, { 'x-amz-executed-version': '$LATEST' });
    } else {
      send(response, 200, reply.error, {
        'x-amz-executed-version': '$LATEST',
        'x-amz-function-error': 'Unhandled',
      });
    }
  };

  if (held === undefined) {
    server.listen(typeof options.port === 'number' ? options.port : 0, '127.0.0.1');
    await once(server, 'listening');
  }
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    timeoutMs,
    invocations,
    async stop() {
      for (const { child } of workers.values()) child.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
