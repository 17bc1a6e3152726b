import { DateTime } from 'luxon';
import type { Component, ComponentState } from '../content/index.ts';
import { startOfDay } from '../shared/time.ts';
import { severity, SHOWN_ORDER, worse } from './severity.ts';

export const UPTIME_DAYS = 90;

/** Share of an interval counted as downtime, per Statuspage's published rule. */
export const DOWNTIME_WEIGHT: Record<ComponentState, number> = {
  operational: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

/** An interval during which a component was in an outage state, from one incident. */
export interface Outage {
  component: string;
  state: ComponentState;
  from: number;
  to: number;
  incident: string;
}

export interface UptimeDay {
  /** Calendar date in the site zone, `YYYY-MM-DD`. */
  date: string;
  /** 0…1, or null before the component's start date. */
  uptime: number | null;
  /** Worst state the component was in that day. */
  worst: ComponentState;
  /** Seconds counted as down (weighted). */
  downSeconds: number;
  /** Incidents that touched the component that day, by id. */
  incidents: string[];
}

/**
 * Per-day uptime over the last 90 days (today included, up to `now`) in the site zone.
 * Overlapping incidents count once, at the worst state among them.
 */
export function componentUptime(
  component: Component,
  outages: Outage[],
  now: number,
  zone: string,
): { days: UptimeDay[]; percent: number | null } {
  const { bounds, dates } = uptimeWindow(now, zone);
  const windowStart = bounds[0]!;
  const dataFrom = startOfDay(component.start_date, zone);
  const days: UptimeDay[] = bounds.slice(0, UPTIME_DAYS).map((start, i) => ({
    date: dates[i]!,
    uptime: bounds[i + 1]! <= dataFrom || start > now ? null : 1,
    worst: 'operational',
    downSeconds: 0,
    incidents: [],
  }));

  const relevant = outages.filter((o) => o.to > windowStart && o.from < now);
  const mark = (day: number, o: Outage) => {
    const d = days[day]!;
    if (d.uptime === null) return;
    if (!d.incidents.includes(o.incident)) d.incidents.push(o.incident);
    d.worst = worse(d.worst, o.state);
  };
  for (const o of relevant) {
    forEachDay(bounds, o.from, o.to, (day) => mark(day, o));
    // An outage still running colours today even when today has only just begun.
    if (o.to >= now) mark(UPTIME_DAYS - 1, o);
  }

  // Sweep the outage edges, keeping how many outages of each state are running.
  const edges = relevant
    .flatMap((o) => [
      { at: Math.max(o.from, windowStart), rank: severity(o.state), delta: 1 },
      { at: Math.min(o.to, now), rank: severity(o.state), delta: -1 },
    ])
    .sort((a, b) => a.at - b.at);
  const running = SHOWN_ORDER.map(() => 0);
  let since = windowStart;
  for (const edge of edges) {
    // Outages only ever hold component states, so the worst running one is one of them.
    const worst = (SHOWN_ORDER[running.findLastIndex((n) => n > 0)] ?? 'operational') as ComponentState;
    const weight = DOWNTIME_WEIGHT[worst];
    if (weight > 0 && edge.at > since) {
      forEachDay(bounds, since, edge.at, (day, from, to) => {
        days[day]!.downSeconds += ((to - from) / 1000) * weight;
      });
    }
    running[edge.rank]! += edge.delta;
    since = edge.at;
  }

  let total = 0;
  let down = 0;
  days.forEach((d, i) => {
    if (d.uptime === null) return;
    const seconds = (Math.min(bounds[i + 1]!, now) - Math.max(bounds[i]!, dataFrom)) / 1000;
    if (seconds <= 0) return;
    const counted = Math.min(d.downSeconds, seconds);
    d.uptime = 1 - counted / seconds;
    total += seconds;
    down += counted;
  });
  return { days, percent: total > 0 ? 1 - down / total : null };
}

/**
 * The 90 days' boundaries and dates: the same for every component, so worked out once per build.
 * A per-process memo of a pure function of its key (`now` and zone), so no build sees another's state.
 */
let window: { key: string; bounds: number[]; dates: string[] } | undefined;
function uptimeWindow(now: number, zone: string) {
  const key = `${now}|${zone}`;
  if (window?.key !== key) {
    const today = DateTime.fromMillis(now, { zone }).startOf('day');
    // bounds[i] is the start of day i; bounds[90] is the end of today.
    const days = Array.from({ length: UPTIME_DAYS + 1 }, (_, i) => today.minus({ days: UPTIME_DAYS - 1 - i }));
    window = { key, bounds: days.map((d) => d.toMillis()), dates: days.map((d) => d.toISODate()!) };
  }
  return window;
}

/** Calls `visit` for each day the interval [from, to) overlaps, with the overlapping part. */
function forEachDay(bounds: number[], from: number, to: number, visit: (day: number, from: number, to: number) => void) {
  let day = Math.max(0, upperBound(bounds, from) - 1);
  for (; day < bounds.length - 1 && bounds[day]! < to; day++) {
    const a = Math.max(from, bounds[day]!);
    const b = Math.min(to, bounds[day + 1]!);
    if (b > a) visit(day, a, b);
  }
}

/** Index of the first bound greater than `value`. */
function upperBound(bounds: number[], value: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
