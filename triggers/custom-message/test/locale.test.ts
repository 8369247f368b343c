import { describe, expect, it } from 'vitest';
import { FALLBACK_LOCALE, findLocale, LOCALES, resolveLocale } from '../src/index.js';

describe('the locale of a message', () => {
  it('ships en, de, es, fr and pt, and falls back to en last', () => {
    expect(LOCALES).toEqual(['en', 'de', 'es', 'fr', 'pt']);
    expect(FALLBACK_LOCALE).toBe('en');
  });

  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['de_AT', 'de'],
    ['DE-at', 'de'],
    ['de_AT.UTF-8', 'de'],
    ['de-CH-1996', 'de'],
    ['es-419', 'es'],
    ['pt-BR', 'pt'],
    ['pt_PT', 'pt'],
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    [' en-GB ', 'en'],
  ])('reads %j as %s', (attribute, locale) => {
    expect(resolveLocale(attribute, 'es')).toBe(locale);
  });

  it.each([
    undefined,
    '',
    'zh-Hant-TW',
    'klingon',
    '<script>',
    'de--AT',
    '-de',
    '__proto__',
    'constructor',
    '\u0000de',
  ])('falls back to the default locale for %j', (attribute) => {
    expect(resolveLocale(attribute, 'fr')).toBe('fr');
  });

  it('finds a shipped locale exactly, ignoring case and underscores', () => {
    expect(findLocale('PT')).toBe('pt');
    expect(findLocale('de-AT')).toBeUndefined();
    expect(findLocale('toString')).toBeUndefined();
  });
});
