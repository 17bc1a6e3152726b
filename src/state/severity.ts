import { COMPONENT_STATES, type ComponentState, type Impact, IMPACTS } from '../content/index.ts';

/**
 * The one severity order. Every "worst of" in state, uptime, view and API asks here, so a page,
 * its bars and the API can never disagree about which state wins.
 */

/** What a component shows: its incident state, or under_maintenance while a maintenance on it runs. */
export type ShownState = ComponentState | 'under_maintenance';

/**
 * Least to most severe. Maintenance sits just above operational: anything an incident sets
 * outranks it, as Statuspage shows an outage over a maintenance on the same component.
 */
export const SHOWN_ORDER: readonly ShownState[] = ['operational', 'under_maintenance', ...COMPONENT_STATES.slice(1)];

const RANK = new Map<string, number>(SHOWN_ORDER.map((s, i) => [s, i]));

/** Position in SHOWN_ORDER: 0 for operational, higher is worse. */
export const severity = (s: ShownState): number => RANK.get(s)!;

/** The more severe of two states (the first on a tie). */
export const worse = <S extends ShownState>(a: S, b: S): S => (severity(b) > severity(a) ? b : a);

/** The most severe of a list, or operational for none. */
export const worstOf = <S extends ShownState>(states: Iterable<S>, start: S): S => {
  let worst = start;
  for (const s of states) worst = worse(worst, s);
  return worst;
};

/** Position of an impact in IMPACTS (least to most severe, as the schema lists them): 0 for none. */
export const impactSeverity = (i: Impact): number => IMPACTS.indexOf(i);

/** The more severe of two impacts. */
export const worseImpact = (a: Impact, b: Impact): Impact => (impactSeverity(b) > impactSeverity(a) ? b : a);

/**
 * What a component shows: under maintenance only over operational, while a maintenance on it runs;
 * any state an incident sets outranks it, as Statuspage shows an outage over a maintenance.
 */
export const shownState = (state: ComponentState, maintained: boolean): ShownState =>
  state === 'operational' && maintained ? 'under_maintenance' : state;

/** The overall indicator, Statuspage's vocabulary: an impact, or maintenance. */
export type Indicator = Impact | 'maintenance';

/** Statuspage shows maintenance only when nothing worse is going on. */
export const shownIndicator = (blended: Impact, maintenanceRuns: boolean): Indicator =>
  blended === 'none' && maintenanceRuns ? 'maintenance' : blended;

/** The indicator a component state implies on its own (degraded → minor, …, major outage → critical). */
export const INDICATOR_OF_STATE: Record<ComponentState, Impact> = {
  operational: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};
