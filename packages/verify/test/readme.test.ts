import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { payloadOf, signedWithEmulatorKey } from './support/tokens.js';

const emulator = inject('emulator');
const PACKAGE_DIR = resolve(import.meta.dirname, '..');
const ROOT_README = resolve(PACKAGE_DIR, '..', '..', 'README.md');
// Inside the package, so that `express` and `@cognito-triggers/verify` resolve as in an app.
const WORK_DIR = join(PACKAGE_DIR, 'test', '.readme-run');
const USER_POOL_ID = 'eu-west-1_AbC123';

/** The TypeScript block under `heading` in `markdown`, as written. */
function snippetUnder(markdown: string, heading: string): string {
  const section = markdown.slice(markdown.indexOf(`${heading}\n`));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!section.startsWith(heading) || match?.[1] === undefined) {
    throw new Error(`README.md has no \`\`\`ts block under "${heading}"`);
  }
  return match[1];
}

/** An access token as Amazon Cognito issues it with pre token generation V2, for `role`. */
const accessToken = (role: string) =>
  signedWithEmulatorKey({
    ...payloadOf(emulator.accessToken),
    iss: `https://cognito-idp.eu-west-1.amazonaws.com/${USER_POOL_ID}`,
    tenant_id: 'acme',
    tenant_role: role,
  });

describe('the root README’s Express example, run as written', () => {
  let base: string;
  let stop: () => Promise<void>;
  let output = '';

  beforeAll(async () => {
    await rm(WORK_DIR, { recursive: true, force: true });
    await mkdir(WORK_DIR, { recursive: true });
    await writeFile(
      join(WORK_DIR, 'server.mts'),
      snippetUnder(await readFile(ROOT_README, 'utf8'), '### Verify in an API'),
    );
    await writeFile(
      join(WORK_DIR, 'your-code.ts'),
      [
        'export const listOrders = (tenantId: string) => ({ tenantId, orders: [] });',
        'export const removeMember = (tenantId: string, id: string) => ({ tenantId, removed: id });',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(WORK_DIR, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          target: 'es2022',
          noEmit: true,
          types: ['node'],
          skipLibCheck: true,
        },
        files: ['server.mts'],
      }),
    );
    const server = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        join(PACKAGE_DIR, 'test', 'support', 'cognito-jwks-preload.mjs'),
        '--import',
        join(PACKAGE_DIR, 'test', 'support', 'report-port-preload.mjs'),
        'server.mts',
      ],
      {
        cwd: WORK_DIR,
        env: {
          ...process.env,
          USER_POOL_ID,
          CLIENT_ID: emulator.clientId,
          // The operating system's choice, reported by report-port-preload.mjs.
          PORT: '0',
          COGNITO_JWKS_URL: `${emulator.endpoint}/${emulator.userPoolId}/.well-known/jwks.json`,
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    const listening = new Promise<number>((resolve) =>
      server.on('message', (message: { port?: number }) => {
        if (typeof message.port === 'number') resolve(message.port);
      }),
    );
    server.stdout?.on('data', (chunk) => (output += chunk));
    server.stderr?.on('data', (chunk) => (output += chunk));
    stop = async () => {
      if (server.exitCode === null) {
        server.kill();
        await once(server, 'exit');
      }
    };
    const exited = once(server, 'exit').then(() => {
      throw new Error(`the README's server exited: ${output}`);
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the README's server did not listen: ${output}`)),
        30_000,
      );
    });
    try {
      base = `http://127.0.0.1:${await Promise.race([listening, exited, timedOut])}`;
    } finally {
      clearTimeout(timer);
      exited.catch(() => {});
    }
  });

  afterAll(async () => {
    await stop?.();
    await rm(WORK_DIR, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, role?: string) => {
    const headers: Record<string, string> =
      role === undefined ? {} : { authorization: `Bearer ${await accessToken(role)}` };
    const response = await fetch(`${base}${path}`, { method, headers });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
    };
  };

  it('type-checks under strict TypeScript', () => {
    const check = spawnSync('pnpm', ['exec', 'tsc', '-p', '.'], {
      cwd: WORK_DIR,
      encoding: 'utf8',
    });

    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('answers a member on the admin route with 403 JSON, not an HTML 500', async () => {
    const answer = await call('DELETE', '/api/members/u-2', 'member');

    expect(answer.status).toBe(403);
    expect(answer.type).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'TENANT_ROLE_REQUIRED',
      message: 'TENANT_ROLE_REQUIRED: This needs the role admin',
    });
  });

  it('lets an admin through, scoped to the token’s tenant', async () => {
    const answer = await call('DELETE', '/api/members/u-2', 'admin');

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ tenantId: 'acme', removed: 'u-2' });
  });

  it('serves any member their own tenant’s orders, and refuses a request without a token', async () => {
    const member = await call('GET', '/api/orders', 'member');
    const anonymous = await call('GET', '/api/orders');

    expect(member.status).toBe(200);
    expect(JSON.parse(member.body)).toEqual({ tenantId: 'acme', orders: [] });
    expect(anonymous.status).toBe(401);
  });
});
