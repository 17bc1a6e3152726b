import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from './helpers/build.ts';
import { pageValidator } from './helpers/html-validator.ts';
import { miniSiteWith } from './helpers/site-with.ts';

/*
 * Component automation end to end: a mini site with `automation:`, its API's last three checks
 * failed and an alert firing on Web Apps, built by the real command. The pages say the state was
 * set automatically and why; the API keeps Statuspage's fields; a person's open incident wins.
 */

const NOW = '2026-11-21T00:00:00Z';
const END = Date.parse(NOW);
const MIN = 60_000;

/** A check every 5 minutes for an hour; the last three fail. */
const probes = () =>
  Array.from({ length: 12 }, (_, i) => {
    const ok = i < 9;
    return JSON.stringify({ at: new Date(END - (11 - i) * 5 * MIN).toISOString(), ok, ms: 120, ...(ok ? {} : { error: 'HTTP 503' }) });
  }).join('\n');

const FIRING = JSON.stringify({ firing: [{ key: 'k1', component: 'web-apps', summary: 'Sign-in fails <b>everywhere</b>', since: '2026-11-20T23:40:00Z' }] });

const OPEN_INCIDENT = `---
title: API answers slowly
impact: minor
components:
  api: degraded_performance
updates:
  - at: 2026-11-20 23:30
    status: investigating
    body: We are looking into slow answers.
---
`;

const SITE = 'automation:\n  fail_after: 3\n';

const made: string[] = [];

async function site(files: Record<string, string>): Promise<string> {
  const content = miniSiteWith(SITE, { 'probes/api.jsonl': probes(), 'probes/alerts.json': FIRING, ...files });
  made.push(path.dirname(content));
  const result = await build({ content, now: NOW });
  assert.equal(result.status, 0, result.stderr);
  return result.out;
}

const read = (out: string, file: string) => readFileSync(path.join(out, file), 'utf8');
type Component = { id: string; status: string } & Record<string, unknown>;
const summary = (out: string) => JSON.parse(read(out, 'api/v2/summary.json')) as { components: Component[]; status: { indicator: string; description: string } };
const component = (out: string, id: string) => summary(out).components.find((c) => c.id === id)!;

describe('component automation in a built site', () => {
  let auto = '';
  let person = '';
  before(async () => {
    auto = await site({});
    person = await site({ 'incidents/2026-11-20-api-slow.md': OPEN_INCIDENT });
  });
  after(() => {
    for (const dir of [...made, ...[auto, person].filter(Boolean).map((out) => path.dirname(out))]) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the automatic state on the component page, with its reason in words', () => {
    const api = read(auto, 'components/api/index.html');
    assert.match(api, /<p class="current">Current status: <span class="state state-major_outage">Major Outage<\/span><\/p>/);
    assert.match(api, /<p class="automatic">Set automatically: 3 checks in a row failed \(since [^)]+\)\.<\/p>/);
    const web = read(auto, 'components/web-apps/index.html');
    // The alert's text is escaped: it is plain text from monitoring.
    assert.match(web, /<p class="automatic">Set automatically by a monitoring alert \(since [^)]+\): Sign-in fails &lt;b&gt;everywhere&lt;\/b&gt;<\/p>/);
  });

  it('shows it on the home page rows, and the overall status follows', () => {
    const home = read(auto, 'index.html');
    assert.equal(home.match(/<p class="automatic">/g)?.length, 2);
    assert.deepEqual(summary(auto).status, { indicator: 'critical', description: 'Major System Outage' });
  });

  it('gives the state in the API with Statuspage\'s fields only, and says why in the metrics file', () => {
    const api = component(auto, 'api');
    assert.equal(api.status, 'major_outage');
    assert.equal(component(auto, 'web-apps').status, 'major_outage');
    assert.deepEqual(Object.keys(api), ['id', 'name', 'status', 'created_at', 'updated_at', 'position', 'description', 'showcase', 'start_date', 'group_id', 'page_id', 'group', 'only_show_if_degraded']);
    const metrics = JSON.parse(read(auto, 'api/v2/metrics/api.json')) as { component: { automatic?: object } };
    assert.deepEqual(metrics.component.automatic, { reason: 'probes', state: 'major_outage', since: '2026-11-21T00:00:00.000Z', failures: 3, summary: 'HTTP 503' });
  });

  it('shows the person\'s state while their incident is open on the component', () => {
    const api = read(person, 'components/api/index.html');
    assert.match(api, /<span class="state state-degraded_performance">Degraded Performance<\/span>/);
    assert.doesNotMatch(api, /class="automatic"/);
    assert.equal(component(person, 'api').status, 'degraded_performance');
    const metrics = JSON.parse(read(person, 'api/v2/metrics/api.json')) as { component: { automatic?: object } };
    assert.equal(metrics.component.automatic, undefined);
    // The incident is about the API only: the alert still sets Web Apps.
    assert.equal(component(person, 'web-apps').status, 'major_outage');
  });

  it('writes pages html-validate accepts', async () => {
    for (const [out, file] of [[auto, 'index.html'], [auto, 'components/api/index.html'], [auto, 'components/web-apps/index.html'], [person, 'components/api/index.html']] as const) {
      const report = await pageValidator.validateString(read(out, file));
      assert.ok(report.valid, `${file}: ${JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`)))}`);
    }
  });
});
