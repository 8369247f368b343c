import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The launcher users run, so CLI tests go through tsx exactly as `pnpm build` does. */
export const BIN = fileURLToPath(new URL('../bin/bundle-trigger.mjs', import.meta.url));

export const VALID_CONFIG = { functionName: 'PreSignUp', maxBundleBytes: 25_600, awsSdk: false };

export const ASYNC_HANDLER = `export const handler = async (event: { request: object }) => ({
  ...event,
  response: { autoConfirmUser: false },
});
`;

/** A stand-in for an AWS SDK client, with a side effect that shows when it has been loaded. */
export const FAKE_SDK = {
  'node_modules/@aws-sdk/client-x/package.json':
    '{ "name": "@aws-sdk/client-x", "type": "module", "module": "index.js" }\n',
  'node_modules/@aws-sdk/client-x/index.js': `globalThis.fakeSdkLoaded = true;
export class XClient { send() { return 'from-the-fake-sdk'; } }
`,
} as const;

export const LAZY_CONFIG = {
  functionName: 'PreTokenGeneration',
  maxBundleBytes: 25_600,
  awsSdk: 'lazy',
  maxEntryBytes: 2_048,
} as const;

/**
 * A trigger that needs the SDK on one path only: `src/store.ts` (which imports the SDK) is
 * loaded with `await import()`, and `src/label.ts` is used by both sides, so a copy of it goes
 * into `index.mjs` and another into `store.mjs`.
 */
export const LAZY_TRIGGER = {
  packageJson: { name: '@fixture/lazy', type: 'module', cognitoTrigger: LAZY_CONFIG },
  handler: `import { label } from './label.js';

export const handler = async (event: { request: { useStore?: boolean } }) => {
  if (!event.request.useStore) return { ...event, response: { source: label('none') } };
  const { lookUp } = await import('./store.js');
  return { ...event, response: { source: await lookUp() } };
};
`,
  files: {
    ...FAKE_SDK,
    'src/label.ts': 'export const label = (value: string) => "label:" + value;\n',
    'src/store.ts': `import { XClient } from '@aws-sdk/client-x';
import { label } from './label.js';

const client = new XClient();
export const lookUp = async () => label(client.send());
`,
  },
} as const;

export interface FixtureOptions {
  /** Folder name under `triggers/` (or `folder`), which names the zip. */
  readonly name?: string;
  /** Where the package lives: `triggers` (default) or `packages` (the attach function). */
  readonly folder?: 'triggers' | 'packages';
  /** Whole package.json; by default one with {@link VALID_CONFIG}. */
  readonly packageJson?: unknown;
  readonly handler?: string;
  /** Extra files, relative to the trigger folder. */
  readonly files?: Readonly<Record<string, string>>;
}

export interface Fixture {
  /** A temporary repository root with pnpm-workspace.yaml. */
  readonly root: string;
  /** `<root>/triggers/<name>`. */
  readonly dir: string;
}

const created: string[] = [];

/** Writes a throwaway repository with one trigger package in it. */
export async function createFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'bundle-trigger-'));
  created.push(root);
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - triggers/*\n');
  const dir = await addTrigger(root, options);
  return { root, dir };
}

/** Adds another trigger package to a fixture repository. */
export async function addTrigger(root: string, options: FixtureOptions = {}): Promise<string> {
  const name = options.name ?? 'pre-signup';
  const dir = join(root, options.folder ?? 'triggers', name);
  const packageJson = options.packageJson ?? {
    name: `@fixture/${name}`,
    type: 'module',
    cognitoTrigger: VALID_CONFIG,
  };
  const files = {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'src/handler.ts': options.handler ?? ASYNC_HANDLER,
    ...options.files,
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** Deletes every fixture made so far; call it from `afterEach`. */
export async function removeFixtures(): Promise<void> {
  const roots = created.splice(0);
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a Node process to completion and collects its output, whatever its exit code. */
export function runNode(
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `bundle-trigger` the way a package script does. */
export function runCli(
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return runNode([BIN, ...args], options);
}
