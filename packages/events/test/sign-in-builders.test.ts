import { describe, expect, it } from 'vitest';
import { ProviderType } from '../src/index.js';
import {
  ALL_SOURCES,
  createAuthChallengeEvent,
  defineAuthChallengeEvent,
  EVERY_SOURCE,
  inboundFederationEvent,
  postAuthenticationEvent,
  SAMPLE,
  userMigrationEvent,
  verifyAuthChallengeResponseEvent,
} from '../src/testing/index.js';

const envelope = (triggerSource: string, userName: string = SAMPLE.sub) => ({
  version: '1',
  region: SAMPLE.region,
  userPoolId: SAMPLE.userPoolId,
  triggerSource,
  userName,
  callerContext: { awsSdkVersion: SAMPLE.awsSdkVersion, clientId: SAMPLE.clientId },
});

const confirmedUser = {
  sub: SAMPLE.sub,
  'cognito:user_status': 'CONFIRMED',
  email_verified: 'true',
  email: SAMPLE.email,
};

describe('EVERY_SOURCE', () => {
  it('adds the sources the developer guide names for the other triggers to ALL_SOURCES', () => {
    expect(EVERY_SOURCE).toEqual({
      ...ALL_SOURCES,
      postAuthentication: ['PostAuthentication_Authentication'],
      defineAuthChallenge: ['DefineAuthChallenge_Authentication'],
      createAuthChallenge: ['CreateAuthChallenge_Authentication'],
      verifyAuthChallengeResponse: ['VerifyAuthChallengeResponse_Authentication'],
      userMigration: ['UserMigration_Authentication', 'UserMigration_ForgotPassword'],
      customEmailSender: [
        'CustomEmailSender_SignUp',
        'CustomEmailSender_ResendCode',
        'CustomEmailSender_ForgotPassword',
        'CustomEmailSender_UpdateUserAttribute',
        'CustomEmailSender_VerifyUserAttribute',
        'CustomEmailSender_AdminCreateUser',
        'CustomEmailSender_AccountTakeOverNotification',
        'CustomEmailSender_Authentication',
      ],
      customSmsSender: [
        'CustomSMSSender_SignUp',
        'CustomSMSSender_ResendCode',
        'CustomSMSSender_ForgotPassword',
        'CustomSMSSender_UpdateUserAttribute',
        'CustomSMSSender_VerifyUserAttribute',
        'CustomSMSSender_AdminCreateUser',
        'CustomSMSSender_Authentication',
      ],
      inboundFederation: ['InboundFederation_ExternalProvider'],
    });
  });
});

describe('postAuthenticationEvent', () => {
  it('builds a signed-in, confirmed user on a known device with an empty response', () => {
    expect(postAuthenticationEvent()).toEqual({
      ...envelope('PostAuthentication_Authentication'),
      request: { userAttributes: confirmedUser, newDeviceUsed: false, clientMetadata: null },
      response: {},
    });
  });

  it('reports a new device and the client metadata when asked', () => {
    const event = postAuthenticationEvent({
      newDeviceUsed: true,
      clientMetadata: { app: 'kiosk' },
    });
    expect(event.request).toMatchObject({ newDeviceUsed: true, clientMetadata: { app: 'kiosk' } });
  });
});

