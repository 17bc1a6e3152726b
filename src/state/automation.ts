import type { Automation, FiringAlert, OutageState, Probe } from '../content/index.ts';

/**
 * Statuspage's component automation: a monitor sets a component's state by itself. Here the
 * monitors are the probe series (enough failed checks in a row) and the alerts firing now. A
 * person's word wins: while an incident or maintenance is open on the component, automation is
 * ignored (the caller asks only when none is). Pure functions of the content and `now`.
 */

/** Why a component's state was set automatically. */
export type AutomaticReason = 'probes' | 'alert';

export interface AutomaticState {
  /** The state it sets: the site file's automation.state. */
  state: OutageState;
  /** When it began: the check that made the failures enough, or the alert's start. */
  since: number;
  reason: AutomaticReason;
  /** Probes: the last check's error, if it gave one; an alert: its summary. Plain text. */
  summary?: string;
  /** Probes: how many checks in a row failed (at least fail_after). */
  failures?: number;
}

/**
 * The failing run at the end of a series, as seen at `now`: undefined unless the last `failAfter`
 * checks at or before `now` all failed. Checks after `now` are not run yet; the series may be in
 * any order (equal times keep the order written).
 */
export function failingRun(series: readonly Probe[], now: number, failAfter: number): { since: number; failures: number; error?: string } | undefined {
  const seen = series.filter((p) => p.at <= now).sort((a, b) => a.at - b.at);
  let failures = 0;
  while (failures < seen.length && !seen[seen.length - 1 - failures]!.ok) failures++;
  if (failures < failAfter) return undefined;
  const last = seen.at(-1)!;
  // The run began to count when its failAfter-th check failed.
  const since = seen[seen.length - failures + failAfter - 1]!.at;
  return { since, failures, ...(last.error ? { error: last.error } : {}) };
}

/** The firing alert naming the component that began first at or before `now` (by key on a tie). */
export function firingFor(firing: readonly FiringAlert[], componentId: string, now: number): FiringAlert | undefined {
  const mine = firing.filter((a) => a.component === componentId && a.since <= now);
  return mine.sort((a, b) => a.since - b.since || a.key.localeCompare(b.key))[0];
}

/**
 * The state automation sets on one component at `now`, if any: by its probes, or by a firing alert
 * when the site counts alerts. Both at once: the one that began first (probes on a tie).
 */
export function automaticState(
  config: Automation | undefined,
  series: readonly Probe[] | undefined,
  firing: readonly FiringAlert[] | undefined,
  componentId: string,
  now: number,
): AutomaticState | undefined {
  if (!config) return undefined;
  const run = series ? failingRun(series, now, config.fail_after) : undefined;
  const alert = config.alerts && firing ? firingFor(firing, componentId, now) : undefined;
  const fromProbes: AutomaticState | undefined = run && { state: config.state, since: run.since, reason: 'probes', failures: run.failures, ...(run.error ? { summary: run.error } : {}) };
  const fromAlert: AutomaticState | undefined = alert && { state: config.state, since: alert.since, reason: 'alert', summary: alert.summary };
  if (fromProbes && fromAlert) return fromAlert.since < fromProbes.since ? fromAlert : fromProbes;
  return fromProbes ?? fromAlert;
}
