// One notification run: what the site says at `now`, minus what the ledger says was sent, goes out
// on each channel in time order. Channels run side by side and never wait for each other; within a
// channel a message that cannot be sent stops that channel for this run, so readers never get an
// update before the one it follows. Each send is recorded in the ledger before the next one starts.
import { addressEnv, channelsOf, checkNotifications, follows, secretOf, webhookUrlOf, type Channel } from './config.ts';
import { eventsSince, undatedEventIds, type NotifyEvent } from './events.ts';
import { postMessage } from './http.ts';
import { channelEntry, type Ledger, type LedgerStore } from './ledger.ts';
import { messageMaker, type NotifyMessage } from './message.ts';
import { discordMessage } from './render/discord.ts';
import { emailMessage } from './render/email.ts';
import { slackMessage } from './render/slack.ts';
import { teamsMessage } from './render/teams.ts';
import type { HttpDelivery } from './render/types.ts';
import { webhookMaker } from './render/webhook.ts';
import { DEFAULT_RETRY, type Outcome, type RetryPolicy } from './retry.ts';
import { mailSender, type MailSender } from './smtp.ts';
import { iso, loadLocale, siteLocale, stableId, stateAt, StatusError, type Content } from './upstream.ts';

export interface NotifyOptions {
  content: Content;
  /** The content folder, to point problems in the notifications config at their line. */
  contentDir: string;
  now: number;
  env: NodeJS.ProcessEnv;
  store: LedgerStore;
  /** Print one line per message that would be sent; send and record nothing. */
  dryRun?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Where progress and dry-run lines go. */
  print?: (line: string) => void;
}

export interface ChannelReport {
  name: string;
  type: Channel['type'];
  /** Event ids sent in this run. */
  sent: string[];
  /** Event ids still to send (the next run tries again). */
  pending: string[];
  /** Why the channel stopped, when it did. */
  error?: string;
  /** New to the ledger: the present was recorded as sent. */
  started: boolean;
}

export interface NotifyReport {
  dryRun: boolean;
  /** No channel was configured: nothing was read or written. */
  configured: boolean;
  channels: ChannelReport[];
  sent: number;
  pending: number;
  /** "Notifications: sent 3, pending 1 (…)". */
  summary: string;
}

export async function runNotify(options: NotifyOptions): Promise<NotifyReport> {
  const { content, now, env, store } = options;
  const print = options.print ?? (() => {});
  const dryRun = options.dryRun ?? false;
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  const channels = channelsOf(content.site);
  if (!channels.length) return finish(dryRun, false, []);
  checkNotifications(content.site, options.contentDir);

  let ledger: Ledger = (await store.read()) ?? { version: 1, channels: {} };
  const state = stateAt(content, now);
  const reports = new Map<string, ChannelReport>();
  const active: Channel[] = [];
  for (const channel of channels) {
    const { added } = channelEntry(ledger, channel.name, now, undatedEventIds(state));
    reports.set(channel.name, { name: channel.name, type: channel.type, sent: [], pending: [], started: added });
    if (added) print(`${channel.name}: new to the ledger; recording everything up to ${iso(now)} as sent, sending nothing`);
    else active.push(channel);
  }

  const since = Math.min(...active.map((c) => Date.parse(ledger.channels[c.name]!.since)));
  const events = active.length ? eventsSince(state, since) : [];
  const todo = new Map(
    active.map((c) => {
      const entry = ledger.channels[c.name]!;
      const sent = new Set(entry.sent);
      const from = Date.parse(entry.since);
      return [c.name, events.filter((e) => e.at > from && !sent.has(e.id) && follows(c, e.kind, e.componentIds))];
    }),
  );
  const wanted = [...new Set([...todo.values()].flat())];
  const locale = siteLocale(content.site);
  const message = memo(messageMaker(state, wanted, locale));
  const webhook = webhookMaker(state, wanted);

  if (dryRun) {
    for (const channel of active) {
      const missing = missingSecret(channel, env);
      if (missing) print(`warning: ${missing}`);
      for (const e of todo.get(channel.name)!) print(`would send  ${channel.name}  ${e.id}  ${message(e).subject}`);
      reports.get(channel.name)!.pending = todo.get(channel.name)!.map((e) => e.id);
    }
    return finish(true, true, [...reports.values()]);
  }

  // One write at a time, each after the sends it records.
  let writing = Promise.resolve();
  const save = () =>
    (writing = writing.then(async () => {
      ledger = await store.write(ledger);
    }));
  if ([...reports.values()].some((r) => r.started)) await save();

  let ledgerFailure: StatusError | undefined;
  await Promise.all(
    active.map(async (channel) => {
      const report = reports.get(channel.name)!;
      const queue = todo.get(channel.name)!;
      report.pending = queue.map((e) => e.id);
      if (!queue.length) return;
      let send: (e: NotifyEvent) => Promise<Outcome>;
      let close = () => {};
      try {
        ({ send, close } = sender(channel, env, policy, message, webhook, locale.messages.notify, content.site.url));
      } catch (error) {
        report.error = error instanceof StatusError ? error.message : String(error);
        return;
      }
      try {
        for (const event of queue) {
          if (ledgerFailure) break;
          // A run that wrote the ledger meanwhile may have sent it already (merged on write).
          if (ledger.channels[channel.name]!.sent.includes(event.id)) {
            report.pending = report.pending.filter((id) => id !== event.id);
            continue;
          }
          const outcome = await send(event);
          if (!outcome.ok) {
            report.error = `${event.id}: ${outcome.reason} (${outcome.attempts} attempt${outcome.attempts > 1 ? 's' : ''})`;
            break;
          }
          ledger.channels[channel.name]!.sent.push(event.id);
          report.sent.push(event.id);
          report.pending = report.pending.filter((id) => id !== event.id);
          print(`sent  ${channel.name}  ${event.id}`);
          try {
            await save();
          } catch (error) {
            ledgerFailure ??= error instanceof StatusError ? error : new StatusError('IO', String(error));
            writing = Promise.resolve();
          }
        }
      } finally {
        close();
      }
    }),
  );
  if (ledgerFailure) {
    // What was sent but not recorded would go out again: say so, loudly.
    throw new StatusError('IO', `${ledgerFailure.message}; messages sent in this run may not be recorded and could be sent again`, [], { cause: ledgerFailure });
  }
  return finish(false, true, [...reports.values()]);
}

