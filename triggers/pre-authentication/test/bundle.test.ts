import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { floorBytes } from '@cognito-triggers/bundle';
import { preAuthenticationEvent } from '@cognito-triggers/events/testing';
import { createTenantStore, createTenantTable } from '@cognito-triggers/tenancy';
import {
  LOCAL_AWS,
  type LocalDynamo,
  startDynamo,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

/** The floor: only the SDK client and the commands the store path sends (reads only). */
const FLOOR_SOURCE =
  "export { BatchGetItemCommand, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';";

/** Runs the built handler in a fresh Node process with only `environment`; its answer or error. */
async function invokeBuilt(
  entry: string,
  event: unknown,
  environment: Record<string, string> = {},
): Promise<{ ok: boolean; message?: string }> {
  const script = `
    const { handler } = await import(${JSON.stringify(entry)});
    const event = JSON.parse(process.argv[1]);
    const answer = await handler(event).then(
      (out) => ({ ok: out === event }),
      (error) => ({ ok: false, message: error.message }),
    );
    console.log(JSON.stringify(answer));
  `;
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(event)],
    {
      env: {
        PATH: process.env.PATH,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...environment,
      },
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}

describe('the pre-authentication bundle', () => {
  it('loads no SDK at cold start and keeps what it loads within 25 KB', async () => {
    const manifest = await readJson('manifest.json');
    const meta = (await readJson('meta.json')) as Metafile;
    expect(manifest).toMatchObject({
      functionName: 'PreAuthentication',
      awsSdk: 'lazy',
      maxEntryBytes: 25 * 1024,
    });
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

  it('can only read the table: its AWS calls are the lookup’s', async () => {
    const manifest = await readJson('manifest.json');
    expect(manifest.awsActions).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
  });

  it('is, with its store path, at most 10 % larger than the SDK commands it calls', async () => {
    const manifest = await readJson('manifest.json');
    const floor = await floorBytes(FLOOR_SOURCE, packageDir);
    expect(manifest.bundleBytes).toBeLessThanOrEqual(Math.floor(floor * 1.1));
  });

  it('lets a sign-in go on without a store from index.mjs alone: store.mjs and the SDK are not needed', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'pre-auth-cold-'));
    try {
      await copyFile(join(packageDir, ENTRY), join(copy, 'index.mjs'));
      const answer = await invokeBuilt(join(copy, 'index.mjs'), preAuthenticationEvent());
      expect(answer).toEqual({ ok: true });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  describe('with the store (dynalite)', () => {
    let dynamo: LocalDynamo;
    let tableName: string;

    beforeAll(async () => {
      dynamo = await startDynamo();
      tableName = uniqueTableName();
      await createTenantTable(dynamo.client, tableName);
    });

    afterAll(async () => {
      await dynamo?.stop();
    });

    it('refuses a member of a suspended tenant through store.mjs, and lets a member of an active one in', async () => {
      const store = createTenantStore({ client: dynamo.client, tableName });
      for (const [tenantId, sub] of [
        ['built-active', 'sub-active'],
        ['built-suspended', 'sub-suspended'],
      ] as const) {
        await store.ensureTenant({
          tenantId,
          name: tenantId,
          domain: `${tenantId}.example`,
          tier: 'free',
          createdBy: 'operator:test',
        });
        await store.ensureMembership({ sub, tenantId, role: 'member' });
      }
      await store.setTenantStatus('built-suspended', 'suspended');
      const environment = {
        TENANT_TABLE_NAME: tableName,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_REGION: LOCAL_AWS.region,
        AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
      };
      const signIn = (sub: string, tenantId: string) =>
        preAuthenticationEvent({ userAttributes: { sub, 'custom:tenant_id': tenantId } });

      const [active, suspended] = await Promise.all([
        invokeBuilt(join(dist, 'index.mjs'), signIn('sub-active', 'built-active'), environment),
        invokeBuilt(
          join(dist, 'index.mjs'),
          signIn('sub-suspended', 'built-suspended'),
          environment,
        ),
      ]);

      expect(active).toEqual({ ok: true });
      expect(suspended).toEqual({
        ok: false,
        message:
          "TENANT_SUSPENDED: Your organisation's access is suspended, please contact your administrator",
      });
    }, 15_000);
  });
});
