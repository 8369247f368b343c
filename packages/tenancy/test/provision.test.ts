import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { defineConfig } from '@cognito-triggers/events';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cognitoUserDirectory,
  createCognitoClient,
  createTenantStore,
  createTenantTable,
  deriveTenantId,
  type Invitation,
  type ProvisionRequest,
  proveEmail,
  provisionUser,
  type TenantStore,
  tenancyPolicyVariables,
} from '../src/index.js';
import {
  countRequests,
  FaultKind,
  injectFaults,
  LOCAL_AWS,
  type LocalDynamo,
  scanTable,
  startDynamo,
  uniqueTableName,
} from '../src/testing/index.js';

const POOL = 'eu-west-1_EXAMPLE01';
const policy = defineConfig(tenancyPolicyVariables).load({
  TENANT_DOMAIN_MAP: 'acme.example=acme',
  PERSONAL_EMAIL_DOMAINS: 'gmail.com',
});
const INITECH = deriveTenantId('initech.example');

const cognitoMock = mockClient(CognitoIdentityProviderClient);
const directory = cognitoUserDirectory(createCognitoClient(LOCAL_AWS));

let dynamo: LocalDynamo;
let tableName: string;
let store: TenantStore;

beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  cognitoMock.restore();
  await dynamo.stop();
});

beforeEach(async () => {
  cognitoMock.reset();
  cognitoMock.on(AdminUpdateUserAttributesCommand).resolves({});
  cognitoMock.on(AdminAddUserToGroupCommand).resolves({});
  tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  store = createTenantStore({ client: dynamo.client, tableName });
});

/** A user who confirmed their email: the admission post confirmation makes. */
const user = (n: number, email = `user${n}@initech.example`): ProvisionRequest => ({
  userPoolId: POOL,
  username: `username-${n}`,
  sub: subOf(n),
  admission: {
    kind: 'email',
    email: proveEmail(
      { username: `username-${n}`, attributes: { email, email_verified: 'true' } },
      policy,
    ),
  },
});

