import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo, type Command, findWorkspaceRoot, runCommand } from '@cognito-triggers/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDemo, localStart } from '../src/commands/index.js';
import { DEFAULT_PORTS } from '../src/commands/options.js';
import { loadStackPolicy } from '../src/policy.js';
import { scenarioSteps } from '../src/scenario/scenario.js';

let repository: string;
let scratch: string;

beforeAll(async () => {
  repository = await findWorkspaceRoot(import.meta.dirname);
  scratch = await mkdtemp(join(tmpdir(), 'local-commands-'));
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

/** Runs a `local` subcommand as `cognito-triggers` does, messages and exit codes included. */
function run(command: Command, args: readonly string[], io: CliIo): Promise<number> {
  return runCommand(command, args, io, { bin: 'cognito-triggers' });
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const FREE_PORTS = ['--dynamodb-port', '0', '--cognito-port', '0', '--lambda-port', '0'];

describe('cognito-triggers local start', () => {
  it('leaves Node’s inspector port free by default, so a debugger and the stack can run together', async () => {
    const { io, out } = capture();

    expect(await run(localStart, ['--help'], io)).toBe(0);

    // 9229 is `node --inspect`'s port (and cognito-local's own default).
    expect(Object.values(DEFAULT_PORTS)).not.toContain(9229);
    expect(out.join('\n')).toContain(
      `--cognito-port PORT   Cognito API port (default ${DEFAULT_PORTS.cognito})`,
    );
  });

  it('explains its options, also after the -- that pnpm start passes along', async () => {
    const direct = capture();
    const throughPnpm = capture();

    expect(await run(localStart, ['--help'], direct.io)).toBe(0);
    expect(await run(localStart, ['--', '--help'], throughPnpm.io)).toBe(0);

    for (const option of ['--env', '--dynamodb-port', '--cognito-port', '--lambda-port']) {
      expect(direct.out.join('\n')).toContain(option);
    }
    expect(throughPnpm.out).toEqual(direct.out);
  });

  it('refuses a port that is not a number, naming the option', async () => {
    const { io, err } = capture();

    expect(await run(localStart, ['--cognito-port', 'nine'], io)).toBe(2);

    expect(err).toEqual([
      'cognito-triggers local start: --cognito-port must be a port number (0 to 65535), got "nine"',
      'Run "cognito-triggers local start --help" for usage.',
    ]);
  });

  it('says to run pnpm build when the bundles are missing', async () => {
    const root = await fakeRoot('unbuilt', { built: false });
    const { io, err } = capture();

    expect(await run(localStart, ['--root', root, ...FREE_PORTS], io)).toBe(1);

    expect(err.join('\n')).toMatch(
      /^cognito-triggers local start: LOCAL_BUNDLE_MISSING: triggers\/pre-signup\/dist\/index\.mjs, .* missing: run pnpm build$/,
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
      const code = await run(
        localStart,
        ['--root', root, ...FREE_PORTS, '--dynamodb-port', String(busy)],
        io,
      );

      expect(code).toBe(1);
      expect(err.join('\n')).toBe(
        `cognito-triggers local start: LOCAL_PORT_IN_USE: port ${busy} is already in use (dynamodb): stop what uses it, or choose another port with --dynamodb-port`,
      );
      expect(await exists(marker)).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('starts, writes .local/stack.json with every endpoint, and on stop removes it and frees the ports', async () => {
    const root = await fakeRoot('start', { built: true });
    const stackFile = join(root, '.local', 'stack.json');
    let info: Record<string, string> = {};
    let healthy = false;
    let invoke: Response | undefined;
    const { io, out } = capture({
      untilStopped: async () => {
        info = JSON.parse(await readFile(stackFile, 'utf8'));
        healthy = (await fetch(`${info.cognitoEndpoint}/health`)).ok;
        invoke = await fetch(`${info.lambdaEndpoint}/2015-03-31/functions/Nobody/invocations`, {
          method: 'POST',
          body: '{}',
        });
        return 'SIGTERM';
      },
    });

    expect(await run(localStart, ['--root', root, ...FREE_PORTS], io)).toBe(0);

    expect(Object.keys(info).sort()).toEqual([
      'clientId',
      'cognitoEndpoint',
      'dynamodbEndpoint',
      'lambdaEndpoint',
      'region',
      'tenantTable',
      'userPoolId',
    ]);
    expect(info).toMatchObject({
      region: 'eu-west-1',
      tenantTable: 'cognito-triggers-dev-tenants',
    });
    expect(healthy).toBe(true);
    // The Lambda Invoke API answers there: an unknown function is Lambda's ResourceNotFoundException.
    expect(invoke?.status).toBe(404);
    expect(invoke?.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    const progress = out.filter((line) => line.startsWith('  ✓ '));
    expect(progress.map((line) => line.split('  ')[1])).toEqual(
      expect.arrayContaining([
        '✓ Lambda invoke server',
        '✓ DynamoDB API (dynalite)',
        '✓ Cognito (cognito-local)',
        '✓ User pool',
      ]),
    );
    expect(out.join('\n')).toContain(`Lambda    ${info.lambdaEndpoint}`);
    expect(out.join('\n')).toContain(`initiate-auth --client-id ${info.clientId}`);
    expect(await exists(stackFile)).toBe(false);
    await expect(fetch(`${info.cognitoEndpoint}/health`)).rejects.toThrow();
    await expect(fetch(info.dynamodbEndpoint ?? '')).rejects.toThrow();
    await expect(fetch(info.lambdaEndpoint ?? '')).rejects.toThrow();
  });

  it('stops on Ctrl-C (SIGINT) with exit code 0, leaving no port taken', async () => {
    const root = await fakeRoot('sigint', { built: true });
    const stackFile = join(root, '.local', 'stack.json');
    const bin = join(repository, 'packages/cli/bin/cognito-triggers.mjs');
    const child = spawn(process.execPath, [bin, 'local', 'start', '--root', root, ...FREE_PORTS], {
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
});

describe('cognito-triggers local demo', () => {
  it('prints every step of the scenario and exits 0', async () => {
    const { io, out } = capture();

    expect(await run(localDemo, [], io)).toBe(0);

    const { settings } = await loadStackPolicy(repository, 'dev');
    const titles = scenarioSteps(settings).map((step, index) => `\n${index + 1}. ${step.title}`);
    expect(out.filter((line) => /^\n\d+\. /.test(line))).toEqual(titles);
    const text = out.join('\n');
    expect(text).toContain('SIGNUP_DOMAIN_NOT_ALLOWED');
    expect(text).toContain(`All ${titles.length} steps behaved as expected`);
    expect(text).not.toContain('✗');
  });
});