/** Sends of one channel: renders each event for the channel's format and delivers it. */
function sender(
  channel: Channel,
  env: NodeJS.ProcessEnv,
  policy: RetryPolicy,
  message: (e: NotifyEvent) => NotifyMessage,
  webhook: ReturnType<typeof webhookMaker>,
  t: ReturnType<typeof loadLocale>['messages']['notify'],
  siteUrl: string,
): { send: (e: NotifyEvent) => Promise<Outcome>; close: () => void } {
  if (channel.type === 'email') {
    const mail: MailSender = mailSender(channel as Channel<'email'>, env, policy);
    const host = new URL(siteUrl).hostname;
    const config = (channel as Channel<'email'>).config;
    return {
      send: (e) => {
        const about = 'incident' in e ? `incident/${e.incident.incident.id}` : 'maintenance' in e ? `maintenance/${e.maintenance.maintenance.id}` : `component/${e.componentIds[0]}`;
        return mail.send(emailMessage(message(e), t, config.list_unsubscribe), {
          messageId: `<${stableId(`${channel.name} ${e.id}`)}.notify@${host}>`,
          thread: `<${stableId(about)}.thread@${host}>`,
        });
      },
      close: () => mail.close(),
    };
  }
  const url = webhookUrlOf(env, channel as Channel<'slack' | 'teams' | 'discord' | 'webhook'>);
  const secretEnv = channel.type === 'webhook' ? (channel as Channel<'webhook'>).config.secret_env : undefined;
  const secret = secretEnv ? secretOf(env, secretEnv, channel, 'the secret the receiver checks signatures with') : undefined;
  const render: (e: NotifyEvent) => HttpDelivery =
    channel.type === 'slack' ? (e) => slackMessage(message(e))
    : channel.type === 'teams' ? (e) => teamsMessage(message(e))
    : channel.type === 'discord' ? (e) => discordMessage(message(e))
    : (e) => webhook(e, secret);
  return { send: (e) => postMessage(url, render(e), policy), close: () => {} };
}

function missingSecret(channel: Channel, env: NodeJS.ProcessEnv): string | undefined {
  const names = [addressEnv(channel)];
  if (channel.type === 'webhook' && (channel as Channel<'webhook'>).config.secret_env) names.push((channel as Channel<'webhook'>).config.secret_env!);
  if (channel.type === 'email' && (channel as Channel<'email'>).config.recipients_file_env) names.push((channel as Channel<'email'>).config.recipients_file_env!);
  const missing = names.filter((n) => !env[n]);
  return missing.length ? `channel ${channel.name}: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set; a real run would fail on this channel` : undefined;
}

function memo<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    if (!made.has(key)) made.set(key, make(key));
    return made.get(key)!;
  };
}

function finish(dryRun: boolean, configured: boolean, channels: ChannelReport[]): NotifyReport {
  const sent = channels.reduce((n, c) => n + c.sent.length, 0);
  const pending = channels.reduce((n, c) => n + c.pending.length, 0);
  if (!configured) return { dryRun, configured, channels, sent, pending, summary: 'Notifications: none configured (notifications: in the site file)' };
  const parts = channels.map((c) => {
    const bits = c.started ? ['started (nothing sent)'] : dryRun ? [`${c.pending.length} to send`] : [`${c.sent.length} sent`, ...(c.pending.length ? [`${c.pending.length} pending`] : [])];
    return `${c.name} ${bits.join(', ')}${c.error ? ` — ${c.error}` : ''}`;
  });
  const head = dryRun ? `Notifications (dry run): would send ${pending}` : `Notifications: sent ${sent}, pending ${pending}`;
  return { dryRun, configured, channels, sent, pending, summary: `${head} (${parts.join('; ')})` };
}
