import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { PortInUseError } from './errors.js';
import { HOST, isAddressInUse } from './ports.js';

/** The DynamoDB API of the stack: dynalite, in this process, in memory. */
export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

interface DynaliteServer {
  listen(port: number, host: string): void;
  once(event: 'listening', listener: () => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  address(): AddressInfo | string | null;
  close(callback: (error?: Error) => void): void;
  closeAllConnections?: () => void;
}
type Dynalite = (options: { createTableMs?: number; deleteTableMs?: number }) => DynaliteServer;

/**
 * Starts dynalite (DynamoDB's API on an in-memory LevelDB) on loopback. Tables are ACTIVE at
 * once (no simulated creation delay); the data lasts as long as the process.
 *
 * @throws {PortInUseError} when `port` is taken.
 * @example
 * const dynamo = await startDynalite(0);
 * new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-1' });
 */
export async function startDynalite(port: number): Promise<LocalDynamo> {
  // dynalite is CommonJS without types.
  const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        isAddressInUse(error) ? new PortInUseError('dynamodb', port, { cause: error }) : error,
      ),
    );
    server.once('listening', resolve);
    server.listen(port, HOST);
  });
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${HOST}:${actual}`,
    port: actual,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        // Keep-alive connections of SDK clients would hold close() open.
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
