import { ALL_SOURCES } from '@cognito-triggers/events/testing';
import { describe, expect, it } from 'vitest';
import {
  CATALOGS,
  fillText,
  LOCALES,
  MAX_APP_NAME_LENGTH,
  type SourceKey,
  sourceKey,
} from '../src/index.js';
import { COGNITO_MESSAGE_TEXT, LIMITS } from './matrix.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Every string of a catalog, by a path such as "messages.SignUp.sms".
const strings = (catalog: object, prefix = ''): [string, string][] =>
  Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : strings(value as object, `${prefix}${key}.`),
  );

const SOURCES = ALL_SOURCES.customMessage.map((source) => sourceKey(source) as SourceKey);

describe.each(LOCALES.filter((locale) => locale !== 'en'))('the %s catalog', (locale) => {
  it('uses exactly the placeholders of the English one, string by string', () => {
    const english = new Map(strings(CATALOGS.en));
    for (const [path, text] of strings(CATALOGS[locale])) {
      expect(placeholders(text), path).toEqual(placeholders(english.get(path) ?? ''));
    }
  });
});

describe.each(LOCALES)('the %s catalog', (locale) => {
  const catalog = CATALOGS[locale];

  it('has a message for every source', () => {
    expect(Object.keys(catalog.messages).sort()).toEqual([...SOURCES].sort());
  });

  it('puts {code} in every SMS, and {username} in the invitation', () => {
    for (const source of SOURCES) {
      expect(catalog.messages[source].sms).toContain('{code}');
    }
    expect(catalog.messages.AdminCreateUser.sms).toContain('{username}');
  });

  it('keeps subjects and SMS short enough for the longest APP_NAME and placeholders', () => {
    const values = { app: 'A'.repeat(MAX_APP_NAME_LENGTH), code: '{####}', username: '{username}' };
    for (const source of SOURCES) {
      const { subject, sms } = catalog.messages[source];
      expect(fillText(subject, values).length).toBeLessThanOrEqual(LIMITS.emailSubject);
      // Room for a codeParameter of 16 characters rather than {####}'s 6.
      expect(fillText(sms, values).length + 10).toBeLessThanOrEqual(LIMITS.smsMessage);
    }
  });

  it('holds only characters Cognito accepts, and no space but the plain one', () => {
    for (const [path, text] of strings(catalog)) {
      expect(text, path).toMatch(COGNITO_MESSAGE_TEXT);
      expect(text, path).not.toMatch(/[\t\n\r\f\v]|\s{2}|^\s|\s$/);
    }
  });
});
