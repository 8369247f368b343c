import { domainToASCII } from 'node:url';

/** An email address split into a local part and a domain in its ASCII (punycode) form. */
export interface EmailAddress {
  /** As typed: the local part is case-sensitive in principle, so it is kept. */
  readonly localPart: string;
  /** Lower-case ASCII form, internationalised labels in punycode (`xn--…`). */
  readonly domain: string;
}

export type EmailParseResult =
  | { readonly ok: true; readonly email: EmailAddress }
  | { readonly ok: false; readonly reason: string };

// RFC 5322 dot-atom text, widened to Unicode letters, marks and digits (RFC 6531). Quoted local
// parts, comments, spaces and backslashes are refused: legal on paper, used mostly to smuggle a
// second "@" or a look-alike past naive checks.
const LOCAL_PART =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\p{L}\p{M}\p{N}-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\p{L}\p{M}\p{N}-]+)*$/u;

// What may stand in a domain before IDNA mapping: letters, marks, digits, hyphens and the dots
// that IDNA maps to "." (ideographic and full-width full stops). Everything else, "%" above all,
// is refused first, because the WHATWG host parser would percent-decode "exa%6dple.com" into
// "example.com".
const UNICODE_DOMAIN = /^[\p{L}\p{M}\p{N}\-.\u3002\uFF0E\uFF61]+$/u;

const ASCII_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Normalises a domain name to lower-case ASCII, internationalised labels in punycode, the way
 * browsers and mail servers resolve it (UTS #46). Returns `undefined` for anything that is not a
 * plain, fully qualified host name: IP literals, a trailing dot, empty or over-long labels, an
 * all-numeric top-level label, or characters outside letters, digits and hyphens.
 *
 * @example
 * normaliseDomain('Bücher.Example') // 'xn--bcher-kva.example'
 */
export function normaliseDomain(input: string): string | undefined {
  if (input.length === 0 || input.length > 253 || !UNICODE_DOMAIN.test(input)) return undefined;
  const ascii = domainToASCII(input);
  if (ascii.length === 0 || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2) return undefined;
  if (!labels.every((label) => ASCII_LABEL.test(label))) return undefined;
  const topLevel = labels.at(-1) ?? '';
  if (/^[0-9]+$/.test(topLevel)) return undefined;
  return ascii;
}

/**
 * Parses an email address strictly: exactly one `@`, a dot-atom local part of at most 64
 * characters, a domain that {@link normaliseDomain} accepts, at most 254 characters in all.
 *
 * @example
 * const parsed = parseEmailAddress('Ana@Example.COM');
 * if (parsed.ok) parsed.email.domain; // 'example.com'
 */
export function parseEmailAddress(input: unknown): EmailParseResult {
  if (typeof input !== 'string' || input.length === 0) return fail('missing');
  if (input.length > 254) return fail('too long');
  const at = input.indexOf('@');
  if (at === -1 || at !== input.lastIndexOf('@')) return fail('not exactly one "@"');
  const localPart = input.slice(0, at);
  if (localPart.length === 0 || localPart.length > 64 || !LOCAL_PART.test(localPart)) {
    return fail('malformed local part');
  }
  const domain = normaliseDomain(input.slice(at + 1));
  if (domain === undefined) return fail('malformed domain');
  return { ok: true, email: { localPart, domain } };
}

function fail(reason: string): EmailParseResult {
  return { ok: false, reason };
}
