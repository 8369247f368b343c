import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { localStart } from '@cognito-triggers/local/commands';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.js';
import { PACKAGE_DIR, REPO_ROOT, type RunResult, runNode } from './run.js';

const exec = promisify(execFile);

interface Manifest {
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

// What `npm install -g ./cognito-triggers-cli-<version>.tgz` installs, unpacked outside the
// workspace: no node_modules anywhere above it, so the bin can load nothing but the bundle (no
// tsx, no TypeScript, no workspace package).
describe('the packed package, installed outside a checkout', () => {
  let scratch: string;
  let entries: string[];
  let packed: string;
  let installed: (args: readonly string[]) => Promise<RunResult>;

  beforeAll(async () => {
    // dist/ as the build left it (turbo builds before it tests): rebuilding it here would race
    // packages/release's test, which packs every public package at the same time.
    scratch = await mkdtemp(join(tmpdir(), 'cognito-triggers-package-'));
    await exec('pnpm', ['pack', '--pack-destination', scratch], { cwd: PACKAGE_DIR });
    const [tarball] = (await readdir(scratch)).filter((name) => name.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball into ${scratch}`);
    const listing = await exec('tar', ['-tzf', join(scratch, tarball)]);
    entries = listing.stdout.split('\n').filter((line) => line.length > 0);
    await exec('tar', ['-xzf', join(scratch, tarball), '-C', scratch]);
    packed = join(scratch, 'package');

    // Nothing inherited may preload a module (NODE_OPTIONS=--import tsx), and the bin itself
    // must silence the SDK's Node 22 notice.
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const bin = join(packed, 'bin', 'cognito-triggers.mjs');
    installed = (args) => runNode([bin, ...args], { cwd: scratch, env });
  }, 120_000);

  afterAll(async () => {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  it('holds the bin, the bundle and the docs, and no sources or tests', () => {
    for (const file of [
      'package/bin/cognito-triggers.mjs',
      'package/dist/cognito-triggers.mjs',
      'package/README.md',
      'package/package.json',
    ]) {
      expect(entries).toContain(file);
    }
    expect(entries.filter((file) => /^package\/(src|test|scripts)\/|\.ts$/.test(file))).toEqual([]);
  });

  it('depends on nothing to install: no workspace package, no workspace: range', async () => {
    const text = await readFile(join(packed, 'package.json'), 'utf8');
    const manifest = JSON.parse(text) as Manifest;

    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(text).not.toContain('workspace:');
  });

  it('is unpacked where nothing but the bundle can be loaded', () => {
    expect(packed.startsWith(REPO_ROOT)).toBe(false);
    for (let dir = packed; ; dir = dirname(dir)) {
      expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
      if (dirname(dir) === dir) break;
    }
  });

  it('lists every command on --help and prints the version', async () => {
    const [help, version] = await Promise.all([installed(['--help']), installed(['--version'])]);
    const manifest = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8'));

    expect(help).toMatchObject({ code: 0, stderr: '' });
    for (const command of COMMANDS) {
      expect(help.stdout).toMatch(new RegExp(`^ {2}${command.name} {2,}\\S`, 'm'));
      expect(help.stdout).toContain(` ${command.summary}\n`);
    }
    expect(version).toEqual({ code: 0, stdout: `${(manifest as Manifest).version}\n`, stderr: '' });
  });

  it('judges emails with an inline policy: exit 1 for a refusal', async () => {
    const checked = await installed([
      'check-email',
      '--allow',
      'example.com',
      'ana@example.com',
      'eve@example.org',
    ]);

    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/^ALLOWED {2}ana@example\.com$/m);
    expect(checked.stdout).toMatch(/^REFUSED {2}eve@example\.org$/m);
    expect(checked.stdout).toMatch(/^ {2}code: +SIGNUP_DOMAIN_NOT_ALLOWED$/m);
  });

  it('points --env at --config, with no checkout to read environments from', async () => {
    const checked = await installed(['check-email', '--env', 'dev', 'ana@example.com']);

    expect(checked.code).toBe(2);
    expect(checked.stderr).toContain(
      'cognito-triggers check-email: --env dev reads terraform/environments/dev/terraform.tfvars.json of a checkout of the suite',
    );
    expect(checked.stderr).toContain('outside a checkout, use --config FILE');
  });

  it('says that the local stack runs from a checkout, in one line, exit 2', async () => {
    const [start, demo] = await Promise.all([
      installed(['local', 'start']),
      installed(['local', 'demo']),
    ]);

    for (const [name, result] of [
      ['start', start],
      ['demo', demo],
    ] as const) {
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `cognito-triggers local ${name}: the local stack runs from a checkout of the suite: in it, pnpm install && pnpm build && pnpm start\n`,
      });
    }
  });

  it('still prints the help of local start, the stack’s own text', async () => {
    const help = await installed(['local', 'start', '--help']);

    expect(help).toEqual({ code: 0, stdout: `${localStart.usage}\n`, stderr: '' });
  });

  it('reaches AWS through the bundled SDK clients, without the SDK’s Node notice', async () => {
    const port = await closedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const listed = await installed([
      'tenants',
      'list',
      '--pool',
      'eu-west-1_AbCdEf123',
      '--table',
      'tenants',
      '--endpoint',
      endpoint,
      '--dynamodb-endpoint',
      endpoint,
    ]);

    expect(listed).toEqual({
      code: 1,
      stdout: '',
      stderr: `cognito-triggers tenants list: Error: connect ECONNREFUSED 127.0.0.1:${port}\n`,
    });
  });
});

/** A loopback port nothing listens on: one the system just handed out and got back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
