import { setTimeout as sleep } from 'node:timers/promises';
import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  collectGarbage,
  lambdaContext,
  loadHandler,
  postConfirmationEvent,
  SAMPLE,
} from '@cognito-triggers/events/testing';
import { createTenantStore, createTenantTable, deriveTenantId } from '@cognito-triggers/tenancy';
import {
  type DynamoProxy,
  type FaultInjector,
  FaultKind,
  injectFaults,
  LOCAL_AWS,
  type LocalDynamo,
  scanTable,
  startDynamo,
  startDynamoProxy,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Where a test makes the network fail inside the handler's own DynamoDB client: the real SDK
// class, which calls this hook on each client it constructs.
const network = vi.hoisted(() => ({
  onDynamoDbClient: undefined as ((client: DynamoDBClient) => void) | undefined,
}));
vi.mock('@aws-sdk/client-dynamodb', async (importOriginal) => {
  const sdk = await importOriginal<typeof import('@aws-sdk/client-dynamodb')>();
  class DynamoDBClient extends sdk.DynamoDBClient {
    public constructor(...args: ConstructorParameters<typeof sdk.DynamoDBClient>) {
      super(...args);
      network.onDynamoDbClient?.(this);
    }
  }
  return { ...sdk, DynamoDBClient };
});

const cognito = mockClient(CognitoIdentityProviderClient);
const EXAMPLE = deriveTenantId('example.com');
let dynamo: LocalDynamo;
// Between the handler and dynalite: it counts every DynamoDB request the handler sends.
let proxy: DynamoProxy;
let tableName: string;

beforeAll(async () => {
  dynamo = await startDynamo();
  proxy = await startDynamoProxy(dynamo.endpoint);
});
afterAll(async () => {
  cognito.restore();
  await proxy.stop();
  await dynamo.stop();
});

beforeEach(async () => {
  tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  proxy.reset();
  cognito.reset();
  cognito.on(AdminUpdateUserAttributesCommand).resolves({});
  cognito.on(AdminAddUserToGroupCommand).resolves({});
  network.onDynamoDbClient = undefined;
});

// The handler reads its configuration and builds its clients at module scope, as in Lambda:
// every test loads a fresh copy, with the SDK's own endpoint variable pointing at the proxy.
const load = (env: Record<string, string> = {}) =>
  loadHandler({
    module: () => import('../src/handler.js'),
    env: {
      TENANT_TABLE_NAME: tableName,
      AWS_REGION: LOCAL_AWS.region,
      AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
      ...env,
    },
  });

const confirmed = (n: number, email = `user${n}@example.com`) =>
  postConfirmationEvent('PostConfirmation_ConfirmSignUp', {
    email,
    userName: `username-${n}`,
    userAttributes: { sub: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
  });

/** A federated first sign-in, as Cognito sends it: status and identities are Cognito's. */
const federatedSignIn = (provider: string, email: string, emailVerified: string | undefined) =>
  postConfirmationEvent('PostConfirmation_ConfirmSignUp', {
    email,
    userName: `${provider}_113345678901234567890`,
    userAttributes: {
      'cognito:user_status': 'EXTERNAL_PROVIDER',
      email_verified: emailVerified as string,
      identities: JSON.stringify([
        {
          userId: '113345678901234567890',
          providerName: provider,
          providerType: 'SAML',
          primary: true,
        },
      ]),
    },
  });

const cognitoCalls = () =>
  cognito.calls().map((call) => {
    const command = call.args[0] as { constructor: { name: string }; input: unknown };
    return { command: command.constructor.name, input: command.input };
  });

const PROVISIONING_FAILED =
  'TENANT_PROVISIONING_FAILED: We could not finish setting up your account, please sign in again';
const SDK_ERROR_NAME = {
  throttling: 'ThrottlingException',
  'server-error': 'InternalServerError',
  timeout: 'TimeoutError',
} as const;

describe('post-confirmation: a confirmed sign-up', () => {
  it('creates the tenant, makes the first user its admin, and returns the event', async () => {
    const { handler } = await load();
    const event = postConfirmationEvent('PostConfirmation_ConfirmSignUp', {
      userPoolId: 'eu-west-1_OTHERPOOL',
    });
    await expect(handler(event)).resolves.toBe(event);
    expect(cognitoCalls()).toEqual([
      {
        command: 'AdminUpdateUserAttributesCommand',
        input: {
          UserPoolId: 'eu-west-1_OTHERPOOL',
          Username: SAMPLE.sub,
          UserAttributes: [{ Name: 'custom:tenant_id', Value: EXAMPLE }],
        },
      },
      {
        command: 'AdminAddUserToGroupCommand',
        input: {
          UserPoolId: 'eu-west-1_OTHERPOOL',
          Username: SAMPLE.sub,
          GroupName: 'tenant-admin',
        },
      },
    ]);
    const items = await scanTable(dynamo.client, tableName);
    expect(items.map((item) => [item.PK?.S, item.SK?.S, item.role?.S])).toEqual([
      [`TENANT#${EXAMPLE}`, 'TENANT', undefined],
      [`USER#${SAMPLE.sub}`, `TENANT#${EXAMPLE}`, 'admin'],
    ]);
  });

  it('logs one line with the tenant and role, never the email', async () => {
    const { handler, logs } = await load();
    await handler(confirmed(1, 'ana.private@example.com'));
    expect(logs.lines).toEqual([
      expect.objectContaining({
        message: 'invocation',
        trigger: 'PostConfirmation',
        outcome: 'ok',
        action: 'provisioned',
        tenantId: EXAMPLE,
        role: 'admin',
        source: 'derived',
        createdTenant: true,
      }),
    ]);
    expect(logs.text).not.toContain('ana.private');
  });

  it('uses the configured groups and tier', async () => {
    const { handler } = await load({
      TENANT_ADMIN_GROUP: 'org-owners',
      TENANT_MEMBER_GROUP: 'org-users',
      DEFAULT_TENANT_TIER: 'trial',
      TENANT_DOMAIN_MAP: 'example.com=acme',
    });
    await handler(confirmed(1));
    await handler(confirmed(2));
    const groups = cognito.commandCalls(AdminAddUserToGroupCommand).map((call) => {
      return call.args[0].input.GroupName;
    });
    expect(groups).toEqual(['org-owners', 'org-users']);
    const [tenant] = await scanTable(dynamo.client, tableName);
    expect(tenant).toMatchObject({ PK: { S: 'TENANT#acme' }, tier: { S: 'trial' } });
  });

  it('leaves exactly the state of one delivery when Cognito delivers it three times', async () => {
    const { handler } = await load();
    await handler(confirmed(1));
    await handler(confirmed(2));
    const once = await scanTable(dynamo.client, tableName);
    const callsOnce = cognitoCalls().filter((call) => JSON.stringify(call).includes('username-2'));
    cognito.resetHistory();

    await handler(confirmed(2));
    await handler(confirmed(2));
    expect(await scanTable(dynamo.client, tableName)).toEqual(once);
    expect(cognitoCalls()).toEqual([...callsOnce, ...callsOnce]);
  });

  it('gives fifty colleagues confirming at once one tenant, one admin, 49 members', async () => {
    const { handler } = await load();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, n) => handler(confirmed(n))),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const items = await scanTable(dynamo.client, tableName);
    expect(items.filter((item) => item.type?.S === 'tenant')).toHaveLength(1);
    const roles = items.flatMap((item) => (item.role?.S === undefined ? [] : [item.role.S]));
    expect(roles.sort()).toEqual(['admin', ...Array(49).fill('member')]);
  });

  it('provisions a federated first sign-in whose provider verified the email', async () => {
    const { handler } = await load();
    const event = federatedSignIn('Google', 'ana@example.com', 'true');
    await expect(handler(event)).resolves.toBe(event);
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0]?.args[0].input).toEqual({
      UserPoolId: SAMPLE.userPoolId,
      Username: 'Google_113345678901234567890',
      UserAttributes: [{ Name: 'custom:tenant_id', Value: EXAMPLE }],
    });
  });

  it('provisions an unverified email from a provider authoritative for its domain', async () => {
    const { handler, logs } = await load({ AUTHORITATIVE_IDPS: 'corp.example.com=CorpSAML' });
    await handler(federatedSignIn('CorpSAML', 'ana@corp.example.com', undefined));
    expect(logs.lines).toEqual([
      expect.objectContaining({ outcome: 'ok', tenantId: deriveTenantId('corp.example.com') }),
    ]);
  });

  it('never lets the user choose the tenant: custom:tenant_id is overwritten', async () => {
    const { handler } = await load();
    const event = postConfirmationEvent('PostConfirmation_ConfirmSignUp', {
      userAttributes: { 'custom:tenant_id': 'someone-elses-company' },
    });
    await handler(event);
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0]?.args[0].input).toMatchObject({
      UserAttributes: [{ Name: 'custom:tenant_id', Value: EXAMPLE }],
    });
    const items = await scanTable(dynamo.client, tableName);
    expect(JSON.stringify(items)).not.toContain('someone-elses-company');
  });
});

