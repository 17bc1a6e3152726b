import type { Component, Site } from '../content/index.ts';
import { type ShownState, worstOf } from '../state/index.ts';
import type { ComponentRow } from './components.ts';
import type { ViewContext } from './context.ts';
import { fill } from './i18n.ts';
import { groupUrl } from './urls.ts';

/** How the home page arranges components: every row under its group, or one line per group. */

export interface GroupView {
  id: string;
  name: string;
  state: ShownState;
  stateLabel: string;
  /** Whether the group starts unfolded. */
  open: boolean;
  components: ComponentRow[];
}

/**
 * One group in the compact home layout: a line on the home page, and a page of its own
 * (/groups/<id>/) with the component rows and bars the full layout shows on the home page.
 */
export interface GroupPage {
  id: string;
  name: string;
  url: string;
  /** The group's own description from the site file, shown on its page; may be empty. */
  description: string;
  /** For the page's meta description: the group's own, or "Current status and 90-day uptime of …". */
  summary: string;
  state: ShownState;
  stateLabel: string;
  /** "12 components": the rows its page lists. */
  countText: string;
  /** Rows shown on its page (hidden ones left out, as on the full home page). */
  components: ComponentRow[];
  /** The rows not operational (outage or maintenance), listed under the group's line on the home page. */
  attention: ComponentRow[];
}

/**
 * Above this many components `home_layout: auto` switches the home page to one line per group.
 * Each component's 90 bars weigh about 7 KB of HTML, so 30 of them already make a home page of
 * over 200 KB, and a reader on a phone scrolls past 30 rows of bars before finding what is broken.
 */
export const COMPACT_HOME_ABOVE = 30;

export const homeIsCompact = (site: Pick<Site, 'home_layout' | 'components'>) =>
  site.home_layout === 'compact' || (site.home_layout === 'auto' && site.components.length > COMPACT_HOME_ABOVE);

const byOrder = (a: Component, b: Component) => a.order - b.order || a.name.localeCompare(b.name);
const worstRow = (rows: ComponentRow[]) => worstOf(rows.map((r) => r.state), 'operational' as ShownState);

/** The full layout's groups: ungrouped components first, then each group in order. */
export function homeGroups(ctx: ViewContext, rows: ReadonlyMap<string, ComponentRow>): GroupView[] {
  const { site, m } = ctx;
  const groupView = (id: string, name: string, collapsed: boolean, members: ComponentRow[]): GroupView => {
    const worst = worstRow(members);
    return { id, name, state: worst, stateLabel: m.state[worst], open: !collapsed || worst !== 'operational', components: members };
  };
  const groups: GroupView[] = [];
  const ungrouped = site.components.filter((c) => !c.group).sort(byOrder);
  if (ungrouped.length) groups.push(groupView('', '', false, ungrouped.map((c) => rows.get(c.id)!)));
  for (const g of [...site.groups].sort((a, b) => a.order - b.order)) {
    const members = site.components.filter((c) => c.group === g.id).sort(byOrder);
    groups.push(groupView(g.id, g.name, g.collapsed, members.map((c) => rows.get(c.id)!)));
  }
  return groups;
}

/**
 * The compact layout's groups, in group order. Ungrouped components share one pseudo-group after
 * the real ones ("Other components", or "All components" on a site without groups), so the home
 * page stays one line per group however the site is organised.
 */
export function compactGroups(ctx: ViewContext, rows: ReadonlyMap<string, ComponentRow>): GroupPage[] {
  const { site, locale } = ctx;
  const m = locale.messages.group;
  const plural = new Intl.PluralRules(locale.tag);
  const number = new Intl.NumberFormat(locale.tag);
  const page = (id: string, name: string, description: string, members: Component[]): GroupPage => {
    const shown = members.sort(byOrder).map((c) => rows.get(c.id)!).filter((r) => !r.hidden);
    const worst = worstRow(shown);
    const count = plural.select(shown.length) === 'one' ? m.countOne : m.countOther;
    return {
      id,
      name,
      url: groupUrl(id),
      description,
      summary: description || fill(m.description, { group: name }),
      state: worst,
      stateLabel: locale.messages.state[worst],
      countText: fill(count, { count: number.format(shown.length) }),
      components: shown,
      attention: shown.filter((r) => r.state !== 'operational'),
    };
  };
  const pages = [...site.groups]
    .sort((a, b) => a.order - b.order)
    .map((g) => page(g.id, g.name, g.description, site.components.filter((c) => c.group === g.id)));
  const ungrouped = site.components.filter((c) => !c.group);
  if (ungrouped.length) {
    // A plain id no group uses ("_other" could never collide, but some static hosts skip "_" folders).
    const taken = new Set(site.groups.map((g) => g.id));
    let id = 'other';
    for (let n = 2; taken.has(id); n++) id = `other-${n}`;
    pages.push(page(id, site.groups.length ? m.other : m.all, '', ungrouped));
  }
  // A group with nothing to show (empty, or only components hidden while operational) gets no line or page,
  // as such components get no row on the full home page; it comes back when one of them is not operational.
  return pages.filter((p) => p.components.length > 0);
}
