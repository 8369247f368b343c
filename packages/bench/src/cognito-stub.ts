import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback stand-in for Cognito's admin API that answers every call as Cognito does. */
export interface CognitoStub {
  /** `http://127.0.0.1:<port>`: give it to an SDK client or `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`. */
  readonly endpoint: string;
  /** Calls received, by operation (`AdminAddUserToGroup: 2`). */
  readonly counts: Readonly<Record<string, number>>;
  /** All calls received so far. */
  total(): number;
  reset(): void;
  stop(): Promise<void>;
}

/**
 * Starts the stub: `200 {}` for any `X-Amz-Target`, as Cognito answers
 * `AdminUpdateUserAttributes` and `AdminAddUserToGroup`, and a count of each operation.
 *
 * @example
 * const cognito = await startCognitoStub();
 * const directory = cognitoUserDirectory(createCognitoClient({ ...LOCAL_AWS, endpoint: cognito.endpoint }));
 */
export async function startCognitoStub(): Promise<CognitoStub> {
  let counts: Record<string, number> = {};
  const server = createServer((request, response) => {
    const operation =
      String(request.headers['x-amz-target'] ?? 'unknown')
        .split('.')
        .pop() ?? '';
    counts[operation] = (counts[operation] ?? 0) + 1;
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get counts() {
      return counts;
    },
    total: () => Object.values(counts).reduce((sum, count) => sum + count, 0),
    reset: () => {
      counts = {};
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
