import { describe, expect, it } from 'vitest';
import { normaliseDomain, parseEmailAddress } from '../src/index.js';

describe('parseEmailAddress', () => {
  it.each([
    ['ana@example.com', 'example.com'],
    ['Ana.Maria+tag@Example.COM', 'example.com'],
    ['o.brien@sub.example.co.uk', 'sub.example.co.uk'],
    ['jürgen@bücher.example', 'xn--bcher-kva.example'],
    ['ana@xn--bcher-kva.example', 'xn--bcher-kva.example'],
    // Full-width letters are the same domain once IDNA maps them, as mail servers resolve it.
    ['ana@ｅxample.com', 'example.com'],
    ['ana@example。com', 'example.com'],
  ])('accepts %s with domain %s', (input, domain) => {
    const parsed = parseEmailAddress(input);
    expect(parsed).toMatchObject({ ok: true, email: { domain } });
  });

  it('keeps the local part as typed', () => {
    expect(parseEmailAddress('Ana@example.com')).toMatchObject({ email: { localPart: 'Ana' } });
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['ana', 'not exactly one "@"'],
    ['ana@evil.io@example.com', 'not exactly one "@"'],
    ['"ana@evil.io"@example.com', 'not exactly one "@"'],
    ['"ana"@example.com', 'malformed local part'],
    ['ana maria@example.com', 'malformed local part'],
    ['.ana@example.com', 'malformed local part'],
    ['ana..maria@example.com', 'malformed local part'],
    ['ana(comment)@example.com', 'malformed local part'],
    [`${'a'.repeat(65)}@example.com`, 'malformed local part'],
    ['ana@', 'malformed domain'],
    ['ana@localhost', 'malformed domain'],
    ['ana@example.com.', 'malformed domain'],
    ['ana@[127.0.0.1]', 'malformed domain'],
    ['ana@127.0.0.1', 'malformed domain'],
    ['ana@exa%6dple.com', 'malformed domain'],
    ['ana@exa mple.com', 'malformed domain'],
    ['ana@-example.com', 'malformed domain'],
    ['ana@example-.com', 'malformed domain'],
    ['ana@ex_ample.com', 'malformed domain'],
    ['ana@example..com', 'malformed domain'],
    [` ana@example.com`, 'malformed local part'],
    [`ana@${'a'.repeat(250)}.com`, 'too long'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseEmailAddress(input)).toEqual({ ok: false, reason });
  });

  it('turns a Cyrillic look-alike into a different punycode domain', () => {
    // "exаmple.com" with U+0430 CYRILLIC SMALL LETTER A.
    const parsed = parseEmailAddress('ana@ex\u0430mple.com');
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.email.domain).not.toBe('example.com');
    expect(parsed.ok && parsed.email.domain).toMatch(/^xn--/);
  });
});

describe('normaliseDomain', () => {
  it('lower-cases and punycodes', () => {
    expect(normaliseDomain('BÜCHER.Example')).toBe('xn--bcher-kva.example');
  });

  it('refuses an all-numeric top-level label and a single label', () => {
    expect(normaliseDomain('example.123')).toBeUndefined();
    expect(normaliseDomain('example')).toBeUndefined();
  });

  it('refuses a label over 63 characters', () => {
    expect(normaliseDomain(`${'a'.repeat(64)}.com`)).toBeUndefined();
    expect(normaliseDomain(`${'a'.repeat(63)}.com`)).toBe(`${'a'.repeat(63)}.com`);
  });
});
