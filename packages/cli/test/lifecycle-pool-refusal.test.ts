import {
  AdminCreateUserCommand,
  type AdminCreateUserCommandInput,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createTenantStore, createTenantTable } from '@cognito-triggers/tenancy';
import {
  type LocalDynamo,
  scanTable,
  startDynamo,
  uniqueTableName,
} from '@cognito-triggers/tenancy/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo, Command } from '../src/command.js';
import { invite } from '../src/commands/invite.js';
import { tenants } from '../src/commands/tenants.js';
import { PACKAGE_DIR } from './run.js';

// What cognito-local cannot show: the pool's pre sign-up trigger refusing an invitee's address.
// Cognito answers AdminCreateUser with UserLambdaValidationException; the table is real.

const POOL_ID = 'eu-west-1_TESTPOOL1';
const REFUSED = 'ana@blocked.example';
const refusal = () =>
  Object.assign(
    new Error(
      'PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain.',
    ),
    { name: 'UserLambdaValidationException', $fault: 'client', $metadata: {} },
  );

const cognitoMock = mockClient(CognitoIdentityProviderClient);
let dynamo: LocalDynamo;
let table: string;

beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  cognitoMock.restore();
  await dynamo.stop();
});

beforeEach(async () => {
  table = uniqueTableName();
  await createTenantTable(dynamo.client, table);
  cognitoMock.reset();
  // An empty pool that creates every address but the refused one.
  cognitoMock.on(ListUsersCommand).resolves({ Users: [] });
  cognitoMock.on(AdminCreateUserCommand).callsFake((input: AdminCreateUserCommandInput) => {
    if (input.Username === REFUSED) throw refusal();
    return {
      User: {
        Username: `user-of-${input.Username}`,
        UserStatus: 'FORCE_CHANGE_PASSWORD',
        Enabled: true,
        Attributes: [
          { Name: 'sub', Value: `sub-of-${input.Username}` },
          { Name: 'email', Value: input.Username },
        ],
      },
    };
  });
});

/** Runs a command's `run` in this process against the mocked pool and the real table. */
async function runCommand(command: Command, args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd: PACKAGE_DIR,
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  };
  const code = await command.run(
    [
      ...args,
      '--pool',
      POOL_ID,
      '--table',
      table,
      '--endpoint',
      'http://127.0.0.1:9',
      '--dynamodb-endpoint',
      dynamo.endpoint,
    ],
    io,
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('the pool refusing an invitee (UserLambdaValidationException)', () => {
  it('undoes the tenant "tenants create --admin" created, and its domain claims', async () => {
    const result = await runCommand(tenants, [
      'create',
      '--id',
      'acme',
      '--name',
      'Acme',
      '--domain',
      'acme.example',
      '--admin',
      REFUSED,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `cognito-triggers tenants create: INVITE_REFUSED: the user pool refused to create ${REFUSED}: PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED`,
    );
    expect(result.stdout).toBe('');
    expect(await scanTable(dynamo.client, table)).toEqual([]);
  });

  it('keeps a tenant that existed, releasing only the domains this run claimed', async () => {
    expect((await runCommand(tenants, ['create', '--id', 'acme', '--name', 'Acme'])).code).toBe(0);
    const before = await scanTable(dynamo.client, table);

    const result = await runCommand(tenants, [
      'create',
      '--id',
      'acme',
      '--name',
      'Acme',
      '--domain',
      'acme.example',
      '--admin',
      REFUSED,
      '--json',
    ]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { kind: 'refused', code: 'INVITE_REFUSED', message: expect.stringContaining(REFUSED) },
    });
    expect(await scanTable(dynamo.client, table)).toEqual(before);
  });

  it('refuses that address with exit 2 and invites the others', async () => {
    const store = createTenantStore({ client: dynamo.client, tableName: table });
    await store.createTenant({ tenantId: 'acme', name: 'Acme', tier: 'free', createdBy: 'test' });

    const result = await runCommand(invite, [
      '--tenant',
      'acme',
      '--role',
      'member',
      REFUSED,
      'bo@acme.example',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout.split('\n')).toEqual([
      `REFUSED ${REFUSED}: INVITE_REFUSED: the user pool refused to create ${REFUSED}: PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED: Sign-up is not open to this email domain.`,
      expect.stringMatching(/^invited bo@acme\.example into acme as member: /),
    ]);
    expect(result.stderr).toContain('cognito-triggers invite: 1 of 2 not invited');
    const invitations = await store.listInvitations('acme');
    expect(invitations.map((invitation) => invitation.email)).toEqual(['bo@acme.example']);
    // The accepted address got its message; the refused one never reached a second call.
    const sent = cognitoMock
      .commandCalls(AdminCreateUserCommand)
      .map((call) => `${call.args[0].input.MessageAction} ${call.args[0].input.Username}`);
    expect(sent).toEqual([
      `SUPPRESS ${REFUSED}`,
      'SUPPRESS bo@acme.example',
      'RESEND user-of-bo@acme.example',
    ]);
  });
});
