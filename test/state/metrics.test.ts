import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Probe } from '../../src/content/index.ts';
import { componentMetrics, latencyOf, METRIC_WINDOWS, metricWindow, percentile } from '../../src/state/metrics.ts';

const t = (iso: string) => Date.parse(iso);
const NOW = t('2026-11-21T00:00:00Z');
const MIN = 60_000;
const [DAY_WINDOW, WEEK_WINDOW, MONTH_WINDOW] = METRIC_WINDOWS;

const probe = (minutesAgo: number, ms: number, ok = true): Probe => ({ at: NOW - minutesAgo * MIN, ok, ms });

describe('percentile (nearest rank)', () => {
  it('is always one of the values', () => {
    assert.equal(percentile([], 0.5), null);
    assert.equal(percentile([7], 0.5), 7);
    assert.equal(percentile([7], 0.95), 7);
    assert.equal(percentile([1, 2, 3, 4], 0.5), 2);
    assert.equal(percentile([1, 2, 3, 4, 5], 0.5), 3);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(hundred, 0.95), 95);
    assert.equal(percentile(hundred, 1), 100);
  });

  it('counts only the checks that passed', () => {
    assert.deepEqual(latencyOf([probe(1, 100), probe(2, 300), probe(3, 9000, false)]), { median: 100, p95: 300 });
    assert.deepEqual(latencyOf([probe(1, 9000, false)]), { median: null, p95: null });
  });
});

describe('metricWindow', () => {
  it('cuts 24 hours into 48 half-hour buckets ending at now', () => {
    const w = metricWindow([], NOW, DAY_WINDOW);
    assert.equal(w.buckets.length, 48);
    assert.equal(w.from, t('2026-11-20T00:00:00Z'));
    assert.equal(w.to, NOW);
    assert.equal(w.bucket, 30 * MIN);
    assert.equal(w.buckets[0]!.from, w.from);
    assert.equal(w.buckets.at(-1)!.to, NOW);
    assert.equal(w.probes, 0);
    assert.equal(w.uptime, null);
    assert.equal(w.median, null);
    assert.ok(w.buckets.every((b) => b.probes === 0 && b.median === null), 'every bucket is a gap');
  });

  it('puts each check in its bucket and leaves the others empty (gaps)', () => {
    const series = [probe(1, 200), probe(10, 100), probe(29, 300, false), probe(31, 50), probe(24 * 60 - 1, 80)];
    const w = metricWindow(series, NOW, DAY_WINDOW);
    const last = w.buckets[47]!;
    assert.deepEqual({ probes: last.probes, failures: last.failures, median: last.median, p95: last.p95 }, { probes: 3, failures: 1, median: 100, p95: 200 });
    assert.equal(w.buckets[46]!.probes, 1);
    assert.equal(w.buckets[46]!.median, 50);
    assert.equal(w.buckets[0]!.median, 80);
    assert.equal(w.buckets.filter((b) => b.probes === 0).length, 45);
    assert.equal(w.probes, 5);
    assert.equal(w.failures, 1);
    assert.equal(w.uptime, 4 / 5);
    assert.equal(w.median, 80, "passed checks 50, 80, 100, 200: the lower middle");
    assert.equal(w.p95, 200);
  });

  it('leaves out checks at or after now and before the window', () => {
    const series = [probe(0, 999), probe(-5, 999), probe(24 * 60, 5), probe(24 * 60 + 1, 999), probe(5, 10)];
    const w = metricWindow(series, NOW, DAY_WINDOW);
    assert.equal(w.probes, 2, 'the check exactly 24 hours ago is in, the one at now is not');
    assert.equal(w.buckets[0]!.median, 5);
    assert.equal(w.p95, 10);
  });

  it('does not depend on the order of the lines', () => {
    const series = Array.from({ length: 500 }, (_, i) => probe((i * 37) % (30 * 24 * 60), 100 + ((i * 53) % 400), i % 41 !== 0));
    const reversed = [...series].reverse();
    assert.deepEqual(componentMetrics(series, NOW), componentMetrics(reversed, NOW));
  });

  it('gives 84 points over 7 days and 60 over 30 days', () => {
    const series = [probe(60, 120), probe(3 * 24 * 60, 240), probe(20 * 24 * 60, 480, false)];
    const [day, week, month] = componentMetrics(series, NOW);
    assert.deepEqual([day!.id, week!.id, month!.id], ['24h', '7d', '30d']);
    assert.equal(week!.buckets.length, 84);
    assert.equal(week!.bucket, 2 * 60 * MIN);
    assert.equal(month!.buckets.length, 60);
    assert.equal(month!.bucket, 12 * 60 * MIN);
    assert.deepEqual([day!.probes, week!.probes, month!.probes], [1, 2, 3]);
    assert.deepEqual([month!.failures, month!.median, month!.p95], [1, 120, 240]);
    assert.equal(WEEK_WINDOW.span, 7 * 24 * 60 * MIN);
    assert.equal(MONTH_WINDOW.span, 30 * 24 * 60 * MIN);
  });
});
