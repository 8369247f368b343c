import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InvokeServer, startInvokeServer } from '../src/lambda/invoke-server.js';

let dir: string;
let server: InvokeServer;
const logs: string[] = [];

// Bundles as esbuild would emit them: ESM files exporting an async `handler`.
const BUNDLES = {
  echo: `export const handler = async (event) => { event.response = { seen: process.env.GREETING, fn: process.env.AWS_LAMBDA_FUNCTION_NAME }; return event; };`,
  fail: `export const handler = async () => { console.log('{"level":"ERROR","message":"boom"}'); throw new Error('SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain'); };`,
  slow: `let calls = 0; export const handler = async (event) => { calls += 1; if (event.slow) await new Promise((r) => setTimeout(r, 10_000)); return { calls }; };`,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'invoke-server-'));
  for (const [name, source] of Object.entries(BUNDLES)) {
    await writeFile(join(dir, `${name}.mjs`), source);
  }
  server = await startInvokeServer({
    // 2 s leaves a cold start room on a loaded two-core machine.
    timeoutMs: 2_000,
    log: (line) => logs.push(line),
    functions: [
      { name: 'Echo', bundle: join(dir, 'echo.mjs'), environment: { GREETING: 'hallo' } },
      { name: 'Other', bundle: join(dir, 'echo.mjs'), environment: { GREETING: 'hola' } },
      { name: 'Fail', bundle: join(dir, 'fail.mjs'), environment: {} },
      { name: 'Slow', bundle: join(dir, 'slow.mjs'), environment: {} },
    ],
  });
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const invoke = (name: string, payload: unknown) =>
  fetch(`${server.endpoint}/2015-03-31/functions/${name}/invocations`, {
    method: 'POST',
    body: JSON.stringify(payload),
  });

describe('the local Lambda invoke server', () => {
  it('runs a bundle with its own environment and returns what the handler returns', async () => {
    const [echo, other] = await Promise.all([invoke('Echo', { a: 1 }), invoke('Other', { a: 2 })]);
    expect(echo.status).toBe(200);
    expect(echo.headers.get('x-amz-function-error')).toBeNull();
    expect(await echo.json()).toEqual({ a: 1, response: { seen: 'hallo', fn: 'Echo' } });
    expect(await other.json()).toEqual({ a: 2, response: { seen: 'hola', fn: 'Other' } });
  });

  it('answers a thrown error as Lambda does, and forwards the function log lines', async () => {
    const response = await invoke('Fail', {});
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await response.json()).toMatchObject({
      errorType: 'Error',
      errorMessage: 'SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain',
    });
    expect(logs).toContain('[Fail] {"level":"ERROR","message":"boom"}');
  });

  it('keeps an execution environment warm between invocations', async () => {
    expect(await (await invoke('Slow', {})).json()).toEqual({ calls: 1 });
    expect(await (await invoke('Slow', {})).json()).toEqual({ calls: 2 });
  });

  it('times out a slow invocation, then serves the next one from a fresh environment', async () => {
    const started = Date.now();
    const response = await invoke('Slow', { slow: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await response.json()).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 2.00 seconds',
    });
    expect(await (await invoke('Slow', {})).json()).toEqual({ calls: 1 });
  });

  it('refuses an unknown function as Lambda does', async () => {
    const response = await invoke('Nope', {});
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });
});
