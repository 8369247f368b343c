import { execFile } from 'node:child_process';
import { join } from 'node:path';
import {
  ChallengeNameType,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { findWorkspaceRoot } from '@cognito-triggers/cli-kit';
import {
  cognitoPoolAdmin,
  createTenant,
  findPoolUser,
  inviteMember,
  type OperationContext,
  type OperationDependencies,
  removeMember,
  setMemberRole,
  TENANCY_USER_TEXT,
  TenantRole,
} from '@cognito-triggers/tenancy';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Claims, decodeJwtPayload } from '../src/claims-table.js';
import { latestMessage } from '../src/messages.js';
import { clients, rejection, signIn, signUpAndConfirm, stack, useStack } from './support.js';

// The tenant lifecycle end to end: sign-ups, confirmations and sign-ins through the Cognito API of
// the stack (the built trigger bundles), operators' changes through the real CLI and the library
// operations, and what the next sign-in says about them.

/** The enrollment modes under test, by domain (all allowed by the dev policy's `*.example.com`). */
const ENROLLMENT = 'join.example.com=join,invite.example.com=invite';
/** The sign-in functions read the store at every sign-in: no test waits for a cache to expire. */
const NO_CACHE = { TOKEN_CACHE_TTL_SECONDS: '0' };
const NEW_PASSWORD = 'Battery-Staple-43';

const SUSPENDED =
  "PreAuthentication failed with error TENANT_SUSPENDED: Your organisation's access is suspended, please contact your administrator.";
const REMOVED = `PreAuthentication failed with error TENANT_MEMBERSHIP_REMOVED: ${TENANCY_USER_TEXT.TENANT_MEMBERSHIP_REMOVED}.`;

let root: string;
let operations: OperationDependencies;
let operator: OperationContext;

beforeAll(async () => {
  root = await findWorkspaceRoot(import.meta.dirname);
});

useStack({
  overrideFunctions: {
    PostConfirmation: { environment: { TENANT_ENROLLMENT: ENROLLMENT } },
    PreAuthentication: { environment: NO_CACHE },
    PreTokenGeneration: { environment: { TENANT_ENROLLMENT: ENROLLMENT, ...NO_CACHE } },
  },
});

beforeAll(async () => {
  operations = { store: clients.store, pool: cognitoPoolAdmin(clients.cognito) };
  operator = {
    userPoolId: stack.userPoolId,
    adminGroup: 'tenant-admin',
    memberGroup: 'tenant-member',
    actor: 'operator:lifecycle-test',
  };
});

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `cognito-triggers <args>` as an operator runs it (`node packages/cli/bin/cognito-triggers.mjs`,
 * a child process), against the stack's endpoints, pool and table, with the dev policy.
 */
function cli(...args: string[]): Promise<CliRun> {
  const target = [
    '--pool',
    stack.userPoolId,
    '--table',
    stack.tenantTable,
    '--region',
    stack.region,
    '--endpoint',
    stack.cognitoEndpoint,
    '--dynamodb-endpoint',
    stack.dynamodbEndpoint,
    '--env',
    'dev',
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'packages/cli/bin/cognito-triggers.mjs'), ...args, ...target],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 20_000,
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error);
        else resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

/** Expects the command to have succeeded, showing its output when it did not. */
function expectDone(run: CliRun): void {
  expect(run.code, `exit ${run.code}\n${run.stdout}\n${run.stderr}`).toBe(0);
}

/**
 * An invitee's first sign-in: the temporary password of the delivered invitation, then
 * `NEW_PASSWORD_REQUIRED` answered with a new password; the ID token's claims.
 */
async function firstSignIn(email: string): Promise<Claims> {
  const temporary = latestMessage(stack.messages(), email, 'AdminCreateUser')?.code;
  expect(temporary, `an invitation message for ${email}`).toBeDefined();
  const challenge = await clients.cognito.send(
    new InitiateAuthCommand({
      ClientId: stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: temporary ?? '' },
    }),
  );
  expect(challenge.ChallengeName).toBe(ChallengeNameType.NEW_PASSWORD_REQUIRED);
  const answer = await clients.cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: stack.clientId,
      ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD },
    }),
  );
  return decodeJwtPayload(answer.AuthenticationResult?.IdToken ?? '');
}

