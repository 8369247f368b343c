import { ConfigError, defineConfig, env, type Variable } from '@cognito-triggers/events';
import { findLocale, LOCALES } from './locale.js';

/**
 * The longest `APP_NAME`, in characters. It appears in every subject and SMS: with it, and the
 * catalogs' own limits, a subject and an SMS stay within Cognito's 140 characters whatever the
 * locale (the tests render every message with a name this long).
 */
export const MAX_APP_NAME_LENGTH = 40;

/**
 * The longest `LOGO_URL`, `APP_URL` or `VERIFY_LINK_URL`. Each appears up to five times in an
 * email, HTML-escaped; with it, the longest email stays within Cognito's 20,000 characters.
 */
export const MAX_URL_LENGTH = 256;

/** The brand colour when `BRAND_COLOR` is unset. */
export const DEFAULT_BRAND_COLOR = '#1f6feb';

/**
 * The custom message trigger's environment; every variable is documented in the README.
 *
 * @example
 * const config = customMessageConfig.load({ APP_NAME: 'Acme', BRAND_COLOR: '#0a8' });
 * config.brandColor // '#00aa88'
 */
export const customMessageConfig = defineConfig({
  appName: checked(env.string('APP_NAME'), appName),
  defaultLocale: checked(env.string('DEFAULT_LOCALE', { default: 'en' }), (raw) => {
    const locale = findLocale(raw);
    if (locale === undefined) {
      throw new Error(`expected a shipped locale (${LOCALES.join(', ')}), got "${raw}"`);
    }
    return locale;
  }),
  supportEmail: checked(env.optionalString('SUPPORT_EMAIL'), optional(supportEmail)),
  brandColor: checked(env.string('BRAND_COLOR', { default: DEFAULT_BRAND_COLOR }), colour),
  logoUrl: checked(env.optionalString('LOGO_URL'), optional(httpsUrl)),
  appUrl: checked(env.optionalString('APP_URL'), optional(httpsUrl)),
  verifyLinkUrl: checked(env.optionalString('VERIFY_LINK_URL'), optional(linkTemplate)),
});

export type CustomMessageConfig = ReturnType<typeof customMessageConfig.load>;

/** A variable whose value is checked further; an `Error` from `check` names the variable. */
function checked<T, U>(variable: Variable<T>, check: (value: T) => U): Variable<U> {
  return {
    name: variable.name,
    read(environment) {
      const value = variable.read(environment);
      try {
        return check(value);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ConfigError(variable.name, reason, { cause: error });
      }
    },
  };
}

function optional<U>(check: (raw: string) => U): (raw: string | undefined) => U | undefined {
  return (raw) => (raw === undefined ? undefined : check(raw));
}

// Control and format characters (bidirectional overrides), and spaces other than the plain one:
// invisible in a subject, and outside what Cognito accepts in a message (see text.ts).
const UNPRINTABLE = /(?! )[\p{C}\p{Z}]/u;

function appName(raw: string): string {
  if (UNPRINTABLE.test(raw)) {
    throw new Error('contains control, format or special space characters');
  }
  if (raw.length > MAX_APP_NAME_LENGTH) {
    throw new Error(
      `must be at most ${MAX_APP_NAME_LENGTH} characters (subjects and SMS have 140), got ${raw.length}`,
    );
  }
  return raw;
}

// An operator's address, shown and put in a mailto: link. Not the events library's strict
// parser: it would add 900 bytes to a bundle whose budget the catalogs need.
const SUPPORT_EMAIL = /^[^\s@"'<>()[\],;:\\]{1,64}@(?:[a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i;

function supportEmail(raw: string): string {
  if (!SUPPORT_EMAIL.test(raw)) throw new Error(`expected an email address, got "${raw}"`);
  return raw;
}

/** `#rgb` or `#rrggbb`, returned as lower-case `#rrggbb`: it goes into CSS. */
function colour(raw: string): string {
  if (/^#[0-9a-f]{6}$/i.test(raw)) return raw.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(raw)) {
    return `#${[...raw.slice(1)].map((digit) => digit + digit).join('')}`.toLowerCase();
  }
  throw new Error(`expected a colour as #rgb or #rrggbb, got "${raw}"`);
}

function httpsUrl(raw: string): string {
  const { href } = https(raw);
  if (href.length > MAX_URL_LENGTH) throw new Error(`is longer than ${MAX_URL_LENGTH} characters`);
  return href;
}

function https(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:') throw new Error(`must be an https:// URL, got "${raw}"`);
  if (url.username !== '' || url.password !== '') {
    throw new Error('must not carry a user name or password');
  }
  return url;
}

/**
 * An https URL with `{code}` (required) and `{email}` (optional) in it. Kept as written: a URL
 * parser would percent-encode the braces, and Cognito must find its code placeholder verbatim.
 */
function linkTemplate(raw: string): string {
  const sample = raw.replaceAll('{code}', '123456').replaceAll('{email}', 'ana%40example.com');
  try {
    if (!raw.includes('{code}') || /[\s"'<>\\{}]|\p{Cc}/u.test(sample)) throw new Error();
    https(sample);
  } catch {
    throw new Error(
      `expected an https URL with {code} (and optionally {email}), and no other braces, spaces, quotes or angle brackets, got "${raw}"`,
    );
  }
  if (raw.length > MAX_URL_LENGTH) throw new Error(`is longer than ${MAX_URL_LENGTH} characters`);
  return raw;
}
