import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@cognito-triggers/bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../src/cli.js';

const BIN = new URL('../bin/cognito-triggers-local.mjs', import.meta.url).pathname;

let repository: string;
let scratch: string;

beforeAll(async () => {
  repository = await findWorkspaceRoot(import.meta.dirname);
  scratch = await mkdtemp(join(tmpdir(), 'local-cli-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A repository root of its own (its .local/ is the test's), sharing terraform/ and, if asked, triggers/. */
async function fakeRoot(name: string, { built }: { built: boolean }): Promise<string> {
  const root = join(scratch, name);
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  await symlink(join(repository, 'terraform'), join(root, 'terraform'));
  if (built) await symlink(join(repository, 'triggers'), join(root, 'triggers'));
  return root;
}

function capture(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd: repository,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...overrides,
  };
  return { io, out, err };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const FREE_PORTS = ['--dynamodb-port', '0', '--cognito-port', '0', '--lambda-port', '0'];

describe('cognito-triggers-local', () => {
  it('explains its commands and the options of start', async () => {
    const top = capture();
    const start = capture();

    expect(await main(['--help'], top.io)).toBe(0);
    expect(await main(['start', '--help'], start.io)).toBe(0);

    expect(top.out.join('\n')).toMatch(/start .*\n[\s\S]*demo /);
    for (const option of ['--env', '--dynamodb-port', '--cognito-port', '--lambda-port']) {
      expect(start.out.join('\n')).toContain(option);
    }
  });

  it('refuses an unknown command or a port that is not a number', async () => {
    const unknown = capture();
    const badPort = capture();

    expect(await main(['stop'], unknown.io)).toBe(2);
    expect(await main(['start', '--cognito-port', 'nine'], badPort.io)).toBe(2);

    expect(unknown.err.join('\n')).toContain('unknown command "stop"');
    expect(badPort.err.join('\n')).toContain('--cognito-port must be a port number');
  });

  it('says to run pnpm build when the bundles are missing', async () => {
    const root = await fakeRoot('unbuilt', { built: false });
    const { io, err } = capture();

    expect(await main(['start', '--root', root, ...FREE_PORTS], io)).toBe(1);

    expect(err.join('\n')).toMatch(
      /^cognito-triggers-local: LOCAL_BUNDLE_MISSING: triggers\/pre-signup\/dist\/index\.mjs, .* missing: run pnpm build$/,
    );
  });

  it('names the busy port and the option that chooses another', async () => {
    const root = await fakeRoot('busy', { built: true });
    // The folder of the stack that may hold the port: a refused start must not touch it.
    const marker = join(root, '.local', 'cognito', 'marker');
    await mkdir(join(root, '.local', 'cognito'), { recursive: true });
    await writeFile(marker, '');
    const blocker: Server = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const address = blocker.address();
    const busy = typeof address === 'object' && address !== null ? address.port : 0;
    const { io, err } = capture();
    try {
      const code = await main(
        ['start', '--root', root, ...FREE_PORTS, '--dynamodb-port', String(busy)],
        io,
      );

      expect(code).toBe(1);
      expect(err.join('\n')).toBe(
        `cognito-triggers-local: LOCAL_PORT_IN_USE: port ${busy} is already in use (dynamodb): stop what uses it, or choose another port with --dynamodb-port`,
      );
      expect(await exists(marker)).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('starts, writes .local/stack.json, and on stop removes it and frees the ports', async () => {
    const root = await fakeRoot('start', { built: true });
    const stackFile = join(root, '.local', 'stack.json');
    let info: Record<string, string> = {};
    let healthy = false;
    const { io, out } = capture({
      untilStopped: async () => {
        info = JSON.parse(await readFile(stackFile, 'utf8'));
        healthy = (await fetch(`${info.cognitoEndpoint}/health`)).ok;
        return 'SIGTERM';
      },
    });

    expect(await main(['start', '--root', root, ...FREE_PORTS], io)).toBe(0);

    expect(Object.keys(info).sort()).toEqual([
      'clientId',
      'cognitoEndpoint',
      'dynamodbEndpoint',
      'region',
      'tenantTable',
      'userPoolId',
    ]);
    expect(info).toMatchObject({
      region: 'eu-west-1',
      tenantTable: 'cognito-triggers-dev-tenants',
    });
    expect(healthy).toBe(true);
    const progress = out.filter((line) => line.startsWith('  ✓ '));
    expect(progress.map((line) => line.split('  ')[1])).toEqual(
      expect.arrayContaining([
        '✓ Lambda invoke server',
        '✓ DynamoDB API (dynalite)',
        '✓ Cognito (cognito-local)',
        '✓ User pool',
      ]),
    );
    expect(out.join('\n')).toContain(`initiate-auth --client-id ${info.clientId}`);
    expect(await exists(stackFile)).toBe(false);
    await expect(fetch(`${info.cognitoEndpoint}/health`)).rejects.toThrow();
    await expect(fetch(info.dynamodbEndpoint ?? '')).rejects.toThrow();
  });

  it('stops on Ctrl-C (SIGINT) with exit code 0, leaving no port taken', async () => {
    const root = await fakeRoot('sigint', { built: true });
    const stackFile = join(root, '.local', 'stack.json');
    const child = spawn(process.execPath, [BIN, 'start', '--root', root, ...FREE_PORTS], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = once(child, 'exit');
    const deadline = Date.now() + 20_000;
    while (!(await exists(stackFile))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no stack:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const info = JSON.parse(await readFile(stackFile, 'utf8')) as Record<string, string>;

    child.kill('SIGINT');
    const [code] = await exited;

    expect(code, output).toBe(0);
    expect(output).toContain('SIGINT: stopping the local stack');
    await expect(fetch(`${info.cognitoEndpoint}/health`)).rejects.toThrow();
    await expect(fetch(info.dynamodbEndpoint ?? '')).rejects.toThrow();
  });

  it('walks the demo through every step and exits 0', async () => {
    const { io, out } = capture();

    expect(await main(['demo'], io)).toBe(0);

    const text = out.join('\n');
    expect(text).toContain('SIGNUP_DOMAIN_NOT_ALLOWED');
    expect(text).toContain('NEW_PASSWORD_REQUIRED');
    expect(text).toMatch(/All \d+ steps behaved as expected/);
    expect(text).not.toContain('✗');
  });
});
