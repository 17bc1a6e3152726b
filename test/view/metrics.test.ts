import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadContent, type Probe } from '../../src/content/index.ts';
import { METRIC_WINDOWS, metricWindow } from '../../src/state/index.ts';
import { chartView, loadLocale, metricsView, niceCeiling, siteLocale, stepPath, viewContext } from '../../src/view/index.ts';
import { MINI } from '../helpers/mini-site.ts';

const NOW = Date.parse('2026-11-21T00:00:00Z');
const MIN = 60_000;
const site = loadContent(MINI).site;
const ctx = viewContext(site, siteLocale(site));
const probe = (minutesAgo: number, ms: number, ok = true): Probe => ({ at: NOW - minutesAgo * MIN, ok, ms });

describe('stepPath', () => {
  it('draws one flat step per value, breaking the line at each null', () => {
    const y = (v: number) => v;
    assert.equal(stepPath([], y), '');
    assert.equal(stepPath([null, null], y), '');
    assert.equal(stepPath([5, 7, null, 3], y), 'M0 5H10V7H20M30 3H40');
    assert.equal(stepPath([null, 4, null], y), 'M10 4H20', 'a lone value still shows as a step');
  });
});

describe('niceCeiling', () => {
  it('rounds the top of the scale up to a close round number', () => {
    assert.deepEqual([0, 7, 11, 180, 218, 250, 251, 999, 1000, 1010, 7000, 10001].map(niceCeiling), [10, 10, 15, 200, 250, 250, 300, 1000, 1000, 1500, 8000, 15000]);
  });
});

describe('chartView', () => {
  // Half-hour checks over the last 3 hours: one failed, one half hour missed.
  const series = [probe(170, 100), probe(140, 120), probe(110, 400, false), probe(80, 140), probe(20, 160), probe(10, 180)];
  const chart = chartView(ctx, 'API', metricWindow(series, NOW, METRIC_WINDOWS[0]));

  it('sizes the drawing by its buckets and scales it to a round number above the highest p95', () => {
    assert.equal(chart.width, 480);
    assert.equal(chart.height, 100);
    assert.equal(chart.scale, '200 ms');
  });

  it('shades the buckets without a check and marks the one with a failure', () => {
    assert.deepEqual(chart.gaps, [{ x: 0, w: 420 }, { x: 460, w: 10 }]);
    assert.deepEqual(chart.failures, [{ x: 441, w: 8 }]);
    // The failed check's bucket has no passed check: the line breaks there.
    assert.equal(chart.median.match(/M/g)?.length, 3);
  });

  it('says the same in words: its title and the summary beside it', () => {
    assert.equal(chart.heading, 'Last 24 hours');
    assert.equal(chart.label, 'Response time of API (Last 24 hours): median 140 ms, 95th percentile 180 ms, failed checks: 1');
    assert.deepEqual(chart.summary, [
      { term: 'Median', value: '140 ms' },
      { term: '95th percentile', value: '180 ms' },
      { term: 'Failed checks', value: '1' },
      { term: 'Checks passed', value: '83.33%' },
    ]);
    assert.deepEqual([chart.start, chart.end], ['24 hours ago', 'Now']);
  });

  it('reads "No checks" for a window without any', () => {
    const empty = chartView(ctx, 'API', metricWindow([], NOW, METRIC_WINDOWS[2]));
    assert.equal(empty.median, '');
    assert.deepEqual(empty.gaps, [{ x: 0, w: 600 }]);
    assert.deepEqual(empty.summary.map((s) => s.value), ['No checks', 'No checks', '0', 'No checks']);
  });

  it('writes numbers in the site language', () => {
    const de = viewContext(site, loadLocale('de'));
    const w = metricWindow(Array.from({ length: 1500 }, (_, i) => probe(i, 1234.4)), NOW, METRIC_WINDOWS[0]);
    const chart = chartView(de, 'API', w);
    assert.equal(chart.heading, 'Letzte 24 Stunden');
    // Intl's German: a dot groups thousands, a no-break space goes before %.
    assert.deepEqual(chart.summary.map((s) => s.value), ['1.234 ms', '1.234 ms', '0', '100,00\u00a0%']);
    assert.equal(chart.scale, '1.500 ms');
  });
});

describe('metricsView', () => {
  it('is absent without a probe series, and links the JSON with one', () => {
    assert.equal(metricsView(ctx, 'api', 'API', undefined), undefined);
    const view = metricsView(ctx, 'api', 'API', METRIC_WINDOWS.map((w) => metricWindow([], NOW, w)));
    assert.deepEqual(view?.charts.map((c) => c.id), ['24h', '7d', '30d']);
    assert.equal(view?.data.url, '/api/v2/metrics/api.json');
  });
});
