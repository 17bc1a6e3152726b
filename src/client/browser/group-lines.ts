/// <reference lib="dom" />
import { type ApiComponent, apiGroupId } from '../../outputs/index.ts';
import { type ShownState, worse } from '../../state/index.ts';
import { componentUrl } from '../../view/index.ts';
import { el, sitePath } from './dom.ts';
import type { LivePage } from './page.ts';

/**
 * The compact home page: each group line's worst state, and under it the components that are
 * not operational, as the build lists them (so one that fails between builds shows up, and one
 * that recovers goes away). Returns whether anything changed.
 */
export function showGroupLines(page: LivePage, components: ApiComponent[]): boolean {
  const lines = document.querySelectorAll('.group-lines > .group-line[data-group-line]');
  if (!lines.length) return false;
  const byId = new Map(components.map((c) => [c.id, c]));
  const ungrouped = components.filter((c) => !c.group && !c.group_id).map((c) => c.id);
  let changed = false;
  for (const line of lines) {
    const id = line.getAttribute('data-group-line') ?? '';
    // A line that is no group in the API is the one of the ungrouped components ("Other components").
    const group = byId.get(apiGroupId(id, (c) => byId.get(c)?.group === false));
    const members = group?.group ? (group.components ?? []) : ungrouped;
    changed = showGroupLine(page, line, members, byId) || changed;
  }
  return changed;
}

function showGroupLine({ site: { t }, base, setState }: LivePage, line: Element, memberIds: string[], byId: ReadonlyMap<string, ApiComponent>): boolean {
  // As the build: the worst shown state of the members (maintenance ranks below any outage);
  // members hidden while operational cannot make it worse.
  let worst: ShownState = 'operational';
  for (const id of memberIds) {
    const c = byId.get(id);
    if (c) worst = worse(worst, c.status);
  }
  const head = line.querySelector(':scope > .head'); // the line's own, before any listed component
  let changed = setState(head?.querySelector('.state') ?? null, worst);

  let list = line.querySelector('ul.attention');
  const listed = new Map(Array.from(list?.querySelectorAll('li[data-component]') ?? [], (row) => [row.getAttribute('data-component'), row]));
  let previous: Element | null = null; // the last row kept or added, to insert the next one after it, in member order
  for (const id of memberIds) {
    const c = byId.get(id);
    let row = listed.get(id);
    if (!c || !t.state[c.status]) {
      // Nothing known about it: leave it as the build showed it.
      if (row) previous = row;
      continue;
    }
    if (c.status === 'operational') {
      if (row) {
        row.remove();
        changed = true;
      }
      continue;
    }
    if (!row) {
      list ??= line.appendChild(el('ul', { class: 'attention' }));
      row = el('li', { 'data-component': id });
      const rowHead = el('div', { class: 'head' });
      rowHead.append(el('a', { href: sitePath(base, componentUrl(encodeURIComponent(id))) }, c.name), ' ', el('span', { class: `state state-${c.status}` }, t.state[c.status]));
      row.appendChild(rowHead);
      list.insertBefore(row, previous ? previous.nextSibling : list.firstChild);
      changed = true;
    }
    previous = row;
  }
  // The build writes no empty list.
  if (list && !list.querySelector('li')) list.remove();
  return changed;
}
