import { CustomMessageSource } from '@cognito-triggers/events';
import { ALL_SOURCES } from '@cognito-triggers/events/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeMessages, LOCALES } from '../src/index.js';
import {
  COGNITO_MESSAGE_TEXT,
  config,
  eventFor,
  LIMITS,
  LONGEST_CONFIG,
  PAYLOADS,
} from './matrix.js';

// Strings of every kind: any code point, half surrogate pairs, markup, placeholders, and long.
const unit = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom(...PAYLOADS, '{####}', '{username}', '{code}', '{email}', '&', '"', '\u202e'),
);
const text = fc.oneof(
  fc.string({ unit, maxLength: 40 }),
  fc.string({ unit, minLength: 200, maxLength: 600 }),
  fc.constantFrom('', ' ', ...LOCALES, 'de-AT', 'pt_BR'),
);
const known = ['email', 'name', 'given_name', 'preferred_username', 'locale', 'phone_number'];
// Any attribute map: the well-known ones present or missing, anything else beside them.
const attributes = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...known), text),
    fc.dictionary(fc.string({ maxLength: 20 }), text, { maxKeys: 5 }),
  )
  .map(([wellKnown, others]) => ({ ...others, ...wellKnown }));
const source = fc.constantFrom(...ALL_SOURCES.customMessage);
const configuration = fc.constantFrom(
  config(),
  config(LONGEST_CONFIG),
  config({ DEFAULT_LOCALE: 'pt', VERIFY_LINK_URL: 'https://a.example/v?c={code}&e={email}' }),
);

describe('composeMessages, for any user attributes', () => {
  it('never throws, carries the placeholders, escapes, and keeps within the limits', () => {
    fc.assert(
      fc.property(configuration, source, attributes, (settings, triggerSource, userAttributes) => {
        const event = eventFor(triggerSource, undefined, { email: null, userAttributes });
        const result = composeMessages(settings, event);
        expect(result.composed).toBe(true);
        if (!result.composed) return;
        const { emailSubject, emailMessage, smsMessage } = result.response;

        expect(emailMessage).toContain('{####}');
        expect(smsMessage).toContain('{####}');
        if (triggerSource === CustomMessageSource.AdminCreateUser) {
          expect(emailMessage).toContain('{username}');
          expect(smsMessage).toContain('{username}');
        }
        expect(emailSubject.length).toBeLessThanOrEqual(LIMITS.emailSubject);
        expect(smsMessage.length).toBeLessThanOrEqual(LIMITS.smsMessage);
        expect(emailMessage.length).toBeLessThanOrEqual(LIMITS.emailMessage);
        for (const message of [emailSubject, emailMessage, smsMessage]) {
          expect(message).toMatch(COGNITO_MESSAGE_TEXT);
        }
        for (const payload of PAYLOADS) expect(emailMessage).not.toContain(payload);
        expect(emailMessage).not.toMatch(
          /<(?!\/?(?:!DOCTYPE|html|head|meta|title|body|div|table|tr|td|h1|p|span|a|img|br)\b)/,
        );
      }),
      { numRuns: 400 },
    );
  });
});
