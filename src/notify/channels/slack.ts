// Slack, through an incoming webhook: Block Kit in a coloured attachment (render/slack.ts), every
// contributor text escaped for mrkdwn (escape/slack.ts).
import { READER_EVENTS } from '../events.ts';
import { httpConnection } from '../http.ts';
import { slackMessage } from '../render/slack.ts';
import type { HttpDelivery } from '../render/types.ts';
import { webhookUrl, webhookUrlOf } from '../secrets.ts';
import { chatChannelSchema } from '../upstream.ts';
import type { ChannelKind } from './kind.ts';

export const slack: ChannelKind<'slack', HttpDelivery> = {
  type: 'slack',
  schema: chatChannelSchema,
  example: { url_env: 'SLACK_WEBHOOK_URL' },
  defaultEvents: READER_EVENTS,
  via: 'http',
  format: 'slack-mrkdwn',
  address: (config) => config.url_env,
  secrets: (config) => [webhookUrl(config.url_env)],
  render: (event, ctx) => slackMessage(ctx.message(event)),
  open: (channel, env, policy) => httpConnection(webhookUrlOf(env, webhookUrl(channel.config.url_env), channel), policy),
};
