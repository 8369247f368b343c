import { escapeHtml, LOCALES } from '@cognito-triggers/custom-message';
import { CUSTOM_MESSAGE_SOURCES } from '@cognito-triggers/events';
import { type LimitUsage, type PreviewMessage, usageOf } from './messages.js';

/** What the index says about where the messages came from. */
export interface GalleryMeta {
  readonly appName: string;
  /** The tfvars file the branding came from. */
  readonly file: string;
  readonly defaultLocale: string;
  readonly brandColor: string;
}

// No script anywhere; an email may load only its https images, and style only inline.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-src 'self' about:";

const STYLE = `
body{margin:24px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
h1{margin:0 0 4px;font-size:20px}
a{color:#0969da}
.meta{margin:0 0 16px;color:#57606a}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;vertical-align:middle}
table.grid{border-collapse:separate;border-spacing:8px;margin:0 -8px}
table.grid th{font-weight:600;text-align:left;padding:0 4px}
th.source{vertical-align:top;padding-top:12px;white-space:nowrap}
td.cell{width:240px;vertical-align:top;padding:10px 12px;background:#fff;border:1px solid #d0d7de;border-radius:8px}
.label{margin:6px 0 2px;font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#57606a}
.label:first-child{margin-top:0}
a.subject{font-weight:600;text-decoration:none}
.sms{margin:0;padding:6px 8px;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#f6f8fa;border-radius:6px;overflow-wrap:anywhere}
.count{float:right;text-transform:none;letter-spacing:0;font-variant-numeric:tabular-nums}
.near{color:#9a6700;font-weight:700}
.over{color:#cf222e;font-weight:700}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;max-width:900px}
dt{color:#57606a}dd{margin:0}
dd .count{float:none;margin-left:8px;color:#57606a}
.frames{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap;margin-top:16px}
figure{margin:0}figcaption{margin:0 0 6px;color:#57606a}
iframe{border:1px solid #d0d7de;border-radius:8px;background:#fff}
`;

const number = (value: number) => value.toLocaleString('en-US');

/** `31/140`, with a warning mark and a class from 90 % of the limit on. */
function count(usage: LimitUsage): string {
  const share = Math.round((usage.length / usage.limit) * 100);
  const text = `${number(usage.length)}/${number(usage.limit)}`;
  if (usage.level === 'ok')
    return `<span class="count" title="${share} % of the limit">${text}</span>`;
  const word = usage.level === 'over' ? 'over the limit' : 'near the limit';
  return `<span class="count ${usage.level}" title="${share} % of the limit: ${word}">⚠ ${text}</span>`;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** How many of the messages come within 10 % of a limit, or past it. */
export function warningsOf(messages: readonly PreviewMessage[]): number {
  return messages.filter((message) =>
    Object.values(usageOf(message.response)).some((usage) => usage.level !== 'ok'),
  ).length;
}

/** The index: a grid of sources × locales, each cell with the subject, the SMS and the counts. */
export function indexPage(messages: readonly PreviewMessage[], meta: GalleryMeta): string {
  const header = `<tr><th>source</th>${LOCALES.map((locale) => `<th>${locale}${locale === meta.defaultLocale ? ' (default)' : ''}</th>`).join('')}</tr>`;
  const rows = CUSTOM_MESSAGE_SOURCES.map((source) => {
    const cells = LOCALES.map((locale) => {
      const message = messages.find((m) => m.source === source && m.locale === locale);
      if (message === undefined) return '<td class="cell">–</td>';
      const usage = usageOf(message.response);
      return `<td class="cell" data-source="${source}" data-locale="${locale}">
<div class="label">subject ${count(usage.emailSubject)}</div>
<a class="subject" href="${message.page}">${escapeHtml(message.response.emailSubject)}</a>
<div class="label">sms ${count(usage.smsMessage)}</div>
<p class="sms">${escapeHtml(message.response.smsMessage)}</p>
<div class="label">email body ${count(usage.emailMessage)}</div>
</td>`;
    });
    return `<tr><th class="source" scope="row">${source.replace(/^CustomMessage_/, '')}</th>\n${cells.join('\n')}</tr>`;
  });
  const warnings = warningsOf(messages);
  return page(
    `Messages of ${meta.appName}`,
    `<h1>Messages of ${escapeHtml(meta.appName)}</h1>
<p class="meta">${messages.length} messages: ${CUSTOM_MESSAGE_SOURCES.length} sources × ${LOCALES.length} locales, from <code>${escapeHtml(meta.file)}</code>
· brand colour <span class="swatch" style="background:${meta.brandColor}"></span> ${meta.brandColor}
· ${warnings === 0 ? 'none near a limit' : `<span class="near">⚠ ${warnings} near or over a limit</span>`} (warning from 90 %)
· codes show as Cognito's placeholders, which it replaces when it sends</p>
<table class="grid">
<thead>${header}</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`,
  );
}

/** One email: its subject and SMS with their counts, and the email in sandboxed frames. */
export function emailPage(message: PreviewMessage, meta: GalleryMeta): string {
  const { response } = message;
  const usage = usageOf(response);
  const srcdoc = escapeHtml(response.emailMessage);
  const frame = (label: string, width: number) =>
    `<figure><figcaption>${label} (${width} px)</figcaption><iframe sandbox="" title="${escapeHtml(`${label}: ${response.emailSubject}`)}" width="${width}" height="860" srcdoc="${srcdoc}"></iframe></figure>`;
  return page(
    `${message.source} in ${message.locale}: ${meta.appName}`,
    `<p><a href="../index.html">← all messages</a></p>
<h1>${message.source} · ${message.locale}</h1>
<dl>
<dt>subject</dt><dd>${escapeHtml(response.emailSubject)} ${count(usage.emailSubject)}</dd>
<dt>sms</dt><dd><p class="sms">${escapeHtml(response.smsMessage)} ${count(usage.smsMessage)}</p></dd>
<dt>email body</dt><dd>${count(usage.emailMessage)} characters · <a href="../${message.raw}">raw HTML</a></dd>
</dl>
<div class="frames">${frame('Desktop', 640)}${frame('Phone', 375)}</div>`,
  );
}
