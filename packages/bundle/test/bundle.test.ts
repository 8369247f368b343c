import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleError, bundleTrigger, readManifest } from '../src/index.js';
import { createFixture, removeFixtures, runNode, VALID_CONFIG } from './fixture.js';
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
      bundleBytes: bundle.length,
      maxBundleBytes: VALID_CONFIG.maxBundleBytes,
      awsSdk: false,
      largestInputs: [{ path: 'src/handler.ts', bytes: expect.any(Number) }],
    });
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
      'bundleBytes',
      'bundleGzipBytes',
      'maxBundleBytes',
      'awsSdk',
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
