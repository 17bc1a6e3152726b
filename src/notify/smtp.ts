// Mail through any SMTP relay with nodemailer. The relay's address and login are one secret URL
// (smtps://user:password@host:465); recipients are the public list addresses of the site file,
// plus (as Bcc, so no reader sees another) the addresses of a file kept outside the repository.
import { readFileSync } from 'node:fs';
import { createTransport, type Transporter } from 'nodemailer';
import { secretOf, type Channel } from './config.ts';
import type { EmailContent } from './render/email.ts';
import { withRetry, type Attempt, type Outcome, type RetryPolicy } from './retry.ts';
import { StatusError } from './upstream.ts';

export interface MailSender {
  send(mail: EmailContent, ids: { messageId: string; thread: string }): Promise<Outcome>;
  close(): void;
}

export function mailSender(channel: Channel<'email'>, env: NodeJS.ProcessEnv, policy: RetryPolicy): MailSender {
  const config = channel.config;
  const relay = secretOf(env, config.smtp_url_env, channel, 'the SMTP relay address, like smtps://user:password@smtp.example.org:465');
  const bcc = config.recipients_file_env ? recipientsFile(secretOf(env, config.recipients_file_env, channel, 'the path of the recipients file'), channel) : [];
  let transport: Transporter;
  try {
    transport = createTransport({
      url: relay,
      connectionTimeout: policy.timeoutMs,
      greetingTimeout: policy.timeoutMs,
      socketTimeout: policy.timeoutMs,
    });
  } catch (error) {
    throw new StatusError('USAGE', `channel ${channel.name}: ${config.smtp_url_env} is not an SMTP address (${(error as Error).message}) — write it like smtps://user:password@smtp.example.org:465`);
  }
  return {
    send(mail, ids) {
      return withRetry(policy, async (): Promise<Attempt> => {
        try {
          const info = await transport.sendMail({
            from: config.from,
            to: config.to.length ? config.to : config.from,
            bcc: bcc.length ? bcc : undefined,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            // The same event always has the same id, so a mail that went out twice is seen as one.
            messageId: ids.messageId,
            references: ids.thread,
            inReplyTo: ids.thread,
            list: config.list_unsubscribe ? { unsubscribe: config.list_unsubscribe } : undefined,
          });
          return { ok: true, detail: String(info.response ?? 'accepted') };
        } catch (error) {
          const e = error as Error & { responseCode?: number; code?: string };
          // 4xx from the relay and lost connections may pass later; a 5xx refusal will not.
          const retryable = e.responseCode === undefined ? true : e.responseCode < 500;
          return { ok: false, retryable, reason: `${e.code ?? 'SMTP'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message.split('\n')[0]}` };
        }
      });
    },
    close: () => transport.close(),
  };
}

/** One address a line; blank lines and # comments ignored. */
function recipientsFile(file: string, channel: Channel): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new StatusError('IO', `channel ${channel.name}: cannot read the recipients file named by ${(channel as Channel<'email'>).config.recipients_file_env} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}
