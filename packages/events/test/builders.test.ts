import { describe, expect, it } from 'vitest';
import {
  CustomMessageSource,
  PreTokenGenerationSource,
  preTokenGenerationVersion,
} from '../src/index.js';
import {
  ALL_SOURCES,
  customMessageEvent,
  lambdaContext,
  postConfirmationEvent,
  preAuthenticationEvent,
  preSignUpEvent,
  preTokenGenerationEvent,
  SAMPLE,
} from '../src/testing/index.js';

const userSources = ALL_SOURCES.preTokenGeneration.filter(
  (source) => source !== PreTokenGenerationSource.ClientCredentials,
);

describe('event builders', () => {
  it('cover every trigger source named in the Cognito developer guide', () => {
    expect(ALL_SOURCES).toEqual({
      preSignUp: ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider'],
      postConfirmation: [
        'PostConfirmation_ConfirmSignUp',
        'PostConfirmation_ConfirmForgotPassword',
      ],
      preAuthentication: ['PreAuthentication_Authentication'],
      preTokenGeneration: [
        'TokenGeneration_HostedAuth',
        'TokenGeneration_Authentication',
        'TokenGeneration_NewPasswordChallenge',
        'TokenGeneration_AuthenticateDevice',
        'TokenGeneration_RefreshTokens',
        'TokenGeneration_ClientCredentials',
      ],
      customMessage: [
        'CustomMessage_SignUp',
        'CustomMessage_AdminCreateUser',
        'CustomMessage_ResendCode',
        'CustomMessage_ForgotPassword',
        'CustomMessage_UpdateUserAttribute',
        'CustomMessage_VerifyUserAttribute',
        'CustomMessage_Authentication',
      ],
    });
  });

  it.each(ALL_SOURCES.preSignUp)('builds %s with the common envelope', (source) => {
    const event = preSignUpEvent(source);
    expect(event).toMatchObject({
      version: '1',
      region: SAMPLE.region,
      userPoolId: SAMPLE.userPoolId,
      triggerSource: source,
      callerContext: { awsSdkVersion: expect.any(String), clientId: SAMPLE.clientId },
      request: {
        userAttributes: { email: SAMPLE.email },
        validationData: null,
        clientMetadata: null,
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
  });

  it('gives a federated sign-up a provider user name, never the email', () => {
    expect(preSignUpEvent('PreSignUp_ExternalProvider').userName).toMatch(/^Google_\d+$/);
    expect(preSignUpEvent('PreSignUp_SignUp').userName).not.toContain('@');
  });

  it('leaves the email out when asked, and adds attributes', () => {
    const event = preSignUpEvent('PreSignUp_SignUp', {
      email: null,
      userAttributes: { phone_number: '+15555550100' },
    });
    expect(event.request.userAttributes).toEqual({ phone_number: '+15555550100' });
  });

  it.each(ALL_SOURCES.postConfirmation)('builds %s for a confirmed user', (source) => {
    const event = postConfirmationEvent(source);
    expect(event.request.userAttributes).toMatchObject({
      sub: SAMPLE.sub,
      'cognito:user_status': 'CONFIRMED',
    });
    expect(event.response).toEqual({});
  });

  it('builds a pre authentication event as in AWS’s sample: a confirmed user, an empty response', () => {
    const event = preAuthenticationEvent();
    expect(event).toEqual({
      version: '1',
      region: SAMPLE.region,
      userPoolId: SAMPLE.userPoolId,
      triggerSource: 'PreAuthentication_Authentication',
      userName: SAMPLE.sub,
      callerContext: { awsSdkVersion: expect.any(String), clientId: SAMPLE.clientId },
      request: {
        userAttributes: {
          sub: SAMPLE.sub,
          'cognito:user_status': 'CONFIRMED',
          email_verified: 'true',
          email: SAMPLE.email,
        },
        validationData: null,
        userNotFound: false,
      },
      response: {},
    });
    expect(event.request).not.toHaveProperty('clientMetadata');
  });

  it('passes the sign-in’s client metadata as validationData, and adds attributes', () => {
    const event = preAuthenticationEvent({
      validationData: { device: 'kiosk' },
      userAttributes: { 'custom:tenant_id': 'acme' },
    });
    expect(event.request.validationData).toEqual({ device: 'kiosk' });
    expect(event.request.userAttributes).toMatchObject({
      sub: SAMPLE.sub,
      'custom:tenant_id': 'acme',
    });
  });

  it('builds a sign-in of a user who does not exist without a user’s attributes', () => {
    const event = preAuthenticationEvent({ userNotFound: true, userName: 'nobody@example.com' });
    expect(event.request).toEqual({ userAttributes: {}, validationData: null, userNotFound: true });
    expect(event.userName).toBe('nobody@example.com');
  });

  it.each(userSources)('builds %s in versions 1, 2 and 3', (source) => {
    const v1 = preTokenGenerationEvent(1, source, { groups: ['staff'] });
    expect(v1.response).toEqual({ claimsOverrideDetails: null });
    expect(v1.request.groupConfiguration.groupsToOverride).toEqual(['staff']);
    expect(preTokenGenerationVersion(v1)).toBe(1);

    for (const version of [2, 3] as const) {
      const event = preTokenGenerationEvent(version, source);
      expect(event.version).toBe(String(version));
      expect(event.response).toEqual({ claimsAndScopeOverrideDetails: null });
      expect(event.request.scopes).toContain('openid');
      expect(event.userName).toBe(SAMPLE.sub);
      expect(preTokenGenerationVersion(event)).toBe(version);
    }
  });

  it('builds a machine-to-machine event without a user, in version 3 only', () => {
    const event = preTokenGenerationEvent(3, 'TokenGeneration_ClientCredentials');
    expect(event).not.toHaveProperty('userName');
    expect(event.request.userAttributes).toEqual({});
    expect(() => preTokenGenerationEvent(2, 'TokenGeneration_ClientCredentials' as never)).toThrow(
      /version 3 only/,
    );
  });

  it.each(ALL_SOURCES.customMessage)('builds %s with Cognito placeholders', (source) => {
    const event = customMessageEvent(source);
    expect(event.request.codeParameter).toBe('{####}');
    expect(event.request.usernameParameter).toBe(
      source === CustomMessageSource.AdminCreateUser ? '{username}' : null,
    );
    expect(event.response).toEqual({ smsMessage: null, emailMessage: null, emailSubject: null });
  });

  it('returns a fresh object every time', () => {
    const first = preSignUpEvent('PreSignUp_SignUp');
    first.request.userAttributes.email = 'changed@example.com';
    expect(preSignUpEvent('PreSignUp_SignUp').request.userAttributes.email).toBe(SAMPLE.email);
    const signIn = preAuthenticationEvent();
    signIn.request.userAttributes.sub = 'changed';
    expect(preAuthenticationEvent().request.userAttributes.sub).toBe(SAMPLE.sub);
  });

  it('counts the remaining time of a Lambda context down', () => {
    let now = 1_000;
    const context = lambdaContext({ timeoutMs: 3_000, now: () => now });
    now += 1_000;
    expect(context.getRemainingTimeInMillis()).toBe(2_000);
  });
});

describe('preTokenGenerationVersion', () => {
  it.each([
    ['1', 1],
    [1, 1],
    ['0', 1],
    ['2', 2],
    [2, 2],
    ['3', 3],
  ] as const)('reads version %j as %i', (version, expected) => {
    expect(preTokenGenerationVersion({ version })).toBe(expected);
  });
});
