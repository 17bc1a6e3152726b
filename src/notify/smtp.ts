// Mail through any SMTP relay with nodemailer. The relay's address and login are one secret URL
// (smtps://user:password@host:465); recipients are the public list addresses of the site file,
// plus (as Bcc, so no reader sees another) the addresses of a file kept outside the repository.
import { readFileSync } from 'node:fs';
import { createTransport, type Transporter } from 'nodemailer';
import type { Channel, Connection } from './channels/kind.ts';
import type { EmailContent } from './render/email.ts';
import { withRetry, type Attempt, type RetryPolicy } from './upstream.ts';
import { StatusError } from './upstream.ts';

/** One rendered mail and the ids that make it recognisable and threaded. */
export interface MailDelivery {
  mail: EmailContent;
  /** The same event always has the same id, so a mail that went out twice is seen as one. */
  messageId: string;
  /** The updates of one incident share it, so they read as one thread. */
  thread: string;
}

/** A mail channel for one run, through the relay at `relay`, with `bcc` as hidden recipients. */
export function mailConnection(channel: Channel<'email'>, relay: string, bcc: string[], policy: RetryPolicy): Connection<MailDelivery> {
  const config = channel.config;
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
    send({ mail, messageId, thread }) {
      return withRetry(policy, async (): Promise<Attempt> => {
        try {
          const info = await transport.sendMail({
            from: config.from,
            to: config.to.length ? config.to : config.from,
            bcc: bcc.length ? bcc : undefined,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            messageId,
            references: thread,
            inReplyTo: thread,
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

/** The addresses of the file at `file` (named by `variable`): one a line; blank lines and # comments ignored. */
export function recipientsFile(file: string, variable: string, channel: Pick<Channel, 'name'>): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new StatusError('IO', `channel ${channel.name}: cannot read the recipients file named by ${variable} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}
