import { iso } from '../shared/format.ts';
import type { AutomaticState, MetricBucket, MetricWindow, StatusState } from '../state/index.ts';
import { metricsUrl } from '../view/index.ts';
import { API_BASE } from './api-rules.ts';
import type { Output, OutputFile } from './files.ts';

/**
 * The response-time series behind a component's charts, as JSON beside the API: one file per
 * probed component, api/v2/metrics/<component id>.json, with each window's summary and its points
 * (every bucket, oldest first; a bucket without a check has `probes: 0` and null latencies).
 * Not a Statuspage endpoint: Statuspage publishes no such series. While automation sets the
 * component's state, `component.automatic` says why: {reason, state, since, failures?, summary?}.
 */

export const METRICS_DIR = `${API_BASE}/metrics`;

/** Where a component's file is written: the address its page links to. */
export const metricsPath = (componentId: string) => metricsUrl(componentId).slice(1);

/** Latencies are whole milliseconds; null where no check passed. */
const whole = (ms: number | null) => (ms === null ? null : Math.round(ms));

const point = (b: MetricBucket) => ({ at: iso(b.from), probes: b.probes, failures: b.failures, median_ms: whole(b.median), p95_ms: whole(b.p95) });

const windowObject = (w: MetricWindow) => ({
  window: w.id,
  from: iso(w.from),
  to: iso(w.to),
  bucket_seconds: w.bucket / 1000,
  probes: w.probes,
  failures: w.failures,
  /** Share of checks that passed, rounded to 4 places (99.79% is 0.9979). */
  uptime: w.uptime === null ? null : Math.round(w.uptime * 10000) / 10000,
  median_ms: whole(w.median),
  p95_ms: whole(w.p95),
  points: w.buckets.map(point),
});

/**
 * Whether automation set the component's state, and why: the API's component objects keep
 * Statuspage's fields only (its clients may check them strictly), so this is said here.
 */
const automaticObject = (a: AutomaticState) => ({
  reason: a.reason,
  state: a.state,
  since: iso(a.since),
  ...(a.failures === undefined ? {} : { failures: a.failures }),
  ...(a.summary === undefined ? {} : { summary: a.summary }),
});

/** Producer: one file per component with a probe series. */
export function metricsFiles(state: StatusState): OutputFile[] {
  return state.components.flatMap(({ component, metrics, automatic }) =>
    metrics
      ? [{
          path: metricsPath(component.id),
          content: JSON.stringify({
            component: { id: component.id, name: component.name, ...(automatic ? { automatic: automaticObject(automatic) } : {}) },
            as_of: iso(state.now),
            windows: metrics.map(windowObject),
          }),
        }]
      : [],
  );
}

/**
 * Output: the metrics files. They are under api/v2/, so the API's record already serves them as
 * JSON with the short cache and CORS (see headers.ts); a second rule for the same files would set
 * the same headers twice, which hosts join into one broken value.
 */
export const metricsOutput: Output = { produce: metricsFiles };
