// The `notifications:` part of the site file, as the run uses it: one list of channels with their
// ledger names and what each follows, and checks the schema alone cannot make (component ids,
// names used twice, and each kind's own). What differs between kinds is in channels/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHANNEL_KINDS, type Channel, type ChannelConfig, type ChannelKind, type ChannelLists, type ChannelType } from './channels/index.ts';
import type { NotifyEventKind } from './events.ts';
import { closest, lineAt, parseYamlDocument, PROBLEMS, StatusError, type Problem, type Said, type Site } from './upstream.ts';

export type { Channel, ChannelType } from './channels/index.ts';

export function channelsOf(site: Site): Channel[] {
  const lists: ChannelLists | undefined = site.notifications;
  if (!lists) return [];
  return Object.values(CHANNEL_KINDS).flatMap((kind) => channelsOfKind(kind, lists, site));
}

function channelsOfKind<T extends ChannelType>(kind: ChannelKind<T>, lists: ChannelLists, site: Site): Channel<T>[] {
  return lists[kind.type].map((config, index) => channelOf(kind, config, index, site));
}

/** One entry of notifications.<type> as a channel: its ledger name, its events, what it follows. */
export function channelOf<T extends ChannelType>(kind: ChannelKind<T>, config: ChannelConfig<T>, index: number, site: Site): Channel<T> {
  const { groups, components } = config;
  const members = groups ? site.components.filter((c) => c.group && groups.includes(c.group)).map((c) => c.id) : [];
  const follows = components || groups ? new Set([...(components ?? []), ...members]) : undefined;
  const name = config.name ?? `${kind.type}:${kind.address(config)}`;
  return { type: kind.type, kind, config, index, name, events: new Set(config.events ?? kind.defaultEvents), components: follows };
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
  for (const channel of channelsOf(site)) {
    const { type, index: i, config, name } = channel;
    const where = `notifications.${type}[${i + 1}]`;
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
    for (const p of channel.kind.check?.(config, where) ?? []) problem([type, i, ...p.path], p.said);
  }
  if (problems.length) throw new StatusError('CONTENT', `${problems.length} problem${problems.length > 1 ? 's' : ''} in the notifications`, problems);
}
