import { CustomMessageSource } from '@cognito-triggers/events';
import { describe, expect, it } from 'vitest';
import { composeMessages, escapeHtml, SkipReason } from '../src/index.js';
import {
  CHANNEL_NAMES,
  CHANNELS,
  COGNITO_MESSAGE_TEXT,
  compose,
  config,
  eventFor,
  LIMITS,
  LONGEST_CONFIG,
  MATRIX,
  PAYLOADS,
} from './matrix.js';

const CODE = '{%%%%}';
const USERNAME = '{user-name}';
const admin = (source: string) => source === CustomMessageSource.AdminCreateUser;

describe.each(MATRIX)('%s in %s', (source, locale) => {
  const options = { codeParameter: CODE, usernameParameter: admin(source) ? USERNAME : null };

  it.each(CHANNEL_NAMES)('carries the request codeParameter by %s, never {####}', (channel) => {
    const message = CHANNELS[channel](compose(config(), eventFor(source, locale, options)));
    expect(message).toContain(CODE);
    expect(message).not.toContain('{####}');
  });

  it('is written in the user locale', () => {
    expect(compose(config(), eventFor(source, locale)).locale).toBe(locale);
  });

  it('stays within the subject, SMS and email limits at the longest configuration', () => {
    const longest = config(LONGEST_CONFIG);
    for (const fill of ['"', '文', '😀', '&']) {
      const long = fill.repeat(2048);
      const event = eventFor(source, locale, {
        ...options,
        email: `${fill.repeat(240)}@example.com`,
        userAttributes: { name: long, given_name: long, preferred_username: long },
      });
      const response = compose(longest, event);
      expect(response.emailSubject.length).toBeLessThanOrEqual(LIMITS.emailSubject);
      expect(response.smsMessage.length).toBeLessThanOrEqual(LIMITS.smsMessage);
      expect(response.emailMessage.length).toBeLessThanOrEqual(LIMITS.emailMessage);
      // The limits held without the last-resort fallbacks: the whole message is there.
      expect(response.emailMessage).toMatch(/^<!DOCTYPE html>/);
      expect(response.emailSubject).toContain(LONGEST_CONFIG.APP_NAME);
      expect(response.smsMessage).toContain(LONGEST_CONFIG.APP_NAME);
    }
  });

  it.each(PAYLOADS)('shows %s in a user value as text in the email, never as markup', (payload) => {
    for (const attribute of ['name', 'given_name', 'preferred_username']) {
      const event = eventFor(source, locale, { userAttributes: { [attribute]: payload } });
      const { emailMessage, smsMessage } = compose(config(), event);
      expect(emailMessage).not.toContain(payload);
      expect(emailMessage).toContain(escapeHtml(payload));
      expect(smsMessage).not.toContain(payload);
    }
  });

  it.each(PAYLOADS)('shows %s in APP_NAME as text in the email', (payload) => {
    const { emailMessage, emailSubject, smsMessage } = compose(
      config({ APP_NAME: payload }),
      eventFor(source, locale),
    );
    expect(emailMessage).not.toContain(payload);
    expect(emailMessage).toContain(escapeHtml(payload));
    // A subject and an SMS are plain text: escaping would show "&lt;" to the reader.
    expect(emailSubject).toContain(payload);
    expect(smsMessage).toContain(payload);
  });

  it('escapes the email address in the email and encodes it in the verification link', () => {
    const email = '"><img src=x onerror=alert(1)>@example.com';
    const event = eventFor(source, locale, { email });
    const { emailMessage } = compose(
      config({ VERIFY_LINK_URL: 'https://app.example.com/v?code={code}&email={email}' }),
      event,
    );
    expect(emailMessage).not.toContain(email);
    expect(emailMessage).toContain(escapeHtml(email));
    if (source === 'CustomMessage_SignUp' || source === 'CustomMessage_ResendCode') {
      expect(emailMessage).toContain(
        `href="https://app.example.com/v?code={####}&amp;email=${encodeURIComponent(email)}"`,
      );
    } else {
      expect(emailMessage).not.toContain('https://app.example.com/v');
    }
  });

  it.each(CHANNEL_NAMES)('sends only text Cognito accepts by %s', (channel) => {
    const event = eventFor(source, locale, {
      userAttributes: { name: 'Ana\u202e\u200dnimda\u00a0\u2028\ud800\u0007' },
    });
    const message = CHANNELS[channel](compose(config({ APP_NAME: 'Acme' }), event));
    expect(message).toMatch(COGNITO_MESSAGE_TEXT);
  });

  it('reaches a user without an email address (phone only) by SMS', () => {
    const event = eventFor(source, locale, {
      email: null,
      userAttributes: { phone_number: '+15555550100' },
    });
    const response = compose(config(), event);
    expect(response.smsMessage).toContain('{####}');
    expect(response.emailMessage).toContain('{####}');
    expect(response.emailMessage).not.toContain('@');
  });
});

describe.each(MATRIX.filter(([source]) => admin(source)))('%s in %s', (source, locale) => {
  it.each(CHANNEL_NAMES)('carries the request usernameParameter by %s', (channel) => {
    const event = eventFor(source, locale, { codeParameter: CODE, usernameParameter: USERNAME });
    const message = CHANNELS[channel](compose(config(), event));
    expect(message).toContain(USERNAME);
    expect(message).not.toContain('{username}');
  });
});

