import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { PortInUseError, type StackService } from './errors.js';

/** Every service of the stack listens on loopback only. */
export const HOST = '127.0.0.1';

/**
 * A port that is free on loopback right now (the operating system's choice). Only right now:
 * between this answer and a server listening on it, any process can take it, even an outgoing
 * connection, which draws on the same range of ports. A server you start yourself should
 * listen on port 0; a port that must be known before its server starts should be held
 * ({@link holdPort}).
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A loopback port held open from the moment it is chosen until a server takes it over, so that
 * nothing else can take it in between: for a port that must be known before its server starts
 * (the emulator puts its own in its tokens' issuer; the emulator and the invoke server each
 * need the other's endpoint).
 */
export interface HeldPort {
  readonly port: number;
  /**
   * An HTTP server listening on the port, without a request handler: `startInvokeServer` and
   * `startCognitoLocal` take it over.
   */
  readonly server: Server;
}

/**
 * Listens on `port` on loopback (0: a free port, the operating system's choice) and holds it
 * until a server takes it over. Give the result to `startCognitoLocal` or `startInvokeServer` as
 * their `port`; call `server.close()` on one you do not use.
 *
 * @throws {PortInUseError} when the port is taken.
 * @example
 * const lambdaPort = await holdPort('lambda');
 * const cognito = await startCognitoLocal({ lambdaEndpoint: `http://127.0.0.1:${lambdaPort.port}` });
 * const lambda = await startInvokeServer({ port: lambdaPort, functions });
 */
export function holdPort(service: StackService, port = 0): Promise<HeldPort> {
  return new Promise((resolve, reject) => {
    const server = createHttpServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(isAddressInUse(error) ? new PortInUseError(service, port, { cause: error }) : error);
    });
    server.listen(port, HOST, () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address !== null ? address.port : port,
        server,
      });
    });
  });
}

/** True for the error Node raises when a server cannot listen on a taken port. */
export function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}
