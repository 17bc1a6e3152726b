// Slack incoming webhook: a Block Kit message inside an attachment (the only place Slack draws a
// status colour), with a plain fallback text for notifications and unfurling switched off.
import { escapeSlack, slackLink } from '../escape/slack.ts';
import { oneLine, truncate } from '../escape/text.ts';
import { LEVEL_COLOURS, type NotifyMessage } from '../message.ts';
import type { HttpDelivery } from './types.ts';

/** Slack refuses a section text over 3,000 characters. */
const SECTION_MAX = 3000;

export function slackMessage(message: NotifyMessage): HttpDelivery {
  const heading = `*${escapeSlack(oneLine(message.statusLabel))}* · ${slackLink(message.url, oneLine(message.title))}`;
  const facts = message.facts.map((f) => `*${escapeSlack(oneLine(f.label))}:* ${escapeSlack(oneLine(f.value))}`);
  const blocks: object[] = [{ type: 'section', text: { type: 'mrkdwn', text: heading } }];
  if (message.bodyText) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeSlack(message.bodyText), SECTION_MAX) } });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: truncate([...facts, `${escapeSlack(oneLine(message.siteName))} · ${escapeSlack(message.posted.text)}`].join('\n'), SECTION_MAX) }],
  });
  const payload = {
    text: escapeSlack(oneLine(message.subject)),
    attachments: [{ color: LEVEL_COLOURS[message.level], blocks }],
    unfurl_links: false,
    unfurl_media: false,
  };
  return { body: JSON.stringify(payload), headers: { 'content-type': 'application/json; charset=utf-8' } };
}