describe('composeMessages', () => {
  it('greets by given name, then name, then preferred user name, then without a name', () => {
    const greet = (userAttributes: Record<string, string>) =>
      compose(config(), eventFor('CustomMessage_SignUp', 'en', { userAttributes })).emailMessage;
    expect(greet({ given_name: 'Ana', name: 'Ana García' })).toContain('Hello Ana,');
    expect(greet({ given_name: ' \u200b ', name: 'Ana García' })).toContain('Hello Ana García,');
    expect(greet({ preferred_username: 'ana_g' })).toContain('Hello ana_g,');
    expect(greet({})).toContain('Hello,');
  });

  it('cuts a long name with an ellipsis', () => {
    const event = eventFor('CustomMessage_SignUp', 'en', {
      userAttributes: { given_name: 'A'.repeat(100) },
    });
    expect(compose(config(), event).emailMessage).toContain(`Hello ${'A'.repeat(63)}…,`);
  });

  it('puts the request codeParameter verbatim into the verification link of sign-up and resend', () => {
    const linked = config({ VERIFY_LINK_URL: 'https://app.example.com/confirm/{code}?u={email}' });
    for (const source of ['CustomMessage_SignUp', 'CustomMessage_ResendCode'] as const) {
      const event = eventFor(source, 'en', { codeParameter: CODE, email: 'ana+x@example.com' });
      expect(compose(linked, event).emailMessage).toContain(
        'href="https://app.example.com/confirm/{%%%%}?u=ana%2Bx%40example.com"',
      );
    }
  });

  it('never emits the linkParameter: links are VERIFY_LINK_URL or nothing', () => {
    for (const [source] of MATRIX) {
      const response = compose(config(), eventFor(source, 'en'));
      expect(Object.values(response).join('\n')).not.toContain('{##Click Here##}');
    }
  });

  it('links an invitation to APP_URL, and shows the logo with the app name as alt text', () => {
    const { emailMessage } = compose(
      config({
        APP_NAME: 'Acme & Co',
        APP_URL: 'https://app.example.com/',
        LOGO_URL: 'https://cdn.example.com/logo.png',
      }),
      eventFor('CustomMessage_AdminCreateUser', 'de'),
    );
    expect(emailMessage).toContain('href="https://app.example.com/"');
    expect(emailMessage).toContain('Bei Acme &amp; Co anmelden');
    expect(emailMessage).toMatch(
      /<img src="https:\/\/cdn\.example\.com\/logo\.png" alt="Acme &amp; Co" height="40"/,
    );
  });

  it('escapes SUPPORT_EMAIL and links it', () => {
    const { emailMessage } = compose(
      config({ SUPPORT_EMAIL: 'help&desk@example.com' }),
      eventFor('CustomMessage_ForgotPassword', 'es'),
    );
    expect(emailMessage).toContain(
      '¿Tienes preguntas? Escribe a <a href="mailto:help&amp;desk@example.com"',
    );
    expect(emailMessage).not.toContain('help&desk');
  });

  it('sets all three messages for the SMS MFA code too', () => {
    const response = compose(config(), eventFor('CustomMessage_Authentication', 'fr'));
    expect(response.smsMessage).toBe(
      'Acme : votre code de connexion est {####}. Ne le partagez pas.',
    );
    expect(response.emailSubject).toBe('Votre code de connexion Acme');
    expect(response.emailMessage).toContain('{####}');
  });

  it('leaves an unknown source to the pool template', () => {
    const event = eventFor('CustomMessage_SignUp', 'en');
    for (const triggerSource of [
      'CustomMessage_Future',
      'CustomMessage_constructor',
      'PreSignUp_SignUp',
    ]) {
      expect(composeMessages(config(), { ...event, triggerSource })).toEqual({
        composed: false,
        reason: SkipReason.UnknownSource,
      });
    }
  });

  it('leaves a placeholder that HTML would change, or a missing one, to the pool template', () => {
    const unusable = [
      eventFor('CustomMessage_SignUp', 'en', { codeParameter: '<b>{####}</b>' }),
      eventFor('CustomMessage_SignUp', 'en', { codeParameter: '' }),
      eventFor('CustomMessage_AdminCreateUser', 'en', { usernameParameter: null }),
      eventFor('CustomMessage_AdminCreateUser', 'en', { usernameParameter: '{user name}' }),
    ];
    for (const event of unusable) {
      expect(composeMessages(config(), event)).toEqual({
        composed: false,
        reason: SkipReason.UnusablePlaceholder,
      });
    }
  });

  it('falls back to the code alone when an absurd codeParameter would overflow the SMS', () => {
    const code = `{${'#'.repeat(62)}}`;
    const response = compose(
      config({ APP_NAME: 'A'.repeat(40) }),
      eventFor('CustomMessage_AdminCreateUser', 'fr', { codeParameter: code }),
    );
    expect(response.smsMessage).toBe(`{username} ${code}`);
  });
});
