import { execFile } from 'node:child_process';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DescribeUserPoolCommand,
  type LambdaConfigType,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { type CognitoLocal, startCognitoLocal } from '@cognito-triggers/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolError } from '../src/pool/errors.js';
import { attachTriggers, detachTriggers } from '../src/pool/lambda-config.js';
import { UPDATABLE_FROM, updateRequest } from '../src/pool/update-request.js';
import { PACKAGE_DIR, type RunResult, run } from './run.js';

const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const OURS = {
  preSignUp: arn('dev-PreSignUp'),
  postConfirmation: arn('dev-PostConfirmation'),
  preToken: arn('dev-PreTokenGeneration'),
  customMessage: arn('dev-CustomMessage'),
};
const FOREIGN = arn('audit-PreAuthentication');
const ATTACH_ALL = [
  '--pre-signup',
  OURS.preSignUp,
  '--post-confirmation',
  OURS.postConfirmation,
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
    DefaultEmailOption: 'CONFIRM_WITH_LINK',
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

let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  cognito = await startCognitoLocal();
  client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}, 30_000);

afterAll(async () => {
  client?.destroy();
  await cognito?.stop();
});

async function createPool(lambdaConfig: LambdaConfigType): Promise<string> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      ...structuredClone(MANY_SETTINGS),
      LambdaConfig: lambdaConfig,
    } as CreateUserPoolCommandInput),
  );
  if (UserPool?.Id === undefined) throw new Error('cognito-local created no pool');
  return UserPool.Id;
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
        env: {
          PATH: process.env.PATH,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          // Node 20 here: the SDK's notice about its future Node 22 floor is not the command's output.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error);
        else resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

describe('cognito-triggers attach', () => {
  it('merges our four triggers and keeps every other setting and the foreign trigger', async () => {
    const poolId = await createPool({ PreAuthentication: FOREIGN });
    const before = await describe_(poolId);
    expect(before.MfaConfiguration).toBe('OPTIONAL');
    expect(before.UserPoolTags).toEqual({ team: 'identity', cost: 'auth' });

    const result = await cli('attach', poolId, ATTACH_ALL);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`+ PreSignUp: ${OURS.preSignUp}`);
    const after = await describe_(poolId);
    expect(after.LambdaConfig).toEqual({
      PreAuthentication: FOREIGN,
      PreSignUp: OURS.preSignUp,
      PostConfirmation: OURS.postConfirmation,
      CustomMessage: OURS.customMessage,
      PreTokenGenerationConfig: { LambdaArn: OURS.preToken, LambdaVersion: 'V2_0' },
    });
    expect(settings(after)).toEqual(settings(before));
  });

  it('changes nothing on a dry run, and prints the LambdaConfig before → after', async () => {
    const poolId = await createPool({
      PreAuthentication: FOREIGN,
      PreSignUp: arn('old-PreSignUp'),
    });
    const before = await describe_(poolId);

    const result = await cli('attach', poolId, [...ATTACH_ALL, '--dry-run']);

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `  PreAuthentication: ${FOREIGN}`,
        `- PreSignUp: ${arn('old-PreSignUp')}`,
        `+ PreSignUp: ${OURS.preSignUp}`,
        `+ PreTokenGenerationConfig: {"LambdaArn":"${OURS.preToken}","LambdaVersion":"V2_0"}`,
        `note: PreSignUp: replaces ${arn('old-PreSignUp')}`,
        'dry run: the pool was not changed',
      ]),
    );
    expect(await describe_(poolId)).toEqual(before);
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
    expect(list.stdout).toMatch(/^ {2}attach\s+point an existing pool/m);
    expect(list.stdout).toMatch(/^ {2}detach\s+remove the suite/m);
  });

  it('refuses a pre token function without its event version', async () => {
    const result = await cli('attach', 'local_abc', ['--pre-token-generation', OURS.preToken]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--pre-token-generation and --pre-token-version go together');
  });
});

