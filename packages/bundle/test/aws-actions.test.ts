import type { Metafile } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { awsActions, BundleError, bundleTrigger } from '../src/index.js';
import { createFixture, LAZY_CONFIG, removeFixtures, VALID_CONFIG } from './fixture.js';

afterEach(removeFixtures);

const DYNAMODB = 'node_modules/@aws-sdk/client-dynamodb/dist-es';
const STS = 'node_modules/@aws-sdk/client-sts/dist-es';

/**
 * A stand-in for `@aws-sdk/client-dynamodb` laid out as the real one is: one module per command
 * under `dist-es/commands/`, re-exported by an index, and a client class that imports
 * DescribeEndpoints for endpoint discovery and, through a credential provider, an STS command
 * (as SDK versions before `nested-clients` did).
 */
const FAKE_DYNAMODB = {
  'node_modules/@aws-sdk/client-dynamodb/package.json':
    '{ "name": "@aws-sdk/client-dynamodb", "type": "module", "module": "dist-es/index.js", "sideEffects": false }\n',
  [`${DYNAMODB}/index.js`]:
    "export * from './DynamoDBClient.js';\nexport * from './commands/index.js';\n",
  [`${DYNAMODB}/commands/index.js`]: [
    "export * from './DescribeEndpointsCommand.js';",
    "export * from './GetItemCommand.js';",
    "export * from './QueryCommand.js';",
    "export * from './UpdateItemCommand.js';",
    '',
  ].join('\n'),
  ...Object.fromEntries(
    ['DescribeEndpoints', 'GetItem', 'Query', 'UpdateItem'].map((operation) => [
      `${DYNAMODB}/commands/${operation}Command.js`,
      `export class ${operation}Command { constructor(input) { this.input = { op: '${operation}', ...input }; } }\n`,
    ]),
  ),
  [`${DYNAMODB}/DynamoDBClient.js`]: `import { DescribeEndpointsCommand } from './commands/DescribeEndpointsCommand.js';
import { credentials } from '@aws-sdk/credential-provider-fake';
export class DynamoDBClient {
  async send(command) {
    if (globalThis.discover) await this.send(new DescribeEndpointsCommand({}));
    return { ...command.input, credentials: await credentials() };
  }
}
`,
  'node_modules/@aws-sdk/credential-provider-fake/package.json':
    '{ "name": "@aws-sdk/credential-provider-fake", "type": "module", "module": "index.js", "sideEffects": false }\n',
  'node_modules/@aws-sdk/credential-provider-fake/index.js': `import { AssumeRoleCommand } from '@aws-sdk/client-sts';
export const credentials = async () => (globalThis.assume ? new AssumeRoleCommand({}) : 'env');
`,
  'node_modules/@aws-sdk/client-sts/package.json':
    '{ "name": "@aws-sdk/client-sts", "type": "module", "module": "dist-es/commands/AssumeRoleCommand.js", "sideEffects": false }\n',
  [`${STS}/commands/AssumeRoleCommand.js`]:
    'export class AssumeRoleCommand { constructor(input) { this.input = input; } }\n',
} as const;

const SDK_TRIGGER = {
  name: 'post-confirmation',
  packageJson: {
    name: '@fixture/post-confirmation',
    type: 'module',
    cognitoTrigger: { ...VALID_CONFIG, functionName: 'PostConfirmation', awsSdk: true },
  },
  files: FAKE_DYNAMODB,
} as const;

