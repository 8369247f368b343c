import type { Catalog, MessageText } from './catalog.js';
import type { CustomMessageConfig } from './config.js';
import type { Locale } from './locale.js';
import { escapeHtml, fillHtml } from './text.js';

/** What one email says; the layout decides how it looks. */
export interface EmailView {
  readonly locale: Locale;
  readonly catalog: Catalog;
  readonly text: MessageText;
  /** The subject as sent, plain text: the document's title and the heading. */
  readonly subject: string;
  /** The user's name, already made fit to show (`userText`), or none. */
  readonly name: string | undefined;
  /** The address the email goes to, made fit to show, or none. */
  readonly email: string | undefined;
  /** The boxed values, in order: Cognito's placeholders, with their labels. */
  readonly boxes: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  /** A call to action: the verification link, or the app for an invitation. */
  readonly button: { readonly label: string; readonly href: string } | undefined;
}

type Brand = Pick<
  CustomMessageConfig,
  'appName' | 'brandColor' | 'logoUrl' | 'appUrl' | 'supportEmail'
>;

// Mail clients drop <style> blocks and external CSS unevenly (Gmail, Outlook): every style is
// inline, the layout is tables, and the width is both an attribute (Outlook) and CSS.
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const TEXT = '#1f2328';
const MUTED = '#57606a';
const PAGE = '#f4f5f7';
const TABLE = 'role="presentation" cellpadding="0" cellspacing="0" border="0"';
// Invisible filler after the preheader, so that a preview line does not run on into the body.
const PREHEADER_STOP = '&zwnj;&nbsp;'.repeat(40);

/**
 * Renders an email: a table-based, 600 px wide, inline-styled HTML document with a hidden
 * preheader, the logo (with its alt text) or the app name, the subject as heading, the code in a box, an
 * optional button, and a footer. No script, no external style sheet, no web font.
 *
 * @example
 * const html = renderEmail(
 *   { locale: 'en', catalog: CATALOGS.en, text: CATALOGS.en.messages.SignUp, subject: 'Your Acme code',
 *     name: 'Ana', email: 'ana@example.com', boxes: [{ label: 'Your code', value: '{####}' }],
 *     button: undefined },
 *   customMessageConfig.load({ APP_NAME: 'Acme' }),
 * );
 */
export function renderEmail(view: EmailView, brand: Brand): string {
  const { catalog, text } = view;
  const app = { app: brand.appName };
  const accent = brand.brandColor;
  const onAccent = isLight(accent) ? TEXT : '#ffffff';
  const link = isLight(accent) ? TEXT : accent;

  const logo =
    brand.logoUrl === undefined
      ? `<span style="${FONT};font-size:20px;font-weight:700;color:${link}">${escapeHtml(brand.appName)}</span>`
      : `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.appName)}" height="40" style="display:block;height:40px;max-width:240px;border:0">`;
  const header =
    brand.appUrl === undefined
      ? logo
      : `<a href="${escapeHtml(brand.appUrl)}" style="text-decoration:none">${logo}</a>`;

  const greeting =
    view.name === undefined
      ? escapeHtml(catalog.greetingAnonymous)
      : fillHtml(catalog.greeting, { name: view.name });

  const boxes = view.boxes
    .map(
      (box) =>
        `<p style="margin:0 0 6px;font-size:14px;color:${MUTED}">${escapeHtml(box.label)}</p>` +
        `<table ${TABLE} style="margin:0 0 20px"><tr><td style="padding:12px 20px;background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;font-family:Menlo,Consolas,'Courier New',monospace;font-size:24px;font-weight:700;letter-spacing:3px;color:${TEXT}">${escapeHtml(box.value)}</td></tr></table>`,
    )
    .join('');

  const button =
    view.button === undefined
      ? ''
      : `<table ${TABLE} style="margin:4px 0 20px"><tr><td style="border-radius:6px;background:${accent}"><a href="${escapeHtml(view.button.href)}" style="display:inline-block;padding:12px 24px;${FONT};font-size:16px;font-weight:700;color:${onAccent};text-decoration:none;border-radius:6px">${escapeHtml(view.button.label)}</a></td></tr></table>` +
        `<p style="margin:0 0 16px;font-size:13px;line-height:18px;color:${MUTED};word-break:break-all">${escapeHtml(catalog.linkFallback)}<br><a href="${escapeHtml(view.button.href)}" style="color:${link}">${escapeHtml(view.button.href)}</a></p>`;

  const footer: string[] = [];
  if (view.email !== undefined) footer.push(fillHtml(catalog.sentTo, { email: view.email }));
  if (brand.supportEmail !== undefined) {
    const address = escapeHtml(brand.supportEmail);
    footer.push(
      fillHtml(catalog.support, {
        support: { html: `<a href="mailto:${address}" style="color:${MUTED}">${address}</a>` },
      }),
    );
  }
  footer.push(
    brand.appUrl === undefined
      ? escapeHtml(brand.appName)
      : `<a href="${escapeHtml(brand.appUrl)}" style="color:${MUTED}">${escapeHtml(brand.appName)}</a>`,
  );

  return `<!DOCTYPE html><html lang="${view.locale}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="x-apple-disable-message-reformatting"><meta name="color-scheme" content="light"><title>${escapeHtml(view.subject)}</title></head>
<body style="margin:0;padding:0;background:${PAGE}">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;mso-hide:all">${fillHtml(text.body, app)}${PREHEADER_STOP}</div>
<table ${TABLE} width="100%" style="background:${PAGE}"><tr><td align="center" style="padding:24px 12px">
<table ${TABLE} width="600" style="width:100%;max-width:600px;background:#ffffff;border-top:4px solid ${accent};border-radius:8px">
<tr><td style="padding:24px 32px 8px">${header}</td></tr>
<tr><td style="padding:8px 32px 32px;${FONT};font-size:16px;line-height:24px;color:${TEXT}">
<h1 style="margin:0 0 16px;${FONT};font-size:22px;line-height:30px;color:${TEXT}">${escapeHtml(view.subject)}</h1>
<p style="margin:0 0 12px">${greeting}</p>
<p style="margin:0 0 20px">${fillHtml(text.body, app)}</p>
${boxes}${button}<p style="margin:8px 0 0;font-size:14px;line-height:20px;color:${MUTED}">${escapeHtml(catalog.ignoreNotice)}</p>
</td></tr></table>
<table ${TABLE} width="600" style="width:100%;max-width:600px"><tr><td align="center" style="padding:16px 32px;${FONT};font-size:12px;line-height:18px;color:${MUTED}">${footer.join('<br>')}</td></tr></table>
</td></tr></table>
</body></html>`;
}

/** Whether white text would be hard to read on `colour` (`#rrggbb`): WCAG relative luminance. */
function isLight(colour: string): boolean {
  const [red = 0, green = 0, blue = 0] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(colour.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  // White on a colour of this luminance has a contrast ratio below 4.5:1.
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.1833;
}
