import { execFile } from 'node:child_process';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DescribeUserPoolCommand,
  type LambdaConfigType,
  ListUserPoolClientsCommand,
  UpdateUserPoolCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { updateRequest } from '@cognito-triggers/attach';
import { type CognitoLocal, startCognitoLocal } from '@cognito-triggers/local';
import { createTenantTable } from '@cognito-triggers/tenancy';
import { type LocalDynamo, startDynamo, uniqueTableName } from '@cognito-triggers/tenancy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_DIR, type RunResult, run } from './run.js';

const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const OURS = {
  preSignUp: arn('dev-PreSignUp'),
  postConfirmation: arn('dev-PostConfirmation'),
  preAuthentication: arn('dev-PreAuthentication'),
  preToken: arn('dev-PreTokenGeneration'),
  customMessage: arn('dev-CustomMessage'),
};
/** Another team's trigger in a slot the suite never fills. */
const FOREIGN = arn('audit-PostAuthentication');
const ATTACH_ALL = [
  '--pre-signup',
  OURS.preSignUp,
  '--post-confirmation',
  OURS.postConfirmation,
  '--pre-authentication',
  OURS.preAuthentication,
  '--pre-token-generation',
  OURS.preToken,
  '--pre-token-version',
  'V2_0',
  '--custom-message',
  OURS.customMessage,
];
const DETACH_ALL = [
  '--pre-signup',
  OURS.preSignUp,
  '--post-confirmation',
  OURS.postConfirmation,
  '--pre-authentication',
  OURS.preAuthentication,
  '--pre-token-generation',
  OURS.preToken,
  '--custom-message',
  OURS.customMessage,
];

/**
 * A pool far from the defaults, in every setting cognito-local 5.3.0 stores at CreateUserPool,
 * returns from DescribeUserPool and rewrites at UpdateUserPool (read from its source:
 * targets/createUserPool.js, describeUserPool.js, updateUserPool.js). Any setting attach failed
 * to carry over would come back empty.
 */
const MANY_SETTINGS = {
  PoolName: 'brownfield',
  Policies: {
    PasswordPolicy: {
      MinimumLength: 14,
      RequireUppercase: false,
      RequireLowercase: true,
      RequireNumbers: false,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 3,
    },
  },
  AutoVerifiedAttributes: ['email'],
  SmsVerificationMessage: 'Your code is {####}',
  EmailVerificationMessage: 'Please verify with {####}',
  EmailVerificationSubject: 'Verify your account',
  VerificationMessageTemplate: {
    // Codes: custom message writes no link (a pool on CONFIRM_WITH_LINK is refused). The link
    // template is kept all the same, and carried over.
    DefaultEmailOption: 'CONFIRM_WITH_CODE',
    EmailMessageByLink: 'Click {##here##}',
    EmailSubjectByLink: 'Confirm your address',
    SmsMessage: 'Your code is {####}',
  },
  SmsAuthenticationMessage: 'Sign-in code {####}',
  MfaConfiguration: 'OPTIONAL',
  DeviceConfiguration: {
    ChallengeRequiredOnNewDevice: true,
    DeviceOnlyRememberedOnUserPrompt: true,
  },
  EmailConfiguration: {
    EmailSendingAccount: 'DEVELOPER',
    SourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
    From: 'Example <no-reply@example.com>',
    ReplyToEmailAddress: 'support@example.com',
  },
  SmsConfiguration: {
    SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms',
    ExternalId: 'brownfield-sms',
    SnsRegion: 'eu-west-1',
  },
  UserPoolTags: { team: 'identity', cost: 'auth' },
  AdminCreateUserConfig: {
    AllowAdminCreateUserOnly: true,
    InviteMessageTemplate: {
      EmailMessage: 'Welcome {username}, your password is {####}',
      EmailSubject: 'Your new account',
      SMSMessage: 'User {username} password {####}',
    },
  },
  UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
  AccountRecoverySetting: {
    RecoveryMechanisms: [
      { Name: 'verified_phone_number', Priority: 1 },
      { Name: 'verified_email', Priority: 2 },
    ],
  },
  UsernameAttributes: ['email'],
  UsernameConfiguration: { CaseSensitive: false },
  Schema: [{ Name: 'tenant_id', AttributeDataType: 'String', Mutable: true }],
} as const satisfies Omit<CreateUserPoolCommandInput, 'LambdaConfig'>;

