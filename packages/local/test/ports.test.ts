import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startCognitoLocal, startStack } from '../src/index.js';
import { HOST, holdPort } from '../src/ports.js';

// A port chosen free and then closed can be taken by any process before its server listens on
// it (an outgoing connection draws on the same ports): the stack failed in CI that way, with
// "port … (dynamodb) is already in use" for a port it had picked itself. These tests play the
// other process: a competitor that listens on a port the moment it could be free.

/** Listens on `port` as another process would; resolves to what happened. */
function compete(port: number): Promise<'took it' | 'refused'> {
  return new Promise((resolve, reject) => {
    const competitor = createServer();
    competitor.once('listening', () => competitor.close(() => resolve('took it')));
    competitor.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve('refused') : reject(error),
    );
    // listen() binds at once: from this call on, the port is the competitor's if it was free.
    competitor.listen(port, HOST);
  });
}

/** A port that was free a moment ago, for a service that is told its port. */
async function choosePort(): Promise<number> {
  const held = await holdPort('lambda');
  await new Promise((resolve) => held.server.close(resolve));
  return held.port;
}

describe('holdPort', () => {
  it('keeps the port from everyone else until it is closed', async () => {
    const held = await holdPort('cognito');
    expect(await compete(held.port)).toBe('refused');
    await new Promise((resolve) => held.server.close(resolve));
    expect(await compete(held.port)).toBe('took it');
  });

  it('names the service and the port when the port is taken', async () => {
    const held = await holdPort('dynamodb');
    try {
      await expect(holdPort('dynamodb', held.port)).rejects.toMatchObject({
        name: 'PortInUseError',
        code: 'LOCAL_PORT_IN_USE',
        service: 'dynamodb',
        port: held.port,
      });
    } finally {
      held.server.close();
    }
  });
});

describe('the ports of the local services, held from the moment they are chosen', () => {
  it('startCognitoLocal: nothing can take its port while the emulator starts', async () => {
    const port = await choosePort();
    const starting = startCognitoLocal({ port });
    const competitor = compete(port);
    const cognito = await starting;
    try {
      expect(await competitor).toBe('refused');
      expect(cognito.port).toBe(port);
      expect((await fetch(`${cognito.endpoint}/health`)).ok).toBe(true);
    } finally {
      await cognito.stop();
    }
  }, 30_000);

  it('startStack: nothing can take the DynamoDB or Cognito port while the stack starts', async () => {
    const ports = { dynamodb: await choosePort(), cognito: await choosePort() };
    const competitors: Promise<string>[] = [];
    // The first line comes once the invoke server listens, before the emulator starts.
    const stack = await startStack({
      ports,
      onProgress: () => {
        if (competitors.length === 0) {
          competitors.push(compete(ports.dynamodb), compete(ports.cognito));
        }
      },
    });
    try {
      expect(await Promise.all(competitors)).toEqual(['refused', 'refused']);
      expect(stack.dynamodbEndpoint).toBe(`http://${HOST}:${ports.dynamodb}`);
      expect(stack.cognitoEndpoint).toBe(`http://${HOST}:${ports.cognito}`);
      expect((await fetch(`${stack.cognitoEndpoint}/health`)).ok).toBe(true);
    } finally {
      await stack.stop();
    }
  }, 60_000);
});
