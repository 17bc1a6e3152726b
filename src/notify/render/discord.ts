// Discord webhook: one embed (colour bar, linked title, the update, fields, time), with every
// mention switched off.
import { escapeDiscord } from '../escape/discord.ts';
import { oneLine, truncate } from '../escape/text.ts';
import { LEVEL_COLOURS, type NotifyMessage } from '../message.ts';
import type { HttpDelivery } from './types.ts';

export function discordMessage(message: NotifyMessage): HttpDelivery {
  const embed = {
    title: truncate(escapeDiscord(oneLine(`${message.statusLabel}: ${message.title}`)), 256),
    url: message.url,
    description: message.bodyText ? truncate(escapeDiscord(message.bodyText), 4096) : undefined,
    color: Number.parseInt(LEVEL_COLOURS[message.level].slice(1), 16),
    fields: message.facts.slice(0, 25).map((f) => ({ name: truncate(escapeDiscord(oneLine(f.label)), 256), value: truncate(escapeDiscord(oneLine(f.value)), 1024) })),
    timestamp: message.posted.iso,
    footer: { text: truncate(oneLine(message.siteName), 2048) },
  };
  const payload = { username: truncate(oneLine(message.siteName), 80), embeds: [embed], allowed_mentions: { parse: [] } };
  return { body: JSON.stringify(payload), headers: { 'content-type': 'application/json; charset=utf-8' } };
}
