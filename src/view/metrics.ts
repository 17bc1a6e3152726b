import type { MetricBucket, MetricWindow } from '../state/index.ts';
import type { ViewContext } from './context.ts';
import { countIn, fill, msIn, percentIn } from './i18n.ts';
import { metricsUrl } from './urls.ts';

/**
 * Response-time charts on a component's page: one inline SVG per window, drawn here as coordinates
 * so the template only prints them. The SVG is stretched to the page's width (its own units are
 * one bucket = 10 wide, 100 high) and its strokes keep their width (CSS: non-scaling-stroke), so it
 * reads the same on a 360 px phone and a wide screen; text (scale, ends, summary) stays in HTML,
 * where it keeps the page's font size instead of shrinking with the picture.
 */

/** Width of one bucket and the height of the drawing, in the SVG's own units. */
const STEP = 10;
export const CHART_HEIGHT = 100;
/** Where 0 and the top of the scale are drawn; failure marks go under the baseline. */
const BASE = 90;
const TOP = 6;

export interface ChartView {
  /** "24h", also the chart's id on the page. */
  id: string;
  heading: string;
  /** The SVG's title: its accessible name and what a reader hears. */
  label: string;
  /** The viewBox's width (buckets × 10). */
  width: number;
  height: number;
  /** Path data: the median of each bucket as a step line, broken where a bucket has no passed check. */
  median: string;
  /** The same for the p95; empty where it is the median line. */
  p95: string;
  baseline: number;
  top: number;
  /** Runs of buckets without any check, shaded. */
  gaps: { x: number; w: number }[];
  /** Buckets with a failed check, marked under the baseline. */
  failures: { x: number; w: number }[];
  /** The value at the top of the scale: "400 ms". */
  scale: string;
  /** The left end of the time axis ("24 hours ago") and the right ("Now"). */
  start: string;
  end: string;
  summary: { term: string; value: string }[];
}

export interface MetricsView {
  heading: string;
  legend: string;
  /** The numbers as JSON (api/v2/metrics/<id>.json). */
  data: { url: string; text: string };
  charts: ChartView[];
}

/** Every window's chart for a component; undefined without a probe series. */
export function metricsView(ctx: ViewContext, componentId: string, componentName: string, windows: readonly MetricWindow[] | undefined): MetricsView | undefined {
  if (!windows) return undefined;
  const { m } = ctx;
  const data = { url: metricsUrl(componentId), text: m.metrics.data };
  return { heading: m.metrics.heading, legend: m.metrics.legend, data, charts: windows.map((w) => chartView(ctx, componentName, w)) };
}

export function chartView(ctx: ViewContext, componentName: string, w: MetricWindow): ChartView {
  const { m, locale } = ctx;
  const ms = (v: number | null) => (v === null ? m.metrics.none : msIn(v, locale));
  const heading = m.metrics[`window${w.id}`];
  const max = niceCeiling(Math.max(0, ...w.buckets.map((b) => b.p95 ?? 0)));
  const y = (v: number) => round(BASE - (v / max) * (BASE - TOP));
  const median = stepPath(w.buckets.map((b) => b.median), y);
  const p95 = stepPath(w.buckets.map((b) => b.p95), y);
  return {
    id: w.id,
    heading,
    label: fill(m.metrics.chart, { component: componentName, window: heading, median: ms(w.median), p95: ms(w.p95), failures: countIn(w.failures, locale) }),
    width: w.buckets.length * STEP,
    height: CHART_HEIGHT,
    median,
    // With one check a bucket (a probe every 30 minutes, the last 24 hours) the p95 is the median: drawn once.
    p95: p95 === median ? '' : p95,
    baseline: BASE,
    top: TOP,
    gaps: runs(w.buckets, (b) => b.probes === 0),
    failures: w.buckets.flatMap((b, i) => (b.failures > 0 ? [{ x: i * STEP + 1, w: STEP - 2 }] : [])),
    scale: msIn(max, locale),
    start: m.metrics[`start${w.id}`],
    end: m.metrics.now,
    summary: [
      { term: m.metrics.median, value: ms(w.median) },
      { term: m.metrics.p95, value: ms(w.p95) },
      { term: m.metrics.failures, value: countIn(w.failures, locale) },
      { term: m.metrics.passed, value: w.uptime === null ? m.metrics.none : percentIn(w.uptime, locale) },
    ],
  };
}

/**
 * A step line through the values, one flat step per bucket, rising or falling at bucket edges;
 * a null value breaks the line, so an isolated bucket still shows as a short step.
 */
export function stepPath(values: readonly (number | null)[], y: (v: number) => number): string {
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    d += `${values[i - 1] == null ? `M${i * STEP} ` : 'V'}${y(v)}H${(i + 1) * STEP}`;
  });
  return d;
}

/** Runs of consecutive buckets matching `test`, as x and width. */
function runs(buckets: readonly MetricBucket[], test: (b: MetricBucket) => boolean): { x: number; w: number }[] {
  const out: { x: number; w: number }[] = [];
  buckets.forEach((b, i) => {
    if (!test(b)) return;
    const last = out.at(-1);
    if (last && last.x + last.w === i * STEP) last.w += STEP;
    else out.push({ x: i * STEP, w: STEP });
  });
  return out;
}

/**
 * The smallest round number at or above `v` (at least 10 ms) for the top of the scale. Steps are
 * close (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) so the highest line fills most of the height: with
 * 1, 2, 5 alone, a p95 of 1,010 ms put the scale at 2,000 and flattened the rest.
 */
export function niceCeiling(v: number): number {
  if (v <= 10) return 10;
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((f) => f * power).find((n) => n >= v)!;
}

const round = (v: number) => Math.round(v * 10) / 10;
