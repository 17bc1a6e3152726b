import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadContent } from '../src/content/index.ts';
import { headersFor, CACHE_CONTROL } from '../src/outputs/headers.ts';
import { METRIC_WINDOWS, stateAt } from '../src/state/index.ts';
import { build } from './helpers/build.ts';
import { pageValidator } from './helpers/html-validator.ts';
import { miniSiteWith } from './helpers/site-with.ts';

/*
 * Response-time charts end to end: a mini site whose API has a probe series in a folder of its own
 * (STATUS_PROBES), built by the real command; its page carries the charts and their summary, and
 * api/v2/metrics/api.json the same numbers the state stage gives.
 */

const NOW = '2026-11-21T00:00:00Z';
const END = Date.parse(NOW);
const STEP = 30 * 60_000;

/** A check every half hour for 3 days: the third and every 17th fail; the 20 hours before the last 4 are missing. */
function series(): string {
  const lines: string[] = [];
  for (let i = 1; i <= 144; i++) {
    const at = END - i * STEP;
    if (i > 8 && i <= 48) continue;
    const ok = i !== 3 && i % 17 !== 0;
    lines.push(JSON.stringify({ at: new Date(at).toISOString(), ok, ms: 100 + ((i * 37) % 90), ...(ok ? {} : { error: 'HTTP 503' }) }));
  }
  return `${lines.reverse().join('\n')}\n`;
}

describe('response-time charts in a built site', () => {
  let out = '';
  let probes = '';
  let content = '';

  before(async () => {
    content = miniSiteWith('');
    probes = path.join(path.dirname(content), 'state', 'probes');
    mkdirSync(probes, { recursive: true });
    writeFileSync(path.join(probes, 'api.jsonl'), series());
    const result = await build({ content, now: NOW, env: { STATUS_PROBES: probes } });
    assert.equal(result.status, 0, result.stderr);
    out = result.out;
  });

  const page = (id: string) => readFileSync(path.join(out, 'components', id, 'index.html'), 'utf8');

  it('draws three charts on the probed component\'s page, each named and summed up in text', () => {
    const html = page('api');
    const charts = [...html.matchAll(/<svg class="chart" role="img" aria-labelledby="(chart-[^"]+-t)" viewBox="0 0 (\d+) 100"[^>]*><title id="([^"]+)">([^<]+)<\/title>/g)];
    assert.deepEqual(charts.map((c) => c[1]), ['chart-24h-t', 'chart-7d-t', 'chart-30d-t']);
    assert.deepEqual(charts.map((c) => c[1] === c[3]), [true, true, true], 'each title is the chart\'s name');
    assert.deepEqual(charts.map((c) => Number(c[2])), METRIC_WINDOWS.map((w) => w.buckets * 10));
    assert.match(charts[0]![4]!, /^Response time of API \(Last 24 hours\): median \d+ ms, 95th percentile \d+ ms, failed checks: 1$/);
    assert.equal(html.match(/<dl class="summary"/g)?.length, 3);
    assert.match(html, /<dt>Median<\/dt><dd>\d+ ms<\/dd>/);
    assert.deepEqual([...html.matchAll(/<dt>Failed checks<\/dt><dd>(\d+)<\/dd>/g)].map((m) => m[1]), ['1', '7', '7']);
    assert.match(html, /<rect class="gap" x="\d+" y="0" width="\d+" height="100"\/>/, 'the missing hours are shaded');
    assert.match(html, /<rect class="fail"/);
    assert.match(html, /<a href="\/api\/v2\/metrics\/api.json">/);
    const section = html.slice(html.indexOf('<section class="metrics"'), html.indexOf('</section>', html.indexOf('<section class="metrics"')));
    assert.doesNotMatch(section, /<script|<img|<iframe|\sstyle=|https?:/, 'drawn in the page: no script, no image or style from elsewhere');
  });

  it('leaves them off a component without a probe series', () => {
    assert.doesNotMatch(page('web-apps'), /class="metrics"|<svg class="chart"/);
    assert.ok(!existsSync(path.join(out, 'api/v2/metrics/web-apps.json')));
  });

  it('writes pages html-validate accepts', async () => {
    for (const id of ['api', 'web-apps']) {
      const report = await pageValidator.validateString(page(id));
      assert.ok(report.valid, `${id}: ${JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`)))}`);
    }
  });

  it('writes the series as JSON with the numbers the state gives', () => {
    const json = JSON.parse(readFileSync(path.join(out, 'api/v2/metrics/api.json'), 'utf8')) as {
      component: { id: string; name: string };
      as_of: string;
      windows: { window: string; from: string; bucket_seconds: number; probes: number; failures: number; median_ms: number; p95_ms: number; uptime: number; points: { at: string; probes: number; median_ms: number | null }[] }[];
    };
    assert.deepEqual(json.component, { id: 'api', name: 'API' });
    assert.equal(json.as_of, new Date(END).toISOString());
    const state = stateAt(loadContent(content, { probes }), END).components.find((c) => c.component.id === 'api')!.metrics!;
    assert.deepEqual(json.windows.map((w) => w.window), ['24h', '7d', '30d']);
    json.windows.forEach((w, i) => {
      const s = state[i]!;
      assert.equal(w.points.length, s.buckets.length);
      assert.equal(w.points[0]!.at, new Date(s.from).toISOString());
      assert.equal(w.bucket_seconds, s.bucket / 1000);
      assert.deepEqual([w.probes, w.failures, w.median_ms, w.p95_ms], [s.probes, s.failures, s.median, s.p95]);
      assert.equal(w.uptime, Math.round(s.uptime! * 10000) / 10000);
    });
    const day = json.windows[0]!;
    assert.equal(day.probes, 8, 'the last 24 hours: the last 4 hours\' 8 checks; the 20 before them are missing');
    assert.ok(day.points.some((p) => p.probes === 0 && p.median_ms === null), 'gaps are points without checks');
  });

  it('serves the JSON as the API is served: JSON, a short cache and CORS', () => {
    const headers = headersFor('api/v2/metrics/api.json');
    assert.equal(headers.contentType, 'application/json; charset=utf-8');
    assert.equal(headers.cacheControl, CACHE_CONTROL.short);
    assert.equal(headers.cors, true);
  });
});
