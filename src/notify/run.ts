// One notification run: what the site says at `now`, minus what the ledger says was sent, goes out
// on each channel in time order. Channels run side by side and never wait for each other; within a
// channel a message that cannot be sent stops that channel for this run, so readers never get an
// update before the one it follows. Each send is recorded in the ledger before the next one starts.
import { renderContext } from './channels/context.ts';
import type { RenderContext } from './channels/index.ts';
import { channelsOf, checkNotifications, follows, type Channel } from './config.ts';
import { eventsSince, undatedEventIds, type NotifyEvent } from './events.ts';
import { channelEntry, type Ledger, type LedgerStore } from './ledger.ts';
import { DEFAULT_RETRY } from './retry.ts';
import type { Outcome, RetryPolicy } from './upstream.ts';
import { missingSecrets } from './secrets.ts';
import { iso, siteLocale, stateAt, StatusError, type Content } from './upstream.ts';

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
  const channels = channelsOf(options.content.site);
  if (!channels.length) return finish(options.dryRun ?? false, false, []);
  checkNotifications(options.content.site, options.contentDir);
  // A store several runs may share at once is held for the whole run: what one sends, the other
  // then reads as sent, instead of both sending it before either has written the ledger.
  const release = options.dryRun ? undefined : await options.store.hold?.(options.now);
  try {
    return await notifyChannels(options, channels);
  } finally {
    // Not given back, the hold lapses by itself; the run's report stands.
    await release?.().catch((error: unknown) => options.print?.(`warning: ${error instanceof Error ? error.message : String(error)}`));
  }
}

async function notifyChannels(options: NotifyOptions, channels: Channel[]): Promise<NotifyReport> {
  const { content, now, env, store } = options;
  const print = options.print ?? (() => {});
  const dryRun = options.dryRun ?? false;
  const policy = { ...DEFAULT_RETRY, ...options.retry };
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
  const ctx = renderContext(state, wanted, siteLocale(content.site));

  if (dryRun) {
    for (const channel of active) {
      const missing = missingSecrets(channel, env);
      if (missing) print(`warning: ${missing}`);
      for (const e of todo.get(channel.name)!) print(`would send  ${channel.name}  ${e.id}  ${ctx.message(e).subject}`);
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
        ({ send, close } = sender(channel, env, policy, ctx));
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

/** Sends of one channel: renders each event in the channel's format and delivers it. */
function sender(channel: Channel, env: NodeJS.ProcessEnv, policy: RetryPolicy, ctx: RenderContext): { send: (e: NotifyEvent) => Promise<Outcome>; close: () => void } {
  const connection = channel.kind.open(channel, env, policy);
  return { send: (e) => connection.send(channel.kind.render(e, ctx, channel)), close: () => connection.close() };
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
