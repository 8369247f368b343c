import { execFile } from 'node:child_process';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = resolve(import.meta.dirname, '..');
const eventsDir = resolve(packageDir, '../events');
const require = createRequire(join(packageDir, 'package.json'));
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

let scratch: string;
let files: string[];

/**
 * A team's own repository: the packed tarball unpacked into node_modules, with what it depends
 * on (aws-jwt-verify), the events library whose claim types it uses (`JsonValue`), and the two
 * type packages a Lambda project has anyway. Nothing else from this workspace is visible there.
 */
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'verify-consumer-'));
  const modules = join(scratch, 'node_modules');
  // dist/ as the build left it (turbo builds before it tests): rebuilding it here would race
  // packages/release's test, which packs every public package at the same time.
  await run('pnpm', ['pack', '--pack-destination', scratch], { cwd: packageDir });
  const tarball = (await readdir(scratch)).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('pnpm pack wrote no tarball');
  files = (await run('tar', ['-tzf', join(scratch, tarball)])).stdout.trim().split('\n');

  const installed = join(modules, '@cognito-triggers', 'verify');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', join(scratch, tarball), '-C', installed, '--strip-components=1']);

  // The events library as published, compiled here rather than packed: its own tests rebuild
  // its dist/ at the same time.
  const events = join(modules, '@cognito-triggers', 'events');
  await run(process.execPath, [
    tsc,
    '-p',
    join(eventsDir, 'tsconfig.build.json'),
    '--outDir',
    join(events, 'dist'),
  ]);
  const manifest = JSON.parse(await readFile(join(eventsDir, 'package.json'), 'utf8'));
  await writeFile(
    join(events, 'package.json'),
    JSON.stringify({ ...manifest, exports: manifest.publishConfig.exports }),
  );

  await mkdir(join(modules, '@types'), { recursive: true });
  // aws-jwt-verify exports no package.json to resolve: take its folder in this package.
  const dependencies = {
    'aws-jwt-verify': join(packageDir, 'node_modules', 'aws-jwt-verify'),
    '@types/aws-lambda': dirname(require.resolve('@types/aws-lambda/package.json')),
    '@types/node': dirname(require.resolve('@types/node/package.json')),
  };
  for (const [name, folder] of Object.entries(dependencies)) {
    await symlink(await realpath(folder), join(modules, name), 'dir');
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
      include: ['api.ts'],
    }),
  );
  await writeFile(
    join(scratch, 'api.ts'),
    `import type { JsonValue } from '@cognito-triggers/events';
import {
  createAuthorizerHandler,
  createTenantVerifier,
  InvalidTokenError,
  requireRole,
  type TenantContext,
  type TenantRequest,
  tenantMiddleware,
} from '@cognito-triggers/verify';
import type { ServerResponse } from 'node:http';

const verifier = createTenantVerifier({ userPoolId: 'eu-west-1_AbC123', clientId: 'web' });

export const handler = createAuthorizerHandler(verifier, { roles: ['admin'] });

export async function ordersOf(token: string): Promise<string> {
  try {
    const tenant: TenantContext = await verifier.verify(token);
    requireRole(tenant, 'admin', 'member');
    const tier: string | undefined = tenant.tenantTier;
    const plan: JsonValue | undefined = tenant.claims.plan;
    return \`\${tenant.tenantId}/\${tier ?? 'free'}/\${String(plan)}\`;
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.code;
    throw error;
  }
}

const guard = tenantMiddleware(verifier);
export function route(req: TenantRequest, res: ServerResponse): void {
  void guard(req, res, () => res.end(req.tenant?.tenantId));
}
`,
  );
}, 90_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds ESM JavaScript and declarations, and no sources or tests', () => {
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/README.md');
    expect(
      files.filter((file) => /\/(src|test)\/|\.ts$/.test(file) && !file.endsWith('.d.ts')),
    ).toEqual([]);
  });

  it('type-checks an API written against it in a project outside the workspace', async () => {
    await expect(run(process.execPath, [tsc, '-p', scratch])).resolves.toBeDefined();
  }, 30_000);

  it('fails that type check when the API gets a type wrong', async () => {
    await writeFile(
      join(scratch, 'wrong.ts'),
      `import { createTenantVerifier } from '@cognito-triggers/verify';
const verifier = createTenantVerifier({ userPoolId: 'eu-west-1_AbC123', clientId: 'web' });
export const tenant: number = (await verifier.verify('token')).tenantId;
`,
    );
    await writeFile(
      join(scratch, 'tsconfig.wrong.json'),
      JSON.stringify({ extends: './tsconfig.json', include: ['wrong.ts'] }),
    );
    const failure = run(process.execPath, [tsc, '-p', join(scratch, 'tsconfig.wrong.json')]);
    await expect(failure).rejects.toMatchObject({
      stdout: expect.stringContaining("Type 'string' is not assignable to type 'number'"),
    });
  }, 30_000);

  it('runs in Node as ESM and refuses a token as it should', async () => {
    await writeFile(
      join(scratch, 'run.mjs'),
      `import { createTenantVerifier, InvalidTokenError } from '@cognito-triggers/verify';
const jwks = { keys: [{ kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig', n: 'AQAB', e: 'AQAB' }] };
const verifier = createTenantVerifier({ userPoolId: 'eu-west-1_AbC123', clientId: 'web', jwks });
const error = await verifier.verify('not-a-jwt').catch((caught) => caught);
console.log(JSON.stringify({ invalid: error instanceof InvalidTokenError, code: error.code }));
`,
    );
    const { stdout } = await run(process.execPath, [join(scratch, 'run.mjs')], { cwd: scratch });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')).toEqual({
      invalid: true,
      code: 'TOKEN_MALFORMED',
    });
  }, 30_000);
});
