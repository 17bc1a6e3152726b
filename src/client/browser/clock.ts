/// <reference lib="dom" />
import type { MaintenanceStatus } from '../../content/index.ts';
import type { ApiSummary } from '../../outputs/index.ts';
import { type ClockStep, type Indicator, maintenanceRuns, SHOWN_ORDER, shownIndicator, shownState, type ShownState, worse } from '../../state/index.ts';
import type { ClientSettings, HomeClock, MaintenanceClock } from '../../view/index.ts';
import { el, fillAround } from './dom.ts';

/**
 * The clock between builds. The build lists what the clock alone changes later (maintenance
 * windows opening and closing, the day ending); the page applies each change when its time comes,
 * so it reads right even when a scheduled rebuild runs hours late. Only one timer is pending at a time.
 */

type Step = Pick<ClockStep, 'at' | 'maintenances'> & Partial<Pick<ClockStep, 'maintained'>>;
type PageClock = Partial<HomeClock & MaintenanceClock> & { steps: Step[] };

// setTimeout gives up past 24.8 days; waking up every few hours also catches a computer that slept.
const MAX_WAIT = 6 * 60 * 60 * 1000;

const isShown = (s: string | undefined): s is ShownState => (SHOWN_ORDER as readonly (string | undefined)[]).includes(s);

/** A state as the build shows it with or without a running maintenance: what lies under "under maintenance" is operational. */
const withMaintenance = (state: ShownState, maintained: boolean): ShownState => shownState(state === 'under_maintenance' ? 'operational' : state, maintained);

/** The banner's indicator as the build shows it with or without a running maintenance. */
const indicatorWith = (indicator: Indicator, running: boolean): Indicator => shownIndicator(indicator === 'maintenance' ? 'none' : indicator, running);

const anyRunning = (step: Step) => Object.values(step.maintenances).some(maintenanceRuns);

function stateOf(node: Element | null): ShownState | undefined {
  const state = node ? /\bstate-(\S+)/.exec(node.className)?.[1] : undefined;
  return isShown(state) ? state : undefined;
}

export interface Clock {
  /** The API as built, seen through the step due now, so live refresh and the clock agree. */
  seen(summary: ApiSummary): ApiSummary;
}

