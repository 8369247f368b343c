import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleError, bundleTrigger, readManifest } from '../src/index.js';
import {
  createFixture,
  LAZY_CONFIG,
  LAZY_TRIGGER,
  removeFixtures,
  runNode,
  VALID_CONFIG,
} from './fixture.js';
import { readZip } from './read-zip.js';

afterEach(removeFixtures);

/** Imports a built bundle in a fresh Node (no vitest transforms) and calls its handler. */
async function importInNode(bundle: string): Promise<Record<string, unknown>> {
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
    const result = await handler({ request: {} });
    console.log(JSON.stringify({ type: typeof handler, kind: handler.constructor.name, result }));`;
  const run = await runNode(['--input-type=module', '-e', script]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe('bundleTrigger', () => {
  it('writes the bundle, its source map, the metafile, the zip and the manifest', async () => {
    const { dir } = await createFixture();

    await bundleTrigger(dir);

    const files = (await readdir(join(dir, 'dist'))).sort();
    expect(files).toEqual([
      'index.mjs',
      'index.mjs.map',
      'manifest.json',
      'meta.json',
      'pre-signup.zip',
    ]);
  });

  it('keeps absolute paths out of the bundle and the source map', async () => {
    const { root, dir } = await createFixture();

    await bundleTrigger(dir);

    const bundle = await readFile(join(dir, 'dist/index.mjs'), 'utf8');
    const map = JSON.parse(await readFile(join(dir, 'dist/index.mjs.map'), 'utf8')) as {
      sources: string[];
    };
    expect(bundle).not.toContain(root);
    expect(map.sources).toEqual(['../src/handler.ts']);
    expect(await readFile(join(dir, 'dist/meta.json'), 'utf8')).not.toContain(root);
  });

  it('produces byte-identical zips when built twice', async () => {
    const { dir } = await createFixture();
    await bundleTrigger(dir);
    const first = await readFile(join(dir, 'dist/pre-signup.zip'));

    await rm(join(dir, 'dist'), { recursive: true });
    await bundleTrigger(dir);
    const second = await readFile(join(dir, 'dist/pre-signup.zip'));

    expect(second.equals(first)).toBe(true);
  });

  it('zips exactly index.mjs, with fixed time and mode and nothing else', async () => {
    const { dir } = await createFixture();

    await bundleTrigger(dir);

    const zip = readZip(await readFile(join(dir, 'dist/pre-signup.zip')));
    const bundle = await readFile(join(dir, 'dist/index.mjs'));
    expect(zip.entries.map((entry) => entry.name)).toEqual(['index.mjs']);
    const [entry] = zip.entries;
    expect(entry?.data.equals(bundle)).toBe(true);
    expect(entry).toMatchObject({
      method: 8, // deflate
      dosDate: (0 << 9) | (1 << 5) | 1, // 1980-01-01
      dosTime: 0,
      mode: 0o100644,
      centralExtraLength: 0,
      localExtraLength: 0,
      commentLength: 0,
    });
    expect(zip.comment).toBe('');
  });

  it('records the zip hash Terraform computes with filebase64sha256()', async () => {
    const { dir } = await createFixture();

    const manifest = await bundleTrigger(dir);

    const zip = await readFile(join(dir, 'dist/pre-signup.zip'));
    const bundle = await readFile(join(dir, 'dist/index.mjs'));
    expect(manifest.sourceCodeHash).toBe(createHash('sha256').update(zip).digest('base64'));
    expect(manifest).toMatchObject({
      trigger: 'pre-signup',
      functionName: 'PreSignUp',
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      zip: 'pre-signup.zip',
      zipBytes: zip.length,
      files: ['index.mjs'],
      entryBytes: bundle.length,
      bundleBytes: bundle.length,
      maxBundleBytes: VALID_CONFIG.maxBundleBytes,
      awsSdk: false,
      awsActions: [],
      largestInputs: [{ path: 'src/handler.ts', bytes: expect.any(Number), file: 'index.mjs' }],
    });
    expect(manifest).not.toHaveProperty('maxEntryBytes');
    expect(await readManifest(join(dir, 'dist/manifest.json'))).toEqual(manifest);
  });

  it('writes the manifest keys in a fixed order', async () => {
    const { dir } = await createFixture();

    await bundleTrigger(dir);

    const text = await readFile(join(dir, 'dist/manifest.json'), 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'trigger',
      'functionName',
      'handler',
      'runtime',
      'zip',
      'zipBytes',
      'sourceCodeHash',
      'files',
      'entryBytes',
      'bundleBytes',
      'bundleGzipBytes',
      'maxBundleBytes',
      'awsSdk',
      'awsActions',
      'largestInputs',
    ]);
  });

  it('builds a bundle that Node imports, exporting an async handler', async () => {
    const { dir } = await createFixture();

    await bundleTrigger(dir);

    expect(await importInNode(join(dir, 'dist/index.mjs'))).toEqual({
      type: 'function',
      kind: 'AsyncFunction',
      result: { request: {}, response: { autoConfirmUser: false } },
    });
  });

  it('gives a working require() to CommonJS dependencies, and only to bundles that need it', async () => {
    const pure = await createFixture();
    const withCjs = await createFixture({
      handler: `import sep from 'cjs-dep';\nexport const handler = async (event: object) => ({ ...event, sep });\n`,
      files: {
        'node_modules/cjs-dep/package.json': '{ "name": "cjs-dep", "main": "index.js" }\n',
        'node_modules/cjs-dep/index.js': "module.exports = require('node:path').sep;\n",
      },
    });

    await bundleTrigger(pure.dir);
    await bundleTrigger(withCjs.dir);

    expect(await readFile(join(pure.dir, 'dist/index.mjs'), 'utf8')).not.toContain('createRequire');
    expect(await readFile(join(withCjs.dir, 'dist/index.mjs'), 'utf8')).toContain('createRequire');
    expect(await importInNode(join(withCjs.dir, 'dist/index.mjs'))).toMatchObject({
      result: { request: {}, sep: '/' },
    });
  });

  it('fails a bundle over maxBundleBytes, naming the trigger, its size and the budget', async () => {
    const { dir } = await createFixture({
      packageJson: { name: 'x', cognitoTrigger: { ...VALID_CONFIG, maxBundleBytes: 10 } },
    });

    const build = bundleTrigger(dir);

    await expect(build).rejects.toThrow(BundleError);
    await expect(build).rejects.toThrow(
      /^pre-signup: dist\/index\.mjs is \d+ bytes, over its budget of 10 bytes/,
    );
    // The metafile stays for diagnosis; nothing deployable is left behind.
    expect((await readdir(join(dir, 'dist'))).sort()).toEqual([
      'index.mjs',
      'index.mjs.map',
      'meta.json',
    ]);
  });

  it('removes the zip of a previous build when a build fails', async () => {
    const { dir } = await createFixture();
    await bundleTrigger(dir);

    await rm(join(dir, 'src/handler.ts'));
    await expect(bundleTrigger(dir)).rejects.toThrow(/src\/handler\.ts: not found/);

    await expect(readdir(join(dir, 'dist'))).resolves.toEqual([]);
  });

  it('rejects the AWS SDK when awsSdk is false, naming the offending input and its importer', async () => {
    const { dir } = await createFixture({
      handler: `import { XClient } from '@aws-sdk/client-x';
const client = new XClient();
export const handler = async (event: object) => ({ ...event, sent: client.send() });
`,
      files: {
        'node_modules/@aws-sdk/client-x/package.json':
          '{ "name": "@aws-sdk/client-x", "type": "module", "module": "index.js" }\n',
        'node_modules/@aws-sdk/client-x/index.js':
          'export class XClient { send() { return "sent"; } }\n',
      },
    });

    const build = bundleTrigger(dir);

    await expect(build).rejects.toThrow(BundleError);
    await expect(build).rejects.toThrow(/"cognitoTrigger\.awsSdk" is false/);
    await expect(build).rejects.toThrow(/node_modules\/@aws-sdk\/client-x\/index\.js/);
    await expect(build).rejects.toThrow(/Imported from: src\/handler\.ts/);
  });

  it('bundles the AWS SDK when awsSdk is true', async () => {
    const { dir } = await createFixture({
      packageJson: { name: 'x', cognitoTrigger: { ...VALID_CONFIG, awsSdk: true } },
      handler: `import { XClient } from '@aws-sdk/client-x';\nexport const handler = async () => new XClient().send();\n`,
      files: {
        'node_modules/@aws-sdk/client-x/package.json':
          '{ "name": "@aws-sdk/client-x", "type": "module", "module": "index.js" }\n',
        'node_modules/@aws-sdk/client-x/index.js':
          'export class XClient { send() { return "sent"; } }\n',
      },
    });

    const manifest = await bundleTrigger(dir);

    expect(manifest.awsSdk).toBe(true);
    expect(manifest.largestInputs.map((input) => input.path)).toContain(
      'node_modules/@aws-sdk/client-x/index.js',
    );
  });

  it('reports compile errors with the file and line', async () => {
    const { dir } = await createFixture({ handler: 'export const handler = async ( => 1;\n' });

    await expect(bundleTrigger(dir)).rejects.toThrow(/src\/handler\.ts:1:\d+: /);
  });

  it('requires the entry point to export handler', async () => {
    const { dir } = await createFixture({ handler: 'export const main = async () => 1;\n' });

    await expect(bundleTrigger(dir)).rejects.toThrow(/must export "handler".*index\.handler/);
  });
});

describe('readManifest', () => {
  it('asks to rebuild a manifest written before lazy triggers existed', async () => {
    const { dir } = await createFixture();
    const manifest = await bundleTrigger(dir);
    const { files: _, entryBytes: __, ...old } = manifest;
    const path = join(dir, 'dist/manifest.json');
    await writeFile(path, JSON.stringify(old));

    await expect(readManifest(path)).rejects.toThrow(
      `${path}: "entryBytes" must be a number; rebuild the trigger`,
    );
  });

  it('asks to rebuild a manifest written before it listed the IAM actions', async () => {
    const { dir } = await createFixture();
    const { awsActions: _, ...old } = await bundleTrigger(dir);
    const path = join(dir, 'dist/manifest.json');
    await writeFile(path, JSON.stringify(old));

    await expect(readManifest(path)).rejects.toThrow(
      `${path}: "awsActions" must be a list of IAM actions; rebuild the trigger`,
    );
  });
});

describe('bundleTrigger with awsSdk "lazy"', () => {
  const sdkMarker = 'from-the-fake-sdk';

  /** The `.mjs` files of dist/, as zip entry names, each with its text. */
  async function codeFiles(dir: string): Promise<Map<string, string>> {
    const names = (await readdir(join(dir, 'dist'), { recursive: true }))
      .filter((name) => name.endsWith('.mjs'))
      .sort();
    const texts = await Promise.all(names.map((name) => readFile(join(dir, 'dist', name), 'utf8')));
    return new Map(names.map((name, i) => [name, texts[i] ?? '']));
  }

  it('builds what await import() loads into its own file, keeping the SDK out of index.mjs', async () => {
    const { dir } = await createFixture(LAZY_TRIGGER);

    const manifest = await bundleTrigger(dir);

    const code = await codeFiles(dir);
    expect([...code.keys()]).toEqual(['index.mjs', 'store.mjs']);
    expect(manifest.files).toEqual(['index.mjs', 'store.mjs']);
    const entry = code.get('index.mjs') ?? '';
    const store = code.get('store.mjs') ?? '';
    expect(entry).not.toContain(sdkMarker);
    expect(store).toContain(sdkMarker);
    // One file each, no splitting: the entry imports nothing statically, and the code both
    // sides use (label.ts) is copied into each.
    expect(entry).not.toMatch(/\bimport\s*[{*\w]|from\s*"/);
    expect(entry).toContain('import("./store.mjs")');
    expect(entry).toContain('label:');
    expect(store).toContain('label:');
    const bytes = (name: string) => Buffer.byteLength(code.get(name) ?? '');
    expect(manifest).toMatchObject({
      awsSdk: 'lazy',
      entryBytes: bytes('index.mjs'),
      maxEntryBytes: LAZY_CONFIG.maxEntryBytes,
      bundleBytes: bytes('index.mjs') + bytes('store.mjs'),
      maxBundleBytes: LAZY_CONFIG.maxBundleBytes,
    });
    expect(manifest.largestInputs.map(({ path, file }) => [path, file]).sort()).toEqual([
      ['node_modules/@aws-sdk/client-x/index.js', 'store.mjs'],
      ['src/handler.ts', 'index.mjs'],
      ['src/label.ts', 'index.mjs'],
      ['src/label.ts', 'store.mjs'],
      ['src/store.ts', 'store.mjs'],
    ]);
    expect(await readManifest(join(dir, 'dist/manifest.json'))).toEqual(manifest);
  });

  it('writes one metafile describing both builds', async () => {
    const { dir } = await createFixture(LAZY_TRIGGER);

    await bundleTrigger(dir);

    const meta = JSON.parse(await readFile(join(dir, 'dist/meta.json'), 'utf8')) as Metafile;
    expect(Object.keys(meta.outputs).sort()).toEqual([
      'dist/index.mjs',
      'dist/index.mjs.map',
      'dist/store.mjs',
      'dist/store.mjs.map',
    ]);
    expect(meta.outputs['dist/store.mjs']?.entryPoint).toBe('src/store.ts');
    expect(meta.outputs['dist/index.mjs']?.imports).toEqual([
      { path: './store.mjs', kind: 'dynamic-import', external: true },
    ]);
    expect(Object.keys(meta.inputs).sort()).toEqual([
      'node_modules/@aws-sdk/client-x/index.js',
      'src/handler.ts',
      'src/label.ts',
      'src/store.ts',
    ]);
  });

  it("builds a lazy module's own await import() the same way, and leaves import() of packages alone", async () => {
    const { dir } = await createFixture({
      ...LAZY_TRIGGER,
      files: {
        ...LAZY_TRIGGER.files,
        'node_modules/optional-dep/package.json':
          '{ "name": "optional-dep", "main": "index.js" }\n',
        'node_modules/optional-dep/index.js': 'export const optional = "optional-dep";\n',
        'src/store.ts': `import { XClient } from '@aws-sdk/client-x';
export const lookUp = async () => {
  const { audit } = await import('./audit/log.js');
  const { optional } = await import('optional-dep');
  return audit(new XClient().send()) + optional;
};
`,
        'src/audit/log.ts': 'export const audit = (value: string) => "audited:" + value;\n',
      },
    });

    const manifest = await bundleTrigger(dir);

    expect(manifest.files).toEqual(['index.mjs', 'log.mjs', 'store.mjs']);
    const code = await codeFiles(dir);
    expect(code.get('store.mjs')).toContain('import("./log.mjs")');
    expect(code.get('store.mjs')).toContain('optional-dep');
    expect(code.get('log.mjs')).toContain('audited:');
  });

  it('fails when a module is loaded with await import() and imported statically too', async () => {
    const { dir } = await createFixture({
      ...LAZY_TRIGGER,
      files: { ...LAZY_TRIGGER.files, 'src/label.ts': 'export const label = (v: string) => v;\n' },
      handler: `import { label } from './label.js';
export const handler = async (event: object) => {
  const { label: lazyLabel } = await import('./label.js');
  const { lookUp } = await import('./store.js');
  return { ...event, source: label(lazyLabel(await lookUp())) };
};
`,
    });

    await expect(bundleTrigger(dir)).rejects.toThrow(
      /^pre-signup: src\/label\.ts is loaded with await import\(\) \(built into dist\/label\.mjs\) but also imported statically from src\/handler\.ts, so dist\/index\.mjs holds a second copy of it/,
    );
  });

  it('fails when the entry has no await import() of a module of its own', async () => {
    const { dir } = await createFixture({
      ...LAZY_TRIGGER,
      handler: `export const handler = async (event: object) => ({ ...event });\n`,
    });

    const build = bundleTrigger(dir);

    await expect(build).rejects.toThrow(BundleError);
    await expect(build).rejects.toThrow(
      /^pre-signup: awsSdk is lazy but src\/handler\.ts has no await import\(\) of a module of its own/,
    );
    await expect(readdir(join(dir, 'dist'))).resolves.not.toContain('pre-signup.zip');
  });

  it('writes maxEntryBytes into the manifest, after entryBytes', async () => {
    const { dir } = await createFixture(LAZY_TRIGGER);

    await bundleTrigger(dir);

    const text = await readFile(join(dir, 'dist/manifest.json'), 'utf8');
    expect(Object.keys(JSON.parse(text) as object).slice(7, 11)).toEqual([
      'files',
      'entryBytes',
      'maxEntryBytes',
      'bundleBytes',
    ]);
  });

  it('zips index.mjs and every lazy module without maps, byte-identical from another folder', async () => {
    const first = await createFixture(LAZY_TRIGGER);
    const second = await createFixture(LAZY_TRIGGER);

    const manifest = await bundleTrigger(first.dir);
    await bundleTrigger(second.dir);

    const zipBytes = await readFile(join(first.dir, 'dist/pre-signup.zip'));
    expect((await readFile(join(second.dir, 'dist/pre-signup.zip'))).equals(zipBytes)).toBe(true);
    const zip = readZip(zipBytes);
    expect(zip.entries.map((entry) => entry.name)).toEqual(manifest.files);
    for (const entry of zip.entries) {
      expect(entry.data.equals(await readFile(join(first.dir, 'dist', entry.name)))).toBe(true);
      expect(entry).toMatchObject({ dosDate: 33, dosTime: 0, mode: 0o100644, localExtraLength: 0 });
    }
  });

  it('runs from the unzipped zip, loading the SDK only on the path that needs it', async () => {
    const { root, dir } = await createFixture(LAZY_TRIGGER);
    await bundleTrigger(dir);
    // Lambda runs the unzipped archive, not dist/: prove the files the zip holds suffice.
    const unzipped = join(root, 'unzipped');
    for (const entry of readZip(await readFile(join(dir, 'dist/pre-signup.zip'))).entries) {
      await mkdir(dirname(join(unzipped, entry.name)), { recursive: true });
      await writeFile(join(unzipped, entry.name), entry.data);
    }
    const script = `
      const { handler } = await import(${JSON.stringify(pathToFileURL(join(unzipped, 'index.mjs')).href)});
      const pure = await handler({ request: {} });
      const sdkAfterPure = globalThis.fakeSdkLoaded === true;
      const lazy = await handler({ request: { useStore: true } });
      const sdkAfterLazy = globalThis.fakeSdkLoaded === true;
      console.log(JSON.stringify({ pure, sdkAfterPure, lazy, sdkAfterLazy }));`;

    const run = await runNode(['--input-type=module', '-e', script]);

    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      pure: { request: {}, response: { source: 'label:none' } },
      sdkAfterPure: false,
      lazy: { request: { useStore: true }, response: { source: `label:${sdkMarker}` } },
      sdkAfterLazy: true,
    });
  });

  it('fails when a static import brings the SDK into index.mjs, naming the importer', async () => {
    const { dir } = await createFixture({
      ...LAZY_TRIGGER,
      handler: `import { lookUp } from './store.js';
export const handler = async (event: object) => ({ ...event, source: await lookUp() });
`,
    });

    const build = bundleTrigger(dir);

    await expect(build).rejects.toThrow(BundleError);
    await expect(build).rejects.toThrow(
      /^pre-signup: dist\/index\.mjs holds the AWS SDK, loaded at cold start, but package\.json "cognitoTrigger\.awsSdk" is "lazy"/,
    );
    await expect(build).rejects.toThrow(/Imported from: src\/store\.ts\n/);
    await expect(build).rejects.toThrow(/\n {2}node_modules\/@aws-sdk\/client-x\/index\.js/);
    await expect(readdir(join(dir, 'dist'))).resolves.not.toContain('pre-signup.zip');
  });

  it('fails when index.mjs is over maxEntryBytes, naming its largest inputs', async () => {
    const { dir } = await createFixture({
      ...LAZY_TRIGGER,
      packageJson: { name: 'x', cognitoTrigger: { ...LAZY_CONFIG, maxEntryBytes: 10 } },
    });

    const build = bundleTrigger(dir);

    await expect(build).rejects.toThrow(
      /^pre-signup: dist\/index\.mjs \(loaded at cold start\) is \d+ bytes, over the entry budget of 10 bytes\n\(package\.json "cognitoTrigger\.maxEntryBytes"\)/,
    );
    await expect(build).rejects.toThrow(/\n {2}\d+ B {2}src\/label\.ts$/);
    await expect(readdir(join(dir, 'dist'))).resolves.not.toContain('pre-signup.zip');
  });

  it('fails when the entry and the lazy modules together are over maxBundleBytes', async () => {
    const { dir } = await createFixture({
      ...LAZY_TRIGGER,
      packageJson: { name: 'x', cognitoTrigger: { ...LAZY_CONFIG, maxBundleBytes: 3_000 } },
      files: {
        ...LAZY_TRIGGER.files,
        'src/store.ts': `import { XClient } from '@aws-sdk/client-x';
export const lookUp = async () => new XClient().send() + '${'x'.repeat(3_000)}';
`,
      },
    });

    const build = bundleTrigger(dir);

    await expect(build).rejects.toThrow(
      /^pre-signup: dist\/index\.mjs \+ dist\/store\.mjs are \d+ bytes in total, over its budget of 3000 bytes\n\(package\.json "cognitoTrigger\.maxBundleBytes"\)/,
    );
    await expect(build).rejects.toThrow(/\d+ B {2}src\/store\.ts {2}\(in store\.mjs\)/);
  });

  it('leaves no lazy module of an earlier lazy build behind', async () => {
    const { dir } = await createFixture(LAZY_TRIGGER);
    await bundleTrigger(dir);
    // What the code-splitting builds of earlier versions left.
    await mkdir(join(dir, 'dist/chunks'));
    await writeFile(join(dir, 'dist/chunks/chunk-OLD.mjs'), '');

    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'x', cognitoTrigger: { ...VALID_CONFIG, awsSdk: true } }),
    );
    const manifest = await bundleTrigger(dir);

    expect(manifest.files).toEqual(['index.mjs']);
    expect((await readdir(join(dir, 'dist'))).sort()).toEqual([
      'index.mjs',
      'index.mjs.map',
      'manifest.json',
      'meta.json',
      'pre-signup.zip',
    ]);
  });
});
