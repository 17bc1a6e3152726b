import type { Impact } from '../content/index.ts';
import type { Memo } from '../shared/memo.ts';
import { incidentSourceKey, type IncidentState, updateLabel } from '../state/index.ts';
import { affectedText } from './affected.ts';
import { stampAt, type Stamp, type ViewContext } from './context.ts';
import { durationIn, fill } from './i18n.ts';
import { incidentUrl } from './urls.ts';

/** Incident pages and the incident lines that the home, component and history pages list. */

export interface UpdateView {
  label: string;
  status: string;
  html: string;
  posted: Stamp;
}

export interface IncidentLink {
  id: string;
  url: string;
  title: string;
  impact: Impact;
  statusLabel: string;
  started: Stamp;
  /** "Resolved after 1 hour 28 minutes" or "Ongoing". */
  summary: string;
}

export interface IncidentPage extends IncidentLink {
  open: boolean;
  postmortem?: { html: string; posted: Stamp };
  /** Newest first, as on the page. */
  updates: UpdateView[];
  /** "www.commcarehq.org (Syncs with CommCare HQ, Form Submissions, Web Apps)". */
  affected: string;
  /** "This incident affected: www.commcarehq.org (…)." or empty when no component was named. */
  affectedText: string;
  description: string;
  /** Latest update or postmortem, for the sitemap and Open Graph. */
  updated: Stamp;
  /** With a build cache: what the page is made from besides the site's shared text (see render/pages.ts). */
  sourceKey?: string;
}

export interface OpenIncident extends IncidentLink {
  latest: UpdateView;
  affected: string;
  /** "This incident affects: …." */
  affectsText: string;
}

/** One update as pages show it; "Update" when it repeats the status before it, as Statuspage writes. */
export function updateView(ctx: ViewContext, u: IncidentState['updates'][number], previous: { status: string } | undefined): UpdateView {
  return {
    label: updateLabel(u.status, previous?.status, ctx.m.update, ctx.m.update.update),
    status: u.status,
    html: ctx.markdown.html(u.body),
    posted: stampAt(ctx, u.at),
  };
}

export function incidentLink(ctx: ViewContext, i: IncidentState): IncidentLink {
  const { m } = ctx;
  return {
    id: i.incident.id,
    url: incidentUrl(i.incident.id),
    title: i.incident.title,
    impact: i.incident.impact,
    statusLabel: i.open ? updateLabel(i.status, i.updates.at(-2)?.status, m.update, m.update.update) : m.update.resolved,
    started: stampAt(ctx, i.startedAt),
    summary: i.resolvedAt === undefined ? m.incident.ongoing : fill(m.incident.resolvedAfter, { duration: durationIn(i.startedAt, i.resolvedAt, ctx.locale) }),
  };
}

export function incidentPage(ctx: ViewContext, i: IncidentState): IncidentPage {
  const updates = i.updates.map((u, n, all) => updateView(ctx, u, all[n - 1])).reverse();
  const affected = affectedText(ctx.site, i.componentIds);
  return {
    ...incidentLink(ctx, i),
    open: i.open,
    postmortem: i.postmortem && { html: ctx.markdown.html(i.postmortem.body), posted: stampAt(ctx, i.postmortem.at) },
    updates,
    affected,
    // "affects" while open, "affected" once resolved, as Statuspage words it.
    affectedText: affected ? fill(i.open ? ctx.m.incident.affects : ctx.m.incident.affected, { list: affected }) : '',
    description: ctx.markdown.text(i.updates.at(-1)?.body ?? '').slice(0, 200),
    updated: stampAt(ctx, i.updatedAt),
    sourceKey: incidentSourceKey(i),
  };
}

/**
 * Every incident's page model, rendered once: its page and every list that names it share it.
 * With a build cache a page model is made from its source key and the locale alone, so `memo`
 * (kept by the cache) lets a warm build format only the incidents that changed.
 */
export function incidentPages(ctx: ViewContext, incidents: IncidentState[], memo?: Memo<IncidentPage>): IncidentPage[] {
  return incidents.map((i) => {
    const source = incidentSourceKey(i);
    if (source === undefined || !memo) return incidentPage(ctx, i);
    return memo.get(`${ctx.locale.file} ${ctx.locale.tag} ${source}`, () => incidentPage(ctx, i));
  });
}

/** The link fields alone, so lists do not carry every page's updates. */
export const linkOnly = ({ id, url, title, impact, statusLabel, started, summary }: IncidentLink): IncidentLink => ({
  id, url, title, impact, statusLabel, started, summary,
});

/** An open incident as the home page lists it: its latest update and what it affects. */
export function openIncident(ctx: ViewContext, page: IncidentPage): OpenIncident {
  return { ...linkOnly(page), latest: page.updates[0]!, affected: page.affected, affectsText: fill(ctx.m.home.affects, { list: page.affected }) };
}
