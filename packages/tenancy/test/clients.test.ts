import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  COGNITO_CALL_POLICY,
  cognitoUserDirectory,
  createCognitoClient,
  createDynamoDbClient,
  createTenantStore,
} from '../src/index.js';
import { countRequests, FaultKind, injectFaults, LOCAL_AWS } from '../src/testing/index.js';

// A loopback endpoint that answers every Cognito admin write with 200 `{}`, as Cognito does,
// or never answers at all: the network, not our code, is what these tests vary.
let server: Server;
let endpoint: string;
let hang = false;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    received.push(String(request.headers['x-amz-target']));
    request.resume();
    if (hang) return;
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  hang = false;
  received.length = 0;
});

const ana = { userPoolId: 'eu-west-1_EXAMPLE01', username: 'ana' };

describe('the Cognito client', () => {
  it.each([FaultKind.Throttling, FaultKind.ServerError, FaultKind.Timeout])(
    'retries a %s fault and then succeeds',
    async (kind) => {
      const client = createCognitoClient({ ...LOCAL_AWS, endpoint });
      const faults = injectFaults(client, { kind, times: 2 });
      await cognitoUserDirectory(client).addToGroup(ana, 'tenant-member');
      expect(faults.injected).toBe(2);
      expect(received).toEqual(['AWSCognitoIdentityProviderService.AdminAddUserToGroup']);
      client.destroy();
    },
  );

  it('gives up after three attempts in all', async () => {
    const client = createCognitoClient({ ...LOCAL_AWS, endpoint });
    const counter = countRequests(client);
    injectFaults(client, { kind: FaultKind.Throttling, times: Number.POSITIVE_INFINITY });
    const error = await cognitoUserDirectory(client)
      .setTenantId(ana, 'acme')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 3 } });
    expect(counter.attempts).toBe(COGNITO_CALL_POLICY.maxAttempts);
    expect(received).toEqual([]);
    client.destroy();
  });

  it('never retries a client error', async () => {
    const client = createCognitoClient({ ...LOCAL_AWS, endpoint });
    const counter = countRequests(client);
    injectFaults(client, { kind: FaultKind.AccessDenied, times: 5 });
    await expect(cognitoUserDirectory(client).addToGroup(ana, 'g')).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(counter.attempts).toBe(1);
    client.destroy();
  });

  it('times out an attempt that gets no answer, and stops after its attempts', async () => {
    hang = true;
    const policy = { requestTimeoutMs: 100, baseDelayMs: 1, maxDelayMs: 1 };
    const client = createCognitoClient({ ...LOCAL_AWS, endpoint, policy });
    const startedAt = Date.now();
    const error = await cognitoUserDirectory(client)
      .addToGroup(ana, 'tenant-member')
      .catch((e: unknown) => e);
    const elapsed = Date.now() - startedAt;
    expect(error).toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 3 } });
    expect(received).toHaveLength(3);
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(1_500);
    client.destroy();
  });

  it('stops waiting when the caller aborts', async () => {
    hang = true;
    const client = createCognitoClient({ ...LOCAL_AWS, endpoint });
    const startedAt = Date.now();
    await expect(
      cognitoUserDirectory(client).setTenantId(ana, 'acme', { signal: AbortSignal.timeout(100) }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - startedAt).toBeLessThan(500);
    client.destroy();
  });
});

describe('the DynamoDB client', () => {
  it('times out a silent server within its attempts, well inside a trigger deadline', async () => {
    hang = true;
    const client = createDynamoDbClient({ ...LOCAL_AWS, endpoint });
    const store = createTenantStore({ client, tableName: 'tenants' });
    const startedAt = Date.now();
    const error = await store.lookup('sub-1').catch((e: unknown) => e);
    const elapsed = Date.now() - startedAt;
    expect(error).toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 3 } });
    // 3 attempts of 800 ms and two short backoffs: a single call never eats the 5 s deadline.
    expect(elapsed).toBeGreaterThanOrEqual(3 * 800);
    expect(elapsed).toBeLessThan(3_000);
    client.destroy();
  });
});
