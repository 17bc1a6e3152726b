// What a kind of channel is: one object per kind (slack.ts, email.ts, …) saying how the site file
// writes it, what it gets by default, which secrets it reads, how it formats an event and how it
// delivers it. The run and the config go through these objects only, never through the kind's name.
import type { z } from 'zod';
import type { NotifyEvent, NotifyEventKind } from '../events.ts';
import type { NotifyMessage } from '../message.ts';
import type { HttpDelivery } from '../render/types.ts';
import type { Outcome, RetryPolicy } from '../upstream.ts';
import type { Messages, Notifications, Said } from '../upstream.ts';

/** The keys under notifications: in the site file. */
export type ChannelType = keyof Notifications;

/** One entry of notifications.<type>, as the content stage validated it. */
export type ChannelConfig<T extends ChannelType = ChannelType> = Notifications[T][number];

/** Every list under notifications:, by type (the form that lets a generic type index it). */
export type ChannelLists = { [T in ChannelType]: ChannelConfig<T>[] };

export interface Channel<T extends ChannelType = ChannelType> {
  type: T;
  /** What this kind of channel does; it always matches `config`, since both are set together. */
  kind: ChannelKind<T>;
  /** Its key in the ledger. */
  name: string;
  config: ChannelConfig<T>;
  /** Its place in notifications.<type>, from 0, for messages about it. */
  index: number;
  events: ReadonlySet<NotifyEventKind>;
  /** Component ids it follows; undefined follows everything, incidents without components too. */
  components?: ReadonlySet<string>;
}

/** An environment variable a channel reads at send time, and what to set it to. */
export interface Secret {
  variable: string;
  /** "the webhook URL": said when it is missing. */
  what: string;
}

/** A problem of one entry the schema cannot see, reported on its line of the site file. */
export interface ConfigProblem {
  /** Below the entry, like ['components', 0]; [] for the entry itself. */
  path: (string | number)[];
  /** A catalogue entry's words (src/content/problems/), given where the entry is. */
  said: Said;
}

/** What one run shares with every channel's renderer, each thing made once for all of them. */
export interface RenderContext {
  /** The event as a message in the site's language and zone: what chat and mail format. */
  message(event: NotifyEvent): NotifyMessage;
  /** The event as Statuspage's webhook payload, not yet signed. */
  statuspage(event: NotifyEvent): HttpDelivery;
  /** The notification strings of the site's language. */
  t: Messages['notify'];
  /** The site's public address. */
  siteUrl: string;
}

/** A channel opened for one run: sends rendered payloads, in order, each with its retries. */
export interface Connection<P> {
  send(payload: P): Promise<Outcome>;
  close(): void;
}

/**
 * How a service reads the text it gets, so contributor text is escaped for it (src/notify/escape/).
 * test/notify/channels.test.ts reads each payload as its service would.
 */
export type MessageFormat = 'slack-mrkdwn' | 'discord-markdown' | 'teams-markdown' | 'html-mail' | 'json';

/** One kind of channel. `P` is what its renderer makes and its connection sends. */
export interface ChannelKind<T extends ChannelType, P = unknown> {
  type: T;
  /** The shape of its entries: the content stage's schema, which validates the site file. */
  schema: z.ZodType<ChannelConfig<T>>;
  /** The least a site file writes for it, as in the README. */
  example: ChannelConfig<T>;
  /** Events it gets when its entry names none. */
  defaultEvents: readonly NotifyEventKind[];
  /** Where its messages go: POSTed to an HTTP endpoint, or handed to an SMTP relay. */
  via: 'http' | 'smtp';
  format: MessageFormat;
  /** The variable holding its address; with the type, its default ledger name ("slack:SLACK_URL"). */
  address(config: ChannelConfig<T>): string;
  /** Every variable it reads, the address first. */
  secrets(config: ChannelConfig<T>): Secret[];
  /** Checks of an entry the schema cannot make (component ids and names are checked for all). */
  check?(config: ChannelConfig<T>, where: string): ConfigProblem[];
  /** One event in its format, every contributor text escaped for it. */
  render(event: NotifyEvent, ctx: RenderContext, channel: Channel<T>): P;
  /** Reads its secrets (a missing one throws, naming the variable) and connects. */
  open(channel: Channel<T>, env: NodeJS.ProcessEnv, policy: RetryPolicy): Connection<P>;
}