function refresh(refreshToken: string) {
  return clients.cognito.send(
    new InitiateAuthCommand({
      ClientId: stack.clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
}

/** The tenant claims of an ID token, and its role groups (`cognito:groups` without the others). */
function tenantOf(claims: Claims) {
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  return {
    tenantId: claims.tenant_id,
    role: claims.tenant_role,
    status: claims.tenant_status,
    roleGroups: groups.filter((group) => group === 'tenant-admin' || group === 'tenant-member'),
  };
}

/** The tenant post confirmation put a confirmed user in. */
async function storedTenant(sub: string): Promise<string> {
  const found = await clients.store.lookup(sub);
  if (found === undefined) throw new Error(`${sub} has no tenant in the store`);
  return found.tenant.id;
}

describe('enrollment modes, through sign-up, confirmation and sign-in', () => {
  it('open (the dev default): the first verified user creates the tenant as admin, the next joins as a member', async () => {
    const first = await signUpAndConfirm(stack, clients, 'ana@open.example.com');
    await signUpAndConfirm(stack, clients, 'ben@open.example.com');

    const ana = tenantOf((await signIn(stack, clients, 'ana@open.example.com')).claims);
    const ben = tenantOf((await signIn(stack, clients, 'ben@open.example.com')).claims);

    expect(ana).toEqual({
      tenantId: await storedTenant(first),
      role: 'admin',
      status: undefined,
      roleGroups: ['tenant-admin'],
    });
    expect(ana.tenantId).toMatch(/^open-example-com-[0-9a-f]{8}$/);
    expect(ben).toEqual({ ...ana, role: 'member', roleGroups: ['tenant-member'] });
  });

  it('join: no tenant claims (tenant-not-set-up) until an operator creates the tenant, then the user joins as a member', async () => {
    const sub = await signUpAndConfirm(stack, clients, 'joe@join.example.com');
    expect(await clients.store.lookup(sub)).toBeUndefined();
    const before = tenantOf((await signIn(stack, clients, 'joe@join.example.com')).claims);

    await createTenant(operations, operator, {
      tenantId: 'joinco',
      name: 'Join Co',
      domains: ['join.example.com'],
    });
    const after = tenantOf((await signIn(stack, clients, 'joe@join.example.com')).claims);

    expect(before).toEqual({
      tenantId: undefined,
      role: undefined,
      status: 'tenant-not-set-up',
      roleGroups: [],
    });
    // Nobody becomes admin by signing up at a join domain, not even the first.
    expect(after).toMatchObject({ tenantId: 'joinco', role: 'member', status: undefined });
    expect(await storedTenant(sub)).toBe('joinco');
  });

  it('invite: a verified sign-up gets no tenant claims (invitation-required), even once the tenant exists; an invitation lets them in', async () => {
    const ivy = await signUpAndConfirm(stack, clients, 'ivy@invite.example.com');
    const before = tenantOf((await signIn(stack, clients, 'ivy@invite.example.com')).claims);
    await createTenant(operations, operator, {
      tenantId: 'inviteco',
      name: 'Invite Co',
      domains: ['invite.example.com'],
    });
    const uninvited = await signUpAndConfirm(stack, clients, 'uma@invite.example.com');

    const invitation = await inviteMember(operations, operator, {
      tenantId: 'inviteco',
      email: 'ivy@invite.example.com',
      role: TenantRole.Admin,
    });
    const invited = tenantOf((await signIn(stack, clients, 'ivy@invite.example.com')).claims);
    const stillOut = tenantOf((await signIn(stack, clients, 'uma@invite.example.com')).claims);

    expect(before).toEqual({
      tenantId: undefined,
      role: undefined,
      status: 'invitation-required',
      roleGroups: [],
    });
    // An existing user is added at once: the membership, custom:tenant_id and the role group.
    expect(invitation.outcome).toBe('added');
    expect(invited).toEqual({
      tenantId: 'inviteco',
      role: 'admin',
      status: undefined,
      roleGroups: ['tenant-admin'],
    });
    expect(await storedTenant(ivy)).toBe('inviteco');
    expect(stillOut).toMatchObject({ tenantId: undefined, status: 'invitation-required' });
    expect(await clients.store.lookup(uninvited)).toBeUndefined();
  });
});

describe('the lifecycle commands of the CLI, run against the stack', () => {
  it('tenants create --domain --admin: the invited admin’s first sign-in gets the tenant as admin, the domain’s users join it; tenants list shows it', async () => {
    const created = await cli(
      'tenants',
      'create',
      '--id',
      'globex',
      '--name',
      'Globex',
      '--domain',
      'globex.example.com',
      '--admin',
      'gil@example.com',
    );
    expectDone(created);
    // example.com alone would place gil in `example` (the dev domain map): the invitation decides.
    const gil = tenantOf(await firstSignIn('gil@example.com'));
    await signUpAndConfirm(stack, clients, 'ola@globex.example.com');
    const ola = tenantOf((await signIn(stack, clients, 'ola@globex.example.com')).claims);
    const listed = await cli('tenants', 'list');

    expect(created.stdout).toContain('created tenant globex "Globex"');
    expect(gil).toMatchObject({ tenantId: 'globex', role: 'admin' });
    expect(ola).toEqual({
      tenantId: 'globex',
      role: 'member',
      status: undefined,
      roleGroups: ['tenant-member'],
    });
    expectDone(listed);
    expect(listed.stdout).toMatch(/^globex\s+active\s+free\s+1\s+globex\.example\.com\s+Globex$/m);
  });

  it('invite lets a new user in; members set-role makes them admin at the next sign-in, with one role group, and revokes the old refresh token', async () => {
    await createTenant(operations, operator, { tenantId: 'initech', name: 'Initech' });

    const invited = await cli(
      'invite',
      '--tenant',
      'initech',
      '--role',
      'member',
      'hal@example.com',
    );
    expectDone(invited);
    const first = tenantOf(await firstSignIn('hal@example.com'));
    const before = await signIn(stack, clients, 'hal@example.com', NEW_PASSWORD);
    const changed = await cli(
      'members',
      'set-role',
      '--tenant',
      'initech',
      '--role',
      'admin',
      'hal@example.com',
    );
    expectDone(changed);
    const refused = await rejection(refresh(before.refreshToken));
    const after = await signIn(stack, clients, 'hal@example.com', NEW_PASSWORD);

    expect(invited.stdout).toMatch(/^invited hal@example\.com into initech as member/m);
    expect(first).toMatchObject({ tenantId: 'initech', role: 'member' });
    expect(tenantOf(before.claims).roleGroups).toEqual(['tenant-member']);
    expect(changed.stdout).toContain('role member → admin');
    expect(refused?.name).toBe('NotAuthorizedException');
    expect(tenantOf(after.claims)).toEqual({
      tenantId: 'initech',
      role: 'admin',
      status: undefined,
      roleGroups: ['tenant-admin'],
    });
  });

  it('members remove: the removed member’s next sign-in is refused by pre authentication, their colleague’s is not', async () => {
    const founder = await signUpAndConfirm(stack, clients, 'cleo@umbrella.example.com');
    await signUpAndConfirm(stack, clients, 'dev@umbrella.example.com');
    const tenantId = await storedTenant(founder);
    await signIn(stack, clients, 'dev@umbrella.example.com');

    const removed = await cli(
      'members',
      'remove',
      '--tenant',
      tenantId,
      'dev@umbrella.example.com',
    );
    expectDone(removed);
    const refused = await rejection(signIn(stack, clients, 'dev@umbrella.example.com'));
    const colleague = await signIn(stack, clients, 'cleo@umbrella.example.com');

    expect(removed.stdout).toMatch(/^removed dev@umbrella\.example\.com .* from umbrella-/m);
    expect(refused?.name).toBe('UserLambdaValidationException');
    expect(refused?.message).toBe(REMOVED);
    expect(tenantOf(colleague.claims)).toMatchObject({ tenantId, role: 'admin' });
  });

  it('tenants suspend: sign-ins are refused by pre authentication; tenants resume: they work again', async () => {
    const sub = await signUpAndConfirm(stack, clients, 'hank@hooli.example.com');
    const tenantId = await storedTenant(sub);
    await signIn(stack, clients, 'hank@hooli.example.com');

    const suspended = await cli('tenants', 'suspend', tenantId);
    expectDone(suspended);
    const refused = await rejection(signIn(stack, clients, 'hank@hooli.example.com'));
    const resumed = await cli('tenants', 'resume', tenantId);
    expectDone(resumed);
    const after = await signIn(stack, clients, 'hank@hooli.example.com');

    expect(suspended.stdout).toContain(`suspended ${tenantId}`);
    expect(refused?.name).toBe('UserLambdaValidationException');
    expect(refused?.message).toBe(SUSPENDED);
    expect(tenantOf(after.claims)).toMatchObject({ tenantId, role: 'admin' });
  });

  it('tenants show and members list list the members with their roles', async () => {
    const founder = await signUpAndConfirm(stack, clients, 'pia@pied.example.com');
    await signUpAndConfirm(stack, clients, 'ric@pied.example.com');
    const tenantId = await storedTenant(founder);

    const [shown, listed] = await Promise.all([
      cli('tenants', 'show', tenantId),
      cli('members', 'list', '--tenant', tenantId),
    ]);

    for (const run of [shown, listed]) {
      expectDone(run);
      expect(run.stdout).toMatch(/^members \(2\):$/m);
      expect(run.stdout).toMatch(/^\s+pia@pied\.example\.com\s+admin\s+active\s/m);
      expect(run.stdout).toMatch(/^\s+ric@pied\.example\.com\s+member\s+active\s/m);
    }
    expect(shown.stdout).toMatch(new RegExp(`^tenant\\s+${tenantId}\\s`, 'm'));
  });
});

describe('concurrent operators', () => {
  it('five invitations at once, then ten role changes at once (each twice), converge', async () => {
    const tenantId = 'vandelay';
    await createTenant(operations, operator, { tenantId, name: 'Vandelay Industries' });
    const emails = ['art', 'bob', 'cas', 'dee', 'eve'].map(
      (name) => `${name}@vandelay.example.com`,
    );

    const invitations = await Promise.all(
      emails.map((email) =>
        inviteMember(operations, operator, { tenantId, email, role: 'member' }),
      ),
    );
    const first = await Promise.all(
      emails.map(async (email) => tenantOf(await firstSignIn(email))),
    );
    const users = await Promise.all(
      emails.map((email) => findPoolUser(operations, operator, email)),
    );
    const changes = await Promise.all(
      [...users, ...users].map((user) =>
        setMemberRole(operations, operator, { tenantId, user, role: TenantRole.Admin }),
      ),
    );
    const tenant = await clients.store.getTenant(tenantId);
    const memberships = await clients.store.listMembers(tenantId);
    const groups = await Promise.all(
      users.map((user) => operations.pool.groupsOf(stack.userPoolId, user.username)),
    );
    const next = await Promise.all(
      emails.map(async (email) =>
        tenantOf((await signIn(stack, clients, email, NEW_PASSWORD)).claims),
      ),
    );

    expect(invitations.map((result) => result.outcome)).toEqual(emails.map(() => 'invited'));
    expect(new Set(invitations.map((result) => result.user.sub)).size).toBe(5);
    expect(first).toEqual(emails.map(() => expect.objectContaining({ tenantId, role: 'member' })));
    expect(changes.every((change) => change.membership.role === 'admin')).toBe(true);
    const subs = users.map((user) => user.sub).sort();
    expect([...(tenant?.admins ?? [])].sort()).toEqual(subs);
    expect(
      memberships
        .map(({ sub, role, status }) => ({ sub, role, status }))
        .sort((a, b) => a.sub.localeCompare(b.sub)),
    ).toEqual(subs.map((sub) => ({ sub, role: 'admin', status: 'active' })));
    expect(groups).toEqual(users.map(() => ['tenant-admin']));
    expect(next).toEqual(
      emails.map(() => ({
        tenantId,
        role: 'admin',
        status: undefined,
        roleGroups: ['tenant-admin'],
      })),
    );
  });

  it('conflicting role changes of one member at once: the groups and the token follow the store', async () => {
    const tenantId = 'kramerica';
    await createTenant(operations, operator, { tenantId, name: 'Kramerica Industries' });
    const email = 'kos@kramerica.example.com';
    await inviteMember(operations, operator, { tenantId, email, role: 'admin' });
    await firstSignIn(email);
    const user = await findPoolUser(operations, operator, email);
    // Another member stays admin, so that every demotion may go through.
    await inviteMember(operations, operator, {
      tenantId,
      email: 'lou@kramerica.example.com',
      role: 'admin',
    });
    await firstSignIn('lou@kramerica.example.com');
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(
        [TenantRole.Admin, TenantRole.Member, TenantRole.Admin, TenantRole.Member].map((role) =>
          setMemberRole(operations, operator, { tenantId, user, role }),
        ),
      );
      const stored = await clients.store.getMembership(user.sub, tenantId);
      const groups = await operations.pool.groupsOf(stack.userPoolId, user.username);
      const token = tenantOf((await signIn(stack, clients, email, NEW_PASSWORD)).claims);
      const roleGroup = stored?.role === 'admin' ? 'tenant-admin' : 'tenant-member';
      expect({ round, groups, token }).toEqual({
        round,
        groups: [roleGroup],
        token: expect.objectContaining({ role: stored?.role, roleGroups: [roleGroup] }),
      });
    }
  });
});

describe('a removed member who entered by invitation', () => {
  const email = 'zed@example.com';
  let refused: Error | undefined;

  beforeAll(async () => {
    await createTenant(operations, operator, { tenantId: 'acme', name: 'Acme' });
    await inviteMember(operations, operator, { tenantId: 'acme', email, role: 'member' });
    await firstSignIn(email);
    const user = await findPoolUser(operations, operator, email);
    await removeMember(operations, operator, { tenantId: 'acme', user });
    refused = await rejection(signIn(stack, clients, email, NEW_PASSWORD));
  });

  // The invitation they accepted once is spent by the removal: neither pre authentication nor
  // pre token generation lets it admit them again (only a new invitation would).
  it('is refused at the next sign-in (TENANT_MEMBERSHIP_REMOVED)', () => {
    expect(refused?.message).toBe(REMOVED);
  });
});
