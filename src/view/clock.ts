import { endOfDay, type ClockStep, type MaintenanceState, type StatusState } from '../state/index.ts';
import type { ViewContext } from './context.ts';

/**
 * What a page's script changes by itself between builds, as one JSON attribute (the CSP allows no
 * inline script): maintenance windows opening and closing, and the end of today in the site zone.
 * The page stays complete without it; rebuilds still make the lasting change.
 */

/** The home page's: every step, and when its bars go stale. */
export interface HomeClock {
  /** The start of tomorrow in the site zone: today's bar ends there. */
  dayEnds: number;
  steps: ClockStep[];
}

export const homeClock = (ctx: ViewContext, state: StatusState, steps: ClockStep[]): string =>
  JSON.stringify({ dayEnds: endOfDay(state.now, ctx.zone), steps } satisfies HomeClock);

/** A maintenance page's: its own status changes, and the sentence its "affected" line reads once it completes. */
export interface MaintenanceClock {
  steps: Pick<ClockStep, 'at' | 'maintenances'>[];
  affected: string;
}

/**
 * One maintenance page's: its own status changes only, and the "affected" sentence for when it
 * completes. Nothing here depends on the build time beyond the window, so a rebuild that changes
 * nothing about the maintenance leaves its page as it was.
 */
export function maintenanceClock(steps: ClockStep[], s: MaintenanceState, affectedAfter: string): string {
  const id = s.maintenance.id;
  const own: Pick<ClockStep, 'at' | 'maintenances'>[] = [];
  let shown = s.status;
  for (const step of steps) {
    const status = step.maintenances[id];
    if (!status || status === shown) continue;
    own.push({ at: step.at, maintenances: { [id]: status } });
    shown = status;
  }
  return own.length ? JSON.stringify({ steps: own, affected: affectedAfter } satisfies MaintenanceClock) : '';
}
