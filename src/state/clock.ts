import type { MaintenanceStatus } from '../content/index.ts';
import { maintenanceAt } from './maintenance.ts';
import { siteOrder, type StatusState } from './status.ts';

/**
 * What the clock alone changes after `now`, from what is public at `now`, so a page can apply it
 * when its time comes instead of waiting for a rebuild that runs late. Only maintenance windows
 * move by the clock; updates and postmortems dated later are left out on purpose: their text stays
 * out of every output until a build after their time.
 */
export interface ClockStep {
  at: number;
  /** Status then of each announced maintenance not completed at `now`, by id. */
  maintenances: Record<string, MaintenanceStatus>;
  /** Components a running maintenance covers then, in site order. */
  maintained: string[];
}

/** Enough for months of announced windows; a page applies at most this many changes between builds. */
export const MAX_CLOCK_STEPS = 32;

/** Each instant after `now` at which a window opens or closes and something shown changes. */
export function clockSteps(state: StatusState): ClockStep[] {
  const { now } = state;
  const order = siteOrder(state.content);
  // As known at `now`: written updates after it are not public yet.
  // A completed one stays completed without a written update, so only the others can move.
  const known = state.maintenances
    .filter((s) => s.status !== 'completed')
    .map((s) => ({ ...s.maintenance, updates: s.maintenance.updates.filter((u) => u.at <= now) }));
  const ticks = [...new Set(known.flatMap((m) => [m.scheduledFor, m.scheduledUntil]).filter((at) => at > now))].sort((a, b) => a - b);
  const steps: ClockStep[] = [];
  let previous = JSON.stringify(Object.fromEntries(state.maintenances.filter((s) => s.status !== 'completed').map((s) => [s.maintenance.id, s.status])));
  for (const at of ticks) {
    if (steps.length === MAX_CLOCK_STEPS) break;
    const states = known.map((m) => maintenanceAt(m, at, order)!);
    const maintenances = Object.fromEntries(states.map((s) => [s.maintenance.id, s.status]));
    const key = JSON.stringify(maintenances);
    // A window that a written update already closed moves nothing.
    if (key === previous) continue;
    previous = key;
    const covered = new Set(states.filter((s) => s.active).flatMap((s) => s.componentIds));
    const maintained = [...covered].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    steps.push({ at, maintenances, maintained });
  }
  return steps;
}
