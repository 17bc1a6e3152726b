// Any receiver, through a generic webhook: Statuspage's payload (render/webhook.ts), as JSON a
// program parses, so nothing in it is escaped for a reader; signed when the entry names a secret.
import { ALL_EVENTS } from '../events.ts';
import { httpConnection } from '../http.ts';
import type { HttpDelivery } from '../render/types.ts';
import { signed } from '../render/webhook.ts';
import { secretOf, webhookUrl, webhookUrlOf } from '../secrets.ts';
import { webhookChannelSchema, type Notifications } from '../upstream.ts';
import type { ChannelKind, Secret } from './kind.ts';

const signingKey = (config: Notifications['webhook'][number]): Secret | undefined =>
  config.secret_env ? { variable: config.secret_env, what: 'the secret the receiver checks signatures with' } : undefined;

export const webhook: ChannelKind<'webhook', HttpDelivery> = {
  type: 'webhook',
  schema: webhookChannelSchema,
  example: { url_env: 'STATUS_WEBHOOK_URL' },
  defaultEvents: ALL_EVENTS,
  via: 'http',
  format: 'json',
  address: (config) => config.url_env,
  secrets: (config) => [webhookUrl(config.url_env), signingKey(config)].filter((s) => s !== undefined),
  render: (event, ctx) => ctx.statuspage(event),
  open(channel, env, policy) {
    const http = httpConnection(webhookUrlOf(env, webhookUrl(channel.config.url_env), channel), policy);
    const key = signingKey(channel.config);
    if (!key) return http;
    const secret = secretOf(env, key, channel);
    return { send: (delivery) => http.send(signed(delivery, secret)), close: http.close };
  },
};
