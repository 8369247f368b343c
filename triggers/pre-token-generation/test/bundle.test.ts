import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { floorBytes } from '@cognito-triggers/bundle';
import { preTokenGenerationEvent } from '@cognito-triggers/events/testing';
import { describe, expect, it } from 'vitest';

// The deployable artefact, as `pnpm build` left it (turbo runs the build before these tests).
const packageDir = resolve(import.meta.dirname, '..');
const dist = join(packageDir, 'dist');
const run = promisify(execFile);
const readJson = async (name: string) => JSON.parse(await readFile(join(dist, name), 'utf8'));
const SDK = /@aws-sdk\/|@smithy\//;

interface Metafile {
  outputs: Record<
    string,
    {
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
    }
  >;
}

// Cold start loads dist/index.mjs alone: the store path is a separate, self-contained file that
// the entry only reaches through `import()`.
const ENTRY = 'dist/index.mjs';

/** The floor: only the SDK clients and commands the store path sends. */
const FLOOR_SOURCE = [
  'export { BatchGetItemCommand, DynamoDBClient, GetItemCommand, QueryCommand, UpdateItemCommand }',
  "  from '@aws-sdk/client-dynamodb';",
  'export { AdminAddUserToGroupCommand, AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient }',
  "  from '@aws-sdk/client-cognito-identity-provider';",
].join('\n');

describe('the pre-token-generation bundle', () => {
  it('loads no SDK at cold start and keeps what it loads within 25 KB', async () => {
    const manifest = await readJson('manifest.json');
    const meta = (await readJson('meta.json')) as Metafile;
    expect(manifest).toMatchObject({ awsSdk: 'lazy', maxEntryBytes: 25 * 1024 });
    expect(manifest.entryBytes).toBeLessThanOrEqual(25 * 1024);
    const entry = meta.outputs[ENTRY];
    expect(Object.keys(entry?.inputs ?? {}).filter((input) => SDK.test(input))).toEqual([]);
    // Nothing but Node builtins is imported statically: no second file to load at cold start.
    const staticImports = (entry?.imports ?? []).filter(
      (record) => record.kind === 'import-statement',
    );
    expect(staticImports.every((record) => record.path.startsWith('node:'))).toBe(true);
    const lazy = (entry?.imports ?? []).filter((record) => record.kind === 'dynamic-import');
    expect(lazy).toContainEqual(expect.objectContaining({ path: './store.mjs', external: true }));
    expect(manifest.files).toEqual(['index.mjs', 'store.mjs']);
  });

  it('is, with its store path, at most 10 % larger than the SDK commands it calls', async () => {
    const manifest = await readJson('manifest.json');
    const floor = await floorBytes(FLOOR_SOURCE, packageDir);
    expect(manifest.bundleBytes).toBeLessThanOrEqual(Math.floor(floor * 1.1));
  });

  it('issues claims without a store from index.mjs alone: store.mjs and the SDK are not needed', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'pre-token-cold-'));
    try {
      await copyFile(join(packageDir, ENTRY), join(copy, 'index.mjs'));
      const event = preTokenGenerationEvent(2, 'TokenGeneration_Authentication', {
        userAttributes: { 'custom:tenant_id': 'acme' },
        groups: ['tenant-admin'],
      });
      const script = `
        const { handler } = await import(${JSON.stringify(join(copy, 'index.mjs'))});
        const out = await handler(JSON.parse(process.argv[1]));
        console.log(JSON.stringify(out.response));
      `;
      const { stdout } = await run(
        process.execPath,
        ['--input-type=module', '-e', script, JSON.stringify(event)],
        {
          env: { PATH: process.env.PATH },
        },
      );
      const response = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
      expect(
        response.claimsAndScopeOverrideDetails.idTokenGeneration.claimsToAddOrOverride,
      ).toEqual({
        tenant_id: 'acme',
        tenant_role: 'admin',
      });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