/** An app client to create: its name and WriteAttributes (undefined: not set at all). */
interface ClientSpec {
  readonly name: string;
  readonly writeAttributes: readonly string[] | undefined;
}

/** What a well-configured pool has: a client that writes only profile attributes. */
const SAFE_CLIENT: ClientSpec = { name: 'web', writeAttributes: ['email', 'name'] };

let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;
let dynamo: LocalDynamo;
/** `--table NAME --dynamodb-endpoint URL`: where attach records a function it replaces. */
let TABLE: string[];

beforeAll(async () => {
  [cognito, dynamo] = await Promise.all([startCognitoLocal(), startDynamo()]);
  const tableName = uniqueTableName();
  await createTenantTable(dynamo.client, tableName);
  TABLE = ['--table', tableName, '--dynamodb-endpoint', dynamo.endpoint];
  client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}, 30_000);

afterAll(async () => {
  client?.destroy();
  await Promise.all([cognito?.stop(), dynamo?.stop()]);
});

/** Someone else points a slot at their function, with the SDK, after we attached. */
async function pointSlotElsewhere(poolId: string, config: LambdaConfigType): Promise<void> {
  const pool = await describe_(poolId);
  await client.send(
    new UpdateUserPoolCommand(updateRequest(pool, { ...pool.LambdaConfig, ...config })),
  );
}

async function createPool(
  lambdaConfig: LambdaConfigType,
  clients: readonly ClientSpec[] = [SAFE_CLIENT],
): Promise<string> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      ...structuredClone(MANY_SETTINGS),
      LambdaConfig: lambdaConfig,
    } as CreateUserPoolCommandInput),
  );
  if (UserPool?.Id === undefined) throw new Error('cognito-local created no pool');
  for (const spec of clients) await createClient(UserPool.Id, spec);
  return UserPool.Id;
}

async function createClient(poolId: string, spec: ClientSpec): Promise<string> {
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: spec.name,
      ...(spec.writeAttributes === undefined ? {} : { WriteAttributes: [...spec.writeAttributes] }),
    }),
  );
  if (UserPoolClient?.ClientId === undefined) throw new Error('cognito-local created no client');
  return UserPoolClient.ClientId;
}

async function clientIdOf(poolId: string, name: string): Promise<string> {
  const { UserPoolClients } = await client.send(
    new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }),
  );
  const found = UserPoolClients?.find((candidate) => candidate.ClientName === name)?.ClientId;
  if (found === undefined) throw new Error(`no client ${name} in ${poolId}`);
  return found;
}

async function describe_(poolId: string): Promise<UserPoolType> {
  const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  if (UserPool === undefined) throw new Error(`no pool ${poolId}`);
  return UserPool;
}

/**
 * Everything but the triggers, the timestamp an update moves, and the legacy
 * UnusedAccountValidityDays: DescribeUserPool mirrors TemporaryPasswordValidityDays there, and
 * attach leaves that copy out of its request because UpdateUserPool refuses both.
 */
function settings(pool: UserPoolType): Omit<UserPoolType, 'LambdaConfig' | 'LastModifiedDate'> {
  const { LambdaConfig: _triggers, LastModifiedDate: _modified, ...rest } = pool;
  const { UnusedAccountValidityDays: _legacy, ...adminCreateUser } =
    rest.AdminCreateUserConfig ?? {};
  return { ...rest, AdminCreateUserConfig: adminCreateUser };
}

/**
 * stderr without the email-update warning: cognito-local 5.3.0 stores a pool's
 * UserAttributeUpdateSettings but leaves it out of DescribeUserPool (targets/responses.js), so
 * attach warns about every pool there. Its presence is a unit test (test/app-clients.test.ts).
 */
function stderrBesidesEmailWarning(result: RunResult): string[] {
  return result.stderr
    .split('\n')
    .filter(
      (line) => line !== '' && !/^warning: user pool \S+ does not keep the old email/.test(line),
    );
}

