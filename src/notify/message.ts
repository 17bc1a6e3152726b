// One message per event, in the site's language and zone, made from the view model the pages use
// (siteView's IncidentPage for incidents): what every channel renderer formats its own way.
import type { NotifyEvent } from './events.ts';
import { absoluteLinks, htmlToPlain } from './plain.ts';
import {
  absoluteUrl,
  affectedText,
  componentUrl,
  fill,
  iso,
  incidentPage,
  maintenanceUrl,
  Markdown,
  stampIn,
  SUBSCRIBE_URL,
  viewContext,
  type IncidentPage,
  type Locale,
  type StatusState,
} from './upstream.ts';

/** Colour family of a message: what the event means for readers. */
export type Level = 'good' | 'minor' | 'major' | 'critical' | 'maintenance' | 'neutral';

/** Hex colours, Statuspage's palette, by level. */
export const LEVEL_COLOURS: Record<Level, string> = {
  good: '#2fcc66',
  minor: '#f1c40f',
  major: '#e67e22',
  critical: '#e74c3c',
  maintenance: '#3498db',
  neutral: '#6b7280',
};

export interface NotifyMessage {
  event: NotifyEvent;
  siteName: string;
  /** "[CommCare HQ] Monitoring: Delayed SMS delivery" (raw text: each renderer escapes it). */
  subject: string;
  /** The incident's or maintenance's title, or the component's name. */
  title: string;
  /** "Monitoring", "Postmortem", "In progress", "Partial Outage". */
  statusLabel: string;
  level: Level;
  /** Absolute address of the page about it. */
  url: string;
  linkLabel: string;
  /** The update's Markdown as written, its sanitized HTML and its plain text. */
  body: string;
  bodyHtml: string;
  bodyText: string;
  /** Label and value lines: affected components, window, previous state, posted time. */
  facts: { label: string; value: string }[];
  posted: { text: string; iso: string };
  /** The Subscribe page, for footers. */
  subscribeUrl: string;
  /** "You receive this because you follow the CommCare HQ status page." */
  reason: string;
}


/**
 * Makes messages for the given events. Only the incidents they are about get a page model (the
 * view of a state holding just those), so a run with two new updates on a 10,000-incident site
 * formats two incidents, not all of them.
 */
export function messageMaker(state: StatusState, events: readonly NotifyEvent[], locale: Locale): (event: NotifyEvent) => NotifyMessage {
  const { site } = state.content;
  const m = locale.messages;
  // The page builder takes its context explicitly, so only the incidents with news are formatted.
  const markdown = new Markdown();
  const ctx = viewContext(site, locale, markdown);
  const byId = new Map(events.flatMap((e) => ('incident' in e ? [[e.incident.incident.id, e.incident] as const] : [])));
  const pages = new Map<string, IncidentPage>();
  const pageOf = (id: string) => pages.get(id) ?? pages.set(id, incidentPage(ctx, byId.get(id)!)).get(id)!;
  const at = (ms: number) => ({ text: stampIn(ms, site.time_zone, locale), iso: iso(ms) });
  const common = {
    siteName: site.name,
    subscribeUrl: absoluteUrl(site.url, SUBSCRIBE_URL),
    reason: fill(m.notify.reason, { name: site.name }),
  };
  const subject = (status: string, title: string) => fill(m.notify.subject, { name: site.name, status, title });
  const body = (markdown: string, page: string) => {
    const html = markdown ? absoluteLinks(ctx.markdown.html(markdown), page) : '';
    return { body: markdown, bodyHtml: html, bodyText: htmlToPlain(html) };
  };
  const componentName = new Map(site.components.map((c) => [c.id, c.name]));

  return (event) => {
    if ('incident' in event) {
      const page = pageOf(event.incident.incident.id);
      const affected = page.affected ? [{ label: m.notify.affected, value: page.affected }] : [];
      if (event.kind === 'postmortem') {
        const posted = page.postmortem!.posted;
        return {
          ...common, event, subject: subject(m.incident.postmortem, page.title), title: page.title, statusLabel: m.incident.postmortem,
          level: 'neutral', url: absoluteUrl(site.url, page.url), linkLabel: m.notify.view, ...body(event.incident.postmortem!.body, absoluteUrl(site.url, page.url)),
          facts: affected, posted,
        };
      }
      const update = page.updates.find((u) => u.posted.iso === iso(event.updateAt))!;
      const source = event.incident.updates.find((u) => u.at === event.updateAt)!;
      const impact = event.incident.incident.impact;
      const level: Level = event.kind === 'incident_resolved' ? 'good' : impact === 'none' ? 'neutral' : impact;
      return {
        ...common, event, subject: subject(update.label, page.title), title: page.title, statusLabel: update.label, level,
        url: absoluteUrl(site.url, page.url), linkLabel: m.notify.view, ...body(source.body, absoluteUrl(site.url, page.url)), facts: affected, posted: update.posted,
      };
    }
    if ('maintenance' in event) {
      const s = event.maintenance;
      const status = event.kind === 'maintenance_announced' ? 'scheduled' : event.kind === 'maintenance_started' ? 'in_progress' : 'completed';
      const label = m.maintenance[status];
      // The update that made the event: the written announcement, or the one at the start or the end.
      const update = event.kind === 'maintenance_announced' ? s.updates.find((u) => !u.automatic && u.at === event.at) : s.updates.find((u) => u.at === event.at);
      const text = event.kind === 'maintenance_announced' ? [update?.body ?? '', s.maintenance.description].filter(Boolean).join('\n\n') : (update?.body ?? '');
      const affected = affectedText(site, s.componentIds);
      const window = fill(m.maintenance.window, { from: at(s.maintenance.scheduledFor).text, until: at(s.maintenance.scheduledUntil).text });
      return {
        ...common, event, subject: subject(label, s.maintenance.title), title: s.maintenance.title, statusLabel: label,
        level: event.kind === 'maintenance_completed' ? 'good' : 'maintenance', url: absoluteUrl(site.url, maintenanceUrl(s.maintenance.id)),
        linkLabel: m.notify.viewMaintenance, ...body(text, absoluteUrl(site.url, '/')),
        facts: [{ label: m.notify.window, value: window }, ...(affected ? [{ label: m.notify.affected, value: affected }] : [])],
        posted: at(event.at),
      };
    }
    const id = event.componentIds[0];
    const name = componentName.get(id) ?? id;
    const label = m.state[event.to];
    const level: Level = { operational: 'good', under_maintenance: 'maintenance', degraded_performance: 'minor', partial_outage: 'major', major_outage: 'critical' }[event.to] as Level;
    return {
      ...common, event, subject: subject(label, name), title: name, statusLabel: label, level,
      url: absoluteUrl(site.url, componentUrl(id)), linkLabel: m.notify.viewComponent,
      ...body('', site.url), bodyText: fill(m.notify.componentChanged, { component: name, state: label }),
      facts: [{ label: m.notify.before, value: m.state[event.from] }], posted: at(event.at),
    };
  };
}
