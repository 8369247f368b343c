import { fileURLToPath } from 'node:url';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  type LambdaConfigType,
  UpdateUserPoolCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type CognitoLocal,
  type InvokeServer,
  startCognitoLocal,
  startInvokeServer,
} from '@cognito-triggers/local';
import { createTenantTable } from '@cognito-triggers/tenancy';
import { type LocalDynamo, startDynamo, uniqueTableName } from '@cognito-triggers/tenancy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentKey } from '../src/records.js';
import { updateRequest } from '../src/update-request.js';

/**
 * The built attach function (dist/index.mjs, the zip Terraform deploys), served by the local
 * stack's Lambda Invoke API and called over HTTP as the AWS provider's aws_lambda_invocation
 * calls it (RequestResponse, with the "tf" key of lifecycle_scope = "CRUD"), against
 * cognito-local and a tenant table on dynalite.
 */
const BUNDLE = fileURLToPath(new URL('../dist/index.mjs', import.meta.url));
const FUNCTION = 'AttachTriggers';

const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const OURS = {
  PreSignUp: arn('prod-PreSignUp'),
  PostConfirmation: arn('prod-PostConfirmation'),
  PreAuthentication: arn('prod-PreAuthentication'),
  PreTokenGeneration: arn('prod-PreTokenGeneration'),
  CustomMessage: arn('prod-CustomMessage'),
};
/** Another team's functions: one in a slot we never fill, one in a slot we do. */
const THEIR_POST_AUTHENTICATION = arn('audit-PostAuthentication');
const THEIR_CUSTOM_MESSAGE = arn('brand-CustomMessage');

let cognito: CognitoLocal;
let dynamo: LocalDynamo;
let lambda: InvokeServer;
let client: CognitoIdentityProviderClient;
let tableName: string;

beforeAll(async () => {
  [cognito, dynamo] = await Promise.all([startCognitoLocal(), startDynamo()]);
  tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  lambda = await startInvokeServer({
    functions: [
      {
        name: FUNCTION,
        bundle: BUNDLE,
        // What Terraform gives the function, and where the SDK finds the local servers.
        environment: {
          TENANT_TABLE_NAME: tableName,
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    ],
    timeoutMs: 30_000,
    log: () => {},
  });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await Promise.all([lambda?.stop(), cognito?.stop(), dynamo?.stop()]);
});

interface Invoked {
  readonly functionError: string | null;
  readonly payload: Record<string, unknown>;
}

/** POST …/functions/AttachTriggers/invocations, as aws_lambda_invocation does. */
async function invoke(
  action: 'create' | 'update' | 'delete',
  input: Record<string, unknown>,
  previous: Record<string, unknown> | null = null,
): Promise<Invoked> {
  const response = await fetch(`${lambda.endpoint}/2015-03-31/functions/${FUNCTION}/invocations`, {
    method: 'POST',
    body: JSON.stringify({ ...input, tf: { action, prev_input: previous ?? input } }),
  });
  expect(response.status).toBe(200);
  return {
    functionError: response.headers.get('x-amz-function-error'),
    payload: (await response.json()) as Record<string, unknown>,
  };
}

/** The module's input for a pool: every trigger of ours, pre token generation at V2. */
function moduleInput(userPoolId: string, overrides: Record<string, unknown> = {}) {
  return {
    userPoolId,
    triggers: { ...OURS },
    preTokenGenerationVersion: 'V2_0',
    replaceable: [],
    protectedAttributes: [],
    ...overrides,
  };
}

async function createPool(
  lambdaConfig: LambdaConfigType,
  writeAttributes: readonly string[] | undefined = ['email', 'name'],
  settings: Partial<ConstructorParameters<typeof CreateUserPoolCommand>[0]> = {},
): Promise<string> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'brownfield',
      MfaConfiguration: 'OFF',
      UserPoolTags: { team: 'identity' },
      AutoVerifiedAttributes: ['email'],
      LambdaConfig: lambdaConfig,
      ...settings,
    }),
  );
  const poolId = UserPool?.Id;
  if (poolId === undefined) throw new Error('cognito-local created no pool');
  await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'web',
      ...(writeAttributes === undefined ? {} : { WriteAttributes: [...writeAttributes] }),
    }),
  );
  return poolId;
}

