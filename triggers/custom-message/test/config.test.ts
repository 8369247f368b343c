import { ConfigError } from '@cognito-triggers/events';
import { describe, expect, it } from 'vitest';
import {
  customMessageConfig,
  DEFAULT_BRAND_COLOR,
  MAX_APP_NAME_LENGTH,
  MAX_URL_LENGTH,
  SETTINGS,
} from '../src/index.js';

const load = (environment: Record<string, string>) =>
  customMessageConfig.load({ APP_NAME: 'Acme', ...environment });

const rejects = (environment: Record<string, string>, variable: string, reason: RegExp) => {
  let error: unknown;
  try {
    load(environment);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).variable).toBe(variable);
  expect((error as ConfigError).message).toMatch(reason);
};

describe('the custom message configuration', () => {
  it('needs only APP_NAME, and defaults the rest', () => {
    expect(load({})).toEqual({
      appName: 'Acme',
      defaultLocale: 'en',
      supportEmail: undefined,
      brandColor: DEFAULT_BRAND_COLOR,
      logoUrl: undefined,
      appUrl: undefined,
      verifyLinkUrl: undefined,
    });
  });

  it('reads every variable', () => {
    const config = load({
      DEFAULT_LOCALE: 'DE',
      SUPPORT_EMAIL: 'help@acme.example',
      BRAND_COLOR: '#0A8',
      LOGO_URL: 'https://cdn.acme.example/logo.png',
      APP_URL: 'https://app.acme.example',
      VERIFY_LINK_URL: 'https://app.acme.example/verify/{code}?email={email}',
    });
    expect(config).toEqual({
      appName: 'Acme',
      defaultLocale: 'de',
      supportEmail: 'help@acme.example',
      brandColor: '#00aa88',
      logoUrl: 'https://cdn.acme.example/logo.png',
      appUrl: 'https://app.acme.example/',
      // As written: a URL parser would encode the braces Cognito looks for.
      verifyLinkUrl: 'https://app.acme.example/verify/{code}?email={email}',
    });
  });

  it('requires APP_NAME, of at most the documented length, printable', () => {
    expect(() => customMessageConfig.load({})).toThrow('APP_NAME: is required but not set');
    expect(load({ APP_NAME: 'A'.repeat(MAX_APP_NAME_LENGTH) }).appName).toHaveLength(40);
    rejects({ APP_NAME: 'A'.repeat(MAX_APP_NAME_LENGTH + 1) }, 'APP_NAME', /at most 40/);
    rejects({ APP_NAME: 'Acme\u202eevil' }, 'APP_NAME', /control, format/);
    rejects({ APP_NAME: 'Acme\u00a0Cloud' }, 'APP_NAME', /special space/);
  });

  it('accepts only a shipped DEFAULT_LOCALE, and names the shipped ones', () => {
    expect(load({ DEFAULT_LOCALE: 'pt' }).defaultLocale).toBe('pt');
    rejects({ DEFAULT_LOCALE: 'de-AT' }, 'DEFAULT_LOCALE', /shipped locale \(en, de, es, fr, pt\)/);
    rejects({ DEFAULT_LOCALE: 'xx' }, 'DEFAULT_LOCALE', /got "xx"/);
  });

  it('accepts BRAND_COLOR as #rgb or #rrggbb only: it goes into CSS', () => {
    expect(load({ BRAND_COLOR: '#ABCDEF' }).brandColor).toBe('#abcdef');
    for (const colour of ['red', '#12345', 'url(x)', '#fff;background:url(//x)', '1f6feb']) {
      rejects({ BRAND_COLOR: colour }, 'BRAND_COLOR', /#rgb or #rrggbb/);
    }
  });

  it.each(['LOGO_URL', 'APP_URL'])('accepts %s as an https URL only', (name) => {
    rejects({ [name]: 'http://acme.example/' }, name, /https/);
    rejects({ [name]: 'javascript:alert(1)' }, name, /https/);
    rejects({ [name]: 'not a url' }, name, /not a URL/);
    rejects({ [name]: 'https://user:pw@acme.example/' }, name, /user name or password/);
    rejects({ [name]: `https://acme.example/${'a'.repeat(MAX_URL_LENGTH)}` }, name, /longer/);
  });

  it('accepts VERIFY_LINK_URL as an https URL with {code} and maybe {email}', () => {
    const name = 'VERIFY_LINK_URL';
    expect(load({ [name]: 'https://a.example/v#c={code}' }).verifyLinkUrl).toBe(
      'https://a.example/v#c={code}',
    );
    rejects({ [name]: 'https://a.example/v?email={email}' }, name, /with \{code\}/);
    rejects({ [name]: 'https://a.example/v?c={code}&u={username}' }, name, /no other braces/);
    rejects({ [name]: 'http://a.example/v?c={code}' }, name, /https URL/);
    rejects({ [name]: 'https://a.example/v?c={code}"onclick="x' }, name, /quotes/);
  });

  it('accepts SUPPORT_EMAIL as an email address only', () => {
    rejects({ SUPPORT_EMAIL: 'help' }, 'SUPPORT_EMAIL', /email address/);
    rejects({ SUPPORT_EMAIL: '"x"<a@b.example>' }, 'SUPPORT_EMAIL', /email address/);
  });

  it('maps every setting onto exactly the variables it reads, each a string', () => {
    expect(Object.values(SETTINGS).every((setting) => setting.kind === 'string')).toBe(true);
    expect(
      Object.values(SETTINGS)
        .map((setting) => setting.variable)
        .sort(),
    ).toEqual([...customMessageConfig.variables].sort());
    expect(Object.keys(SETTINGS)).toEqual([
      'app_name',
      'default_locale',
      'support_email',
      'brand_color',
      'logo_url',
      'app_url',
      'verify_link_url',
    ]);
  });
});