describe('post-confirmation: tenant trust (each an attack that once worked)', () => {
  const expectNothingWritten = async () => {
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    expect(cognito.calls()).toHaveLength(0);
  };

  it('refuses a native user whose unverified email comes with a planted identities attribute', async () => {
    const { handler } = await load({ AUTO_CONFIRM_USERS: 'true' });
    const event = postConfirmationEvent('PostConfirmation_ConfirmSignUp', {
      email: 'ceo@initech.example.com',
      userAttributes: { email_verified: 'false', identities: '[{}]' },
    });
    const error = await handler(event).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'TENANT_EMAIL_NOT_VERIFIED: Please verify your email address, then sign in again',
    );
    await expectNothingWritten();
  });

  it('refuses a federated user whose provider did not verify the email', async () => {
    const { handler } = await load();
    for (const verified of ['false', undefined]) {
      const error = await handler(
        federatedSignIn('EntraMultiTenant', 'cfo@victim-corp.test', verified),
      ).catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        'TENANT_PROVIDER_EMAIL_UNVERIFIED: Your sign-in provider did not confirm your email address, please contact your administrator',
      );
    }
    await expectNothingWritten();
  });

  it('does not let an authoritative provider vouch outside its domains', async () => {
    const { handler } = await load({ AUTHORITATIVE_IDPS: 'corp.example.com=CorpSAML' });
    const error = await handler(
      federatedSignIn('CorpSAML', 'ceo@victim-corp.test', undefined),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^TENANT_PROVIDER_EMAIL_UNVERIFIED: /);
    await expectNothingWritten();
  });
});

