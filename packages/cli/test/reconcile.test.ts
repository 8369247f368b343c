import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserAttributesCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { defineConfig } from '@cognito-triggers/events';
import {
  cognitoPoolAdmin,
  cognitoUserDirectory,
  createCognitoClient,
  createTenantStore,
  createTenantTable,
  deriveTenantId,
  proveEmail,
  provisionUser,
  type TenantStore,
  tenancyPolicyVariables,
} from '@cognito-triggers/tenancy';
import {
  FaultKind,
  injectFaults,
  LOCAL_AWS,
  type LocalDynamo,
  scanTable,
  startDynamo,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ReconcileOptions, reconcileUsers } from '../src/reconcile/reconcile.js';
import { run, scratch } from './run.js';

const POOL_ID = 'eu-west-1_TESTPOOL1';
const INITECH = deriveTenantId('initech.example');
const defaultPolicy = defineConfig(tenancyPolicyVariables).load({});

interface PoolUser {
  username: string;
  status: string;
  attributes: Record<string, string>;
  groups: Set<string>;
}

/**
 * A user pool in memory: the four operations reconcile uses, with Cognito's paging and
 * errors. Served to the SDK through aws-sdk-client-mock in-process, and over HTTP (JSON 1.1,
 * as Cognito speaks it) to the real command.
 */
class FakePool {
  public readonly users: PoolUser[] = [];
  public readonly groups = new Set(['tenant-admin', 'tenant-member']);
  /** Operation → username → failures left. */
  private readonly failures = new Map<string, Map<string, number>>();

  public add(n: number, options: { email?: string; status?: string; verified?: boolean } = {}) {
    const federated = options.status === 'EXTERNAL_PROVIDER';
    const user: PoolUser = {
      username: federated ? `Google_1000000000000000000${n}` : `username-${n}`,
      status: options.status ?? 'CONFIRMED',
      attributes: {
        sub: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        email: options.email ?? `user${n}@initech.example`,
        email_verified: options.verified === false ? 'false' : 'true',
        ...(federated ? { identities: '[{"providerName":"Google","providerType":"Google"}]' } : {}),
      },
      groups: new Set(),
    };
    this.users.push(user);
    return user;
  }

  public fail(operation: string, username: string, times = Number.POSITIVE_INFINITY) {
    const byUser = this.failures.get(operation) ?? new Map<string, number>();
    byUser.set(username, times);
    this.failures.set(operation, byUser);
  }

  public heal() {
    this.failures.clear();
  }

  public handle(operation: string, input: Record<string, unknown>): unknown {
    if (input.UserPoolId !== POOL_ID)
      throw awsError('ResourceNotFoundException', 'User pool does not exist.');
    const user = this.users.find((u) => u.username === input.Username);
    const left = this.failures.get(operation)?.get(String(input.Username)) ?? 0;
    if (left > 0) {
      this.failures.get(operation)?.set(String(input.Username), left - 1);
      throw awsError('InternalErrorException', 'Internal error (fake)');
    }
    const page = <T>(items: T[], token: unknown) => {
      const start = typeof token === 'string' ? Number(token) : 0;
      const end = start + Math.min(Number(input.Limit ?? 60), 2);
      return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
    };
    switch (operation) {
      case 'ListUsers': {
        const { items, next } = page(this.users, input.PaginationToken);
        return { Users: items.map(toUserType), ...(next ? { PaginationToken: next } : {}) };
      }
      case 'ListUsersInGroup': {
        if (!this.groups.has(String(input.GroupName))) {
          throw awsError('ResourceNotFoundException', 'Group not found.');
        }
        const members = this.users.filter((u) => u.groups.has(String(input.GroupName)));
        const { items, next } = page(members, input.NextToken);
        return { Users: items.map(toUserType), ...(next ? { NextToken: next } : {}) };
      }
      case 'AdminUpdateUserAttributes': {
        if (user === undefined) throw awsError('UserNotFoundException', 'User does not exist.');
        for (const { Name, Value } of input.UserAttributes as Array<{
          Name: string;
          Value: string;
        }>) {
          user.attributes[Name] = Value;
        }
        return {};
      }
      case 'AdminAddUserToGroup': {
        if (user === undefined) throw awsError('UserNotFoundException', 'User does not exist.');
        if (!this.groups.has(String(input.GroupName))) {
          throw awsError('ResourceNotFoundException', 'Group not found.');
        }
        user.groups.add(String(input.GroupName));
        return {};
      }
      case 'AdminRemoveUserFromGroup': {
        if (user === undefined) throw awsError('UserNotFoundException', 'User does not exist.');
        user.groups.delete(String(input.GroupName));
        return {};
      }
      case 'AdminDeleteUserAttributes': {
        if (user === undefined) throw awsError('UserNotFoundException', 'User does not exist.');
        for (const name of input.UserAttributeNames as string[]) delete user.attributes[name];
        return {};
      }
      default:
        throw awsError('InvalidParameterException', `unsupported operation ${operation}`);
    }
  }

