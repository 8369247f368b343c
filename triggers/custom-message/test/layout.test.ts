import { describe, expect, it } from 'vitest';
import { compose, config, eventFor, MATRIX, PAYLOADS } from './matrix.js';

// The only markup an email may hold: ours. A user value that slipped through unescaped would
// show up as another tag, or as an event handler attribute.
const OUR_TAGS = new Set(['!DOCTYPE', 'html', 'head', 'meta', 'title', 'body', 'div', 'table']);
for (const tag of ['tr', 'td', 'h1', 'p', 'span', 'a', 'img', 'br']) OUR_TAGS.add(tag);
const tagsOf = (html: string) => html.match(/<[^>]*>/g) ?? [];
const nameOf = (tag: string) => /^<\/?([!\w-]+)/.exec(tag)?.[1] ?? tag;

const branded = config({
  LOGO_URL: 'https://cdn.example.com/logo.png',
  APP_URL: 'https://app.example.com/',
  SUPPORT_EMAIL: 'help@example.com',
  VERIFY_LINK_URL: 'https://app.example.com/verify?code={code}&email={email}',
  BRAND_COLOR: '#e11d48',
});

describe.each(MATRIX)('the %s email in %s', (source, locale) => {
  const { emailMessage: html, emailSubject } = compose(
    branded,
    eventFor(source, locale, {
      userAttributes: { name: PAYLOADS[1], given_name: PAYLOADS[0] },
      email: `${PAYLOADS[1]}@example.com`,
    }),
  );

  it('is a whole HTML document in the user language, titled with the subject', () => {
    expect(html).toMatch(new RegExp(`^<!DOCTYPE html><html lang="${locale}" dir="ltr">`));
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    expect(html).toContain(`<title>${emailSubject.replaceAll('"', '&quot;')}</title>`);
    expect(html).toMatch(/<\/body><\/html>$/);
  });

  it('lays out with tables at most 600 px wide, styled inline only', () => {
    expect(html).toMatch(
      /<table role="presentation"[^>]* width="600" style="width:100%;max-width:600px;/,
    );
    expect(html).not.toMatch(/<style|<link|<script|@import|javascript:|\sclass=/i);
    const tags = tagsOf(html);
    expect(tags.filter((tag) => !OUR_TAGS.has(nameOf(tag)))).toEqual([]);
    expect(tags.filter((tag) => /\son\w+=/i.test(tag))).toEqual([]);
  });

  it('opens with a hidden preheader and shows the logo with the app name as alt text', () => {
    expect(html).toMatch(
      /<body[^>]*>\n<div style="display:none;max-height:0;overflow:hidden;[^"]*">[^<]{20,}/,
    );
    expect(html).toContain('<img src="https://cdn.example.com/logo.png" alt="Acme"');
  });

  it('puts the brand colour into the style, and user values only as escaped text', () => {
    expect(html).toContain('border-top:4px solid #e11d48');
    for (const payload of PAYLOADS) expect(html).not.toContain(payload);
  });
});
