import { createServer } from 'node:net';
import { PortInUseError, type StackService } from './errors.js';

/** Every service of the stack listens on loopback only. */
export const HOST = '127.0.0.1';

/**
 * A port that is free on loopback right now (the operating system's choice).
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
 * Resolves to `port` when it can be listened on, or to a free port when `port` is 0. Checked
 * before anything starts, so a busy port fails the stack at once with a clear error rather than
 * half-way, from inside a child process.
 *
 * @throws {PortInUseError} when the port is taken.
 * @example
 * const port = await claimPort('dynamodb', 8000);
 */
export async function claimPort(service: StackService, port: number): Promise<number> {
  if (port === 0) return freePort();
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' ? new PortInUseError(service, port, { cause: error }) : error,
      );
    });
    server.listen(port, HOST, () => server.close(() => resolve()));
  });
  return port;
}

/** True for the error Node raises when a server cannot listen on a taken port. */
export function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}