describe('custom authentication challenge builders', () => {
  it('start a custom flow: an empty session and a response of nulls to define', () => {
    expect(defineAuthChallengeEvent()).toEqual({
      ...envelope('DefineAuthChallenge_Authentication'),
      request: { userAttributes: confirmedUser, session: [], userNotFound: false },
      response: { challengeName: null, issueTokens: null, failAuthentication: null },
    });
  });

  it('carry the session given, as a copy', () => {
    const session = [
      { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null },
      { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
    ] as const;
    const given = session.map((challenge) => ({ ...challenge }));
    const event = defineAuthChallengeEvent({ session: given });
    expect(event.request.session).toEqual(session);
    for (const challenge of event.request.session) challenge.challengeResult = false;
    expect(given.map((challenge) => challenge.challengeResult)).toEqual([true, true]);
  });

  it('ask create for a CUSTOM_CHALLENGE, its three response fields null', () => {
    expect(createAuthChallengeEvent()).toEqual({
      ...envelope('CreateAuthChallenge_Authentication'),
      request: {
        userAttributes: confirmedUser,
        challengeName: 'CUSTOM_CHALLENGE',
        session: [],
        userNotFound: false,
      },
      response: {
        publicChallengeParameters: null,
        privateChallengeParameters: null,
        challengeMetadata: null,
      },
    });
  });

  it('carry clientMetadata only when the client sent some', () => {
    expect(createAuthChallengeEvent().request).not.toHaveProperty('clientMetadata');
    expect(
      createAuthChallengeEvent({ clientMetadata: { lang: 'pt' } }).request.clientMetadata,
    ).toEqual({
      lang: 'pt',
    });
  });

  it('give verify the right answer by default, and a wrong one when asked', () => {
    const right = verifyAuthChallengeResponseEvent();
    expect(right).toEqual({
      ...envelope('VerifyAuthChallengeResponse_Authentication'),
      request: {
        userAttributes: confirmedUser,
        privateChallengeParameters: { answer: '731902' },
        challengeAnswer: '731902',
        userNotFound: false,
      },
      response: { answerCorrect: null },
    });
    const wrong = verifyAuthChallengeResponseEvent({ challengeAnswer: '000000' });
    expect(wrong.request.challengeAnswer).not.toBe(wrong.request.privateChallengeParameters.answer);
  });

  it('carry no attributes of a user who does not exist', () => {
    const event = defineAuthChallengeEvent({ userNotFound: true, userName: 'nobody@example.com' });
    expect(event.request).toMatchObject({ userAttributes: {}, userNotFound: true });
    expect(event.userName).toBe('nobody@example.com');
  });
});

describe('userMigrationEvent', () => {
  it('builds a sign-in with the typed password and a response of nulls', () => {
    expect(userMigrationEvent('UserMigration_Authentication', { password: 'old-secret' })).toEqual({
      ...envelope('UserMigration_Authentication', SAMPLE.email),
      request: { password: 'old-secret', validationData: null, clientMetadata: null },
      response: {
        userAttributes: null,
        finalUserStatus: null,
        messageAction: null,
        desiredDeliveryMediums: null,
        forceAliasCreation: null,
        enableSMSMFA: null,
      },
    });
  });

  it('sends no password in the forgot-password flow', () => {
    const event = userMigrationEvent('UserMigration_ForgotPassword', { password: 'ignored' });
    expect(event.request).not.toHaveProperty('password');
    expect(event.request).toEqual({ validationData: null, clientMetadata: null });
  });
});

describe('inboundFederationEvent', () => {
  const oidcTypes = Object.values(ProviderType).filter((type) => type !== 'SAML');

  it.each(oidcTypes)('gives a %s sign-in the token response, ID token and userInfo', (type) => {
    const event = inboundFederationEvent(type);
    expect(event.triggerSource).toBe('InboundFederation_ExternalProvider');
    expect(event.request.providerType).toBe(type);
    expect(Object.keys(event.request.attributes).sort()).toEqual([
      'idToken',
      'tokenResponse',
      'userInfo',
    ]);
    expect(event.request.attributes).toMatchObject({
      tokenResponse: { access_token: expect.any(String), token_type: 'Bearer', expires_in: '3600' },
      idToken: { email: SAMPLE.email, email_verified: 'true' },
      userInfo: { email: SAMPLE.email },
    });
    expect(event.userName).toBe(`${event.request.providerName}_113345678901234567890`);
    expect(event.response).toEqual({ userAttributesToMap: {} });
  });

  it('gives a SAML sign-in the assertion’s attributes only', () => {
    const event = inboundFederationEvent('SAML', {
      providerName: 'AcmeEntra',
      attributes: { samlResponse: { groups: 'staff,admins' } },
    });
    expect(event.request).toEqual({
      providerName: 'AcmeEntra',
      providerType: 'SAML',
      attributes: {
        samlResponse: {
          'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': SAMPLE.email,
          groups: 'staff,admins',
        },
      },
    });
    expect(event.userName).toBe(`AcmeEntra_${SAMPLE.email}`);
  });

  it('sends every attribute value as a string, as the developer guide shows', () => {
    for (const type of Object.values(ProviderType)) {
      const values = Object.values(inboundFederationEvent(type).request.attributes).flatMap(
        (members) => Object.values(members ?? {}),
      );
      expect(values.every((value) => typeof value === 'string')).toBe(true);
    }
  });
});
