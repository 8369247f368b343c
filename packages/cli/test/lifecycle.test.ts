import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type CognitoLocal, createLocalPool, startCognitoLocal } from '@cognito-triggers/local';
import { createTenantTable } from '@cognito-triggers/tenancy';
import {
  type LocalDynamo,
  scanTable,
  startDynamo,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/command.js';
import { main } from '../src/main.js';
import { PACKAGE_DIR, type RunResult, run, scratch } from './run.js';

const PASSWORD = 'Correct-Horse-42';
const SIGNED_OUT = "shows at the user's next sign-in (signed out now: refresh tokens revoked)";
const DEFAULT_GROUPS = [
  { name: 'tenant-admin', description: 'tenant admins' },
  { name: 'tenant-member', description: 'tenant members' },
];

let dynamo: LocalDynamo;
let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;
let pools = 0;

beforeAll(async () => {
  [dynamo, cognito] = await Promise.all([startDynamo(), startCognitoLocal()]);
  client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await Promise.all([cognito?.stop(), dynamo?.stop()]);
});

/** A table item as plain data: strings, numbers, string sets as sorted arrays, maps as objects. */
type Plain = Record<string, unknown>;
function plain(item: Record<string, AttributeValue>): Plain {
  const value = (attribute: AttributeValue): unknown => {
    if (attribute.S !== undefined) return attribute.S;
    if (attribute.N !== undefined) return Number(attribute.N);
    if (attribute.SS !== undefined) return [...attribute.SS].sort();
    if (attribute.BOOL !== undefined) return attribute.BOOL;
    if (attribute.M !== undefined) return plain(attribute.M);
    return attribute;
  };
  return Object.fromEntries(Object.entries(item).map(([name, v]) => [name, value(v)]));
}

/**
 * A fresh pool (email as the username, the role groups, `custom:tenant_id`) on the shared
 * cognito-local, and a fresh tenant table on the shared dynalite.
 */
async function world(groups = DEFAULT_GROUPS) {
  pools += 1;
  const { userPoolId, clientId } = await createLocalPool(client, {
    name: `lifecycle-${pools}`,
    groups,
  });
  const table = uniqueTableName();
  await createTenantTable(dynamo.client, table);

  const target = [
    '--pool',
    userPoolId,
    '--table',
    table,
    '--endpoint',
    cognito.endpoint,
    '--dynamodb-endpoint',
    dynamo.endpoint,
  ];

  /** `cognito-triggers <args> <target options>`, in this process, through `main`. */
  const cli = async (args: readonly string[], cwd = PACKAGE_DIR): Promise<RunResult> => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { cwd, out: (text) => out.push(text), err: (text) => err.push(text) };
    const code = await main([...args, ...target], io);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  };
  /** The same, with `--json`, parsed. */
  const cliJson = async (args: readonly string[], cwd = PACKAGE_DIR) => {
    const result = await cli([...args, '--json'], cwd);
    return { ...result, json: JSON.parse(result.stdout) };
  };

  const items = async () => (await scanTable(dynamo.client, table)).map(plain);
  const item = async (pk: string, sk: string) =>
    (await items()).find((each) => each.PK === pk && each.SK === sk);

  const findUser = async (email: string) => {
    const { Users = [] } = await client.send(
      new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${email}"` }),
    );
    const [user] = Users;
    if (user?.Username === undefined) return undefined;
    const attributes = attributesOf(user.Attributes);
    return { username: user.Username, status: user.UserStatus, sub: attributes.sub ?? '' };
  };
  const attributesOf = (attributes: readonly AttributeType[] = []): Record<string, string> =>
    Object.fromEntries(attributes.map(({ Name, Value }) => [Name, Value]));
  /** A user's attributes and groups, as the pool holds them now. */
  const userState = async (email: string) => {
    const user = await findUser(email);
    if (user === undefined) throw new Error(`no user ${email}`);
    const { UserAttributes } = await client.send(
      new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.username }),
    );
    const { Groups = [] } = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: user.username }),
    );
    return {
      username: user.username,
      status: user.status,
      attributes: attributesOf(UserAttributes),
      groups: Groups.map((group) => group.GroupName).sort(),
    };
  };
  /** The table and every user of the pool with their groups: to prove nothing changed. */
  const snapshot = async () => {
    const { Users = [] } = await client.send(new ListUsersCommand({ UserPoolId: userPoolId }));
    const users = [];
    for (const user of Users) {
      const { Groups = [] } = await client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: user.Username }),
      );
      users.push({ ...user, groups: Groups.map((group) => group.GroupName).sort() });
    }
    return { table: await items(), users };
  };

  /** A user who signed up and confirmed (a known password, a verified email). */
  const confirmedUser = async (email: string, { verified = true } = {}) => {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: String(verified) },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: email,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    const user = await findUser(email);
    if (user === undefined) throw new Error(`no user ${email}`);
    return { ...user, email };
  };
  /** Signs in with the password; returns a refresh function for its refresh token. */
  const signIn = async (email: string) => {
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD },
      }),
    );
    const refreshToken = AuthenticationResult?.RefreshToken ?? '';
    expect(refreshToken).not.toBe('');
    return () =>
      client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      );
  };
  /** A tenant with an existing user as its admin, made by the command. */
  const tenantWithAdmin = async (tenantId: string, adminEmail: string) => {
    const admin = await confirmedUser(adminEmail);
    const created = await cli([
      'tenants',
      'create',
      '--id',
      tenantId,
      '--name',
      `${tenantId} Ltd`,
      '--admin',
      adminEmail,
    ]);
    expect(created.code, created.stderr).toBe(0);
    return admin;
  };
  /** An existing user made a member by `invite`. */
  const member = async (tenantId: string, email: string) => {
    const user = await confirmedUser(email);
    const invited = await cli(['invite', '--tenant', tenantId, '--role', 'member', email]);
    expect(invited.code, invited.stderr).toBe(0);
    return user;
  };

  return {
    userPoolId,
    clientId,
    table,
    target,
    cli,
    cliJson,
    items,
    item,
    findUser,
    userState,
    snapshot,
    confirmedUser,
    signIn,
    tenantWithAdmin,
    member,
  };
}

