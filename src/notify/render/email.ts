// Email: one message per event, a plain-text part and an HTML part saying the same. Contributor
// text is escaped for HTML; the update's Markdown goes in as the sanitized HTML the pages show.
import { escapeHtml, safeHref } from '../escape/html.ts';
import { oneLine, plainText } from '../escape/text.ts';
import { LEVEL_COLOURS, type NotifyMessage } from '../message.ts';
import type { Messages } from '../upstream.ts';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export function emailMessage(message: NotifyMessage, t: Messages['notify'], unsubscribe: string | undefined): EmailContent {
  const facts = message.facts.map((f) => `${oneLine(f.label)}: ${oneLine(f.value)}`);
  const text = [
    oneLine(`${message.statusLabel}: ${message.title}`),
    oneLine(`${message.siteName} · ${message.posted.text}`),
    '',
    ...(message.bodyText ? [plainText(message.bodyText), ''] : []),
    ...(facts.length ? [...facts, ''] : []),
    `${message.linkLabel}: ${message.url}`,
    '',
    '-- ',
    oneLine(message.reason),
    `${t.subscribe} ${message.subscribeUrl}`,
    ...(unsubscribe ? [`${t.unsubscribe} ${unsubscribe}`] : []),
  ].join('\n');

  const e = escapeHtml;
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${e(oneLine(message.subject))}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328;max-width:40em">
<p style="margin:0;color:#59636e">${e(oneLine(message.siteName))}</p>
<h1 style="font-size:1.3em;margin:.2em 0"><a href="${safeHref(message.url)}">${e(oneLine(message.title))}</a></h1>
<p style="margin:0 0 1em"><strong style="color:${LEVEL_COLOURS[message.level]}">${e(oneLine(message.statusLabel))}</strong> · ${e(message.posted.text)}</p>
${message.bodyHtml || (message.bodyText ? `<p>${e(message.bodyText)}</p>` : '')}
${facts.length ? `<ul>${message.facts.map((f) => `<li><strong>${e(oneLine(f.label))}:</strong> ${e(oneLine(f.value))}</li>`).join('')}</ul>` : ''}
<p><a href="${safeHref(message.url)}">${e(message.linkLabel)}</a></p>
<hr>
<p style="font-size:.9em;color:#59636e">${e(oneLine(message.reason))} <a href="${safeHref(message.subscribeUrl)}">${e(t.subscribe.replace(/[:：]\s*$/, ''))}</a>${unsubscribe ? ` · <a href="${safeHref(unsubscribe)}">${e(t.unsubscribe.replace(/[:：]\s*$/, ''))}</a>` : ''}</p>
</body></html>
`;
  return { subject: oneLine(message.subject), text, html };
}
