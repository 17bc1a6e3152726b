/// <reference lib="dom" />
import { type ApiComponent, type ApiIncident, apiIncidentOpen, type ApiSummary } from '../../outputs/index.ts';
import { type ShownState, updateLabel, worse } from '../../state/index.ts';
import { affectedSentence, bannerKey, fill, incidentUrl } from '../../view/index.ts';
import { el, fillAround, sitePath } from './dom.ts';
import { showGroupLines } from './group-lines.ts';
import type { LivePage } from './page.ts';

/**
 * The home page kept fresh between builds: the API as built is read again, and what it says
 * replaces what the page showed (component states, groups, banner, open incidents). A change is
 * announced to screen readers.
 */

/** Applies one summary to the page. */
export type LiveApply = (summary: ApiSummary) => void;

export function livePage(page: LivePage): LiveApply {
  const { site, live } = page;
  const { t } = site;
  const announcer = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  live.before(announcer);
  let shownIncidents = pageSignature(live);

  return (summary) => {
    const components = summary.components ?? [];
    let changed = false;
    const states = new Map<string, ShownState>();
    for (const c of components) if (!c.group) states.set(c.id, c.status);

    for (const row of document.querySelectorAll('[data-component]')) {
      const state = states.get(row.getAttribute('data-component') ?? '');
      if (!state || !page.setState(row.querySelector('.head .state'), state)) continue;
      changed = true;
      // The note said why the state built into the page was set; the summary does not say why this one is.
      row.querySelector('.automatic')?.remove();
    }
    for (const group of document.querySelectorAll<HTMLDetailsElement>('details[data-group]')) {
      let worst: ShownState = 'operational';
      for (const member of group.querySelectorAll('[data-component]')) worst = worse(worst, states.get(member.getAttribute('data-component') ?? '') ?? 'operational');
      page.setState(group.querySelector('summary .state'), worst);
      if (worst !== 'operational') group.open = true;
    }

    const status = summary.status;
    const worstAll = [...states.values()].reduce<ShownState>(worse, 'operational');
    const description = (status?.indicator && t.indicator[bannerKey(status.indicator, worstAll)]) || status?.description;
    const banner = document.querySelector('.banner');
    const text = banner?.querySelector('p');
    if (banner && text && description) {
      if (text.textContent !== description) changed = true;
      text.textContent = description;
      banner.className = banner.className.replace(/\bindicator-\S+/, `indicator-${status?.indicator ?? 'none'}`);
    }

    changed = showGroupLines(page, components) || changed;
    const open = (summary.incidents ?? []).filter((i) => apiIncidentOpen(i.status));
    const signature = open.map((i) => incidentSignature(page.base, i)).join('|');
    // The page as built stays until the API says something different.
    if (signature !== shownIncidents) {
      shownIncidents = signature;
      const groupNames = new Map(components.filter((c) => c.group).map((c) => [c.id, c.name]));
      showIncidents(page, open, groupNames);
      changed = true;
    }
    if (changed) announcer.textContent = fill(t.live.updated, { description: description ?? '' });
  };
}

const latestOf = (i: ApiIncident) => i.incident_updates?.[0];
const postedAt = (u: { display_at?: string; created_at?: string } | undefined) => u?.display_at || u?.created_at || '';

/** An open incident and the time of its latest update, as a string that changes when either does. */
const incidentSignature = (base: string, i: ApiIncident) => `${sitePath(base, incidentUrl(encodeURIComponent(i.id)))}@${Date.parse(postedAt(latestOf(i)))}`;

/** The same for the incidents on the page as built. */
const pageSignature = (live: Element) =>
  Array.from(live.querySelectorAll('article'), (card) => {
    const link = card.querySelector('h3 a');
    const time = card.querySelector('.posted time');
    return `${link?.getAttribute('href')}@${time ? Date.parse(time.getAttribute('datetime') ?? '') : null}`;
  }).join('|');

/** The open incidents' cards, as the build writes them. */
function showIncidents({ site: { t }, base, live, times }: LivePage, open: ApiIncident[], groupNames: ReadonlyMap<string, string>) {
  live.textContent = '';
  if (!open.length) return;
  const section = el('section', { 'aria-labelledby': 'open-h' });
  section.appendChild(el('h2', { id: 'open-h' }, t.active));
  for (const i of open) {
    const updates = i.incident_updates ?? [];
    const latest = updates[0] ?? { status: i.status, body: '', display_at: i.updated_at };
    const label = updateLabel<string>(latest.status, updates[1]?.status, t.update, t.update.update) || latest.status;
    const card = el('article', { class: `incident-card impact-${i.impact || 'none'}` });
    const h3 = el('h3');
    h3.appendChild(el('a', { href: sitePath(base, incidentUrl(encodeURIComponent(i.id))) }, i.name));
    card.appendChild(h3);
    const update = el('p', { class: 'update' });
    update.append(el('strong', null, label), ' – ');
    card.appendChild(update);
    const body = el('div', { class: 'body' });
    // The API carries the Markdown source: shown as text, never as HTML, a paragraph per blank line.
    for (const paragraph of String(latest.body || '').split(/\n\s*\n/)) if (paragraph.trim()) body.appendChild(el('p', null, paragraph.trim()));
    card.appendChild(body);
    const posted = el('p', { class: 'posted' });
    fillAround(posted, t.posted, 'time', times.create(postedAt(latest)));
    card.appendChild(posted);
    const list = affectedList(i.components ?? [], groupNames);
    if (list) card.appendChild(el('p', { class: 'affects' }, fill(t.affects, { list })));
    section.appendChild(card);
  }
  live.appendChild(section);
  times.show(live);
}

/** The affected sentence the build writes, from the API's components (a group's name is its group component's). */
function affectedList(components: ApiComponent[], groupNames: ReadonlyMap<string, string>): string {
  const byId = new Map(components.map((c) => [c.id, c]));
  return affectedSentence(
    components.map((c) => c.id),
    (id) => {
      const c = byId.get(id);
      return c && { name: c.name, group: c.group_id ?? undefined };
    },
    (group) => groupNames.get(group),
  );
}
