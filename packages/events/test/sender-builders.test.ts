import { describe, expect, it } from 'vitest';
import {
  customEmailSenderEvent,
  customSmsSenderEvent,
  EVERY_SOURCE,
  SAMPLE,
} from '../src/testing/index.js';

// An AWS Encryption SDK message, base64: version 1, type 128 (customer authenticated encrypted
// data), as Cognito's ciphertexts start.
const isEncryptedCode = (code: unknown) =>
  typeof code === 'string' &&
  Buffer.from(code, 'base64').toString('base64') === code &&
  Buffer.from(code, 'base64')
    .subarray(0, 2)
    .equals(Buffer.from([0x01, 0x80]));

const takeover = 'CustomEmailSender_AccountTakeOverNotification';
const withCode = EVERY_SOURCE.customEmailSender.filter((source) => source !== takeover);

describe('customEmailSenderEvent', () => {
  it.each(withCode)('builds %s with an encrypted code and no response', (source) => {
    const event = customEmailSenderEvent(source);
    expect(event).toEqual({
      version: '1',
      region: SAMPLE.region,
      userPoolId: SAMPLE.userPoolId,
      triggerSource: source,
      userName: SAMPLE.sub,
      callerContext: {
        awsSdkVersion: SAMPLE.awsSdkVersion,
        clientId: source.endsWith('_AdminCreateUser')
          ? 'CLIENT_ID_NOT_APPLICABLE'
          : SAMPLE.clientId,
      },
      request: {
        type: 'customEmailSenderRequestV1',
        code: SAMPLE.encryptedCode,
        clientMetadata: null,
        userAttributes: expect.objectContaining({ sub: SAMPLE.sub, email: SAMPLE.email }),
      },
    });
    expect(isEncryptedCode(event.request.code)).toBe(true);
    expect(event).not.toHaveProperty('response');
  });

  it('sends no code with an account takeover notification, and the risky sign-in instead', () => {
    const event = customEmailSenderEvent(takeover);
    expect(event.request.code).toBeNull();
    expect(event.request.type).toBe('customEmailSenderRequestV1');
    expect(event.request.userAttributes).toMatchObject({
      email: SAMPLE.email,
      EVENT_ID: expect.any(String),
      USER_NAME: SAMPLE.sub,
      IP_ADDRESS: expect.any(String),
      ACCOUNT_TAKE_OVER_ACTION: 'BLOCK',
      ONE_CLICK_LINK_VALID: expect.stringMatching(/^https:\/\//),
      ONE_CLICK_LINK_INVALID: expect.stringMatching(/^https:\/\//),
    });
  });

  it('takes its own code and client metadata', () => {
    const event = customEmailSenderEvent('CustomEmailSender_ForgotPassword', {
      code: 'AYADother',
      clientMetadata: { locale: 'pt-BR' },
    });
    expect(event.request).toMatchObject({ code: 'AYADother', clientMetadata: { locale: 'pt-BR' } });
  });

  it('shows a new user unconfirmed and an invited one with a password to change', () => {
    const status = (source: (typeof EVERY_SOURCE.customEmailSender)[number]) =>
      customEmailSenderEvent(source).request.userAttributes['cognito:user_status'];
    expect(status('CustomEmailSender_SignUp')).toBe('UNCONFIRMED');
    expect(status('CustomEmailSender_AdminCreateUser')).toBe('FORCE_CHANGE_PASSWORD');
    expect(status('CustomEmailSender_ForgotPassword')).toBe('CONFIRMED');
  });
});

describe('customSmsSenderEvent', () => {
  it.each(EVERY_SOURCE.customSmsSender)(
    'builds %s with an encrypted code and a phone',
    (source) => {
      const event = customSmsSenderEvent(source);
      expect(event.triggerSource).toBe(source);
      expect(event.request).toEqual({
        type: 'customSMSSenderRequestV1',
        code: SAMPLE.encryptedCode,
        clientMetadata: null,
        userAttributes: expect.objectContaining({
          phone_number: SAMPLE.phoneNumber,
          phone_number_verified: source === 'CustomSMSSender_SignUp' ? 'false' : 'true',
        }),
      });
      expect(isEncryptedCode(event.request.code)).toBe(true);
      expect(event).not.toHaveProperty('response');
    },
  );
});