describe('the IAM actions in the manifest', () => {
  it('are none for a trigger without the AWS SDK', async () => {
    const { dir } = await createFixture();

    const manifest = await bundleTrigger(dir);

    expect(manifest.awsActions).toEqual([]);
  });

  it('are the commands the code sends, not the ones tree shaking dropped', async () => {
    const { dir } = await createFixture({
      ...SDK_TRIGGER,
      handler: `import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
export const handler = async () => new DynamoDBClient().send(new UpdateItemCommand({}));
`,
    });

    const manifest = await bundleTrigger(dir);

    expect(manifest.awsActions).toEqual(['dynamodb:UpdateItem']);
  });

  it('leave out what the SDK sends for itself: endpoint discovery, credentials', async () => {
    const { dir } = await createFixture({
      ...SDK_TRIGGER,
      handler: `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
export const handler = async () => new DynamoDBClient().send(new GetItemCommand({}));
`,
    });

    const manifest = await bundleTrigger(dir);

    // Both are in the bundle (the client class imports them), and neither is the code's call.
    expect(manifest.largestInputs.map((input) => input.path)).toEqual(
      expect.arrayContaining([
        `${DYNAMODB}/commands/DescribeEndpointsCommand.js`,
        `${STS}/commands/AssumeRoleCommand.js`,
      ]),
    );
    expect(manifest.awsActions).toEqual(['dynamodb:GetItem']);
  });

  it('count every command a kept object can send, in the order IAM sorts them', async () => {
    const { dir } = await createFixture({
      ...SDK_TRIGGER,
      handler: `import { DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient();
// Only write() is called, but read() is a method of the same object: both stay in the bundle.
const store = { read: () => client.send(new QueryCommand({})), write: () => client.send(new UpdateItemCommand({})) };
export const handler = async () => store.write();
`,
    });

    const manifest = await bundleTrigger(dir);

    expect(manifest.awsActions).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
  });

  it('include the commands of a lazy module', async () => {
    const { dir } = await createFixture({
      ...SDK_TRIGGER,
      packageJson: { name: '@fixture/lazy', type: 'module', cognitoTrigger: LAZY_CONFIG },
      handler: `export const handler = async () => (await import('./store.js')).write();\n`,
      files: {
        ...FAKE_DYNAMODB,
        'src/store.ts': `import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
export const write = () => new DynamoDBClient().send(new UpdateItemCommand({}));
`,
      },
    });

    const manifest = await bundleTrigger(dir);

    expect(manifest.files).toEqual(['index.mjs', 'store.mjs']);
    expect(manifest.awsActions).toEqual(['dynamodb:UpdateItem']);
  });
});

describe('awsActions', () => {
  /** A metafile as esbuild writes it, reduced to what awsActions reads. */
  function metafile(imports: Record<string, string[]>, kept: Record<string, number>): Metafile {
    return {
      inputs: Object.fromEntries(
        Object.entries(imports).map(([path, targets]) => [
          path,
          {
            bytes: 1,
            imports: targets.map((target) => ({ path: target, kind: 'import-statement' as const })),
          },
        ]),
      ),
      outputs: {
        'dist/index.mjs': {
          bytes: 1,
          imports: [],
          exports: ['handler'],
          inputs: Object.fromEntries(
            Object.entries(kept).map(([path, bytesInOutput]) => [path, { bytesInOutput }]),
          ),
        },
      },
    };
  }

  it('maps the Cognito client to the cognito-idp prefix', () => {
    const cognito = 'node_modules/@aws-sdk/client-cognito-identity-provider/dist-es';
    const meta = metafile(
      { 'src/directory.ts': [`${cognito}/index.js`] },
      {
        [`${cognito}/commands/AdminUpdateUserAttributesCommand.js`]: 64,
        [`${cognito}/commands/AdminAddUserToGroupCommand.js`]: 58,
        [`${cognito}/commands/AdminDeleteUserCommand.js`]: 0,
      },
    );

    expect(awsActions(meta)).toEqual([
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminUpdateUserAttributes',
    ]);
  });

  it('refuses a client whose IAM prefix it does not know, naming it', () => {
    const s3 = 'node_modules/@aws-sdk/client-s3/dist-es';
    const meta = metafile(
      { 'src/handler.ts': [`${s3}/index.js`] },
      { [`${s3}/commands/ListObjectsV2Command.js`]: 40 },
    );

    expect(() => awsActions(meta)).toThrow(BundleError);
    expect(() => awsActions(meta)).toThrow(
      /ListObjectsV2 of @aws-sdk\/client-s3.*IAM_SERVICE_PREFIXES/,
    );
  });
});
