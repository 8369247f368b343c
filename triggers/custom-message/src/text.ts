/**
 * Text handling for messages: escaping, placeholder filling, and taming user-supplied values.
 * Every value that reaches HTML goes through {@link escapeHtml}, in text and in attributes alike
 * (attributes are always double-quoted).
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes the five characters that matter in HTML text and in quoted attributes.
 *
 * @example
 * escapeHtml('"><img src=x>') // '&quot;&gt;&lt;img src=x&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** A fragment of HTML built by the layout, inserted into a template as it is. */
export interface Html {
  readonly html: string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Fills `{name}` placeholders of a catalog string, as plain text (subjects, SMS). One pass: a
 * value that itself contains `{code}` is not filled again. An unknown placeholder stays as it is.
 *
 * @example
 * fillText('{app}: your code is {code}', { app: 'Acme', code: '{####}' }) // 'Acme: your code is {####}'
 */
export function fillText(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (match, key: string) =>
    Object.hasOwn(values, key) ? (values[key] ?? match) : match,
  );
}

/**
 * Fills a catalog string into HTML: the string and every value are escaped, {@link Html}
 * fragments go in as they are. Placeholders hold no character that escaping changes, so escaping
 * first and filling after is the same as escaping each piece.
 */
export function fillHtml(
  template: string,
  values: Readonly<Record<string, string | Html>>,
): string {
  return escapeHtml(template).replace(PLACEHOLDER, (match, key: string) => {
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    if (value === undefined) return match;
    return typeof value === 'string' ? escapeHtml(value) : value.html;
  });
}

// Control and format characters (bidirectional overrides that make a name read backwards, zero
// width joiners), private-use and unassigned code points, and half surrogate pairs: invisible,
// or not text. Cognito has been seen to check a message against letters, marks, symbols,
// numbers, punctuation and white space only (InvalidParameterException "failed to satisfy
// constraint"), so none of them may reach a message, nor any space but the plain one.
const INVISIBLE = /\p{C}/gu;
const SPACE = /\p{Z}/gu;

/**
 * A user-supplied value made fit to show: invisible characters removed, every kind of space made
 * a plain one, trimmed, cut to `max` characters (never inside a surrogate pair) with an
 * ellipsis. `undefined` when nothing is left. Bounding every shown value is what keeps the email
 * within 20,000 characters.
 *
 * @example
 * userText('Ana\u202e', 64) // 'Ana'
 */
export function userText(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const clean = value.replace(INVISIBLE, '').replace(SPACE, ' ').trim();
  if (clean.length === 0) return undefined;
  if (clean.length <= max) return clean;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(clean.charAt(end - 1))) end -= 1;
  return `${clean.slice(0, end)}…`;
}

/** `encodeURIComponent`, or `undefined` for text it cannot encode (a lone surrogate). */
export function encodeUriPart(text: string): string | undefined {
  try {
    return encodeURIComponent(text);
  } catch {
    return undefined;
  }
}
