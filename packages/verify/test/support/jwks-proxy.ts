import { once } from 'node:events';
import { createServer, request as forward, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';

/**
 * A loopback HTTP proxy in front of the emulator that counts every request passing through:
 * a verifier whose `jwksUri` points here makes its network calls visible, and once the proxy is
 * stopped, any network call it still makes fails.
 */
export interface JwksProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Requests seen, by path. */
  readonly requests: string[];
  stop(): Promise<void>;
}

export async function startJwksProxy(target: string): Promise<JwksProxy> {
  const upstream = new URL(target);
  const requests: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    requests.push(incoming.url ?? '');
    const proxied = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(proxied);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A loopback port that accepts connections and never answers, as a network that silently drops
 * outbound traffic looks to a client: a fetch through it waits until its own timeout.
 */
export async function startBlackhole(): Promise<{
  readonly endpoint: string;
  connections(): number;
  stop(): Promise<void>;
}> {
  const sockets: Socket[] = [];
  const server = createTcpServer((socket) => {
    sockets.push(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    connections: () => sockets.length,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
