// Microsoft Teams workflow webhook ("When a Teams webhook request is received"): one Adaptive Card,
// title, status, the update, facts and a button to the page.
import { escapeTeams } from '../escape/teams.ts';
import { oneLine, truncate } from '../escape/text.ts';
import type { Level, NotifyMessage } from '../message.ts';
import type { HttpDelivery } from './types.ts';

/** Adaptive Cards name colours, not hex values. */
const CARD_COLOURS: Record<Level, string> = {
  good: 'good', minor: 'warning', major: 'warning', critical: 'attention', maintenance: 'accent', neutral: 'default',
};

export function teamsMessage(message: NotifyMessage): HttpDelivery {
  const text = (value: string, extra: object = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
  const body: object[] = [
    text(escapeTeams(oneLine(message.siteName)), { isSubtle: true, spacing: 'none' }),
    text(escapeTeams(oneLine(message.title)), { size: 'large', weight: 'bolder' }),
    text(escapeTeams(oneLine(message.statusLabel)), { weight: 'bolder', color: CARD_COLOURS[message.level] }),
  ];
  if (message.bodyText) body.push(text(truncate(escapeTeams(message.bodyText), 4000)));
  body.push({
    type: 'FactSet',
    facts: message.facts.map((f) => ({ title: escapeTeams(oneLine(f.label)), value: escapeTeams(oneLine(f.value)) })),
  });
  body.push(text(escapeTeams(message.posted.text), { isSubtle: true, size: 'small' }));
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    actions: [{ type: 'Action.OpenUrl', title: message.linkLabel, url: message.url }],
  };
  const payload = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
  return { body: JSON.stringify(payload), headers: { 'content-type': 'application/json; charset=utf-8' } };
}