describe('cognito-triggers detach', () => {
  it('removes only the triggers that still point at our functions, and keeps every setting', async () => {
    const poolId = await createPool({ PreAuthentication: FOREIGN });
    const before = await describe_(poolId);
    await cli('attach', poolId, ATTACH_ALL);
    // Someone points post confirmation at another function after we attached.
    await cli('attach', poolId, ['--post-confirmation', arn('team-PostConfirmation')]);

    const result = await cli('detach', poolId, DETACH_ALL);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `note: PostConfirmation: kept ${arn('team-PostConfirmation')} (not ours)`,
    );
    const after = await describe_(poolId);
    expect(after.LambdaConfig).toEqual({
      PreAuthentication: FOREIGN,
      PostConfirmation: arn('team-PostConfirmation'),
    });
    expect(settings(after)).toEqual(settings(before));
  });

  it('changes nothing on a dry run', async () => {
    const poolId = await createPool({ PreAuthentication: FOREIGN });
    await cli('attach', poolId, ATTACH_ALL);
    const attached = await describe_(poolId);

    const result = await cli('detach', poolId, [...DETACH_ALL, '--dry-run']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`- PreSignUp: ${OURS.preSignUp}`);
    expect(result.stdout).toContain('dry run: the pool was not changed');
    expect(await describe_(poolId)).toEqual(attached);
  });
});

describe('the UpdateUserPool request', () => {
  const described: UserPoolType = {
    Id: 'eu-west-1_AbC123',
    Arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123',
    Name: 'brownfield',
    CreationDate: new Date(0),
    EstimatedNumberOfUsers: 12,
    SchemaAttributes: [],
    ...Object.fromEntries(
      Object.values(UPDATABLE_FROM)
        .filter((field) => field !== 'Name')
        .map((field) => [field, `described ${field}`]),
    ),
    LambdaConfig: { PreAuthentication: FOREIGN },
  };

  it('carries every updatable setting over, the pool name as PoolName', () => {
    const request = updateRequest(described, { PreSignUp: OURS.preSignUp });

    for (const [target, source] of Object.entries(UPDATABLE_FROM)) {
      if (target === 'LambdaConfig') continue;
      expect(request[target as keyof typeof request], target).toBe(described[source]);
    }
    expect(request.UserPoolId).toBe('eu-west-1_AbC123');
    expect(request.LambdaConfig).toEqual({ PreSignUp: OURS.preSignUp });
    expect(Object.keys(request)).not.toContain('Arn');
    expect(Object.keys(request)).not.toContain('EstimatedNumberOfUsers');
  });

  it('refuses a pool with a setting it does not know how to carry over, naming it', () => {
    const withNewSetting = { ...described, PasskeyTheme: { Colour: 'teal' } } as UserPoolType;

    expect(() => updateRequest(withNewSetting, {})).toThrow(PoolError);
    expect(() => updateRequest(withNewSetting, {})).toThrow(
      /^POOL_FIELD_UNKNOWN: .*"PasskeyTheme"/,
    );
  });

  it('refuses a LambdaConfig slot it does not know, rather than drop that trigger', () => {
    const withNewTrigger = { ...described, LambdaConfig: { PreRefresh: FOREIGN } } as UserPoolType;

    expect(() => updateRequest(withNewTrigger, {})).toThrow(/POOL_FIELD_UNKNOWN: .*"PreRefresh"/);
  });

  it('drops the legacy UnusedAccountValidityDays that AWS refuses next to TemporaryPasswordValidityDays', () => {
    const pool: UserPoolType = {
      Id: 'eu-west-1_AbC123',
      Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 3 } },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 3 },
    };

    expect(updateRequest(pool, {}).AdminCreateUserConfig).toEqual({
      AllowAdminCreateUserOnly: true,
    });
  });
});

describe('merging LambdaConfig', () => {
  it('replaces a foreign legacy pre token function too: AWS refuses two different ARNs', () => {
    const { config, notes } = attachTriggers(
      { PreTokenGeneration: FOREIGN },
      { PreTokenGeneration: { arn: OURS.preToken, version: 'V2_0' } },
    );

    expect(config).toEqual({
      PreTokenGenerationConfig: { LambdaArn: OURS.preToken, LambdaVersion: 'V2_0' },
    });
    expect(notes).toEqual([`PreTokenGeneration: replaces ${FOREIGN}`]);
  });

  it('detaches both pre token slots when both point at us (as DescribeUserPool returns them)', () => {
    const { config } = detachTriggers(
      {
        PreTokenGeneration: OURS.preToken,
        PreTokenGenerationConfig: { LambdaArn: OURS.preToken, LambdaVersion: 'V2_0' },
        UserMigration: FOREIGN,
      },
      {
        PreSignUp: undefined,
        PostConfirmation: undefined,
        CustomMessage: undefined,
        PreTokenGeneration: OURS.preToken,
      },
    );

    expect(config).toEqual({ UserMigration: FOREIGN });
  });
});
