import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { EVERY_SOURCE } from '@cognito-triggers/events/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogSection, packedManifestProblems, publicPackages } from '../src/pack.js';

const run = promisify(execFile);
const PACKAGE_DIR = resolve(import.meta.dirname, '..');
const ROOT = resolve(PACKAGE_DIR, '..', '..');
const PUBLIC = [
  '@cognito-triggers/cli',
  '@cognito-triggers/events',
  '@cognito-triggers/tenancy',
  '@cognito-triggers/verify',
];
/** TypeScript 5 from npm, pinned: what most teams type-check with today. */
const TYPESCRIPT_5 = '5.9.3';

/** The machine's global npmrc (registry, CA file): a prefix of our own must not lose it. */
let globalConfig: string;

/**
 * npm's environment for a global prefix of the test's own. npm reads its global npmrc from
 * `<prefix>/etc/npmrc`, so the machine's (a CA file for the registry, say) is named as well.
 */
const npmPrefix = (prefix: string) => ({
  npm_config_prefix: prefix,
  npm_config_globalconfig: globalConfig,
});

let out: string;
let scratch: string;
let tarballs: string[];
let packOutput: { stdout: string; stderr: string };

/** `tsc -p <scratch>/<config>` with the given compiler; resolves to its output. */
const typecheck = (tsc: string, config = 'tsconfig.json') =>
  run(process.execPath, [tsc, '-p', join(scratch, config)], { cwd: scratch });