/** Runs the real command against cognito-local, with credentials the SDK can sign with. */
function cli(
  command: 'attach' | 'detach',
  poolId: string,
  args: readonly string[],
): Promise<RunResult> {
  const argv = [
    join(PACKAGE_DIR, 'bin', 'cognito-triggers.mjs'),
    command,
    '--pool',
    poolId,
    '--endpoint',
    cognito.endpoint,
    ...args,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      argv,
      {
        cwd: PACKAGE_DIR,
        encoding: 'utf8',
        // No AWS credentials and no SDK setting: on a loopback --endpoint the command uses
        // placeholders, as reconcile does, and silences the SDK's Node 22 notice itself.
        env: { PATH: process.env.PATH },
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error);
        else resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

describe('cognito-triggers attach', () => {
  it('merges our five triggers and keeps every other setting and the foreign trigger', async () => {
    const poolId = await createPool({ PostAuthentication: FOREIGN });
    const before = await describe_(poolId);
    expect(before.MfaConfiguration).toBe('OPTIONAL');
    expect(before.UserPoolTags).toEqual({ team: 'identity', cost: 'auth' });

    const result = await cli('attach', poolId, ATTACH_ALL);

    expect(stderrBesidesEmailWarning(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`+ PreSignUp: ${OURS.preSignUp}`);
    const after = await describe_(poolId);
    expect(after.LambdaConfig).toEqual({
      PostAuthentication: FOREIGN,
      PreSignUp: OURS.preSignUp,
      PostConfirmation: OURS.postConfirmation,
      PreAuthentication: OURS.preAuthentication,
      CustomMessage: OURS.customMessage,
      PreTokenGenerationConfig: { LambdaArn: OURS.preToken, LambdaVersion: 'V2_0' },
    });
    expect(settings(after)).toEqual(settings(before));
  });

  it('changes nothing on a dry run, and prints the LambdaConfig before → after', async () => {
    const poolId = await createPool({
      PostAuthentication: FOREIGN,
      PreSignUp: arn('old-PreSignUp'),
    });
    const before = await describe_(poolId);

    const result = await cli('attach', poolId, [
      ...ATTACH_ALL,
      '--replace',
      'pre-signup',
      ...TABLE,
      '--dry-run',
    ]);

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `  PostAuthentication: ${FOREIGN}`,
        `- PreSignUp: ${arn('old-PreSignUp')}`,
        `+ PreSignUp: ${OURS.preSignUp}`,
        `+ PreTokenGenerationConfig: {"LambdaArn":"${OURS.preToken}","LambdaVersion":"V2_0"}`,
        `note: PreSignUp: replaces ${arn('old-PreSignUp')} (recorded in table ${TABLE[1]}; detach puts it back)`,
        'dry run: the pool was not changed',
      ]),
    );
    expect(await describe_(poolId)).toEqual(before);
  });

  it('refuses to replace a function that is not ours, unless told, naming the slot and the way', async () => {
    const theirs = arn('audit-PreAuthentication');
    const poolId = await createPool({ PreAuthentication: theirs, PostAuthentication: FOREIGN });

    const result = await cli('attach', poolId, ['--pre-authentication', OURS.preAuthentication]);

    expect(result.code).toBe(1);
    const lines = stderrBesidesEmailWarning(result);
    expect(lines[0]).toMatch(
      new RegExp(`^cognito-triggers attach: POOL_TRIGGER_NOT_OURS: user pool ${poolId} already`),
    );
    expect(lines).toContain(`  PreAuthentication points at ${theirs}`);
    expect(result.stderr).toContain('--replace custom-message');
    expect((await describe_(poolId)).LambdaConfig).toEqual({
      PreAuthentication: theirs,
      PostAuthentication: FOREIGN,
    });
  });

  it('with --replace, replaces it and records it, and detach puts it back', async () => {
    const theirs = arn('audit-PreAuthentication');
    const poolId = await createPool({ PreAuthentication: theirs, PostAuthentication: FOREIGN });

    const attached = await cli('attach', poolId, [
      '--pre-authentication',
      OURS.preAuthentication,
      '--replace',
      'pre-authentication',
      ...TABLE,
    ]);

    expect(attached.code).toBe(0);
    expect(attached.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `- PreAuthentication: ${theirs}`,
        `+ PreAuthentication: ${OURS.preAuthentication}`,
        `note: PreAuthentication: replaces ${theirs} (recorded in table ${TABLE[1]}; detach puts it back)`,
      ]),
    );
    expect((await describe_(poolId)).LambdaConfig).toEqual({
      PreAuthentication: OURS.preAuthentication,
      PostAuthentication: FOREIGN,
    });

    const detached = await cli('detach', poolId, [
      '--pre-authentication',
      OURS.preAuthentication,
      ...TABLE,
    ]);

    expect(detached.code).toBe(0);
    expect(detached.stdout).toContain(
      `note: PreAuthentication: puts back ${theirs} (recorded in table ${TABLE[1]})`,
    );
    expect((await describe_(poolId)).LambdaConfig).toEqual({
      PreAuthentication: theirs,
      PostAuthentication: FOREIGN,
    });
  });

  it('takes --replace with --table only, and only trigger names', async () => {
    const noTable = await cli('attach', 'local_abc', [...ATTACH_ALL, '--replace', 'pre-signup']);
    const notATrigger = await cli('attach', 'local_abc', [
      ...ATTACH_ALL,
      '--replace',
      'PreSignUp',
      ...TABLE,
    ]);

    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toContain('--replace needs --table NAME');
    expect(notATrigger.code).toBe(2);
    expect(notATrigger.stderr).toContain('--replace: "PreSignUp" is not one of pre-signup,');
  });

  it('refuses a pre authentication function that is not a Lambda ARN', async () => {
    const result = await cli('attach', 'local_abc', ['--pre-authentication', 'PreAuthentication']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--pre-authentication: "PreAuthentication" is not a Lambda');
  });

  it('moves a legacy bare PreTokenGeneration of ours into the versioned config', async () => {
    const poolId = await createPool({ PreTokenGeneration: OURS.preToken });

    const result = await cli('attach', poolId, [
      '--pre-token-generation',
      OURS.preToken,
      '--pre-token-version',
      'V3_0',
    ]);

    expect(result.code).toBe(0);
    expect((await describe_(poolId)).LambdaConfig).toEqual({
      PreTokenGenerationConfig: { LambdaArn: OURS.preToken, LambdaVersion: 'V3_0' },
    });
  });

  it('does not update a pool that already points at our functions', async () => {
    const poolId = await createPool({});
    await cli('attach', poolId, ATTACH_ALL);
    const attached = await describe_(poolId);

    const again = await cli('attach', poolId, ATTACH_ALL);

    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to change');
    expect(await describe_(poolId)).toEqual(attached);
  });

  it('names the pool it cannot find, and exits 1', async () => {
    const result = await cli('attach', 'local_NOPE1234', ATTACH_ALL);

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `cognito-triggers attach: POOL_NOT_FOUND: user pool local_NOPE1234 not found in local at ${cognito.endpoint}`,
    );
  });

  it('explains itself with --help, and is listed by cognito-triggers --help', async () => {
    const help = await run(['attach', '--help']);
    const list = await run(['--help']);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: cognito-triggers attach --pool ID');
    expect(help.stdout).toContain('POOL_FIELD_UNKNOWN');
    expect(help.stdout).toContain('POOL_CLIENT_WRITES_PROTECTED');
    expect(help.stdout).toContain('--protected-attribute NAME');
    expect(help.stdout).toContain('--pre-authentication ARN');
    expect(list.stdout).toMatch(/^ {2}attach\s+point an existing pool/m);
    expect(list.stdout).toMatch(/^ {2}detach\s+remove the suite/m);
  });

  it('refuses a pre token function without its event version', async () => {
    const result = await cli('attach', 'local_abc', ['--pre-token-generation', OURS.preToken]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--pre-token-generation and --pre-token-version go together');
  });
});

