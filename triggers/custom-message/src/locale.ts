import type { Catalog } from './catalog.js';
import { de } from './locales/de.js';
import { en } from './locales/en.js';
import { es } from './locales/es.js';
import { fr } from './locales/fr.js';
import { pt } from './locales/pt.js';

/**
 * Every shipped catalog by its BCP 47 tag (`CATALOGS.de.codeLabel` is `'Ihr Code'`). A new locale is a file in `src/locales/` and a line
 * here; `DEFAULT_LOCALE` and the user's `locale` attribute can name it from then on.
 */
export const CATALOGS = {
  en,
  de,
  es,
  fr,
  pt,
} as const satisfies Record<string, Catalog>;

/** A shipped locale: `en`, `de`, `es`, `fr`, `pt` (as written in Brazil). */
export type Locale = keyof typeof CATALOGS;

/** The shipped locales, in catalog order. */
export const LOCALES = Object.keys(CATALOGS) as readonly Locale[];

/** The locale of last resort, when neither the user nor `DEFAULT_LOCALE` names a shipped one. */
export const FALLBACK_LOCALE: Locale = 'en';

const BY_LOWER_CASE: ReadonlyMap<string, Locale> = new Map(
  LOCALES.map((locale) => [locale.toLowerCase(), locale]),
);

// A language tag as people and libraries write it: `de`, `de-AT`, `zh-Hant-TW`, `pt_BR`.
const TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/;

/**
 * The shipped locale that `tag` names exactly, ignoring case and `_` for `-`; `undefined` for
 * anything else. `DEFAULT_LOCALE` is read with this.
 *
 * @example
 * findLocale('DE') // 'de'
 */
export function findLocale(tag: string): Locale | undefined {
  return BY_LOWER_CASE.get(normaliseTag(tag));
}

/**
 * The locale of a message: the user's `locale` attribute through its fallback chain, then
 * `defaultLocale`. `de-AT` → `de`; `pt-BR` → `pt`; `de_AT`, `DE-at`,
 * `de_AT.UTF-8` and `de-AT,de;q=0.9` read as `de-AT`; garbage, empty or missing → the default.
 * Never throws.
 *
 * @example
 * resolveLocale('es-MX', 'en') // 'es'
 * resolveLocale('klingon!', 'de') // 'de'
 */
export function resolveLocale(attribute: string | undefined, defaultLocale: Locale): Locale {
  const subtags = normaliseTag(attribute ?? '').split('-');
  for (let length = subtags.length; length > 0; length -= 1) {
    const locale = BY_LOWER_CASE.get(subtags.slice(0, length).join('-'));
    if (locale !== undefined) return locale;
  }
  return defaultLocale;
}

/** Lower-case, `-`-separated; the first entry of a list; no POSIX charset or modifier. */
function normaliseTag(raw: string): string {
  const tag = (raw.split(/[,;.@]/)[0] ?? '').trim().toLowerCase().replaceAll('_', '-');
  return TAG.test(tag) ? tag : '';
}
