import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { PoolError } from '../src/errors.js';
import { attachTriggers, detachTriggers } from '../src/lambda-config.js';
import { UPDATABLE_FROM, updateRequest } from '../src/update-request.js';

const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const OURS = {
  preSignUp: arn('dev-PreSignUp'),
  preAuthentication: arn('dev-PreAuthentication'),
  preToken: arn('dev-PreTokenGeneration'),
};
/** Another team's trigger. */
const FOREIGN = arn('audit-PostAuthentication');

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
    LambdaConfig: { PostAuthentication: FOREIGN },
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
  it('fills PreAuthentication like the other plain slots, and keeps every slot not named', () => {
    const { config, notes } = attachTriggers(
      { UserMigration: FOREIGN, PreAuthentication: arn('old-PreAuthentication') },
      { PreAuthentication: OURS.preAuthentication },
    );

    expect(config).toEqual({ UserMigration: FOREIGN, PreAuthentication: OURS.preAuthentication });
    expect(notes).toEqual([`PreAuthentication: replaces ${arn('old-PreAuthentication')}`]);
  });

  it('detaches PreAuthentication only while it points at ours', () => {
    const ours = {
      PreSignUp: undefined,
      PostConfirmation: undefined,
      PreAuthentication: OURS.preAuthentication,
      CustomMessage: undefined,
      PreTokenGeneration: undefined,
    };

    expect(detachTriggers({ PreAuthentication: OURS.preAuthentication }, ours)).toEqual({
      config: {},
      notes: [],
    });
    expect(detachTriggers({ PreAuthentication: FOREIGN }, ours)).toEqual({
      config: { PreAuthentication: FOREIGN },
      notes: [`PreAuthentication: kept ${FOREIGN} (not ours)`],
    });
  });

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
        PreAuthentication: undefined,
        CustomMessage: undefined,
        PreTokenGeneration: OURS.preToken,
      },
    );

    expect(config).toEqual({ UserMigration: FOREIGN });
  });
});