/** Two users of the pool with the same email (the second's email changed to the first's). */
async function sameEmail(w: Awaited<ReturnType<typeof world>>, email: string) {
  const first = await w.confirmedUser(email);
  const twin = await w.confirmedUser(`twin.${email}`);
  await client.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: w.userPoolId,
      Username: twin.username,
      // Verified in the same call: the pool (as the module's) would otherwise keep it pending.
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  return [first, twin];
}

describe('cognito-triggers tenants', () => {
  it('creates a tenant with its domains and an existing user as admin, then lists and shows it', async () => {
    const w = await world();
    const ana = await w.confirmedUser('ana@acme.example');

    const created = await w.cli([
      'tenants',
      'create',
      '--id',
      'acme',
      '--name',
      'Acme Corp',
      '--domain',
      'acme.example',
      '--domain',
      'ACME.example',
      '--domain',
      'acme-labs.example',
      '--admin',
      'Ana@Acme.example',
      '--tier',
      'gold',
      '--as',
      'ops:jo',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toBe(
      [
        'created tenant acme "Acme Corp": tier gold, active',
        '  domains: acme-labs.example (claimed now), acme.example (claimed now)',
        "  admin:   added ana@acme.example to acme as admin (an existing user): shows at the user's next sign-in or token refresh",
      ].join('\n'),
    );
    expect(created.stderr).toContain('no --env given: role groups tenant-admin and tenant-member');

    expect(await w.item('TENANT#acme', 'TENANT')).toMatchObject({
      name: 'Acme Corp',
      tier: 'gold',
      status: 'active',
      createdBy: 'ops:jo',
      domains: ['acme-labs.example', 'acme.example'],
      admins: { [ana.sub]: expect.anything() },
    });
    expect(await w.item('DOMAIN#acme.example', 'DOMAIN')).toMatchObject({ tenantId: 'acme' });
    expect(await w.item(`USER#${ana.sub}`, 'TENANT#acme')).toMatchObject({
      role: 'admin',
      status: 'active',
    });
    const state = await w.userState('ana@acme.example');
    expect(state.attributes['custom:tenant_id']).toBe('acme');
    expect(state.groups).toEqual(['tenant-admin']);

    await w.cli(['tenants', 'create', '--id', 'globex', '--name', 'Globex']);
    const list = await w.cli(['tenants', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toEqual([
      expect.stringMatching(/^ID +STATUS +TIER +ADMINS +DOMAINS +NAME$/),
      expect.stringMatching(/^acme +active +gold +1 +acme-labs\.example,acme\.example +Acme Corp$/),
      expect.stringMatching(/^globex +active +free +0 +- +Globex$/),
    ]);

    const show = await w.cli(['tenants', 'show', 'acme']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^tenant +acme {2}"Acme Corp"$/m);
    expect(show.stdout).toMatch(/^status +active$/m);
    expect(show.stdout).toMatch(/^tier +gold$/m);
    expect(show.stdout).toMatch(
      /^domains +acme-labs\.example \(enrollment open\), acme\.example \(enrollment open\)$/m,
    );
    expect(show.stdout).toContain(`admins   ana@acme.example (${ana.sub})`);
    expect(show.stdout).toMatch(
      new RegExp(`^ {2}ana@acme\\.example +admin +active +\\S+ +${ana.sub}$`, 'm'),
    );
    expect(show.stdout).toContain('invitations: none');

    const listed = await w.cliJson(['tenants', 'list']);
    expect(listed.json.tenants.map((t: { id: string }) => t.id)).toEqual(['acme', 'globex']);
    const shown = await w.cliJson(['tenants', 'show', 'acme']);
    expect(shown.json).toMatchObject({
      tenant: { id: 'acme', status: 'active', admins: [ana.sub] },
      enrollment: { 'acme.example': 'open', 'acme-labs.example': 'open' },
      members: [{ sub: ana.sub, email: 'ana@acme.example', role: 'admin', status: 'active' }],
      invitations: [],
    });
  });

  it('adds only what is missing when the tenant exists, and reports it in --json', async () => {
    const w = await world();
    await w.cli(['tenants', 'create', '--id', 'acme', '--name', 'Acme']);
    const again = await w.cliJson([
      'tenants',
      'create',
      '--id',
      'acme',
      '--name',
      'Acme',
      '--domain',
      'acme.example',
    ]);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({
      created: false,
      claimedDomains: ['acme.example'],
      tenant: { id: 'acme', domains: ['acme.example'] },
      enrollment: { 'acme.example': 'open' },
      admin: null,
    });
  });

  it('refuses an invalid id, name, domain, tier or admin address, and a taken domain, changing nothing', async () => {
    const w = await world();
    await w.cli([
      'tenants',
      'create',
      '--id',
      'globex',
      '--name',
      'Globex',
      '--domain',
      'g.example',
    ]);
    const before = await w.snapshot();
    const refusals: [string[], string][] = [
      [['--id', 'Acme!', '--name', 'Acme'], 'INVALID_INPUT: "Acme!" is not a tenant id'],
      [['--id', 'user-1', '--name', 'Acme'], 'INVALID_INPUT: "user-1" is not a tenant id'],
      [['--id', 'acme', '--name', ' '], 'INVALID_INPUT: a tenant name has 1 to 128 characters'],
      [
        ['--id', 'acme', '--name', 'Acme', '--domain', 'not a domain'],
        'INVALID_INPUT: "not a domain" is not a domain',
      ],
      [['--id', 'acme', '--name', 'Acme', '--tier', 'Gold!'], '"Gold!" is not a tier name'],
      [
        ['--id', 'acme', '--name', 'Acme', '--admin', 'ana@@acme.example'],
        '--admin: "ana@@acme.example" is not an email address',
      ],
      [
        ['--id', 'acme', '--name', 'Acme', '--domain', 'acme.example', '--domain', 'g.example'],
        'DOMAIN_TAKEN: g.example is claimed by tenant "globex"',
      ],
      [['--name', 'Acme'], 'missing --id'],
    ];
    for (const [args, message] of refusals) {
      const result = await w.cli(['tenants', 'create', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    }
    expect(await w.snapshot()).toEqual(before);

    const json = await w.cliJson([
      'tenants',
      'create',
      '--id',
      'other',
      '--name',
      'Other',
      '--domain',
      'g.example',
    ]);
    expect(json.code).toBe(2);
    expect(json.json).toEqual({
      error: {
        kind: 'refused',
        code: 'DOMAIN_TAKEN',
        message: 'g.example is claimed by tenant "globex"',
      },
    });
    expect(await w.snapshot()).toEqual(before);
  });

  it('suspends and resumes a tenant, saying when it takes effect', async () => {
    const w = await world();
    await w.cli(['tenants', 'create', '--id', 'acme', '--name', 'Acme']);

    const suspended = await w.cli(['tenants', 'suspend', 'acme']);
    expect(suspended.code).toBe(0);
    expect(suspended.stdout).toBe(
      'suspended acme "Acme": sign-ins and refreshes are refused within the token cache TTL (60 s)',
    );
    expect(await w.item('TENANT#acme', 'TENANT')).toMatchObject({ status: 'suspended' });

    const again = await w.cliJson(['tenants', 'suspend', 'acme']);
    expect(again.json).toMatchObject({
      changed: false,
      tenant: { id: 'acme', status: 'suspended' },
      tokenCacheTtlSeconds: 60,
    });
    expect((await w.cli(['tenants', 'suspend', 'acme'])).stdout).toBe(
      'acme "Acme" was suspended already: nothing changed',
    );

    const resumed = await w.cliJson(['tenants', 'resume', 'acme']);
    expect(resumed.code).toBe(0);
    expect(resumed.json).toEqual({
      tenant: expect.objectContaining({ id: 'acme', status: 'active' }),
      changed: true,
      effect: 'sign-ins and refreshes are accepted again within the token cache TTL (60 s)',
      tokenCacheTtlSeconds: 60,
    });
    expect(await w.item('TENANT#acme', 'TENANT')).toMatchObject({ status: 'active' });
  });

  it('refuses to suspend, resume or show an unknown tenant', async () => {
    const w = await world();
    await w.cli(['tenants', 'create', '--id', 'acme', '--name', 'Acme']);
    const before = await w.snapshot();
    for (const verb of ['suspend', 'resume', 'show']) {
      const result = await w.cli(['tenants', verb, 'nobody']);
      expect(result.code, verb).toBe(2);
      expect(result.stderr).toBe(
        `cognito-triggers tenants ${verb}: TENANT_NOT_FOUND: no tenant "nobody"`,
      );
    }
    const missing = await w.cli(['tenants', 'suspend']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing the tenant id');
    expect(await w.snapshot()).toEqual(before);
  });
});

describe('cognito-triggers invite', () => {
  it('creates a new address, writes the invitation, then delivers the message; again, re-sends it', async () => {
    const w = await world();
    await w.cli(['tenants', 'create', '--id', 'acme', '--name', 'Acme']);
    const delivered = () =>
      cognito.messages().filter((message) => message.destination === 'new@acme.example');

    const invited = await w.cli([
      'invite',
      '--tenant',
      'acme',
      '--role',
      'member',
      '--expires-in-days',
      '3',
      '--as',
      'ops:jo',
      'New@acme.example',
    ]);
    expect(invited.code, invited.stderr).toBe(0);
    expect(invited.stdout).toMatch(
      /^invited new@acme\.example into acme as member: a new user, the invitation message sent; it lets them in at their first sign-in, until \d{4}-\d\d-\d\dT[\d:.]+Z$/,
    );

    const user = await w.userState('new@acme.example');
    expect(user.status).toBe('FORCE_CHANGE_PASSWORD');
    expect(user.attributes).toMatchObject({ email: 'new@acme.example', email_verified: 'true' });
    const sub = user.attributes.sub ?? '';
    const invitation = await w.item(`USER#${sub}`, 'INVITE#acme');
    expect(invitation).toMatchObject({
      tenantId: 'acme',
      role: 'member',
      email: 'new@acme.example',
      invitedBy: 'ops:jo',
      status: 'pending',
    });
    const days = (Date.parse(String(invitation?.expiresAt)) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThanOrEqual(3);
    // No membership yet: the invitation lets the invitee in at the first sign-in.
    expect(await w.item(`USER#${sub}`, 'TENANT#acme')).toBeUndefined();

    // One message, sent after the record existed (SUPPRESS, then RESEND), whose password works.
    const [message, ...more] = delivered();
    expect(more).toEqual([]);
    expect(message).toMatchObject({ source: 'AdminCreateUser', username: user.username });
    const challenge = await client.send(
      new InitiateAuthCommand({
        ClientId: w.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'new@acme.example', PASSWORD: message?.code ?? '' },
      }),
    );
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');

    const resent = await w.cliJson([
      'invite',
      '--tenant',
      'acme',
      '--role',
      'admin',
      'new@acme.example',
    ]);
    expect(resent.code).toBe(0);
    expect(resent.json).toMatchObject({
      tenant: 'acme',
      role: 'admin',
      results: [
        {
          email: 'new@acme.example',
          outcome: 're-sent',
          user: { sub, status: 'FORCE_CHANGE_PASSWORD' },
          invitation: { role: 'admin', status: 'pending', invitedBy: 'cognito-triggers-cli' },
          membership: null,
        },
      ],
    });
    expect(await w.item(`USER#${sub}`, 'INVITE#acme')).toMatchObject({ role: 'admin' });
    expect(delivered()).toHaveLength(2);
    expect(delivered()[1]?.code).not.toBe('');

    const show = await w.cli(['tenants', 'show', 'acme']);
    expect(show.stdout).toMatch(/^ {2}new@acme\.example +admin +pending +\S+Z +\S+$/m);
  });

  it('adds an existing confirmed user directly, and says so when they are a member already', async () => {
    const w = await world();
    await w.cli(['tenants', 'create', '--id', 'acme', '--name', 'Acme']);
    const bo = await w.confirmedUser('bo@acme.example');
    const cy = await w.confirmedUser('cy@acme.example');
    const messagesBefore = cognito.messages().length;

    const added = await w.cli([
      'invite',
      '--tenant',
      'acme',
      '--role',
      'member',
      'bo@acme.example',
      'cy@acme.example',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.split('\n')).toEqual([
      "added bo@acme.example to acme as member (an existing user): shows at the user's next sign-in or token refresh",
      "added cy@acme.example to acme as member (an existing user): shows at the user's next sign-in or token refresh",
    ]);
    for (const user of [bo, cy]) {
      expect(await w.item(`USER#${user.sub}`, 'TENANT#acme')).toMatchObject({
        role: 'member',
        status: 'active',
      });
      expect(await w.item(`USER#${user.sub}`, 'INVITE#acme')).toBeUndefined();
      const state = await w.userState(user.email);
      expect(state.attributes['custom:tenant_id']).toBe('acme');
      expect(state.groups).toEqual(['tenant-member']);
    }
    expect(cognito.messages()).toHaveLength(messagesBefore);

    const again = await w.cliJson([
      'invite',
      '--tenant',
      'acme',
      '--role',
      'admin',
      'bo@acme.example',
    ]);
    expect(again.code).toBe(0);
    expect(again.json.results).toEqual([
      expect.objectContaining({
        outcome: 'already-member',
        membership: expect.objectContaining({ role: 'member' }),
      }),
    ]);
    expect(
      (await w.cli(['invite', '--tenant', 'acme', '--role', 'member', 'bo@acme.example'])).stdout,
    ).toBe(
      'bo@acme.example is already a member of acme (role member, unchanged: "members set-role" changes it)',
    );
    expect((await w.userState('bo@acme.example')).groups).toEqual(['tenant-member']);
  });

  it('refuses an unknown tenant, an invalid address, role or expiry before inviting anyone', async () => {
    const w = await world();
    await w.cli(['tenants', 'create', '--id', 'acme', '--name', 'Acme']);
    const before = await w.snapshot();
    const messagesBefore = cognito.messages().length;
    const refusals: [string[], string][] = [
      [
        ['--tenant', 'nobody', '--role', 'member', 'a@acme.example'],
        'TENANT_NOT_FOUND: no tenant "nobody"',
      ],
      [
        ['--tenant', 'acme', '--role', 'member', 'a@acme.example', 'b@@acme.example'],
        '"b@@acme.example" is not an email address',
      ],
      [
        ['--tenant', 'acme', '--role', 'owner', 'a@acme.example'],
        '--role: "owner" is not a role (admin or member)',
      ],
      [['--tenant', 'acme', 'a@acme.example'], 'missing --role'],
      [
        ['--tenant', 'acme', '--role', 'member', '--expires-in-days', '91', 'a@acme.example'],
        '--expires-in-days: expected a whole number from 1 to 90, got "91"',
      ],
      [['--tenant', 'acme', '--role', 'member'], 'missing EMAIL'],
    ];
    for (const [args, message] of refusals) {
      const result = await w.cli(['invite', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(await w.snapshot()).toEqual(before);
    expect(cognito.messages()).toHaveLength(messagesBefore);
  });

  it('reports each address: an ambiguous one is refused (exit 2), the others are invited', async () => {
    const w = await world();
    await w.cli(['tenants', 'create', '--id', 'acme', '--name', 'Acme']);
    await sameEmail(w, 'twin@acme.example');
    const result = await w.cliJson([
      'invite',
      '--tenant',
      'acme',
      '--role',
      'member',
      'twin@acme.example',
      'fresh@acme.example',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cognito-triggers invite: 1 of 2 not invited');
    expect(result.json.results).toEqual([
      {
        email: 'twin@acme.example',
        error: {
          kind: 'refused',
          code: 'USER_AMBIGUOUS',
          message: expect.stringContaining('2 users of'),
        },
      },
      expect.objectContaining({ email: 'fresh@acme.example', outcome: 'invited' }),
    ]);
    // Nothing was written for the ambiguous address.
    const invitations = (await w.items()).filter((item) => item.type === 'invitation');
    expect(invitations.map((item) => item.email)).toEqual(['fresh@acme.example']);
  });

  it('refuses to add an existing user who has not verified the address (exit 2), changing nothing', async () => {
    const w = await world();
    await w.cli(['tenants', 'create', '--id', 'acme', '--name', 'Acme']);
    // What a sign-up auto-confirmed without a code leaves: confirmed, the address not verified.
    const squatter = await w.confirmedUser('ceo@acme.example', { verified: false });

    const result = await w.cliJson([
      'invite',
      '--tenant',
      'acme',
      '--role',
      'admin',
      'ceo@acme.example',
    ]);

    expect(result.code).toBe(2);
    expect(result.json.results).toEqual([
      {
        email: 'ceo@acme.example',
        error: {
          kind: 'refused',
          code: 'USER_EMAIL_UNVERIFIED',
          message: `ceo@acme.example belongs to user ${squatter.sub}, who has not verified it: anyone could have registered it, so the invitation cannot admit them. Ask them to verify the address, then invite again`,
        },
      },
    ]);
    expect(await w.item(`USER#${squatter.sub}`, 'TENANT#acme')).toBeUndefined();
    const state = await w.userState('ceo@acme.example');
    expect(state.attributes['custom:tenant_id']).toBeUndefined();
    expect(state.groups).toEqual([]);
  });

  it('exits 1 naming the SDK error when the pool does not exist', async () => {
    const w = await world();
    await w.cli(['tenants', 'create', '--id', 'acme', '--name', 'Acme']);
    const before = await w.items();
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      [
        'invite',
        '--tenant',
        'acme',
        '--role',
        'member',
        'a@acme.example',
        '--json',
        ...w.target.map((arg) => (arg === w.userPoolId ? 'local_MISSING1' : arg)),
      ],
      { cwd: PACKAGE_DIR, out: (text) => out.push(text), err: (text) => err.push(text) },
    );
    expect(code).toBe(1);
    expect(err).toContain('cognito-triggers invite: 1 of 1 not invited');
    expect(JSON.parse(out.join('\n')).results).toEqual([
      {
        email: 'a@acme.example',
        error: expect.objectContaining({ kind: 'aws', code: 'ResourceNotFoundException' }),
      },
    ]);
    expect(await w.items()).toEqual(before);

    const elsewhere = w.target.map((arg) => (arg === w.userPoolId ? 'local_MISSING1' : arg));
    const removal: string[] = [];
    const removeCode = await main(
      ['members', 'remove', '--tenant', 'acme', 'a@acme.example', ...elsewhere],
      { cwd: PACKAGE_DIR, out: () => undefined, err: (text) => removal.push(text) },
    );
    expect(removeCode).toBe(1);
    expect(removal).toContainEqual(
      expect.stringMatching(/^cognito-triggers members remove: ResourceNotFoundException: /),
    );
  });
});

describe('cognito-triggers members', () => {
  it('changes a role: the store, exactly one role group, and the user signed out', async () => {
    const w = await world();
    await w.tenantWithAdmin('acme', 'ana@acme.example');
    const bo = await w.member('acme', 'bo@acme.example');
    const refresh = await w.signIn('bo@acme.example');
    await expect(refresh()).resolves.toMatchObject({ AuthenticationResult: expect.any(Object) });

    const promoted = await w.cli([
      'members',
      'set-role',
      '--tenant',
      'acme',
      '--role',
      'admin',
      '--as',
      'ops:jo',
      'bo@acme.example',
    ]);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toBe(
      `bo@acme.example (${bo.sub}) in acme: role member → admin; ${SIGNED_OUT}`,
    );
    expect(await w.item(`USER#${bo.sub}`, 'TENANT#acme')).toMatchObject({
      role: 'admin',
      updatedBy: 'ops:jo',
    });
    expect(Object.keys((await w.item('TENANT#acme', 'TENANT'))?.admins as object)).toContain(
      bo.sub,
    );
    expect((await w.userState('bo@acme.example')).groups).toEqual(['tenant-admin']);
    await expect(refresh()).rejects.toMatchObject({ name: 'NotAuthorizedException' });

    // By sub, back to member, in JSON.
    const demoted = await w.cliJson([
      'members',
      'set-role',
      '--tenant',
      'acme',
      '--role',
      'member',
      bo.sub,
    ]);
    expect(demoted.code, demoted.stderr).toBe(0);
    expect(demoted.json).toMatchObject({
      tenant: 'acme',
      user: { sub: bo.sub, email: 'bo@acme.example' },
      previousRole: 'admin',
      role: 'member',
      changed: true,
      signedOut: true,
      effect: SIGNED_OUT,
    });
    expect((await w.userState('bo@acme.example')).groups).toEqual(['tenant-member']);
    expect(Object.keys((await w.item('TENANT#acme', 'TENANT'))?.admins as object)).toEqual([
      expect.not.stringMatching(bo.sub),
    ]);

    const refreshAgain = await w.signIn('bo@acme.example');
    const same = await w.cli([
      'members',
      'set-role',
      '--tenant',
      'acme',
      '--role',
      'member',
      bo.sub,
    ]);
    expect(same.stdout).toBe(
      `bo@acme.example (${bo.sub}) in acme: role member already; nothing changed`,
    );
    // Nothing changed: no sign-out either.
    await expect(refreshAgain()).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
  });

  it('removes a member: a tombstone, no tenant attribute, no role group, signed out', async () => {
    const w = await world();
    await w.tenantWithAdmin('acme', 'ana@acme.example');
    const bo = await w.member('acme', 'bo@acme.example');
    const refresh = await w.signIn('bo@acme.example');

    const removed = await w.cli(['members', 'remove', '--tenant', 'acme', 'bo@acme.example']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toBe(
      `removed bo@acme.example (${bo.sub}) from acme: membership tombstoned, custom:tenant_id cleared, role groups removed; ${SIGNED_OUT}`,
    );
    expect(await w.item(`USER#${bo.sub}`, 'TENANT#acme')).toMatchObject({
      status: 'removed',
      role: 'member',
      updatedBy: 'cognito-triggers-cli',
    });
    const state = await w.userState('bo@acme.example');
    expect(state.attributes['custom:tenant_id']).toBeUndefined();
    expect(state.groups).toEqual([]);
    await expect(refresh()).rejects.toMatchObject({ name: 'NotAuthorizedException' });

    const list = await w.cliJson(['members', 'list', '--tenant', 'acme']);
    expect(list.json).toEqual({
      tenant: 'acme',
      members: [
        expect.objectContaining({ email: 'ana@acme.example', role: 'admin', status: 'active' }),
        expect.objectContaining({ email: 'bo@acme.example', role: 'member', status: 'removed' }),
      ],
    });
    const text = await w.cli(['members', 'list', '--tenant', 'acme']);
    expect(text.stdout.split('\n')).toEqual([
      'members (2):',
      expect.stringMatching(/^ {2}EMAIL +ROLE +STATUS +JOINED +SUB$/),
      expect.stringMatching(/^ {2}ana@acme\.example +admin +active +\S+ +\S+$/),
      expect.stringMatching(
        new RegExp(`^ {2}bo@acme\\.example +member +removed +\\S+ +${bo.sub}$`),
      ),
    ]);

    // A removed member is no longer one: a role change is refused.
    const setRole = await w.cli([
      'members',
      'set-role',
      '--tenant',
      'acme',
      '--role',
      'admin',
      bo.sub,
    ]);
    expect(setRole.code).toBe(2);
    expect(setRole.stderr).toContain('MEMBER_NOT_FOUND');

    const json = await w.cliJson(['members', 'remove', '--tenant', 'acme', 'bo@acme.example']);
    expect(json.code).toBe(0);
    expect(json.json).toMatchObject({
      removed: false,
      signedOut: true,
      membership: { status: 'removed' },
    });
  });

  it('keeps the last admin unless --force', async () => {
    const w = await world();
    const ana = await w.tenantWithAdmin('acme', 'ana@acme.example');
    await w.member('acme', 'bo@acme.example');
    const before = await w.snapshot();

    for (const args of [
      ['members', 'set-role', '--tenant', 'acme', '--role', 'member', 'ana@acme.example'],
      ['members', 'remove', '--tenant', 'acme', 'ana@acme.example'],
    ]) {
      const refused = await w.cli(args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain(
        `LAST_ADMIN: ${ana.sub} is the last admin of acme: the tenant would have no admin`,
      );
      expect(refused.stderr).toContain(
        '--force does it anyway, leaving the tenant without an admin',
      );
    }
    expect(await w.snapshot()).toEqual(before);

    const forced = await w.cli([
      'members',
      'set-role',
      '--tenant',
      'acme',
      '--role',
      'member',
      '--force',
      'ana@acme.example',
    ]);
    expect(forced.code, forced.stderr).toBe(0);
    expect((await w.item('TENANT#acme', 'TENANT'))?.admins).toEqual({});
    expect((await w.userState('ana@acme.example')).groups).toEqual(['tenant-member']);
  });

  it('removes the last admin with --force', async () => {
    const w = await world();
    const ana = await w.tenantWithAdmin('acme', 'ana@acme.example');
    const forced = await w.cli(['members', 'remove', '--tenant', 'acme', '--force', ana.sub]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await w.item(`USER#${ana.sub}`, 'TENANT#acme')).toMatchObject({ status: 'removed' });
    expect((await w.item('TENANT#acme', 'TENANT'))?.admins).toEqual({});
  });

  it('refuses an unknown or ambiguous user, a non-member, an unknown tenant, changing nothing', async () => {
    const w = await world();
    await w.tenantWithAdmin('acme', 'ana@acme.example');
    await w.tenantWithAdmin('globex', 'gil@globex.example');
    const outsider = await w.confirmedUser('out@acme.example');
    await sameEmail(w, 'twin@acme.example');
    const before = await w.snapshot();

    const refusals: [string[], string][] = [
      [['--tenant', 'acme', 'nobody@acme.example'], 'USER_NOT_FOUND: no user of'],
      [['--tenant', 'acme', '00000000-0000-4000-8000-000000000000'], 'USER_NOT_FOUND'],
      [['--tenant', 'acme', 'twin@acme.example'], 'USER_AMBIGUOUS: 2 users of'],
      [['--tenant', 'acme', outsider.sub], 'MEMBER_NOT_FOUND'],
      [['--tenant', 'acme', 'gil@globex.example'], 'MEMBER_NOT_FOUND'],
      [['--tenant', 'nobody', 'ana@acme.example'], 'TENANT_NOT_FOUND: no tenant "nobody"'],
      [['ana@acme.example'], 'missing --tenant'],
      [['--tenant', 'acme'], 'missing USER'],
    ];
    for (const [args, message] of refusals) {
      for (const command of [
        ['members', 'set-role', '--role', 'admin'],
        ['members', 'remove'],
      ]) {
        const result = await w.cli([...command, ...args]);
        expect(result.code, [...command, ...args].join(' ')).toBe(2);
        expect(result.stderr).toContain(message);
      }
    }
    const badRole = await w.cli([
      'members',
      'set-role',
      '--tenant',
      'acme',
      '--role',
      'owner',
      'ana@acme.example',
    ]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role: "owner" is not a role');
    const unknownList = await w.cliJson(['members', 'list', '--tenant', 'nobody']);
    expect(unknownList.code).toBe(2);
    expect(unknownList.json.error).toMatchObject({ kind: 'refused', code: 'TENANT_NOT_FOUND' });

    expect(await w.snapshot()).toEqual(before);
  });
});

describe('the environment policy (--env)', () => {
  it('uses its role groups, token cache TTL and enrollment modes', async () => {
    const w = await world([
      { name: 'org-admins', description: 'admins' },
      { name: 'org-members', description: 'members' },
    ]);
    const repo = await scratch({
      'pnpm-workspace.yaml': 'packages: []\n',
      'terraform/environments/test/terraform.tfvars.json': JSON.stringify({
        aws_region: 'eu-west-1',
        existing_user_pool_id: null,
        settings: {
          tenant_admin_group: 'org-admins',
          tenant_member_group: 'org-members',
          token_cache_ttl_seconds: 15,
          tenant_enrollment: { 'acme.example': 'invite' },
          default_tenant_tier: 'pro',
        },
      }),
    });
    try {
      const env = ['--env', 'test'];
      await w.confirmedUser('ana@acme.example');
      const created = await w.cli(
        [
          'tenants',
          'create',
          '--id',
          'acme',
          '--name',
          'Acme',
          '--domain',
          'acme.example',
          '--admin',
          'ana@acme.example',
          ...env,
        ],
        repo.dir,
      );
      expect(created.code, created.stderr).toBe(0);
      expect(created.stderr).toBe('');
      expect(created.stdout).toContain('tier pro');
      expect((await w.userState('ana@acme.example')).groups).toEqual(['org-admins']);

      await w.confirmedUser('bo@acme.example');
      await w.cli(
        ['invite', '--tenant', 'acme', '--role', 'member', 'bo@acme.example', ...env],
        repo.dir,
      );
      expect((await w.userState('bo@acme.example')).groups).toEqual(['org-members']);
      await w.cli(
        ['members', 'set-role', '--tenant', 'acme', '--role', 'admin', 'bo@acme.example', ...env],
        repo.dir,
      );
      expect((await w.userState('bo@acme.example')).groups).toEqual(['org-admins']);

      const show = await w.cli(['tenants', 'show', 'acme', ...env], repo.dir);
      expect(show.stdout).toMatch(/^domains +acme\.example \(enrollment invite\)$/m);

      const suspended = await w.cli(['tenants', 'suspend', 'acme', ...env], repo.dir);
      expect(suspended.stdout).toContain('refused within the token cache TTL (15 s)');
    } finally {
      await repo.cleanup();
    }
  });

  it('refuses a policy file the triggers would reject', async () => {
    const w = await world();
    const repo = await scratch({
      'pnpm-workspace.yaml': 'packages: []\n',
      'terraform/environments/test/terraform.tfvars.json': JSON.stringify({
        settings: { token_cache_ttl_seconds: 7200 },
      }),
      'terraform/environments/group/terraform.tfvars.json': JSON.stringify({
        settings: { tenant_admin_group: ['org-admins'] },
      }),
      'terraform/environments/flat/terraform.tfvars.json': JSON.stringify({
        tenant_admin_group: 'org-admins',
      }),
    });
    try {
      const result = await w.cli(['tenants', 'list', '--env', 'test'], repo.dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'terraform/environments/test/terraform.tfvars.json: settings.token_cache_ttl_seconds: must be at most 3600, got 7200',
      );
      const group = await w.cli(['tenants', 'list', '--env', 'group'], repo.dir);
      expect(group.code).toBe(2);
      expect(group.stderr).toContain(
        'terraform/environments/group/terraform.tfvars.json: settings.tenant_admin_group: must be a string',
      );
      const flat = await w.cli(['tenants', 'list', '--env', 'flat'], repo.dir);
      expect(flat.code).toBe(2);
      expect(flat.stderr).toContain(
        'terraform/environments/flat/terraform.tfvars.json: no "settings" object: the policy keys (allowed_email_domains, …) live under "settings"',
      );
    } finally {
      await repo.cleanup();
    }
  });
});

describe('the cognito-triggers binary', () => {
  // Concurrent: each case is a child process that mostly waits for tsx to start.
  it.concurrent('lists the new commands and shows the help of each group and subcommand', async ({
    expect,
  }) => {
    const [top, group, sub, viaHelp] = await Promise.all([
      run(['--help']),
      run(['members', '--help']),
      run(['tenants', 'create', '--help']),
      run(['help', 'members', 'remove']),
    ]);
    expect(top.stdout).toMatch(/^ {2}tenants +create, list, show, suspend and resume tenants$/m);
    expect(top.stdout).toMatch(/^ {2}invite +invite people into a tenant/m);
    expect(top.stdout).toMatch(/^ {2}members +list a tenant's members/m);
    expect(group.code).toBe(0);
    expect(group.stdout).toMatch(/^ {2}set-role +change a member's role/m);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain(
      'Usage: cognito-triggers tenants create --pool ID --table NAME --id ID',
    );
    for (const option of ['--as NAME', '--json', '--env NAME', '--dynamodb-endpoint URL']) {
      expect(sub.stdout).toContain(option);
    }
    expect(viaHelp.stdout).toContain('Usage: cognito-triggers members remove');
  });

  it('runs a lifecycle through the binary: exit codes and one JSON document', async () => {
    const w = await world();
    const bin = (args: string[]) => run([...args, ...w.target]);
    const [created, unknown, wrong] = await Promise.all([
      bin(['tenants', 'create', '--id', 'acme', '--name', 'Acme', '--json']),
      bin(['tenants', 'suspend', 'nobody']),
      bin(['members', 'set-role', '--tenant', 'acme', '--bogus', 'x']),
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ created: true, tenant: { id: 'acme' } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('TENANT_NOT_FOUND: no tenant "nobody"');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--bogus'");
    expect(wrong.stderr).toContain('Run "cognito-triggers members set-role --help" for usage.');

    const invited = await bin([
      'invite',
      '--tenant',
      'acme',
      '--role',
      'admin',
      'ana@acme.example',
      '--json',
    ]);
    expect(invited.code, invited.stderr).toBe(0);
    expect(JSON.parse(invited.stdout).results[0]).toMatchObject({ outcome: 'invited' });
  });
});
