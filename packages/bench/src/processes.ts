import { type ForkOptions, fork } from 'node:child_process';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import { BenchError } from './errors.js';

/** Requests a local service received, by operation: `{ BatchGetItem: 1 }`. */
export type Requests = Readonly<Record<string, number>>;

/** The requests each local service received over some span: what one probe sent. */
export interface SentRequests {
  readonly dynamodb: Requests;
  readonly cognito: Requests;
}

/**
 * Forks `module`, to speak to over IPC; what a child that exits leaves awaited rejects.
 *
 * @example
 * const { endpoint } = await forkChild(SERVER, ['dynamodb'], { stdio: 'inherit' }).next();
 */
export function forkChild(module: string, args: readonly string[], options: ForkOptions) {
  const child = fork(module, args, options);
  const waiting: { resolve: (message: never) => void; reject: (error: Error) => void }[] = [];
  child.on('message', (message) => waiting.shift()?.resolve(message as never));
  child.on('exit', (code) => {
    const error = new BenchError(`${basename(module)} ${args.join(' ')} exited (code ${code})`);
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  });
  return {
    /** Sends `request` (if any), then waits for the child's next message. */
    next<T>(request?: string) {
      const answer = new Promise<T>((resolve, reject) => waiting.push({ resolve, reject }));
      if (request !== undefined) child.send(request);
      return answer;
    },
    /** Disconnects, which the child takes as its cue to stop, and waits for it to exit. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      if (child.connected) child.disconnect();
      else child.kill();
      await exited;
    },
  };
}

/**
 * Starts the DynamoDB API (dynalite) and the Cognito stub of `servers/server.mjs`, each in a
 * process of its own on loopback: the processes measured only talk to them over HTTP. `take()`
 * answers the requests each received since the last call.
 *
 * @throws {BenchError} when a server does not start.
 */
export async function startServices() {
  const server = join(import.meta.dirname, 'servers', 'server.mjs');
  const dynamodb = forkChild(server, ['dynamodb'], { execArgv: [], stdio: 'inherit' });
  const cognito = forkChild(server, ['cognito'], { execArgv: [], stdio: 'inherit' });
  const stop = () => Promise.all([dynamodb.stop(), cognito.stop()]);
  try {
    type Started = { endpoint: string };
    const [d, c] = await Promise.all([dynamodb.next<Started>(), cognito.next<Started>()]);
    const counts = async (of: typeof dynamodb) =>
      (await of.next<{ counts: Requests }>('take')).counts;
    return {
      dynamodbEndpoint: d.endpoint,
      cognitoEndpoint: c.endpoint,
      take: async (): Promise<SentRequests> => ({
        dynamodb: await counts(dynamodb),
        cognito: await counts(cognito),
      }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** What `probes/probe.mjs` measured: the import, the first invocation, the warm ones (µs). */
export interface ProbeResult {
  readonly importMs: number;
  readonly invokeMs?: number;
  /** The first invocation's: `ok`, or `threw: …`. */
  readonly outcome?: string;
  readonly response?: string;
  readonly warmUs?: readonly number[];
  readonly threw?: number;
}

/**
 * Runs `probes/probe.mjs` on `specFile` in a fresh `node` with exactly `environment`, no
 * TypeScript loader and stdout (where the handlers log) to /dev/null; returns what it measured.
 *
 * @throws {BenchError} when the probe exits without an answer (its stderr is the bench's).
 */
export async function runProbe(
  specFile: string,
  environment: Readonly<Record<string, string>>,
): Promise<ProbeResult> {
  const probe = forkChild(join(import.meta.dirname, 'probes', 'probe.mjs'), [specFile], {
    env: environment,
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    return await probe.next<ProbeResult>();
  } finally {
    await probe.stop();
  }
}
