import { join } from 'node:path';
import { forkChild } from './processes.js';

const SERVER = join(import.meta.dirname, 'servers', 'server.mjs');

/** Requests a service received, by operation: `{ BatchGetItem: 1 }`. */
export type Requests = Readonly<Record<string, number>>;

/** The requests each service received over some span: what one invocation sent. */
export interface SentRequests {
  readonly dynamodb: Requests;
  readonly cognito: Requests;
}

/**
 * Starts the DynamoDB API (dynalite) and the Cognito stub, each in a child process of its own on
 * loopback: the processes measured and the benchmark itself only talk to them over HTTP.
 * `take()` answers the requests received since the last call.
 *
 * @throws {BenchError} when a server does not start.
 */
export async function startServices() {
  const dynamodb = forkChild(SERVER, ['dynamodb'], { execArgv: [], stdio: 'inherit' });
  const cognito = forkChild(SERVER, ['cognito'], { execArgv: [], stdio: 'inherit' });
  const stop = async () => {
    await Promise.all([dynamodb.stop(), cognito.stop()]);
  };
  try {
    type Started = { endpoint: string };
    const [d, c] = await Promise.all([dynamodb.next<Started>(), cognito.next<Started>()]);
    const counts = async (server: typeof dynamodb) =>
      (await server.next<{ counts: Requests }>('take')).counts;
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