describe('cognito-triggers attach, on a pool whose app clients can write protected attributes', () => {
  it('refuses a client without WriteAttributes as not restricted, naming it and the fix', async () => {
    const poolId = await createPool({ PostAuthentication: FOREIGN }, [
      SAFE_CLIENT,
      { name: 'legacy-mobile', writeAttributes: undefined },
    ]);
    const clientId = await clientIdOf(poolId, 'legacy-mobile');
    const before = await describe_(poolId);

    const result = await cli('attach', poolId, ATTACH_ALL);

    expect(result.code).toBe(1);
    const lines = stderrBesidesEmailWarning(result);
    expect(lines[0]).toMatch(
      new RegExp(
        `^cognito-triggers attach: POOL_CLIENT_WRITES_PROTECTED: user pool ${poolId} has app clients that can write protected attributes \\(custom:tenant_id, custom:tenant_role, custom:tenant_tier\\)`,
      ),
    );
    expect(lines).toContain(
      `  app client ${clientId} "legacy-mobile": WriteAttributes is not set (AWS returns none), so the client is not restricted; treated as able to write every attribute, custom:tenant_id, custom:tenant_role, custom:tenant_tier included`,
    );
    expect(lines).toContain(
      `  aws cognito-idp update-user-pool-client --user-pool-id ${poolId} --client-id ${clientId} --write-attributes email name …`,
    );
    expect(result.stderr).toContain('UpdateUserPoolClient also resets every client setting');
    // Only the offending client is named.
    expect(result.stderr).not.toContain('"web"');
    expect(await describe_(poolId)).toEqual(before);
  });

  it('refuses a client whose WriteAttributes lists custom:tenant_id, naming client and attribute', async () => {
    const poolId = await createPool({}, [
      SAFE_CLIENT,
      { name: 'admin-portal', writeAttributes: ['email', 'custom:tenant_id', 'locale'] },
    ]);
    const clientId = await clientIdOf(poolId, 'admin-portal');
    const before = await describe_(poolId);

    const result = await cli('attach', poolId, ATTACH_ALL);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('POOL_CLIENT_WRITES_PROTECTED');
    expect(result.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        `  app client ${clientId} "admin-portal": WriteAttributes lists custom:tenant_id`,
        // The fix keeps what the client may write, without the protected attribute.
        `  aws cognito-idp update-user-pool-client --user-pool-id ${poolId} --client-id ${clientId} --write-attributes email locale`,
      ]),
    );
    expect(result.stdout).not.toContain('updated');
    expect((await describe_(poolId)).LambdaConfig).toEqual(before.LambdaConfig);
    expect(await describe_(poolId)).toEqual(before);
  });

  it('refuses even when our triggers are attached already: the pool is unsafe either way', async () => {
    const poolId = await createPool({}, []);
    await cli('attach', poolId, ATTACH_ALL);
    await createClient(poolId, { name: 'added-later', writeAttributes: ['custom:tenant_role'] });

    const again = await cli('attach', poolId, ATTACH_ALL);

    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/"added-later": WriteAttributes lists custom:tenant_role$/m);
  });

  it('refuses an attribute added with --protected-attribute, and only then', async () => {
    const poolId = await createPool({}, [
      { name: 'web', writeAttributes: ['email', 'custom:plan'] },
    ]);

    const strict = await cli('attach', poolId, [
      ...ATTACH_ALL,
      '--protected-attribute',
      'custom:plan',
      '--protected-attribute',
      'custom:seats',
      '--dry-run',
    ]);
    const lenient = await cli('attach', poolId, [...ATTACH_ALL, '--dry-run']);

    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      'protected attributes (custom:tenant_id, custom:tenant_role, custom:tenant_tier, custom:plan, custom:seats)',
    );
    expect(strict.stderr).toMatch(/"web": WriteAttributes lists custom:plan$/m);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain(
      'app clients: 1 checked, none can write custom:tenant_id, custom:tenant_role, custom:tenant_tier',
    );
  });

  it('reports the same refusal on a dry run, after the plan, and exits 1', async () => {
    const poolId = await createPool({ PostAuthentication: FOREIGN }, [
      { name: 'legacy-mobile', writeAttributes: undefined },
    ]);
    const before = await describe_(poolId);

    const dry = await cli('attach', poolId, [...ATTACH_ALL, '--dry-run']);
    const real = await cli('attach', poolId, ATTACH_ALL);

    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(`+ PreSignUp: ${OURS.preSignUp}`);
    expect(dry.stderr).toContain('POOL_CLIENT_WRITES_PROTECTED');
    expect(dry.stderr).toBe(real.stderr);
    expect(await describe_(poolId)).toEqual(before);
  });

  it('attaches to a pool whose clients write only email and name, and says it checked them', async () => {
    const poolId = await createPool({}, [
      SAFE_CLIENT,
      { name: 'mobile', writeAttributes: ['name', 'email'] },
    ]);

    const result = await cli('attach', poolId, ATTACH_ALL);

    expect(stderrBesidesEmailWarning(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'app clients: 2 checked, none can write custom:tenant_id, custom:tenant_role, custom:tenant_tier',
    );
    expect((await describe_(poolId)).LambdaConfig?.PreSignUp).toBe(OURS.preSignUp);
  });

  it('warns, and attaches, when a changed email takes effect before it is verified', async () => {
    const poolId = await createPool({}, [SAFE_CLIENT]);

    const result = await cli('attach', poolId, ATTACH_ALL);

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(
        `^warning: user pool ${poolId} does not keep the old email until a new one is verified \\(UserAttributeUpdateSettings\\.AttributesRequireVerificationBeforeUpdate lacks "email"\\)`,
      ),
    );
    expect(result.stderr).toContain(
      'user_attribute_update_settings { attributes_require_verification_before_update = ["email"] }',
    );
    expect((await describe_(poolId)).LambdaConfig?.PreSignUp).toBe(OURS.preSignUp);
  });

  it('takes --protected-attribute on attach only, and only attribute names', async () => {
    const onDetach = await cli('detach', 'local_abc', [
      ...DETACH_ALL,
      '--protected-attribute',
      'custom:plan',
    ]);
    const notAName = await cli('attach', 'local_abc', [
      ...ATTACH_ALL,
      '--protected-attribute',
      'custom:plan; rm -rf',
    ]);

    expect(onDetach.code).toBe(2);
    expect(onDetach.stderr).toContain('--protected-attribute goes with attach only');
    expect(notAName.code).toBe(2);
    expect(notAName.stderr).toContain('--protected-attribute: "custom:plan; rm -rf" is not');
  });
});