describe('post-confirmation: enrollment modes', () => {
  it('confirms a verified user of an invite-only domain without an error, and writes nothing', async () => {
    const { handler, logs } = await load({ TENANT_ENROLLMENT: 'example.com=invite' });
    const event = confirmed(1);
    await expect(handler(event)).resolves.toBe(event);
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    expect(cognito.calls()).toHaveLength(0);
    expect(logs.lines).toEqual([
      expect.objectContaining({
        outcome: 'ok',
        action: 'not-provisioned',
        code: 'TENANT_INVITATION_REQUIRED',
      }),
    ]);
  });

  it('joins an existing tenant as a member in join mode, and never makes the first user admin', async () => {
    const { handler } = await load({
      DEFAULT_ENROLLMENT: 'join',
      TENANT_DOMAIN_MAP: 'example.com=acme',
    });
    await handler(confirmed(1));
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    const store = createTenantStore({ client: dynamo.client, tableName });
    await store.createTenant({ tenantId: 'acme', name: 'Acme', tier: 'free', createdBy: 'op' });
    await handler(confirmed(2));
    expect(
      await store.getMembership(`00000000-0000-4000-8000-${'2'.padStart(12, '0')}`, 'acme'),
    ).toMatchObject({
      role: 'member',
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input).toMatchObject({
      GroupName: 'tenant-member',
    });
  });
});

describe('post-confirmation: refusals and failures are user-safe', () => {
  it.each([
    [
      'no email',
      { email: null },
      'TENANT_EMAIL_MISSING: Your account has no email address, please contact your administrator',
    ],
    [
      'an unverified email',
      { userAttributes: { email_verified: 'false' } },
      'TENANT_EMAIL_NOT_VERIFIED: Please verify your email address, then sign in again',
    ],
    [
      'a malformed email',
      { email: 'ana@example..com' },
      'TENANT_EMAIL_INVALID: Your email address cannot be used to set up your account',
    ],
  ])('refuses %s, writing nothing', async (_name, options, message) => {
    const { handler, logs } = await load();
    const event = postConfirmationEvent('PostConfirmation_ConfirmSignUp', options);
    const error = await handler(event).catch((e: unknown) => e);
    expect((error as Error).message).toBe(message);
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    expect(cognito.calls()).toHaveLength(0);
    expect(logs.lines).toEqual([
      expect.objectContaining({ outcome: 'rejected', code: message.split(':')[0] }),
    ]);
  });

  it('rides out two throttled DynamoDB attempts', async () => {
    const { handler } = await load();
    const faults: FaultInjector[] = [];
    network.onDynamoDbClient = (client) => {
      faults.push(injectFaults(client, { kind: FaultKind.Throttling, times: 2 }));
    };
    await expect(handler(confirmed(1))).resolves.toBeDefined();
    expect(faults[0]?.injected).toBe(2);
  });

  it.each([FaultKind.Throttling, FaultKind.ServerError, FaultKind.Timeout])(
    'ends a lasting %s from DynamoDB in a user-safe message, the details in the log',
    async (kind) => {
      const { handler, logs } = await load();
      network.onDynamoDbClient = (client) => {
        injectFaults(client, { kind, times: Number.POSITIVE_INFINITY });
      };
      const error = await handler(confirmed(1)).catch((e: unknown) => e);
      expect((error as Error).message).toBe(PROVISIONING_FAILED);
      expect(cognito.calls()).toHaveLength(0);
      const [failure, invocation] = logs.lines;
      expect(failure).toMatchObject({
        level: 'ERROR',
        message: 'tenant provisioning failed',
        error: { name: SDK_ERROR_NAME[kind] },
      });
      expect(invocation).toMatchObject({
        message: 'invocation',
        outcome: 'rejected',
        code: 'TENANT_PROVISIONING_FAILED',
      });
    },
  );

  it('ends a Cognito failure in the same message', async () => {
    const { handler, logs } = await load();
    cognito
      .on(AdminAddUserToGroupCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }));
    const error = await handler(confirmed(1)).catch((e: unknown) => e);
    expect((error as Error).message).toBe(PROVISIONING_FAILED);
    expect(logs.lines[0]).toMatchObject({ error: { name: 'TooManyRequestsException' } });
  });

  it('answers with its own message before the deadline when DynamoDB hangs', async () => {
    const { handler, logs } = await load();
    network.onDynamoDbClient = (client) => {
      injectFaults(client, { kind: FaultKind.Timeout, times: 1, delayMs: 60_000 });
    };
    const startedAt = Date.now();
    // A function timeout of 1 s: the deadline is 750 ms, provisioning gives up at 550 ms. What
    // must hold is an answer before Lambda's own timeout, which would replace our message with
    // Cognito's generic one; the 250 ms margin absorbs a loaded machine (CI once took 759 ms).
    const answer = handler(confirmed(1), lambdaContext({ timeoutMs: 1_000 })).catch(
      (e: unknown) => e,
    );
    // A collection while DynamoDB waits must not lose provisioning's own time limit.
    await sleep(50);
    collectGarbage();
    const error = await answer;
    expect((error as Error).message).toBe(PROVISIONING_FAILED);
    // Provisioning's own limit ended the call, not the invocation's deadline: the log says so.
    expect(logs.lines[0]).toMatchObject({
      message: 'tenant provisioning failed',
      error: { name: 'AbortError', cause: { name: 'TimeoutError' } },
    });
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });

  it('fails closed, naming the variable in the log, without its table', async () => {
    const { handler, logs } = await load({ TENANT_TABLE_NAME: '' });
    await expect(handler(confirmed(1))).rejects.toThrow(/^TRIGGER_INTERNAL_ERROR: /);
    expect(logs.text).toContain('TENANT_TABLE_NAME: is required but not set');
  });
});

describe('post-confirmation: a password reset', () => {
  it('returns the event without a request to DynamoDB or Cognito', async () => {
    const { handler, logs } = await load();
    const event = postConfirmationEvent('PostConfirmation_ConfirmForgotPassword');
    await expect(handler(event)).resolves.toBe(event);
    expect(event.response).toEqual({});
    expect(proxy.counts).toEqual({});
    expect(cognito.calls()).toHaveLength(0);
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    expect(logs.lines).toEqual([expect.objectContaining({ outcome: 'ok', action: 'none' })]);
  });
});
