// The `notifications:` part of the site file, as the run uses it: one list of channels with their
// ledger names and what each follows, checks the schema alone cannot make (component ids, names
// used twice), and the secrets each channel reads from the environment at send time.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { closest, lineAt, NOTIFY_EVENTS, parseYamlDocument, PROBLEMS, StatusError, type Notifications, type Problem, type Said, type Site } from './upstream.ts';

export type NotifyEventKind = (typeof NOTIFY_EVENTS)[number];
export type ChannelType = keyof Notifications;
export const CHANNEL_TYPES = ['slack', 'teams', 'discord', 'webhook', 'email'] as const satisfies readonly ChannelType[];

export interface Channel<T extends ChannelType = ChannelType> {
  type: T;
  /** Its key in the ledger. */
  name: string;
  config: Notifications[T][number];
  events: ReadonlySet<NotifyEventKind>;
  /** Component ids it follows; undefined follows everything, incidents without components too. */
  components?: ReadonlySet<string>;
}

/**
 * Chat and mail get every event but component_changed by default: an incident's own messages
 * already say which components it affects. Webhooks get all, as Statuspage's do.
 */
const DEFAULT_EVENTS: Record<ChannelType, readonly NotifyEventKind[]> = {
  slack: NOTIFY_EVENTS.filter((e) => e !== 'component_changed'),
  teams: NOTIFY_EVENTS.filter((e) => e !== 'component_changed'),
  discord: NOTIFY_EVENTS.filter((e) => e !== 'component_changed'),
  email: NOTIFY_EVENTS.filter((e) => e !== 'component_changed'),
  webhook: NOTIFY_EVENTS,
};

/** The env variable holding a channel's address: its URL, or its mail relay. */
export const addressEnv = (c: Channel): string => ('smtp_url_env' in c.config ? c.config.smtp_url_env : c.config.url_env);

export function channelsOf(site: Site): Channel[] {
  const n = site.notifications;
  if (!n) return [];
  return CHANNEL_TYPES.flatMap((type) =>
    (n[type] as Notifications[ChannelType][number][]).map((config): Channel => {
      const members = config.groups ? site.components.filter((c) => c.group && config.groups!.includes(c.group)).map((c) => c.id) : [];
      const follows = config.components || config.groups ? new Set([...(config.components ?? []), ...members]) : undefined;
      const address = 'smtp_url_env' in config ? config.smtp_url_env : config.url_env;
      return { type, config, name: config.name ?? `${type}:${address}`, events: new Set(config.events ?? DEFAULT_EVENTS[type]), components: follows } as Channel;
    }),
  );
}

/** Whether a channel takes an event of this kind about these components. */
export function follows(channel: Channel, kind: NotifyEventKind, componentIds: readonly string[]): boolean {
  if (!channel.events.has(kind)) return false;
  return channel.components === undefined || componentIds.some((id) => channel.components!.has(id));
}

/** Problems of the notifications config, each on its line of the site file; throws them all at once. */
export function checkNotifications(site: Site, contentDir: string): void {
  if (!site.notifications) return;
  const file = ['site.yml', 'site.yaml'].map((f) => path.join(contentDir, f)).find(existsSync) ?? path.join(contentDir, 'site.yml');
  const shown = path.relative(process.cwd(), file) || file;
  let source: ReturnType<typeof parseYamlDocument>['source'] | undefined;
  const line = (p: (string | number)[]) => {
    source ??= parseYamlDocument(readFileSync(file, 'utf8'), shown).source;
    return lineAt(source, ['notifications', ...p]);
  };
  const problems: Problem[] = [];
  const problem = (p: (string | number)[], said: Said) => problems.push({ file: shown, line: line(p), ...said });
  const componentIds = site.components.map((c) => c.id);
  const groupIds = site.groups.map((g) => g.id);
  const seen = new Map<string, string>();
  const channels = channelsOf(site);
  for (const type of CHANNEL_TYPES) {
    (site.notifications[type] as Notifications[ChannelType][number][]).forEach((config, i) => {
      const where = `notifications.${type}[${i + 1}]`;
      const name = channels.find((c) => c.config === config)!.name;
      if (seen.has(name)) problem([type, i], PROBLEMS.ledgerNameTwice(where, name, seen.get(name)!));
      else seen.set(name, where);
      const unknown = (ids: string[] | undefined, known: string[], key: 'components' | 'groups') =>
        ids?.forEach((id, k) => {
          if (known.includes(id)) return;
          const guess = closest(id, known);
          problem([type, i, key, k], key === 'components' ? PROBLEMS.unknownComponent(id, guess, known, `${where}.${key}`) : PROBLEMS.unknownGroup(`${where}.${key}`, id, guess, known));
        });
      unknown(config.components, componentIds, 'components');
      unknown(config.groups, groupIds, 'groups');
      if ('smtp_url_env' in config && config.to.length === 0 && !config.recipients_file_env) {
        problem([type, i], PROBLEMS.noRecipients(where));
      }
    });
  }
  if (problems.length) throw new StatusError('CONTENT', `${problems.length} problem${problems.length > 1 ? 's' : ''} in the notifications`, problems);
}

/** A secret named in the site file, read at send time; a missing one names the variable and the channel. */
export function secretOf(env: NodeJS.ProcessEnv, variable: string, channel: Channel, what: string): string {
  const value = env[variable];
  if (value === undefined || value === '') {
    throw new StatusError('USAGE', `channel ${channel.name}: the environment variable ${variable} is not set — set it to ${what} in the deploy environment (a secret: never in the repository)`);
  }
  return value;
}

/** A channel's webhook URL: https, or http on this machine only (tests, local relays). */
export function webhookUrlOf(env: NodeJS.ProcessEnv, channel: Channel<'slack' | 'teams' | 'discord' | 'webhook'>): URL {
  const variable = channel.config.url_env;
  const text = secretOf(env, variable, channel, 'the webhook URL');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StatusError('USAGE', `channel ${channel.name}: ${variable} does not hold a URL — set it to the https:// address the service gave for the webhook`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new StatusError('USAGE', `channel ${channel.name}: ${variable} must be an https:// address — got a ${url.protocol} one`);
  }
  return url;
}