describe('cognito-triggers detach', () => {
  it('removes only the triggers that still point at our functions, and keeps every setting', async () => {
    const poolId = await createPool({ PostAuthentication: FOREIGN });
    const before = await describe_(poolId);
    await cli('attach', poolId, ATTACH_ALL);
    // Someone points post confirmation at another function after we attached.
    await pointSlotElsewhere(poolId, { PostConfirmation: arn('team-PostConfirmation') });

    const result = await cli('detach', poolId, DETACH_ALL);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `note: PostConfirmation: kept ${arn('team-PostConfirmation')} (not ours)`,
    );
    const after = await describe_(poolId);
    expect(after.LambdaConfig).toEqual({
      PostAuthentication: FOREIGN,
      PostConfirmation: arn('team-PostConfirmation'),
    });
    expect(settings(after)).toEqual(settings(before));
  });

  it('keeps a pre authentication function someone pointed elsewhere since, and removes ours', async () => {
    const poolId = await createPool({});
    await cli('attach', poolId, ATTACH_ALL);
    const detached = await createPool({});
    await cli('attach', detached, ATTACH_ALL);
    await pointSlotElsewhere(poolId, { PreAuthentication: arn('audit-PreAuthentication') });

    const kept = await cli('detach', poolId, DETACH_ALL);
    const removed = await cli('detach', detached, DETACH_ALL);

    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain(
      `note: PreAuthentication: kept ${arn('audit-PreAuthentication')} (not ours)`,
    );
    expect((await describe_(poolId)).LambdaConfig).toEqual({
      PreAuthentication: arn('audit-PreAuthentication'),
    });
    expect(removed.stdout).toContain(`- PreAuthentication: ${OURS.preAuthentication}`);
    expect((await describe_(detached)).LambdaConfig ?? {}).toEqual({});
  });

  it('changes nothing on a dry run', async () => {
    const poolId = await createPool({ PostAuthentication: FOREIGN });
    await cli('attach', poolId, ATTACH_ALL);
    const attached = await describe_(poolId);

    const result = await cli('detach', poolId, [...DETACH_ALL, '--dry-run']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`- PreSignUp: ${OURS.preSignUp}`);
    expect(result.stdout).toContain('dry run: the pool was not changed');
    expect(await describe_(poolId)).toEqual(attached);
  });
});