  /** What Cognito holds for each user: tenant attribute and groups. */
  public state() {
    return this.users.map((u) => ({
      username: u.username,
      tenantId: u.attributes['custom:tenant_id'],
      groups: [...u.groups].sort(),
    }));
  }
}

function toUserType(user: PoolUser) {
  return {
    Username: user.username,
    UserStatus: user.status,
    Enabled: true,
    Attributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
  };
}

function awsError(name: string, message: string) {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} });
}

let dynamo: LocalDynamo;
let tableName: string;
let store: TenantStore;
let pool: FakePool;

beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(() => dynamo.stop());

beforeEach(async () => {
  tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  store = createTenantStore({ client: dynamo.client, tableName });
  pool = new FakePool();
});

/** The table without its clocks, to compare two runs made at different times. */
const stateOf = async (table: string) =>
  (await scanTable(dynamo.client, table)).map((item) => {
    const { createdAt: _c, joinedAt: _j, admins, ...rest } = item as Record<string, AttributeValue>;
    // A tenant's admins map each admin's sub to when they became one: keep who, not when.
    return admins?.M === undefined ? rest : { ...rest, admins: Object.keys(admins.M).sort() };
  });

describe('reconcile (core, Cognito through aws-sdk-client-mock)', () => {
  const cognitoMock = mockClient(CognitoIdentityProviderClient);
  const cognito = createCognitoClient(LOCAL_AWS);
  const directory = cognitoUserDirectory(cognito);
  const poolAdmin = cognitoPoolAdmin(cognito);

  beforeEach(() => {
    cognitoMock.reset();
    const serve = (operation: string) => (input: object) =>
      pool.handle(operation, input as Record<string, unknown>);
    cognitoMock.on(ListUsersCommand).callsFake(serve('ListUsers'));
    cognitoMock.on(ListUsersInGroupCommand).callsFake(serve('ListUsersInGroup'));
    cognitoMock.on(AdminUpdateUserAttributesCommand).callsFake(serve('AdminUpdateUserAttributes'));
    cognitoMock.on(AdminAddUserToGroupCommand).callsFake(serve('AdminAddUserToGroup'));
    cognitoMock.on(AdminRemoveUserFromGroupCommand).callsFake(serve('AdminRemoveUserFromGroup'));
    cognitoMock.on(AdminDeleteUserAttributesCommand).callsFake(serve('AdminDeleteUserAttributes'));
  });
  afterAll(() => cognitoMock.restore());

  const reconcile = (overrides: Partial<ReconcileOptions> = {}) =>
    reconcileUsers({
      cognito,
      store,
      directory,
      pool: poolAdmin,
      policy: defaultPolicy,
      userPoolId: POOL_ID,
      dryRun: false,
      ...overrides,
    });

  /** The post confirmation trigger's work for one user, as it would run. */
  const confirm = (user: PoolUser) =>
    provisionUser(
      { store, directory },
      {
        userPoolId: POOL_ID,
        username: user.username,
        sub: user.attributes.sub ?? '',
        admission: {
          kind: 'email',
          email: proveEmail(
            {
              username: user.username,
              attributes: { ...user.attributes, 'cognito:user_status': user.status },
            },
            defaultPolicy,
          ),
        },
      },
      defaultPolicy,
    );

  const writes = () =>
    cognitoMock.commandCalls(AdminUpdateUserAttributesCommand).length +
    cognitoMock.commandCalls(AdminAddUserToGroupCommand).length;

  it('repairs, after the faults clear, every user a failed provisioning left behind', async () => {
    const users = [1, 2, 3, 4, 5, 6].map((n) => pool.add(n));
    const federated = pool.add(7, { status: 'EXTERNAL_PROVIDER' });
    pool.add(8, { status: 'UNCONFIRMED' });
    const [u1, u2, u3, u4, u5, u6] = users as [PoolUser, ...PoolUser[]];

    // The outage: confirmations fail at every step of provisioning.
    const withDynamoFault = async (kind: FaultKind, user: PoolUser | undefined) => {
      const faults = injectFaults(dynamo.client, { kind, times: Number.POSITIVE_INFINITY });
      await expect(confirm(user as PoolUser)).rejects.toThrow();
      faults.clear();
    };
    await confirm(u1);
    await withDynamoFault(FaultKind.Throttling, u2);
    pool.fail('AdminAddUserToGroup', u3?.username ?? '');
    await expect(confirm(u3 as PoolUser)).rejects.toMatchObject({ name: 'InternalErrorException' });
    pool.fail('AdminUpdateUserAttributes', u4?.username ?? '');
    await expect(confirm(u4 as PoolUser)).rejects.toMatchObject({ name: 'InternalErrorException' });
    await withDynamoFault(FaultKind.Timeout, u5);
    await confirm(u6 as PoolUser);
    await withDynamoFault(FaultKind.ServerError, federated);
    pool.heal();

    const outcomes: string[] = [];
    const summary = await reconcile({
      onUser: (outcome) => outcomes.push(`${outcome.status} ${outcome.username}`),
    });
    expect(summary).toEqual({
      checked: 7,
      ok: 2,
      repaired: 5,
      wouldRepair: 0,
      noTenant: 0,
      failed: 0,
      skipped: 1,
    });
    expect(outcomes.sort()).toEqual(
      [
        'ok username-1',
        'repaired username-2',
        'repaired username-3',
        'repaired username-4',
        'repaired username-5',
        'ok username-6',
        `repaired ${federated.username}`,
        'skipped username-8',
      ].sort(),
    );

    // Cognito: every confirmed user has the tenant and the group of their role; one admin.
    expect(pool.state().slice(0, 7)).toEqual(
      pool.users.slice(0, 7).map((u, i) => ({
        username: u.username,
        tenantId: INITECH,
        groups: [i === 0 ? 'tenant-admin' : 'tenant-member'],
      })),
    );
    // The store: exactly what a clean run of the same confirmations writes.
    const repaired = await stateOf(tableName);
    tableName = uniqueTableName();
    await createTenantTable(dynamo.client, tableName);
    store = createTenantStore({ client: dynamo.client, tableName });
    for (const user of [u1, u2, u3, u4, u5, u6, federated]) await confirm(user as PoolUser);
    expect(repaired).toEqual(await stateOf(tableName));
  });

  it('finds nothing to do on a second run', async () => {
    for (const n of [1, 2, 3]) await confirm(pool.add(n));
    cognitoMock.resetHistory();
    await expect(reconcile()).resolves.toMatchObject({ checked: 3, ok: 3, repaired: 0 });
    expect(writes()).toBe(0);
  });

  it('repairs a custom:tenant_id that disagrees with the store, towards the store', async () => {
    const ana = pool.add(1);
    await confirm(ana);
    ana.attributes['custom:tenant_id'] = 'someone-elses-company';
    const problems: string[] = [];
    await reconcile({
      onUser: (outcome) => {
        if (outcome.status === 'repaired') problems.push(...outcome.problems);
      },
    });
    expect(problems).toEqual([
      `custom:tenant_id is someone-elses-company, the store says ${INITECH}`,
    ]);
    expect(ana.attributes['custom:tenant_id']).toBe(INITECH);
    // Only the attribute was wrong: the group is not added again.
    expect(cognitoMock.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(1);
  });

  it('only reports with a dry run, writing nothing', async () => {
    const ana = pool.add(1);
    await confirm(ana);
    ana.groups.clear();
    pool.add(2);
    const before = await scanTable(dynamo.client, tableName);
    cognitoMock.resetHistory();
    const outcomes: unknown[] = [];
    const summary = await reconcile({ dryRun: true, onUser: (outcome) => outcomes.push(outcome) });
    expect(summary).toMatchObject({ checked: 2, repaired: 0, wouldRepair: 2, failed: 0 });
    expect(outcomes).toContainEqual({
      status: 'would-repair',
      username: 'username-1',
      sub: ana.attributes.sub,
      problems: ['not in group tenant-admin'],
      tenantId: INITECH,
      role: 'admin',
    });
    expect(outcomes).toContainEqual(
      expect.objectContaining({
        username: 'username-2',
        problems: ['no membership'],
        role: undefined,
      }),
    );
    expect(writes()).toBe(0);
    expect(await scanTable(dynamo.client, tableName)).toEqual(before);
  });

  it('reports a user it cannot repair, one without a tenant by the trust model, and repairs the others', async () => {
    pool.add(1, { verified: false });
    const bo = pool.add(2);
    const cy = pool.add(3);
    pool.fail('AdminAddUserToGroup', cy.username);
    const reasons: Record<string, string> = {};
    const summary = await reconcile({
      onUser: (outcome) => {
        if (outcome.status === 'failed' || outcome.status === 'no-tenant') {
          reasons[outcome.username] = `${outcome.status}: ${outcome.reason}`;
        }
      },
    });
    expect(summary).toMatchObject({ checked: 3, repaired: 1, noTenant: 1, failed: 1 });
    expect(reasons).toEqual({
      'username-1': 'no-tenant: email-unverified',
      'username-3': 'failed: InternalErrorException: Internal error (fake)',
    });
    expect(bo.attributes['custom:tenant_id']).toBe(INITECH);
    await expect(store.lookup(pool.users[0]?.attributes.sub ?? '')).resolves.toBeUndefined();
  });

  it('never provisions a user whose email nothing proves: a planted identities, an unverifying provider', async () => {
    const planted = pool.add(1, { verified: false, email: 'ceo@initech.example' });
    planted.attributes.identities = '[{}]';
    const federated = pool.add(2, {
      status: 'EXTERNAL_PROVIDER',
      verified: false,
      email: 'cfo@initech.example',
    });
    const reasons: Record<string, string> = {};
    const summary = await reconcile({
      onUser: (outcome) => {
        if (outcome.status === 'no-tenant') reasons[outcome.username] = outcome.reason;
      },
    });
    expect(summary).toMatchObject({ checked: 2, repaired: 0, noTenant: 2, failed: 0 });
    expect(reasons).toEqual({
      [planted.username]: 'email-unverified',
      [federated.username]: 'provider-email-unverified',
    });
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    expect(writes()).toBe(0);
  });

  it('takes a stale role group away, and puts a member back among the admins of the store', async () => {
    const ana = pool.add(1);
    await confirm(ana);
    ana.groups.add('tenant-member');
    await store.removeAdmin(INITECH, ana.attributes.sub ?? '', { force: true });
    const problems: string[] = [];
    await reconcile({
      onUser: (outcome) => {
        if (outcome.status === 'repaired') problems.push(...outcome.problems);
      },
    });
    expect(problems).toEqual([
      'in group tenant-member, the store says admin',
      `the admins of ${INITECH} disagree with the role admin`,
    ]);
    expect([...ana.groups]).toEqual(['tenant-admin']);
    expect((await store.getTenant(INITECH))?.admins).toEqual([ana.attributes.sub]);
  });

  it('never puts a removed member back, and takes away what they kept of the tenant', async () => {
    const bo = pool.add(2);
    await confirm(bo);
    await store.removeMembership(bo.attributes.sub ?? '', INITECH, 'operator:test');
    const outcomes: unknown[] = [];
    await reconcile({ onUser: (outcome) => outcomes.push(outcome) });
    expect(outcomes).toEqual([
      expect.objectContaining({
        status: 'repaired',
        problems: [
          `custom:tenant_id names ${INITECH}, which the user left`,
          'in group tenant-admin after the removal',
        ],
      }),
    ]);
    expect(bo.attributes['custom:tenant_id']).toBeUndefined();
    expect([...bo.groups]).toEqual([]);
    expect(await store.getMembership(bo.attributes.sub ?? '', INITECH)).toMatchObject({
      status: 'removed',
    });
    outcomes.length = 0;
    await reconcile({ onUser: (outcome) => outcomes.push(outcome) });
    expect(outcomes).toEqual([expect.objectContaining({ status: 'no-tenant', reason: 'removed' })]);
  });

  it('repairs an invitee whose first sign-in failed towards their invitation, not their email', async () => {
    await store.ensureTenant({
      tenantId: 'globex',
      name: 'Globex',
      domain: 'globex.example',
      tier: 'gold',
      createdBy: 'globex-founder',
    });
    const invitee = pool.add(1, { verified: false, email: 'someone@initech.example' });
    await store.createInvitation({
      sub: invitee.attributes.sub ?? '',
      tenantId: 'globex',
      role: 'admin',
      email: 'new.admin@globex.example',
      invitedBy: 'operator:test',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const outcomes: unknown[] = [];
    await reconcile({ dryRun: true, onUser: (outcome) => outcomes.push(outcome) });
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'would-repair', tenantId: 'globex', role: 'admin' }),
    ]);
    await expect(reconcile()).resolves.toMatchObject({ repaired: 1 });
    expect(invitee.attributes['custom:tenant_id']).toBe('globex');
    expect([...invitee.groups]).toEqual(['tenant-admin']);
  });

  it('stops with the SDK error when the users cannot be listed', async () => {
    await expect(reconcile({ userPoolId: 'eu-west-1_MISSING1' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('cognito-triggers reconcile (the real command)', () => {
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    // Cognito's wire protocol, JSON 1.1, answered from the same in-memory pool.
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const operation = String(request.headers['x-amz-target']).split('.')[1] ?? '';
        const headers = { 'content-type': 'application/x-amz-json-1.1' };
        try {
          const output = pool.handle(operation, JSON.parse(Buffer.concat(chunks).toString()));
          response.writeHead(200, headers).end(JSON.stringify(output));
        } catch (error) {
          const { name, message } = error as Error;
          response
            .writeHead(400, { ...headers, 'x-amzn-errortype': name })
            .end(JSON.stringify({ __type: name, message }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => pool.heal());

  const args = (...extra: string[]) => [
    'reconcile',
    '--pool',
    POOL_ID,
    '--table',
    tableName,
    '--endpoint',
    endpoint,
    '--dynamodb-endpoint',
    dynamo.endpoint,
    ...extra,
  ];

  it('shows its options with --help, and is listed by cognito-triggers --help', async () => {
    const help = await run(['reconcile', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: cognito-triggers reconcile --pool ID --table NAME');
    for (const option of [
      '--dry-run',
      '--env NAME',
      '--region',
      '--endpoint URL',
      '--dynamodb-endpoint URL',
    ]) {
      expect(help.stdout).toContain(option);
    }
    const list = await run(['--help']);
    expect(list.stdout).toMatch(/^ {2}reconcile +find users whose tenant provisioning/m);
  });

  // Concurrent: each case is a child process that mostly waits for tsx to start.
  it.concurrent.for<[string[], string]>([
    [[], 'missing --pool'],
    [['--pool', 'not-a-pool'], '--pool: "not-a-pool" is not a user pool id'],
    [['--pool', POOL_ID], 'missing --table'],
    [['--pool', POOL_ID, '--table', 'a b'], '--table: "a b" is not a DynamoDB table name'],
    [['--pool', POOL_ID, '--table', 'tenants', '--concurrency', '0'], '--concurrency: expected'],
    [
      ['--pool', POOL_ID, '--table', 'tenants', '--endpoint', 'nope'],
      '--endpoint: "nope" is not a URL',
    ],
    [['--pool', POOL_ID, '--table', 'tenants', '--bogus'], "Unknown option '--bogus'"],
    [
      ['--pool', POOL_ID, '--table', 'tenants', '--env', 'nowhere'],
      'no policy file at terraform/environments/nowhere/terraform.tfvars.json',
    ],
  ])('refuses %j with exit code 2', async ([extra, message], { expect }) => {
    const { code, stderr } = await run(['reconcile', ...extra]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Run "cognito-triggers reconcile --help" for usage.');
  });

  it('repairs users with the environment policy, showing progress, and exits 0', async () => {
    for (const n of [1, 2, 3, 4]) pool.add(n, { email: `user${n}@acme.example` });
    pool.add(5, { status: 'UNCONFIRMED' });
    const repo = await scratch({
      'pnpm-workspace.yaml': 'packages: []\n',
      'terraform/environments/test/terraform.tfvars.json': JSON.stringify({
        aws_region: 'eu-west-1',
        settings: {
          tenant_domain_map: { 'acme.example': 'acme' },
          tenant_member_group: 'tenant-member',
        },
      }),
    });
    try {
      const dry = await run(args('--env', 'test', '--dry-run'), repo.dir);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('policy: terraform/environments/test/terraform.tfvars.json');
      expect(dry.stdout).toMatch(
        /^WOULD REPAIR {2}username-1 {2}sub=\S+ {2}tenant=acme {2}no membership$/m,
      );
      expect(dry.stdout).toContain(
        'checked 4 users: 0 ok, 4 would repair, 0 without a tenant, 0 failed; 1 skipped (not confirmed) (dry run: nothing was changed)',
      );
      expect(pool.state().every((user) => user.tenantId === undefined)).toBe(true);

      const real = await run(args('--env', 'test', '--progress-every', '2'), repo.dir);
      expect(real.code).toBe(0);
      expect(real.stdout).toMatch(
        /^REPAIRED {6}username-\d {2}sub=\S+ {2}tenant=acme role=(admin|member) {2}no membership$/m,
      );
      expect(real.stdout).toContain(
        'checked 4 users: 0 ok, 4 repaired, 0 without a tenant, 0 failed; 1 skipped (not confirmed)',
      );
      expect(real.stderr.match(/^reconcile: \d users: /gm)).toHaveLength(2);
      expect(
        pool
          .state()
          .slice(0, 4)
          .map((user) => user.tenantId),
      ).toEqual(['acme', 'acme', 'acme', 'acme']);

      const again = await run(args('--env', 'test'), repo.dir);
      expect(again.stdout).toContain(
        'checked 4 users: 4 ok, 0 repaired, 0 without a tenant, 0 failed',
      );
    } finally {
      await repo.cleanup();
    }
  });

  it('exits 1 when a user cannot be repaired, or the pool cannot be listed; 0 for a user without a tenant by the trust model', async () => {
    pool.add(1);
    pool.add(2, { verified: false });
    const kept = await run(args());
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/^NO TENANT {5}username-2 {2}sub=\S+ {2}email-unverified$/m);
    expect(kept.stdout).toContain(
      'checked 2 users: 0 ok, 1 repaired, 1 without a tenant, 0 failed',
    );

    pool.add(3);
    pool.fail('AdminAddUserToGroup', 'username-3');
    const failed = await run(args());
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^FAILED {8}username-3 {2}sub=\S+ {2}InternalErrorException: /m);
    expect(failed.stderr).toContain('no --env given');

    const missing = await run([
      'reconcile',
      '--pool',
      'eu-west-1_MISSING1',
      '--table',
      tableName,
      '--endpoint',
      endpoint,
      '--dynamodb-endpoint',
      dynamo.endpoint,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'cognito-triggers reconcile: ResourceNotFoundException: User pool does not exist.',
    );
  });
});