async function describePool(poolId: string): Promise<UserPoolType> {
  const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  if (UserPool === undefined) throw new Error(`no pool ${poolId}`);
  return UserPool;
}

const lambdaConfigOf = async (poolId: string) => (await describePool(poolId)).LambdaConfig ?? {};

async function recordOf(poolId: string): Promise<LambdaConfigType | undefined> {
  const { Item } = await dynamo.client.send(
    new GetItemCommand({ TableName: tableName, Key: attachmentKey(poolId) }),
  );
  const replaced = Item?.replaced?.S;
  return replaced === undefined ? undefined : (JSON.parse(replaced) as LambdaConfigType);
}

describe('the attach function, invoked by Terraform', () => {
  it('attaches on create and detaches on delete, keeping the foreign trigger and the settings', async () => {
    const poolId = await createPool({ PostAuthentication: THEIR_POST_AUTHENTICATION });
    const before = await describePool(poolId);

    const created = await invoke('create', moduleInput(poolId));

    expect(created.functionError).toBeNull();
    const attached = await describePool(poolId);
    expect(attached.LambdaConfig).toEqual({
      PostAuthentication: THEIR_POST_AUTHENTICATION,
      PreSignUp: OURS.PreSignUp,
      PostConfirmation: OURS.PostConfirmation,
      PreAuthentication: OURS.PreAuthentication,
      CustomMessage: OURS.CustomMessage,
      PreTokenGenerationConfig: { LambdaArn: OURS.PreTokenGeneration, LambdaVersion: 'V2_0' },
    });
    expect(created.payload).toMatchObject({
      action: 'create',
      userPoolId: poolId,
      updated: true,
      lambdaConfig: attached.LambdaConfig,
    });
    expect(attached.UserPoolTags).toEqual(before.UserPoolTags);
    expect(attached.AutoVerifiedAttributes).toEqual(before.AutoVerifiedAttributes);

    const deleted = await invoke('delete', moduleInput(poolId));

    expect(deleted.functionError).toBeNull();
    expect(await lambdaConfigOf(poolId)).toEqual({
      PostAuthentication: THEIR_POST_AUTHENTICATION,
    });
  });

  it('refuses to replace a foreign trigger in a slot not listed as replaceable, changing nothing', async () => {
    const poolId = await createPool({ CustomMessage: THEIR_CUSTOM_MESSAGE });

    const refused = await invoke('create', moduleInput(poolId));

    expect(refused.functionError).toBe('Unhandled');
    expect(refused.payload.errorType).toBe('PoolError');
    expect(refused.payload.errorMessage).toMatch(/^POOL_TRIGGER_NOT_OURS: user pool /);
    expect(refused.payload.errorMessage).toContain(
      `CustomMessage points at ${THEIR_CUSTOM_MESSAGE}`,
    );
    expect(refused.payload.errorMessage).toContain('replace_triggers');
    expect(await lambdaConfigOf(poolId)).toEqual({ CustomMessage: THEIR_CUSTOM_MESSAGE });
    expect(await recordOf(poolId)).toBeUndefined();
  });

  it('replaces a foreign trigger in a replaceable slot, records it, and puts it back on delete', async () => {
    const poolId = await createPool({
      CustomMessage: THEIR_CUSTOM_MESSAGE,
      PostAuthentication: THEIR_POST_AUTHENTICATION,
    });
    const input = moduleInput(poolId, { replaceable: ['CustomMessage'] });

    const created = await invoke('create', input);

    expect(created.functionError).toBeNull();
    expect(created.payload.replaced).toEqual({ CustomMessage: THEIR_CUSTOM_MESSAGE });
    expect((await lambdaConfigOf(poolId)).CustomMessage).toBe(OURS.CustomMessage);
    expect(await recordOf(poolId)).toEqual({ CustomMessage: THEIR_CUSTOM_MESSAGE });

    // A second apply (Terraform re-invokes on a changed input) keeps the record as it is.
    const again = await invoke('update', input, input);
    expect(again.functionError).toBeNull();
    expect(await recordOf(poolId)).toEqual({ CustomMessage: THEIR_CUSTOM_MESSAGE });

    const deleted = await invoke('delete', input);

    expect(deleted.functionError).toBeNull();
    expect(deleted.payload.restored).toEqual({ CustomMessage: THEIR_CUSTOM_MESSAGE });
    expect(await lambdaConfigOf(poolId)).toEqual({
      CustomMessage: THEIR_CUSTOM_MESSAGE,
      PostAuthentication: THEIR_POST_AUTHENTICATION,
    });
    expect(await recordOf(poolId)).toBeUndefined();
  });

  it('puts back a replaced legacy version 1 pre token function as it was', async () => {
    const theirs = arn('legacy-PreTokenGeneration');
    const poolId = await createPool({ PreTokenGeneration: theirs });
    const input = moduleInput(poolId, { replaceable: ['PreTokenGeneration'] });

    expect((await invoke('create', input)).functionError).toBeNull();
    expect((await lambdaConfigOf(poolId)).PreTokenGenerationConfig?.LambdaArn).toBe(
      OURS.PreTokenGeneration,
    );
    expect((await invoke('delete', input)).functionError).toBeNull();

    const restored = await lambdaConfigOf(poolId);
    expect(restored.PreTokenGenerationConfig?.LambdaArn ?? restored.PreTokenGeneration).toBe(
      theirs,
    );
    expect(restored.PreSignUp).toBeUndefined();
  });

  it('refuses a pool whose app client can write a protected attribute, changing nothing', async () => {
    const poolId = await createPool({}, ['email', 'custom:tenant_id']);

    const refused = await invoke('create', moduleInput(poolId));

    expect(refused.functionError).toBe('Unhandled');
    expect(refused.payload.errorMessage).toMatch(/^POOL_CLIENT_WRITES_PROTECTED: /);
    expect(refused.payload.errorMessage).toContain('WriteAttributes lists custom:tenant_id');
    expect(await lambdaConfigOf(poolId)).toEqual({});
  });

  it('refuses to put custom message on a pool that verifies email with a link, changing nothing', async () => {
    const linkMode = {
      VerificationMessageTemplate: {
        DefaultEmailOption: 'CONFIRM_WITH_LINK' as const,
        EmailMessageByLink: 'Confirm with {##this link##}',
        EmailSubjectByLink: 'Confirm your address',
      },
    };
    const poolId = await createPool({}, ['email', 'name'], linkMode);

    const refused = await invoke('create', moduleInput(poolId));

    expect(refused.functionError).toBe('Unhandled');
    expect(refused.payload.errorMessage).toMatch(
      /^POOL_EMAIL_LINK_MODE: user pool \S+ verifies email addresses with a link/,
    );
    expect(await lambdaConfigOf(poolId)).toEqual({});

    const { CustomMessage: _left, ...others } = OURS;
    const attached = await invoke('create', moduleInput(poolId, { triggers: others }));
    expect(attached.functionError).toBeNull();
    expect(await lambdaConfigOf(poolId)).toMatchObject({ PreSignUp: OURS.PreSignUp });
  });

  it('refuses the protected attributes the module adds, too', async () => {
    const poolId = await createPool({}, ['email', 'custom:plan']);

    const refused = await invoke(
      'create',
      moduleInput(poolId, { protectedAttributes: ['custom:plan'] }),
    );

    expect(refused.payload.errorMessage).toMatch(/^POOL_CLIENT_WRITES_PROTECTED: .*custom:plan/);
    expect(await lambdaConfigOf(poolId)).toEqual({});
  });

  it('on update, detaches a trigger the environment left out and puts back what it had replaced', async () => {
    const poolId = await createPool({ CustomMessage: THEIR_CUSTOM_MESSAGE });
    const all = moduleInput(poolId, { replaceable: ['CustomMessage'] });
    expect((await invoke('create', all)).functionError).toBeNull();
    const { CustomMessage: _dropped, ...withoutCustomMessage } = OURS;
    const fewer = moduleInput(poolId, { triggers: withoutCustomMessage });

    const updated = await invoke('update', fewer, all);

    expect(updated.functionError).toBeNull();
    const config = await lambdaConfigOf(poolId);
    expect(config.CustomMessage).toBe(THEIR_CUSTOM_MESSAGE);
    expect(config.PreSignUp).toBe(OURS.PreSignUp);
    expect(await recordOf(poolId)).toBeUndefined();
  });

  it('on update, takes over from its own renamed function without calling it foreign', async () => {
    const poolId = await createPool({});
    const before = moduleInput(poolId);
    expect((await invoke('create', before)).functionError).toBeNull();
    const renamed = moduleInput(poolId, {
      triggers: { ...OURS, PreSignUp: arn('prod-v2-PreSignUp') },
    });

    const updated = await invoke('update', renamed, before);

    expect(updated.functionError).toBeNull();
    expect((await lambdaConfigOf(poolId)).PreSignUp).toBe(arn('prod-v2-PreSignUp'));
    expect(await recordOf(poolId)).toBeUndefined();
  });

  it('on an update that changes only the revision, attaches again: the drift repair', async () => {
    const poolId = await createPool({});
    const first = moduleInput(poolId, { revision: 1 });
    expect((await invoke('create', first)).functionError).toBeNull();
    // Someone empties the pre sign-up slot (the drift the Terraform check reports).
    const pool = await describePool(poolId);
    const { PreSignUp: _emptied, ...rest } = pool.LambdaConfig ?? {};
    await client.send(new UpdateUserPoolCommand(updateRequest(pool, rest)));

    const repaired = await invoke('update', moduleInput(poolId, { revision: 2 }), first);

    expect(repaired.functionError).toBeNull();
    expect(repaired.payload.notes).not.toContainEqual(expect.stringMatching(/detached/));
    expect(await lambdaConfigOf(poolId)).toEqual({
      PreSignUp: OURS.PreSignUp,
      PostConfirmation: OURS.PostConfirmation,
      PreAuthentication: OURS.PreAuthentication,
      CustomMessage: OURS.CustomMessage,
      PreTokenGenerationConfig: { LambdaArn: OURS.PreTokenGeneration, LambdaVersion: 'V2_0' },
    });
  });

  it('on delete, leaves a slot someone has pointed elsewhere since', async () => {
    const poolId = await createPool({});
    const input = moduleInput(poolId);
    expect((await invoke('create', input)).functionError).toBeNull();
    const pool = await describePool(poolId);
    const theirs = arn('oncall-PreSignUp');
    await client.send(
      new UpdateUserPoolCommand(updateRequest(pool, { ...pool.LambdaConfig, PreSignUp: theirs })),
    );

    const deleted = await invoke('delete', input);

    expect(deleted.functionError).toBeNull();
    expect(await lambdaConfigOf(poolId)).toEqual({ PreSignUp: theirs });
  });

  it('deletes cleanly when the pool is already gone', async () => {
    const deleted = await invoke('delete', moduleInput('local_Gone0000'));

    expect(deleted.functionError).toBeNull();
    expect(deleted.payload.notes).toEqual([
      'user pool local_Gone0000 no longer exists: nothing to detach',
    ]);
  });

  it('names the field of an input it cannot use', async () => {
    const refused = await invoke(
      'create',
      moduleInput('local_abc', { triggers: { PreSignUp: 'x' } }),
    );

    expect(refused.functionError).toBe('Unhandled');
    expect(refused.payload.errorMessage).toBe(
      'INPUT_INVALID: "triggers.PreSignUp" must be a Lambda function ARN, got "x"',
    );
  });
});
