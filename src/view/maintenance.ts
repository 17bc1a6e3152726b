import type { MaintenanceStatus } from '../content/index.ts';
import { type ClockStep, type MaintenanceState, updateLabel } from '../state/index.ts';
import { affectedText } from './affected.ts';
import { maintenanceClock } from './clock.ts';
import { stampAt, type Stamp, type ViewContext } from './context.ts';
import { around, fill } from './i18n.ts';
import type { UpdateView } from './incident.ts';
import { maintenanceAnchor, maintenanceUrl } from './urls.ts';

/**
 * Scheduled maintenance, formatted once from its timestamps: a card on the home page while it is
 * upcoming or running, a page of its own for good, and a line in the history and component pages.
 */

export interface MaintenanceBlock {
  id: string;
  /** Element id on the home page, which the API's shortlink points at. */
  anchor: string;
  url: string;
  title: string;
  status: MaintenanceStatus;
  statusLabel: string;
  from: Stamp;
  until: Stamp;
  /** "Nov 22, 2026 - 02:00 UTC to Nov 22, 2026 - 04:00 UTC", in the site's language. */
  window: string;
  /** The text around the two stamps of the window, so each can be a <time>. */
  windowParts: { before: string; middle: string; after: string };
  /** Affected components by name, as incident pages write them. */
  affected: string;
  affectsText: string;
  /** The description (file body) as safe HTML; empty when there is none. */
  html: string;
  /** Newest first, as on the page. */
  updates: UpdateView[];
}

export function maintenanceBlock(ctx: ViewContext, s: MaintenanceState): MaintenanceBlock {
  const { m } = ctx;
  const from = stampAt(ctx, s.maintenance.scheduledFor);
  const until = stampAt(ctx, s.maintenance.scheduledUntil);
  // Locale files write {from} before {until} (checked by the i18n test).
  const { before, after: rest } = around(m.maintenance.window, 'from');
  const { before: middle, after } = around(rest, 'until');
  const affected = affectedText(ctx.site, s.componentIds);
  return {
    id: s.maintenance.id,
    anchor: maintenanceAnchor(s.maintenance.id),
    url: maintenanceUrl(s.maintenance.id),
    title: s.maintenance.title,
    status: s.status,
    statusLabel: m.maintenance[s.status],
    from,
    until,
    window: fill(m.maintenance.window, { from: from.text, until: until.text }),
    windowParts: { before, middle, after },
    affected,
    affectsText: affected ? fill(m.maintenance.affects, { list: affected }) : '',
    html: s.maintenance.description ? ctx.markdown.html(s.maintenance.description) : '',
    updates: s.updates
      .map((u, i, all): UpdateView => ({
        label: updateLabel(u.status, all[i - 1]?.status, m.maintenance, m.update.update),
        status: u.status,
        html: ctx.markdown.html(u.body),
        posted: stampAt(ctx, u.at),
      }))
      .reverse(),
  };
}

/** A maintenance's own page, at a stable address (its shortlink in the API, feeds and calendar). */
export interface MaintenancePage extends MaintenanceBlock {
  /** For lists, feeds and search: the start of the window. */
  started: Stamp;
  /** Latest update (written or by the clock), for the sitemap and Open Graph. */
  updated: Stamp;
  /** "This scheduled maintenance affects: …." until completed, then "affected"; empty without components. */
  affectedText: string;
  /** Plain text of the description, for the meta description. */
  description: string;
  /** Its status, where lists and search results show an incident's duration. */
  summary: string;
  /** Its status changes by the clock after the build, as JSON for the page's script; empty when none. */
  clock: string;
}

/** A maintenance as a line in the history and component pages, shaped like an incident's line. */
export interface MaintenanceLink {
  id: string;
  url: string;
  title: string;
  /** For the line's colour: maintenance has its own. */
  impact: 'maintenance';
  statusLabel: string;
  started: Stamp;
  summary: string;
  /** "Maintenance", the tag that tells it from an incident. */
  kindLabel: string;
}

export function maintenancePage(ctx: ViewContext, s: MaintenanceState, steps: ClockStep[]): MaintenancePage {
  const block = maintenanceBlock(ctx, s);
  const message = s.status === 'completed' ? ctx.m.maintenance.affected : ctx.m.maintenance.affectsNow;
  const affectedAfter = block.affected ? fill(ctx.m.maintenance.affected, { list: block.affected }) : '';
  return {
    ...block,
    started: block.from,
    updated: stampAt(ctx, s.updatedAt),
    affectedText: block.affected ? fill(message, { list: block.affected }) : '',
    description: ctx.markdown.text(s.maintenance.description || s.updates.at(-1)?.body || '').slice(0, 200),
    summary: block.statusLabel,
    clock: maintenanceClock(steps, s, affectedAfter),
  };
}

export const maintenanceLink = (ctx: ViewContext, p: MaintenancePage): MaintenanceLink => ({
  id: p.id,
  url: p.url,
  title: p.title,
  impact: 'maintenance',
  statusLabel: p.statusLabel,
  started: p.started,
  summary: p.summary,
  kindLabel: ctx.m.maintenance.tag,
});

/** Active and upcoming maintenance for the home page, soonest first. */
export function maintenanceBlocks(ctx: ViewContext, maintenances: MaintenanceState[]): { active: MaintenanceBlock[]; upcoming: MaintenanceBlock[] } {
  return {
    active: maintenances.filter((m) => m.active).map((s) => maintenanceBlock(ctx, s)),
    upcoming: maintenances.filter((m) => m.upcoming).map((s) => maintenanceBlock(ctx, s)),
  };
}
