// Email, through any SMTP relay (smtp.ts): a plain-text and an HTML part (render/email.ts), every
// contributor text escaped for HTML (escape/html.ts); the updates of one incident in one thread.
import { READER_EVENTS } from '../events.ts';
import { emailMessage } from '../render/email.ts';
import { secretOf } from '../secrets.ts';
import { mailConnection, recipientsFile, type MailDelivery } from '../smtp.ts';
import { emailChannelSchema, PROBLEMS, stableId, type Notifications } from '../upstream.ts';
import type { ChannelKind, Secret } from './kind.ts';

type EmailConfig = Notifications['email'][number];

const relay = (config: EmailConfig): Secret => ({ variable: config.smtp_url_env, what: 'the SMTP relay address, like smtps://user:password@smtp.example.org:465' });
const recipients = (config: EmailConfig): Secret | undefined =>
  config.recipients_file_env ? { variable: config.recipients_file_env, what: 'the path of the recipients file' } : undefined;

export const email: ChannelKind<'email', MailDelivery> = {
  type: 'email',
  schema: emailChannelSchema,
  example: { smtp_url_env: 'SMTP_URL', from: 'Example Status <status@example.org>', to: ['status-announce@example.org'] },
  defaultEvents: READER_EVENTS,
  via: 'smtp',
  format: 'html-mail',
  address: (config) => config.smtp_url_env,
  secrets: (config) => [relay(config), recipients(config)].filter((s) => s !== undefined),
  check: (config, where) => (config.to.length === 0 && !config.recipients_file_env ? [{ path: [], said: PROBLEMS.noRecipients(where) }] : []),
  render(event, ctx, channel) {
    const host = new URL(ctx.siteUrl).hostname;
    const about = 'incident' in event ? `incident/${event.incident.incident.id}` : 'maintenance' in event ? `maintenance/${event.maintenance.maintenance.id}` : `component/${event.componentIds[0]}`;
    return {
      mail: emailMessage(ctx.message(event), ctx.t, channel.config.list_unsubscribe),
      messageId: `<${stableId(`${channel.name} ${event.id}`)}.notify@${host}>`,
      thread: `<${stableId(about)}.thread@${host}>`,
    };
  },
  open(channel, env, policy) {
    const address = secretOf(env, relay(channel.config), channel);
    const file = recipients(channel.config);
    const bcc = file ? recipientsFile(secretOf(env, file, channel), file.variable, channel) : [];
    return mailConnection(channel, address, bcc, policy);
  },
};