/** An exhaustive switch over every source the library lists, against its CognitoTriggerEvent. */
function everySourceModule(): string {
  const sources = Object.values(EVERY_SOURCE).flat();
  return [
    "import type { CognitoTriggerEvent } from '@cognito-triggers/events';",
    '',
    'export function sourceOf(event: CognitoTriggerEvent): string {',
    '  switch (event.triggerSource) {',
    ...sources.map((source) => `    case '${source}':`),
    '      return event.triggerSource;',
    '    default:',
    '      return event satisfies never;',
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * The release, written by the real command into a scratch folder; then a team's project outside
 * the workspace that installs every tarball with plain npm (no workspace, no pnpm), TypeScript
 * 5 from npm, and the CLI globally under a prefix of its own.
 */
beforeAll(async () => {
  globalConfig = (await run('npm', ['config', 'get', 'globalconfig'])).stdout.trim();
  out = await mkdtemp(join(tmpdir(), 'cognito-triggers-release-'));
  packOutput = await run(process.execPath, [
    join(PACKAGE_DIR, 'bin', 'release-pack.mjs'),
    '--out',
    out,
  ]);
  tarballs = (await readdir(out)).filter((file) => file.endsWith('.tgz')).sort();

  scratch = await mkdtemp(join(tmpdir(), 'cognito-triggers-consumer-'));
  await writeFile(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  const npm = ['--no-audit', '--no-fund', '--loglevel=error'];
  await run(
    'npm',
    [
      'install',
      ...npm,
      ...tarballs.map((file) => join(out, file)),
      `typescript@${TYPESCRIPT_5}`,
      '@types/node@20.19.43',
    ],
    { cwd: scratch },
  );
  const cli = tarballs.find((file) => file.includes('-cli-'));
  if (cli === undefined) throw new Error(`no CLI tarball among ${tarballs.join(', ')}`);
  await run('npm', ['install', '--global', ...npm, join(out, cli)], {
    env: { ...process.env, ...npmPrefix(join(scratch, 'global')) },
  });

  await copyFile(
    join(PACKAGE_DIR, 'test', 'fixtures', 'handlers.ts'),
    join(scratch, 'handlers.ts'),
  );
  await writeFile(join(scratch, 'every-source.ts'), everySourceModule());
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
      include: ['handlers.ts', 'every-source.ts'],
    }),
  );
}, 240_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('pnpm release:pack', () => {
  it('packs exactly the public packages, at one version', async () => {
    expect((await publicPackages(ROOT)).map((pkg) => pkg.name).sort()).toEqual(PUBLIC);
    expect(tarballs).toEqual([
      'cognito-triggers-cli-0.1.0.tgz',
      'cognito-triggers-events-0.1.0.tgz',
      'cognito-triggers-tenancy-0.1.0.tgz',
      'cognito-triggers-verify-0.1.0.tgz',
    ]);
    expect(packOutput.stdout).toContain('release 0.1.0: 4 tarballs, SHA256SUMS and RELEASE.md');
    expect(packOutput.stderr).toContain('packing @cognito-triggers/verify (4/4)');
  });

  it('writes SHA256SUMS that match the tarballs, and a note naming them and the artifacts', async () => {
    const sums = await readFile(join(out, 'SHA256SUMS'), 'utf8');
    const note = await readFile(join(out, 'RELEASE.md'), 'utf8');
    const artifactSums = await readFile(join(ROOT, 'terraform', 'artifacts', 'SHA256SUMS'), 'utf8');
    for (const file of tarballs) {
      const sha = createHash('sha256')
        .update(await readFile(join(out, file)))
        .digest('hex');
      expect(sums).toContain(`${sha}  ${file}\n`);
      expect(note).toContain(`\`${file}\``);
      expect(note).toContain(sha);
    }
    expect(note).toContain(artifactSums.trimEnd());
    expect(note).toContain('The `@cognito-triggers` scope on npmjs.com is **not claimed yet**');
    expect(note).toContain('### @cognito-triggers/verify');
  });

  it('puts the repository’s LICENSE, a README and a changelog in every tarball', async () => {
    const license = await readFile(join(ROOT, 'LICENSE'), 'utf8');
    for (const file of tarballs) {
      const inside = (name: string) =>
        run('tar', ['-xzOf', join(out, file), `package/${name}`]).then(({ stdout }) => stdout);
      expect(await inside('LICENSE')).toBe(license);
      expect(await inside('README.md')).not.toBe('');
      expect(await inside('CHANGELOG.md')).toContain('## 0.1.0');
    }
  });
});

describe('the tarballs in a project outside the workspace, with plain npm', () => {
  it('install every @cognito-triggers package from the tarballs, none from the registry', async () => {
    const lock = JSON.parse(await readFile(join(scratch, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    const ours = Object.entries(lock.packages).filter(([path]) =>
      path.includes('node_modules/@cognito-triggers/'),
    );
    expect(ours.map(([path]) => path).sort()).toEqual(PUBLIC.map((name) => `node_modules/${name}`));
    for (const [, entry] of ours) expect(entry.resolved).toMatch(/^file:.*\.tgz$/);
  });

  it(`type-check handlers for every trigger source under TypeScript ${TYPESCRIPT_5} strict`, async () => {
    const tsc5 = join(scratch, 'node_modules', 'typescript', 'bin', 'tsc');
    const { stdout: version } = await run(process.execPath, [tsc5, '--version']);
    expect(version.trim()).toBe(`Version ${TYPESCRIPT_5}`);

    await expect(typecheck(tsc5)).resolves.toMatchObject({ stdout: '' });
  });

  it('type-check them under the workspace’s TypeScript 7 as well', async () => {
    const tsc7 = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

    await expect(typecheck(tsc7)).resolves.toMatchObject({ stdout: '' });
  });

  it('fail that type check when a handler reads a code account takeover does not have', async () => {
    await writeFile(
      join(scratch, 'wrong.ts'),
      [
        "import type { CustomEmailSenderEvent } from '@cognito-triggers/events';",
        "type Takeover = CustomEmailSenderEvent<'CustomEmailSender_AccountTakeOverNotification'>;",
        'export const code = (event: Takeover): string => event.request.code;',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(scratch, 'tsconfig.wrong.json'),
      JSON.stringify({ extends: './tsconfig.json', include: ['wrong.ts'] }),
    );

    const tsc5 = join(scratch, 'node_modules', 'typescript', 'bin', 'tsc');
    await expect(typecheck(tsc5, 'tsconfig.wrong.json')).rejects.toMatchObject({
      stdout: expect.stringContaining("Type 'null' is not assignable to type 'string'"),
    });
  });

  it('run in Node: a trigger wrapped by defineTrigger, and a verifier refusing a bad token', async () => {
    await writeFile(
      join(scratch, 'run.mjs'),
      [
        "import { defineTrigger } from '@cognito-triggers/events';",
        "import { createTenantVerifier } from '@cognito-triggers/verify';",
        "import { createTenantStore } from '@cognito-triggers/tenancy';",
        "const handler = defineTrigger({ name: 'PostAuthentication', handle() {} });",
        "const event = { version: '1', region: 'eu-west-1', userPoolId: 'eu-west-1_AbC123', userName: 'u',",
        "  triggerSource: 'PostAuthentication_Authentication', callerContext: { awsSdkVersion: 'x', clientId: 'c' },",
        "  request: { userAttributes: { sub: 'u' }, newDeviceUsed: false }, response: {} };",
        'const returned = await handler(event);',
        "const jwks = { keys: [{ kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig', n: 'AQAB', e: 'AQAB' }] };",
        "const verifier = createTenantVerifier({ userPoolId: 'eu-west-1_AbC123', clientId: 'web', jwks });",
        "const refused = await verifier.verify('not-a-jwt').catch((error) => error.code);",
        'console.log(JSON.stringify({ same: returned === event, refused, store: typeof createTenantStore }));',
        '',
      ].join('\n'),
    );

    const { stdout } = await run(process.execPath, ['run.mjs'], { cwd: scratch });

    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')).toEqual({
      same: true,
      refused: 'TOKEN_MALFORMED',
      store: 'function',
    });
  });

  it('run the cognito-triggers bin, installed locally and with npm install --global', async () => {
    const local = join(scratch, 'node_modules', '.bin', 'cognito-triggers');
    const global = join(scratch, 'global', 'bin', 'cognito-triggers');

    const { stdout: help } = await run(local, ['--help'], { cwd: scratch });
    const { stdout: version } = await run(global, ['--version'], { cwd: scratch });

    expect(help).toContain('check-email');
    expect(help).toContain('reconcile');
    expect(version.trim()).toContain('0.1.0');
  });
});

/** The `npm install` lines of a README's install section, as written. */
function installLines(readme: string): string[] {
  const start = readme.search(/^## Install/m);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, block]) =>
    (block ?? '').split('\n').filter((line) => line.startsWith('npm install')),
  );
}

describe('each README’s install lines, run as written next to the tarballs', () => {
  it.each([
    ['events', '@cognito-triggers/events'],
    ['verify', '@cognito-triggers/verify'],
    ['tenancy', '@cognito-triggers/tenancy'],
    ['cli', undefined],
  ])('packages/%s/README.md', async (folder, importable) => {
    const lines = installLines(await readFile(join(ROOT, 'packages', folder, 'README.md'), 'utf8'));
    expect(lines.length).toBeGreaterThan(0);
    const project = await mkdtemp(join(tmpdir(), `cognito-triggers-readme-${folder}-`));
    try {
      await writeFile(
        join(project, 'package.json'),
        JSON.stringify({ private: true, type: 'module' }),
      );
      for (const file of tarballs) await copyFile(join(out, file), join(project, file));
      // `npm install -g` goes to a prefix of the test's own, through npm's environment setting.
      const env = { ...process.env, ...npmPrefix(join(project, 'global')) };
      for (const line of lines) await run('sh', ['-c', line], { cwd: project, env });

      if (importable === undefined) {
        const { stdout } = await run(join(project, 'global', 'bin', 'cognito-triggers'), [
          '--help',
        ]);
        expect(stdout).toContain('check-email');
      } else {
        const script = `const m = await import('${importable}'); console.log(Object.keys(m).length);`;
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
          cwd: project,
        });
        expect(Number(stdout.trim())).toBeGreaterThan(0);
      }
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});

describe('the checks of a packed package', () => {
  const release = [
    { name: '@cognito-triggers/events', version: '0.2.0', folder: 'packages/events' },
  ];

  it('refuse a workspace range, an unpublished package and another version', () => {
    expect(
      packedManifestProblems(
        {
          dependencies: {
            '@cognito-triggers/events': 'workspace:*',
            '@cognito-triggers/local': '0.2.0',
            'aws-jwt-verify': '5.2.1',
          },
          peerDependencies: { '@cognito-triggers/events': '0.1.0' },
        },
        release,
      ),
    ).toEqual([
      'dependencies: @cognito-triggers/events "workspace:*" is a workspace range',
      'dependencies: @cognito-triggers/local is not published (not in this release)',
      'peerDependencies: @cognito-triggers/events "0.1.0" is not the release\'s 0.2.0',
    ]);
  });

  it('find the changelog section of a version, and nothing for another', () => {
    const changelog = '# x\n\n## 0.2.0\n\n- new\n\n## 0.1.0\n\nFirst release.\n';

    expect(changelogSection(changelog, '0.2.0')).toBe('- new');
    expect(changelogSection(changelog, '0.1.0')).toBe('First release.');
    expect(changelogSection(changelog, '0.3.0')).toBeUndefined();
  });
});
