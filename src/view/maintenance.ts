import type { MaintenanceStatus } from '../content/index.ts';
import type { MaintenanceState } from '../state/index.ts';
import { affectedText } from './affected.ts';
import { stampAt, type Stamp, type ViewContext } from './context.ts';
import { around, fill } from './i18n.ts';
import type { UpdateView } from './incident.ts';
import { maintenanceAnchor, maintenanceUrl } from './urls.ts';

/** Scheduled maintenance as the home page shows it, formatted once from its timestamps. */

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
        label: all[i - 1]?.status === u.status ? m.update.update : m.maintenance[u.status],
        status: u.status,
        html: ctx.markdown.html(u.body),
        posted: stampAt(ctx, u.at),
      }))
      .reverse(),
  };
}

/** Active and upcoming maintenance for the home page, soonest first. */
export function maintenanceBlocks(ctx: ViewContext, maintenances: MaintenanceState[]): { active: MaintenanceBlock[]; upcoming: MaintenanceBlock[] } {
  return {
    active: maintenances.filter((m) => m.active).map((s) => maintenanceBlock(ctx, s)),
    upcoming: maintenances.filter((m) => m.upcoming).map((s) => maintenanceBlock(ctx, s)),
  };
}
