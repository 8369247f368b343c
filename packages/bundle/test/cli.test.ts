import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addTrigger,
  createFixture,
  LAZY_TRIGGER,
  removeFixtures,
  runCli,
  VALID_CONFIG,
} from './fixture.js';

afterEach(removeFixtures);

// Each case starts a Node process with tsx; allow for a slow CI machine.
const SLOW = { timeout: 30_000 };

describe('bundle-trigger --help', () => {
  it.each([
    [[], 'Usage: bundle-trigger <command>'],
    [['build'], 'Usage: bundle-trigger build [--dir PATH]'],
    [['summary'], 'Usage: bundle-trigger summary [--root DIR]'],
    [['collect'], 'Usage: bundle-trigger collect --out DIR [--root DIR]'],
  ])('prints the usage of %j', SLOW, async (command, usage) => {
    const run = await runCli([...command, '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(usage);
  });

  it('exits 2 with the usage on an unknown command or option', SLOW, async () => {
    const [command, option] = await Promise.all([
      runCli(['bundel']),
      runCli(['build', '--out', 'x']),
    ]);

    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "bundel"');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--out'");
    expect(option.stderr).toContain('Usage: bundle-trigger build');
  });
});

describe('bundle-trigger build', () => {
  it('builds the trigger in the current folder and prints one line', SLOW, async () => {
    const { dir } = await createFixture();

    const run = await runCli(['build'], { cwd: dir });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^pre-signup {2}dist\/pre-signup\.zip {2}\d+\.\d KB zip, \d+\.\d KB bundle \(budget 25\.0 KB\)\n$/,
    );
  });

  it('prints cold start, lazy modules and total on one line for a lazy trigger', SLOW, async () => {
    const { dir } = await createFixture(LAZY_TRIGGER);

    const run = await runCli(['build'], { cwd: dir });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^pre-signup {2}dist\/pre-signup\.zip {2}\d+\.\d KB zip, \d+\.\d KB entry \(budget 2\.0 KB\) \+ \d+\.\d KB lazy modules = \d+\.\d KB bundle \(budget 25\.0 KB\)\n$/,
    );
  });

  it(
    'produces the same lazy zip, lazy modules included, in any time zone and any folder',
    SLOW,
    async () => {
      const zones = ['UTC', 'Asia/Tokyo', 'Pacific/Kiritimati'];
      const fixtures = await Promise.all(zones.map(() => createFixture(LAZY_TRIGGER)));

      const runs = await Promise.all(
        fixtures.map(({ dir }, i) => runCli(['build', '--dir', dir], { env: { TZ: zones[i] } })),
      );

      expect(runs.map((run) => run.code)).toEqual(zones.map(() => 0));
      const zips = await Promise.all(
        fixtures.map(({ dir }) => readFile(join(dir, 'dist/pre-signup.zip'))),
      );
      for (const zip of zips) expect(zip.equals(zips[0] as Buffer)).toBe(true);
    },
  );

  it('produces the same zip in any time zone and any folder', SLOW, async () => {
    const zones = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati'];
    const fixtures = await Promise.all(zones.map(() => createFixture()));

    const runs = await Promise.all(
      fixtures.map(({ dir }, i) => runCli(['build', '--dir', dir], { env: { TZ: zones[i] } })),
    );

    expect(runs.map((run) => run.code)).toEqual(zones.map(() => 0));
    const zips = await Promise.all(
      fixtures.map(({ dir }) => readFile(join(dir, 'dist/pre-signup.zip'))),
    );
    for (const zip of zips) expect(zip.equals(zips[0] as Buffer)).toBe(true);
  });

  it('exits 1 naming the size and budget when the bundle is too big', SLOW, async () => {
    const { dir } = await createFixture({
      packageJson: { name: 'x', cognitoTrigger: { ...VALID_CONFIG, maxBundleBytes: 10 } },
    });

    const run = await runCli(['build', '--dir', dir]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/pre-signup: dist\/index\.mjs is \d+ bytes, over its budget of 10/);
  });

  it('exits 1 naming package.json when cognitoTrigger is missing', SLOW, async () => {
    const { dir } = await createFixture({ packageJson: { name: 'x' } });

    const run = await runCli(['build'], { cwd: dir });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'package.json')}: missing "cognitoTrigger" field`);
  });
});

describe('bundle-trigger summary', () => {
  it('lists every built trigger, found from any folder of the repository', SLOW, async () => {
    const { root, dir } = await createFixture();
    const other = await addTrigger(root, {
      name: 'custom-message',
      packageJson: {
        name: 'y',
        cognitoTrigger: { ...VALID_CONFIG, functionName: 'CustomMessage' },
      },
    });
    await Promise.all([runCli(['build', '--dir', dir]), runCli(['build', '--dir', other])]);
    const manifest = JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8')) as {
      sourceCodeHash: string;
    };

    const run = await runCli(['summary'], { cwd: dir });

    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^trigger +function +zip +zip size +bundle \/ budget +sourceCodeHash$/,
    );
    expect(lines[1]).toMatch(
      /^custom-message +CustomMessage +triggers\/custom-message\/dist\/custom-message\.zip /,
    );
    expect(lines[2]).toMatch(
      /^pre-signup +PreSignUp +triggers\/pre-signup\/dist\/pre-signup\.zip /,
    );
    expect(lines[2]).toContain(` / 25.0 KB  ${manifest.sourceCodeHash}`);
  });

  it('adds an entry / budget column when a trigger is lazy', SLOW, async () => {
    const { root, dir } = await createFixture();
    const lazy = await addTrigger(root, { ...LAZY_TRIGGER, name: 'pre-token-generation' });
    await Promise.all([runCli(['build', '--dir', dir]), runCli(['build', '--dir', lazy])]);

    const run = await runCli(['summary', '--root', root]);

    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^trigger +function +zip +zip size +entry \/ budget +bundle \/ budget +sourceCodeHash$/,
    );
    expect(lines[1]).toMatch(
      /^pre-signup +PreSignUp +\S+ +\d+\.\d KB +- +\d+\.\d KB \/ 25\.0 KB +\S+$/,
    );
    expect(lines[2]).toMatch(
      /^pre-token-generation +PreTokenGeneration +\S+ +\d+\.\d KB +\d+\.\d KB \/ 2\.0 KB +\d+\.\d KB \/ 25\.0 KB +\S+$/,
    );
  });

  it('exits 1 and says how to build when nothing is built', SLOW, async () => {
    const { root } = await createFixture();

    const run = await runCli(['summary', '--root', root]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no trigger is built yet');
    expect(run.stderr).toContain('pnpm build');
  });

  it('exits 1 when a zip no longer matches its manifest', SLOW, async () => {
    const { root, dir } = await createFixture();
    await runCli(['build', '--dir', dir]);
    await writeFile(join(dir, 'dist/pre-signup.zip'), 'not the built zip');

    const run = await runCli(['summary', '--root', root]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("does not match dist/manifest.json's sourceCodeHash");
  });
});

describe('bundle-trigger collect', () => {
  it('writes each zip, its manifest and SHA256SUMS, and nothing stale', SLOW, async () => {
    const { root, dir } = await createFixture();
    await runCli(['build', '--dir', dir]);
    const out = join(root, 'artifacts');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'post-confirmation.zip'), 'an earlier build');

    const run = await runCli(['collect', '--out', out, '--root', root]);

    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'SHA256SUMS',
      'pre-signup.json',
      'pre-signup.zip',
    ]);
    const zip = await readFile(join(out, 'pre-signup.zip'));
    expect(await readFile(join(out, 'SHA256SUMS'), 'utf8')).toBe(
      `${createHash('sha256').update(zip).digest('hex')}  pre-signup.zip\n`,
    );
    const manifest = JSON.parse(await readFile(join(out, 'pre-signup.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      trigger: 'pre-signup',
      zip: 'pre-signup.zip',
      handler: 'index.handler',
      sourceCodeHash: createHash('sha256').update(zip).digest('base64'),
    });
    expect(manifest).not.toHaveProperty('largestInputs');
  });

  it(
    'collects a function built under packages/ too (the attach function), sorted by name',
    SLOW,
    async () => {
      const { root, dir } = await createFixture();
      const attach = await addTrigger(root, {
        name: 'attach',
        folder: 'packages',
        packageJson: {
          name: '@fixture/attach',
          type: 'module',
          cognitoTrigger: { ...VALID_CONFIG, functionName: 'AttachTriggers' },
        },
      });
      await Promise.all([runCli(['build', '--dir', dir]), runCli(['build', '--dir', attach])]);
      const out = join(root, 'artifacts');

      const run = await runCli(['collect', '--out', out, '--root', root]);

      expect(run.code).toBe(0);
      expect((await readdir(out)).sort()).toEqual([
        'SHA256SUMS',
        'attach.json',
        'attach.zip',
        'pre-signup.json',
        'pre-signup.zip',
      ]);
      expect(
        (await readFile(join(out, 'SHA256SUMS'), 'utf8')).split('\n').map((line) => line.slice(66)),
      ).toEqual(['attach.zip', 'pre-signup.zip', '']);
    },
  );

  it(
    'refuses to collect a zip that no longer matches its manifest, and needs --out',
    SLOW,
    async () => {
      const { root, dir } = await createFixture();
      await runCli(['build', '--dir', dir]);
      await writeFile(join(dir, 'dist/pre-signup.zip'), 'not the built zip');

      const [stale, usage] = await Promise.all([
        runCli(['collect', '--out', join(root, 'artifacts'), '--root', root]),
        runCli(['collect', '--root', root]),
      ]);

      expect(stale.code).toBe(1);
      expect(stale.stderr).toContain("does not match dist/manifest.json's sourceCodeHash");
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('collect needs --out DIR');
    },
  );
});
