import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = resolve(import.meta.dirname, '..');
const require = createRequire(join(packageDir, 'package.json'));
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

let scratch: string;

// A team's own repository: the packed tarball unpacked into node_modules, next to the two
// type packages a Lambda project has anyway. Nothing from this workspace is visible there.
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'events-consumer-'));
  // dist/ as the build left it (turbo builds before it tests): rebuilding it here would race
  // packages/release's test, which packs every public package at the same time.
  await run('pnpm', ['pack', '--pack-destination', scratch], { cwd: packageDir });
  const tarball = (await readdir(scratch)).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('pnpm pack wrote no tarball');

  const installed = join(scratch, 'node_modules', '@cognito-triggers', 'events');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', join(scratch, tarball), '-C', installed, '--strip-components=1']);
  await mkdir(join(scratch, 'node_modules', '@types'), { recursive: true });
  for (const types of ['@types/aws-lambda', '@types/node']) {
    const target = await realpath(dirname(require.resolve(`${types}/package.json`)));
    await symlink(target, join(scratch, 'node_modules', types), 'dir');
  }

  await writeFile(join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));
  await writeFile(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        types: ['node'],
      },
      include: ['handler.ts'],
    }),
  );
  await writeFile(
    join(scratch, 'handler.ts'),
    `import {
  defineConfig,
  defineTrigger,
  env,
  type PreSignUpTriggerEvent,
  type PreTokenGenerationV2TriggerEvent,
  UserFacingError,
} from '@cognito-triggers/events';
import { preSignUpEvent } from '@cognito-triggers/events/testing';

const config = defineConfig({ domain: env.string('COMPANY_DOMAIN', { default: 'example.com' }) });

export const handler = defineTrigger({
  name: 'PreSignUp',
  config,
  handle(event: PreSignUpTriggerEvent, { log }, { domain }) {
    if (event.triggerSource === 'PreSignUp_AdminCreateUser') return;
    if (!event.request.userAttributes.email?.endsWith('@' + domain)) {
      throw new UserFacingError('SIGNUP_DOMAIN_NOT_ALLOWED', 'Not open to this domain');
    }
    log.info('allowed');
    event.response.autoConfirmUser = false;
  },
});

export function addTier(event: PreTokenGenerationV2TriggerEvent): void {
  event.response.claimsAndScopeOverrideDetails = {
    idTokenGeneration: { claimsToAddOrOverride: { tier: 3, tenant: { id: 'acme' } } },
  };
}

export const sample = preSignUpEvent('PreSignUp_SignUp', { email: 'ana@example.com' });
`,
  );
}, 60_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds ESM JavaScript and declarations, and no sources or tests', async () => {
    const tarball = (await readdir(scratch)).find((name) => name.endsWith('.tgz')) ?? '';
    const { stdout } = await run('tar', ['-tzf', join(scratch, tarball)]);
    const files = stdout.trim().split('\n');
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/dist/testing/index.d.ts');
    expect(files).toContain('package/README.md');
    expect(
      files.filter((file) => /\/(src|test)\/|\.ts$/.test(file) && !file.endsWith('.d.ts')),
    ).toEqual([]);
  });

  it('type-checks a handler written against it in a project outside the workspace', async () => {
    await expect(run(process.execPath, [tsc, '-p', scratch])).resolves.toBeDefined();
  }, 30_000);

  it('fails that type check when the handler gets a type wrong', async () => {
    await writeFile(
      join(scratch, 'wrong.ts'),
      `import type { PreTokenGenerationV1TriggerEvent } from '@cognito-triggers/events';
export function add(event: PreTokenGenerationV1TriggerEvent): void {
  event.response.claimsOverrideDetails = { claimsToAddOrOverride: { tier: 3 } };
}
`,
    );
    await writeFile(
      join(scratch, 'tsconfig.wrong.json'),
      JSON.stringify({ extends: './tsconfig.json', include: ['wrong.ts'] }),
    );
    const failure = run(process.execPath, [tsc, '-p', join(scratch, 'tsconfig.wrong.json')]);
    await expect(failure).rejects.toMatchObject({
      stdout: expect.stringContaining("Type 'number' is not assignable to type 'string'"),
    });
  }, 30_000);

  it('runs in Node as ESM, builders and handler alike', async () => {
    await writeFile(
      join(scratch, 'run.mjs'),
      `import { defineTrigger } from '@cognito-triggers/events';
import { preSignUpEvent } from '@cognito-triggers/events/testing';
const handler = defineTrigger({ name: 'PreSignUp', handle(event) { event.response.autoConfirmUser = true; } });
const event = preSignUpEvent('PreSignUp_SignUp');
const out = await handler(event);
console.log(JSON.stringify({ same: out === event, confirmed: out.response.autoConfirmUser }));
`,
    );
    const { stdout } = await run(process.execPath, [join(scratch, 'run.mjs')], { cwd: scratch });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')).toEqual({
      same: true,
      confirmed: true,
    });
  }, 30_000);
});
