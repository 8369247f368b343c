import { once } from 'node:events';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to the next requests. */
export type ProxyMode = 'pass' | 'fail-503' | 'hang';

/**
 * A loopback HTTP proxy in front of a real DynamoDB API: it counts the operations that pass
 * (by `X-Amz-Target`), and on demand answers 503 or never answers, as a struggling network or
 * service would. The trigger's own SDK client talks to it through `AWS_ENDPOINT_URL_DYNAMODB`.
 */
export interface DynamoProxy {
  readonly endpoint: string;
  /** Operations seen, e.g. `{ BatchGetItem: 1, UpdateItem: 2 }`. */
  readonly counts: Record<string, number>;
  mode: ProxyMode;
  reset(): void;
  stop(): Promise<void>;
}

export async function startDynamoProxy(target: string): Promise<DynamoProxy> {
  const upstream = new URL(target);
  const counts: Record<string, number> = {};
  const state: { mode: ProxyMode } = { mode: 'pass' };
  const server: Server = createServer((incoming, outgoing) => {
    const operation =
      String(incoming.headers['x-amz-target'] ?? 'unknown')
        .split('.')
        .pop() ?? '';
    counts[operation] = (counts[operation] ?? 0) + 1;
    if (state.mode === 'hang') return;
    if (state.mode === 'fail-503') {
      outgoing.writeHead(503, { 'content-type': 'application/x-amz-json-1.0' });
      outgoing.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable',
          message: 'injected',
        }),
      );
      return;
    }
    const proxied = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(proxied);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts,
    get mode() {
      return state.mode;
    },
    set mode(mode: ProxyMode) {
      state.mode = mode;
    },
    reset() {
      for (const key of Object.keys(counts)) delete counts[key];
      state.mode = 'pass';
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
