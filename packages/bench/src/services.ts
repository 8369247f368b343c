import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { BenchError } from './errors.js';

const SERVER = join(import.meta.dirname, 'servers', 'server.mjs');

/** Requests a service received, by operation: `{ BatchGetItem: 1 }`. */
export type Requests = Readonly<Record<string, number>>;

/** The requests each service received over some span: what one invocation sent. */
export interface SentRequests {
  readonly dynamodb: Requests;
  readonly cognito: Requests;
}

/** dynalite and the Cognito stub, each in a process of its own on loopback. */
export interface LocalServices {
  readonly dynamodbEndpoint: string;
  readonly cognitoEndpoint: string;
  /** The requests received since the last `take()` (or the start), and a fresh count. */
  take(): Promise<SentRequests>;
  stop(): Promise<void>;
}

/**
 * Starts the DynamoDB API (dynalite) and the Cognito stub in two child processes: the
 * processes being measured and the benchmark itself only ever talk to them over HTTP.
 *
 * @example
 * const services = await startServices();
 * const sent = await services.take(); // { dynamodb: { UpdateItem: 2 }, cognito: { … } }
 * @throws {BenchError} when a server does not start.
 */
export async function startServices(): Promise<LocalServices> {
  const dynamodb = await startServer('dynamodb');
  const cognito = await startServer('cognito').catch(async (error: unknown) => {
    await dynamodb.stop();
    throw error;
  });
  return {
    dynamodbEndpoint: dynamodb.endpoint,
    cognitoEndpoint: cognito.endpoint,
    take: async () => ({ dynamodb: await dynamodb.take(), cognito: await cognito.take() }),
    stop: async () => {
      await Promise.all([dynamodb.stop(), cognito.stop()]);
    },
  };
}

async function startServer(kind: 'dynamodb' | 'cognito') {
  const child: ChildProcess = fork(SERVER, [kind], { execArgv: [], stdio: 'inherit' });
  const waiting: { resolve: (message: never) => void; reject: (error: Error) => void }[] = [];
  child.on('message', (message) => waiting.shift()?.resolve(message as never));
  child.on('exit', (code) => {
    const error = new BenchError(`the local ${kind} server exited (code ${code})`);
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => waiting.push({ resolve: resolve as never, reject }));
  const { endpoint } = await next<{ endpoint: string }>();
  return {
    endpoint,
    take: async (): Promise<Requests> => {
      const answer = next<{ counts: Requests }>();
      child.send('take');
      return (await answer).counts;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}
