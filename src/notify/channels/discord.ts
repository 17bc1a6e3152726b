// Discord, through a channel webhook: one embed with mentions switched off (render/discord.ts),
// every contributor text escaped for Discord's Markdown (escape/discord.ts).
import { READER_EVENTS } from '../events.ts';
import { httpConnection } from '../http.ts';
import { discordMessage } from '../render/discord.ts';
import type { HttpDelivery } from '../render/types.ts';
import { webhookUrl, webhookUrlOf } from '../secrets.ts';
import { chatChannelSchema } from '../upstream.ts';
import type { ChannelKind } from './kind.ts';

export const discord: ChannelKind<'discord', HttpDelivery> = {
  type: 'discord',
  schema: chatChannelSchema,
  example: { url_env: 'DISCORD_WEBHOOK_URL' },
  defaultEvents: READER_EVENTS,
  via: 'http',
  format: 'discord-markdown',
  address: (config) => config.url_env,
  secrets: (config) => [webhookUrl(config.url_env)],
  render: (event, ctx) => discordMessage(ctx.message(event)),
  open: (channel, env, policy) => httpConnection(webhookUrlOf(env, webhookUrl(channel.config.url_env), channel), policy),
};