/** Starts the clock of the page's `data-clock`, if it has one. */
export function startClock(site: ClientSettings, setState: (node: Element | null, state: ShownState) => boolean): Clock | undefined {
  const { t } = site;
  const holder = document.querySelector('[data-clock]');
  let clock: PageClock | undefined;
  try {
    clock = JSON.parse(holder?.getAttribute('data-clock') || 'null') as PageClock | undefined;
  } catch {
    clock = undefined;
  }
  if (!clock) return undefined;
  const { steps = [], dayEnds, affected } = clock;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** The latest step due at `now`, or undefined before the first. */
  const dueStep = (now: number) => {
    let due: Step | undefined;
    for (const step of steps) if (step.at <= now) due = step;
    return due;
  };

  function showComponents(step: Step, maintained: ReadonlySet<string>) {
    for (const row of document.querySelectorAll('[data-component]')) {
      const node = row.querySelector('.head .state');
      const state = stateOf(node);
      if (state) setState(node, withMaintenance(state, maintained.has(row.getAttribute('data-component') ?? '')));
    }
    // A group shows its worst row (a group page's current status: every row on it).
    for (const group of document.querySelectorAll<HTMLElement>('[data-group], .current > .state')) {
      const isGroup = group.hasAttribute('data-group');
      let worst: ShownState = 'operational';
      for (const member of (isGroup ? group : document).querySelectorAll('[data-component] .head .state')) worst = worse(worst, stateOf(member) ?? 'operational');
      setState(isGroup ? group.querySelector('summary .state') : group, worst);
      if (worst !== 'operational' && group instanceof HTMLDetailsElement) group.open = true;
    }
    const banner = document.querySelector('.banner');
    const indicator = banner && /\bindicator-(\S+)/.exec(banner.className)?.[1];
    if (banner && indicator && indicator in t.indicator) {
      const shown = indicatorWith(indicator as Indicator, anyRunning(step));
      if (shown !== indicator) {
        banner.className = banner.className.replace(/\bindicator-\S+/, `indicator-${shown}`);
        const text = banner.querySelector('p');
        if (text) text.textContent = t.indicator[shown];
      }
    }
  }

  function showMaintenance(id: string, status: MaintenanceStatus) {
    for (const item of document.querySelectorAll('[data-maintenance]')) {
      if (item.getAttribute('data-maintenance') !== id) continue;
      const label = item.querySelector('.window > strong');
      if (label && t.maintenance[status]) label.textContent = t.maintenance[status];
      const sentence = item.querySelector('.affected');
      if (sentence && status === 'completed' && affected) sentence.textContent = affected;
      if (item.classList.contains('maintenance-card')) moveCard(item, status);
    }
  }

  /**
   * A home page card goes where the build would put it: running ones under "Maintenance in
   * progress" (soonest window first), completed ones off the page; a list left empty goes too.
   */
  function moveCard(card: Element, status: MaintenanceStatus) {
    const from = card.parentElement;
    if (!from) return;
    if (status === 'completed') card.remove();
    else if (status !== 'scheduled' && from.getAttribute('data-maintenance-list') !== 'active') {
      const list = activeList();
      const start = (c: Element) => Date.parse(c.querySelector('.window time')?.getAttribute('datetime') ?? '') || 0;
      const before = Array.from(list.querySelectorAll('.maintenance-card')).find((c) => start(c) > start(card)) ?? null;
      list.insertBefore(card, before);
    }
    if (!from.querySelector('.maintenance-card')) from.remove();
  }

  function activeList(): Element {
    const found = document.querySelector('[data-maintenance-list="active"]');
    if (found) return found;
    const list = el('section', { 'aria-labelledby': 'maintenance-active-h', 'data-maintenance-list': 'active' });
    list.appendChild(el('h2', { id: 'maintenance-active-h' }, t.maintenance.active));
    const components = document.getElementById('components-h')?.parentElement;
    components?.before(list);
    return list;
  }

  /** Once today has ended, the bars are a day behind: say so by the "as of" line. */
  function markStale() {
    const asOf = document.querySelector('.as-of');
    const time = asOf?.querySelector('time');
    if (!asOf || !time || asOf.classList.contains('stale')) return;
    asOf.textContent = '';
    fillAround(asOf, t.stale, 'time', time);
    asOf.classList.add('stale');
  }

  let shown: Step | undefined;
  function tick() {
    const now = Date.now();
    const step = dueStep(now);
    if (step && step !== shown) {
      shown = step;
      for (const [id, status] of Object.entries(step.maintenances)) showMaintenance(id, status);
      // A maintenance page's steps name its status only.
      if (step.maintained) showComponents(step, new Set(step.maintained));
    }
    if (dayEnds !== undefined && dayEnds <= now) markStale();
    let next = steps.find((s) => s.at > now)?.at;
    if (dayEnds !== undefined && dayEnds > now && (next === undefined || dayEnds < next)) next = dayEnds;
    clearTimeout(timer);
    if (next !== undefined) timer = setTimeout(tick, Math.min(next - now, MAX_WAIT));
  }

  tick();
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) tick();
  });

  return {
    seen(summary) {
      const step = dueStep(Date.now());
      if (!step?.maintained) return summary;
      const maintained = new Set(step.maintained);
      for (const c of summary.components ?? []) if (!c.group && isShown(c.status)) c.status = withMaintenance(c.status, maintained.has(c.id));
      const status = summary.status;
      if (status?.indicator) status.indicator = indicatorWith(status.indicator, anyRunning(step));
      return summary;
    },
  };
}
