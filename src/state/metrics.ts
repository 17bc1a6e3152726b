import type { Probe } from '../content/index.ts';

/**
 * Response times from probe series: for each window ending at the build's `now`, the checks bucketed
 * by time, and the window's median and 95th percentile, failures and share of checks passed.
 * Pure functions of the series and `now`: the same input gives the same numbers.
 */

const HOUR = 3_600_000;

/** The windows each probed component gets, with how many buckets (points) each is cut into. */
export const METRIC_WINDOWS = [
  { id: '24h', span: 24 * HOUR, buckets: 48 }, // 30 minutes a point
  { id: '7d', span: 7 * 24 * HOUR, buckets: 84 }, // 2 hours
  { id: '30d', span: 30 * 24 * HOUR, buckets: 60 }, // 12 hours
] as const;

export type MetricWindowId = (typeof METRIC_WINDOWS)[number]['id'];

/** Latency of the checks that passed: failed checks time out or fail fast, and would skew it either way. */
export interface Latency {
  /** Median, in milliseconds; null when no check passed. */
  median: number | null;
  /** 95th percentile (nearest rank), in milliseconds; null when no check passed. */
  p95: number | null;
}

/** One point of a chart: the checks run in [from, to). */
export interface MetricBucket extends Latency {
  from: number;
  to: number;
  /** Checks run. 0 is a gap in the chart. */
  probes: number;
  failures: number;
}

export interface MetricWindow extends Latency {
  id: MetricWindowId;
  /** The window is [from, to), `to` being the build's now. */
  from: number;
  to: number;
  /** Length of each bucket, in milliseconds. */
  bucket: number;
  buckets: MetricBucket[];
  probes: number;
  failures: number;
  /** Share of checks that passed, 0…1; null without checks. */
  uptime: number | null;
}

/** The p-th percentile (0 < p ≤ 1) of ascending values, by nearest rank: always one of the values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1]!;
}

/** Median and p95 of the passed checks among `probes`. */
export function latencyOf(probes: readonly Probe[]): Latency {
  const ms = probes.filter((p) => p.ok).map((p) => p.ms).sort((a, b) => a - b);
  return { median: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}

/** One window of a series ending at `now`: checks at or after `now` are not counted yet. */
export function metricWindow(series: readonly Probe[], now: number, spec: (typeof METRIC_WINDOWS)[number]): MetricWindow {
  const from = now - spec.span;
  const size = spec.span / spec.buckets;
  const groups: Probe[][] = Array.from({ length: spec.buckets }, () => []);
  const inside = series.filter((p) => p.at >= from && p.at < now);
  for (const p of inside) groups[Math.min(spec.buckets - 1, Math.floor((p.at - from) / size))]!.push(p);
  const failuresOf = (list: readonly Probe[]) => list.filter((p) => !p.ok).length;
  const failures = failuresOf(inside);
  return {
    id: spec.id,
    from,
    to: now,
    bucket: size,
    buckets: groups.map((list, i) => ({ from: from + i * size, to: from + (i + 1) * size, probes: list.length, failures: failuresOf(list), ...latencyOf(list) })),
    probes: inside.length,
    failures,
    uptime: inside.length ? (inside.length - failures) / inside.length : null,
    ...latencyOf(inside),
  };
}

/** Every window of one component's series. */
export const componentMetrics = (series: readonly Probe[], now: number): MetricWindow[] => METRIC_WINDOWS.map((spec) => metricWindow(series, now, spec));
