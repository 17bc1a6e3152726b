// Microsoft Teams, through a Workflows webhook: one Adaptive Card (render/teams.ts), every
// contributor text escaped for the card's Markdown (escape/teams.ts).
import { READER_EVENTS } from '../events.ts';
import { httpConnection } from '../http.ts';
import { teamsMessage } from '../render/teams.ts';
import type { HttpDelivery } from '../render/types.ts';
import { webhookUrl, webhookUrlOf } from '../secrets.ts';
import { chatChannelSchema } from '../upstream.ts';
import type { ChannelKind } from './kind.ts';

export const teams: ChannelKind<'teams', HttpDelivery> = {
  type: 'teams',
  schema: chatChannelSchema,
  example: { url_env: 'TEAMS_WEBHOOK_URL' },
  defaultEvents: READER_EVENTS,
  via: 'http',
  format: 'teams-markdown',
  address: (config) => config.url_env,
  secrets: (config) => [webhookUrl(config.url_env)],
  render: (event, ctx) => teamsMessage(ctx.message(event)),
  open: (channel, env, policy) => httpConnection(webhookUrlOf(env, webhookUrl(channel.config.url_env), channel), policy),
};