function subOf(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

const provision = (request: ProvisionRequest) =>
  provisionUser({ store, directory }, request, policy);

const cognitoCalls = () =>
  cognitoMock.calls().map((call) => {
    const command = call.args[0] as { constructor: { name: string }; input: unknown };
    return { command: command.constructor.name, input: command.input };
  });

/** The table without its clocks: two runs at different times compare equal. */
const stateOf = async () =>
  (await scanTable(dynamo.client, tableName)).map((item) => {
    const { createdAt: _c, joinedAt: _j, admins, ...rest } = item as Record<string, AttributeValue>;
    return admins === undefined ? rest : { ...rest, admins: Object.keys(admins.M ?? {}).sort() };
  });

describe('provisionUser', () => {
  it('makes the first user of a domain the admin of a new tenant', async () => {
    const result = await provision(user(1));
    expect(result).toMatchObject({
      tenant: { id: INITECH, name: 'initech.example', tier: 'free', status: 'active' },
      membership: { tenantId: INITECH, role: 'admin' },
      source: 'derived',
      createdTenant: true,
      createdMembership: true,
      group: 'tenant-admin',
      setTenantId: true,
      addedToGroup: true,
    });
    expect(cognitoCalls()).toEqual([
      {
        command: 'AdminUpdateUserAttributesCommand',
        input: {
          UserPoolId: POOL,
          Username: 'username-1',
          UserAttributes: [{ Name: 'custom:tenant_id', Value: INITECH }],
        },
      },
      {
        command: 'AdminAddUserToGroupCommand',
        input: { UserPoolId: POOL, Username: 'username-1', GroupName: 'tenant-admin' },
      },
    ]);
  });

  it('makes everyone after a member of the same tenant', async () => {
    await provision(user(1));
    cognitoMock.resetHistory();
    const result = await provision(user(2));
    expect(result).toMatchObject({
      tenant: { id: INITECH, createdBy: user(1).sub },
      membership: { role: 'member' },
      createdTenant: false,
      group: 'tenant-member',
    });
    expect(cognitoMock.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'username-2',
      GroupName: 'tenant-member',
    });
  });

  it('leaves the state of one delivery when the same user is provisioned three times', async () => {
    await provision(user(1));
    await provision(user(2));
    const once = await scanTable(dynamo.client, tableName);
    const retries = [await provision(user(1)), await provision(user(1))];
    expect(await scanTable(dynamo.client, tableName)).toEqual(once);
    expect(retries.map((result) => result.membership.role)).toEqual(['admin', 'admin']);
    expect(retries.map((result) => result.createdTenant)).toEqual([false, false]);
  });

  it('converges when fifty colleagues confirm at once: one tenant, one admin', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => provision(user(n))));
    const items = await scanTable(dynamo.client, tableName);
    const tenants = items.filter((item) => item.type?.S === 'tenant');
    const roles = items.filter((item) => item.type?.S === 'membership').map((i) => i.role?.S);
    expect(tenants).toHaveLength(1);
    expect(roles.filter((role) => role === 'admin')).toHaveLength(1);
    expect(roles.filter((role) => role === 'member')).toHaveLength(49);
    const admin = results.find((result) => result.membership.role === 'admin');
    expect(tenants[0]?.createdBy?.S).toBe(admin?.membership.sub);
    expect(results.filter((result) => result.createdTenant)).toHaveLength(1);
    const groups = cognitoMock.commandCalls(AdminAddUserToGroupCommand).map((call) => {
      return call.args[0].input.GroupName;
    });
    expect(groups.sort()).toEqual(['tenant-admin', ...Array(49).fill('tenant-member')]);
  });

  it('gives two users of a consumer domain two personal tenants', async () => {
    const ana = await provision(user(1, 'ana@gmail.com'));
    const bo = await provision(user(2, 'bo@gmail.com'));
    expect(ana.tenant.id).toBe(`user-${user(1).sub}`);
    expect(bo.tenant.id).toBe(`user-${user(2).sub}`);
    expect([ana.membership.role, bo.membership.role]).toEqual(['admin', 'admin']);
  });

  it('puts a mapped domain in its configured tenant', async () => {
    const result = await provision(user(1, 'ana@acme.example'));
    expect(result).toMatchObject({ tenant: { id: 'acme' }, source: 'mapped' });
  });

  it('skips the Cognito calls the caller knows are done', async () => {
    await provision(user(1));
    cognitoMock.resetHistory();
    const result = await provision({
      ...user(1),
      currentTenantId: INITECH,
      currentGroups: ['tenant-admin', 'beta-testers'],
    });
    expect(result).toMatchObject({ setTenantId: false, addedToGroup: false });
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it('never revives a removed membership from the email: TENANT_MEMBERSHIP_REMOVED', async () => {
    await provision(user(3));
    await store.removeMembership(user(3).sub, INITECH, 'operator:test');
    cognitoMock.resetHistory();
    await expect(provision(user(3))).rejects.toMatchObject({ code: 'TENANT_MEMBERSHIP_REMOVED' });
    expect(await store.getMembership(user(3).sub, INITECH)).toMatchObject({ status: 'removed' });
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it('joins a join-only domain’s existing tenant as a member, and refuses when there is none', async () => {
    const joinPolicy = defineConfig(tenancyPolicyVariables).load({
      TENANT_ENROLLMENT: 'initech.example=join',
    });
    const join = (request: ProvisionRequest) =>
      provisionUser({ store, directory }, request, joinPolicy);
    await expect(join(user(4))).rejects.toMatchObject({ code: 'TENANT_NOT_SET_UP' });
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    await store.createTenant({ tenantId: INITECH, name: 'Initech', tier: 'free', createdBy: 'op' });
    await expect(join(user(4))).resolves.toMatchObject({
      membership: { role: 'member' },
      enrollment: 'join',
      createdTenant: false,
    });
  });

  it('keeps a verified user of an invite-only domain out, writing nothing', async () => {
    const invitePolicy = defineConfig(tenancyPolicyVariables).load({
      DEFAULT_ENROLLMENT: 'invite',
    });
    await expect(provisionUser({ store, directory }, user(5), invitePolicy)).rejects.toMatchObject({
      code: 'TENANT_INVITATION_REQUIRED',
    });
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it('puts the user of a claimed domain in the tenant that claims it', async () => {
    await store.createTenant({
      tenantId: 'initech',
      name: 'Initech',
      tier: 'gold',
      createdBy: 'op',
    });
    await store.claimDomain('initech.example', 'initech', 'op');
    await expect(provision(user(6))).resolves.toMatchObject({
      tenant: { id: 'initech' },
      source: 'claimed',
      membership: { role: 'member' },
    });
  });

  it('writes nothing for an email that cannot decide a tenant', async () => {
    await expect(provision(user(1, 'not-an-email'))).rejects.toMatchObject({
      code: 'TENANT_EMAIL_INVALID',
    });
    expect(await scanTable(dynamo.client, tableName)).toEqual([]);
    expect(cognitoMock.calls()).toHaveLength(0);
  });
});

describe('provisionUser on an invitation', () => {
  const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const GLOBEX = {
    tenantId: 'globex',
    name: 'Globex',
    domain: 'globex.example',
    tier: 'gold',
    createdBy: 'globex-founder',
  };

  /** An invitee at their first sign-in: no membership, whatever email they now carry. */
  const invitee = async (n: number, role: 'admin' | 'member' = 'admin') => {
    await store.ensureTenant(GLOBEX);
    await store.createInvitation({
      sub: subOf(n),
      tenantId: 'globex',
      role,
      email: `invitee${n}@globex.example`,
      invitedBy: 'operator:test',
      expiresAt: inAWeek(),
    });
    const { invitations } = await store.lookupUser(subOf(n));
    const [invitation] = invitations;
    if (invitation === undefined) throw new Error('the invitation was not written');
    return {
      userPoolId: POOL,
      username: `username-${n}`,
      sub: subOf(n),
      admission: { kind: 'invitation', invitation },
    } satisfies ProvisionRequest;
  };

  it('puts the invitee in the invitation’s tenant with its role, and marks it accepted', async () => {
    const result = await provision(await invitee(7, 'admin'));
    expect(result).toMatchObject({
      tenant: { id: 'globex', createdBy: 'globex-founder' },
      membership: { tenantId: 'globex', role: 'admin' },
      source: 'invitation',
      createdTenant: false,
      group: 'tenant-admin',
    });
    expect(cognitoCalls().map((call) => call.input)).toEqual([
      {
        UserPoolId: POOL,
        Username: 'username-7',
        UserAttributes: [{ Name: 'custom:tenant_id', Value: 'globex' }],
      },
      { UserPoolId: POOL, Username: 'username-7', GroupName: 'tenant-admin' },
    ]);
    expect((await store.listInvitations('globex'))[0]?.status).toBe('accepted');
  });

  it('refuses an invitation revoked after it was read, and writes no membership', async () => {
    const request = await invitee(8);
    await store.revokeInvitation(subOf(8), 'globex');
    await expect(provision(request)).rejects.toMatchObject({ code: 'TENANT_INVITATION_INVALID' });
    expect(await store.lookup(subOf(8))).toBeUndefined();
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it('refuses an invitation into a tenant that does not exist, creating nothing', async () => {
    await store.createInvitation({
      sub: subOf(9),
      tenantId: 'ghost',
      role: 'admin',
      email: 'x@ghost.example',
      invitedBy: 'operator:test',
      expiresAt: inAWeek(),
    });
    const { invitations } = await store.lookupUser(subOf(9));
    const request: ProvisionRequest = {
      userPoolId: POOL,
      username: 'username-9',
      sub: subOf(9),
      admission: { kind: 'invitation', invitation: invitations[0] as Invitation },
    };
    await expect(provision(request)).rejects.toMatchObject({ code: 'TENANT_INVITATION_INVALID' });
    expect(await store.getTenant('ghost')).toBeUndefined();
    expect(await store.lookup(subOf(9))).toBeUndefined();
  });

  it('refuses an invitation presented for another user', async () => {
    const request = await invitee(10);
    await expect(provision({ ...request, sub: subOf(11) })).rejects.toMatchObject({
      code: 'TENANT_INVITATION_INVALID',
    });
    expect(await store.lookup(subOf(11))).toBeUndefined();
  });

  it('converges when twenty first sign-ins of one invitee race: one membership, the invited role', async () => {
    const request = await invitee(12, 'member');
    const results = await Promise.all(Array.from({ length: 20 }, () => provision(request)));
    expect(new Set(results.map((r) => `${r.tenant.id}/${r.membership.role}`))).toEqual(
      new Set(['globex/member']),
    );
    const memberships = (await scanTable(dynamo.client, tableName)).filter(
      (item) => item.type?.S === 'membership',
    );
    expect(memberships).toHaveLength(1);
  });
});

describe('provisioning budgets (measured; the README quotes these numbers)', () => {
  it.each([
    ['a new tenant', [], 1],
    ['a joining user', [1], 2],
    ['a retry of the same user', [1, 2], 2],
  ])(
    '%s of an unmapped domain: 3 DynamoDB round trips (the domain claim, the tenant, the membership), 2 Cognito calls',
    async (_name, before, subject) => {
      for (const n of before) await provision(user(n));
      cognitoMock.resetHistory();
      const counter = countRequests(dynamo.client);
      await provision(user(subject));
      const measured = {
        dynamodb: counter.attemptsByCommand(),
        cognito: cognitoMock.calls().length,
      };
      counter.stop();
      expect(measured).toEqual({
        dynamodb: { GetItemCommand: 1, UpdateItemCommand: 2 },
        cognito: 2,
      });
    },
  );

  it('a user of a mapped domain: 2 DynamoDB round trips, no claim read', async () => {
    await provision(user(1, 'ana@acme.example'));
    cognitoMock.resetHistory();
    const counter = countRequests(dynamo.client);
    await provision(user(2, 'bo@acme.example'));
    expect(counter.attemptsByCommand()).toEqual({ UpdateItemCommand: 2 });
    counter.stop();
  });

  it('an invitee: 3 DynamoDB round trips, 2 Cognito calls', async () => {
    await store.ensureTenant({
      tenantId: 'globex',
      name: 'Globex',
      domain: 'globex.example',
      tier: 'gold',
      createdBy: 'globex-founder',
    });
    await store.createInvitation({
      sub: subOf(30),
      tenantId: 'globex',
      role: 'member',
      email: 'x@globex.example',
      invitedBy: 'operator:test',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const [invitation] = (await store.lookupUser(subOf(30))).invitations;
    cognitoMock.resetHistory();
    const counter = countRequests(dynamo.client);
    await provision({
      userPoolId: POOL,
      username: 'username-30',
      sub: subOf(30),
      admission: { kind: 'invitation', invitation: invitation as Invitation },
    });
    expect({ dynamodb: counter.attemptsByCommand(), cognito: cognitoMock.calls().length }).toEqual({
      dynamodb: { GetItemCommand: 1, UpdateItemCommand: 2 },
      cognito: 2,
    });
    counter.stop();
  });

  it('a retry that knows the current attribute and groups makes no Cognito call', async () => {
    await provision(user(1));
    cognitoMock.resetHistory();
    const counter = countRequests(dynamo.client);
    await provision({ ...user(1), currentTenantId: INITECH, currentGroups: ['tenant-admin'] });
    expect({ dynamodb: counter.attempts, cognito: cognitoMock.calls().length }).toEqual({
      dynamodb: 3,
      cognito: 0,
    });
    counter.stop();
  });
});

describe('provisioning under faults', () => {
  it.each([FaultKind.Throttling, FaultKind.ServerError, FaultKind.Timeout])(
    'rides out two %s faults from DynamoDB with retries',
    async (kind) => {
      const faults = injectFaults(dynamo.client, { kind, times: 2, command: 'UpdateItem' });
      const counter = countRequests(dynamo.client);
      const result = await provision(user(1));
      expect(result.membership.role).toBe('admin');
      expect(faults.injected).toBe(2);
      expect(counter.attemptsByCommand()).toEqual({ GetItemCommand: 1, UpdateItemCommand: 4 });
      faults.clear();
      counter.stop();
    },
  );

  it('gives up after three attempts of a call, and a later run converges', async () => {
    const faults = injectFaults(dynamo.client, {
      kind: FaultKind.Throttling,
      times: Number.POSITIVE_INFINITY,
      command: 'UpdateItem',
    });
    const error = await provision(user(1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 3 } });
    expect(faults.injected).toBe(3);
    expect(cognitoMock.calls()).toHaveLength(0);
    faults.clear();

    // A crash half-way: the tenant exists, the membership does not.
    await store.ensureTenant({
      tenantId: INITECH,
      name: 'initech.example',
      domain: 'initech.example',
      tier: 'free',
      createdBy: user(1).sub,
    });

    await provision(user(1));
    await provision(user(2));
    const repaired = await stateOf();

    tableName = uniqueTableName();
    await createTenantTable(dynamo.client, tableName);
    store = createTenantStore({ client: dynamo.client, tableName });
    await provision(user(1));
    await provision(user(2));
    expect(repaired).toEqual(await stateOf());
  });

  it('stops at once when the deadline signal aborts', async () => {
    const faults = injectFaults(dynamo.client, {
      kind: FaultKind.Timeout,
      times: Number.POSITIVE_INFINITY,
      delayMs: 50,
    });
    const startedAt = Date.now();
    const error = await provisionUser({ store, directory }, user(1), policy, {
      signal: AbortSignal.timeout(120),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(Date.now() - startedAt).toBeLessThan(400);
    faults.clear();
  });

  it('fails with the SDK error when Cognito refuses, and a later run completes', async () => {
    cognitoMock
      .on(AdminAddUserToGroupCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }))
      .resolves({});
    await expect(provision(user(1))).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    const result = await provision(user(1));
    expect(result).toMatchObject({ membership: { role: 'admin' }, createdMembership: false });
  });
});
