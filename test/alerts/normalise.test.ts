import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { alertComponents, alertEventSchema, normaliseAlerts, readAlertPayload, SUMMARY_MAX, type AlertEvent } from '../../src/alerts/index.ts';
import { readSite } from '../../src/content/index.ts';

/*
 * Each service's payload (test/fixtures/alerts/, written from the services' public documentation)
 * made into events, against a site file whose alerts: maps label values and service names to
 * components.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/alerts');
const components = alertComponents(readSite(path.join(FIXTURES, 'content')));
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const read = (name: string, options: Parameters<typeof normaliseAlerts>[1] = { components }) => normaliseAlerts(readAlertPayload(fixture(name), name), options);
const inline = (data: unknown) => normaliseAlerts(readAlertPayload(JSON.stringify(data, null, 2), 'inline.json'), { components });

describe('alerts from monitoring, one event per alert', () => {
  it('Alertmanager (webhook v4): the fingerprint is the key; a component label is an id or mapped, a service label mapped', () => {
    const { source, events, problems } = read('alertmanager.json');
    assert.equal(source, 'alertmanager');
    assert.deepEqual(problems, []);
    assert.deepEqual(events, [
      { source: 'alertmanager', key: '5c2f3e0b8a1d4e67', status: 'firing', component: 'web-apps', summary: 'Error rate above 5% on the web front end', startsAt: '2026-11-20T13:58:12.123Z' },
      { source: 'alertmanager', key: 'a41b9c7d2e3f0815', status: 'resolved', component: 'checkout', summary: 'Checkout p99 latency above 2 s', startsAt: '2026-11-20T12:40:00Z' },
    ]);
  });

  it('Grafana alerting: told from Alertmanager by its state and title; the component label is an id', () => {
    assert.deepEqual(read('grafana.json').events, [
      { source: 'grafana', key: '0fd5c3e5a4f2bb21', status: 'firing', component: 'api', summary: 'The API answers 5xx to 12% of requests', startsAt: '2026-11-20T14:05:00Z' },
    ]);
  });

  it('Datadog (our template): the cycle key links Triggered to Recovered; the title loses its [Triggered on …]; $DATE as text or number', () => {
    const triggered = read('datadog-triggered.json').events;
    const recovered = read('datadog-recovered.json').events;
    assert.deepEqual(triggered, [{ source: 'datadog', key: '7146295213834384457', status: 'firing', component: 'checkout', summary: 'Checkout error rate is high', startsAt: '2026-11-20T14:00:00Z' }]);
    assert.deepEqual(recovered, [{ ...triggered[0]!, status: 'resolved', startsAt: '2026-11-20T14:30:00Z' }]);
  });

  it('PagerDuty webhooks v3: triggered fires, resolved resolves, acknowledged changes nothing; the service name is mapped', () => {
    const event = { source: 'pagerduty', key: 'PGR0VU2', status: 'firing', component: 'api', summary: 'Public API returns errors', startsAt: '2026-11-20T14:06:30Z' };
    assert.deepEqual(read('pagerduty-triggered.json').events, [event]);
    assert.deepEqual(read('pagerduty-resolved.json').events, [{ ...event, status: 'resolved' }]);
    assert.deepEqual(read('pagerduty-acknowledged.json'), { source: 'pagerduty', events: [], problems: [] });
  });

  it('the generic shape: its own component id, the time in UTC', () => {
    assert.deepEqual(read('generic.json').events, [
      { source: 'generic', key: 'synthetic-login-check', status: 'firing', component: 'web-apps', summary: 'Sign-in fails from two of three probe locations', startsAt: '2026-11-20T14:02:00Z' },
    ]);
  });

  it('gives events of the one published shape', () => {
    for (const name of ['alertmanager.json', 'grafana.json', 'datadog-triggered.json', 'pagerduty-resolved.json', 'generic.json']) {
      for (const event of read(name).events) assert.deepEqual(alertEventSchema.parse(event), event);
    }
  });

  it('takes the source a payload names, or the one the caller names, over its shape', () => {
    const generic = { key: 'k', status: 'firing', summary: 'Down', startsAt: '2026-11-20T10:00:00Z', transition: 'Triggered' };
    // With a transition it looks like Datadog's template, which it is not: naming the source settles it.
    assert.throws(() => inline(generic));
    assert.equal(normaliseAlerts(readAlertPayload(JSON.stringify({ ...generic, transition: undefined }), 'x.json'), { source: 'generic' }).source, 'generic');
    const withSource = inline({ source: 'generic', key: 'k', status: 'resolved', summary: 'Down', startsAt: 1795183200000 });
    assert.deepEqual(withSource.events, [{ source: 'generic', key: 'k', status: 'resolved', summary: 'Down', startsAt: '2026-11-20T14:00:00Z' }]);
  });

  it('maps first, then takes a component id; an unknown name is reported, with the ids, and never guessed', () => {
    const base = { key: 'k', status: 'firing', summary: 'Down', startsAt: '2026-11-20T10:00:00Z' };
    assert.equal(inline({ ...base, component: 'frontend' }).events[0]!.component, 'web-apps');
    assert.equal(inline({ ...base, component: 'api' }).events[0]!.component, 'api');
    // One letter off an id is still not that id.
    const { events, problems } = inline({ ...base, component: 'apj' });
    assert.equal(events[0]!.component, undefined);
    assert.deepEqual(problems.map((p) => [p.code, p.severity, p.line]), [['alert-component-unknown', 'warning', 1]]);
    assert.match(problems[0]!.message, /component "apj"/);
    assert.match(problems[0]!.hint, /web-apps, api, checkout/);
    // No name at all: no component, nothing to report.
    assert.deepEqual(inline(base).problems, []);
    // Without a site file there is nothing to check a name against, so no component is given.
    assert.equal(normaliseAlerts(readAlertPayload(JSON.stringify({ ...base, component: 'api' }), 'x.json')).events[0]!.component, undefined);
  });

  it('finds the payload inside a repository_dispatch event, naming the event file’s lines', () => {
    const event = { action: 'status-alert', client_payload: { payload: JSON.parse(fixture('generic.json')) } };
    const text = JSON.stringify(event, null, 2);
    assert.equal(normaliseAlerts(readAlertPayload(text, 'event.json', ['client_payload', 'payload']), { components }).events[0]!.key, 'synthetic-login-check');
    const broken = JSON.stringify({ ...event, client_payload: { payload: { ...event.client_payload.payload, status: 'down' } } }, null, 2);
    assert.throws(() => normaliseAlerts(readAlertPayload(broken, 'event.json', ['client_payload', 'payload']), { components }), (error: { problems: { file: string; line: number; code: string }[] }) => {
      assert.deepEqual(error.problems.map((p) => [p.file, p.line, p.code]), [['event.json', 6, 'not-one-of']]);
      return true;
    });
  });

  it('keeps hostile text as one line of plain text, and JSON keeps it text', () => {
    const hostile = [
      '<script>alert(1)</script>', '"},{"key":"injected"', '\n{"source":"generic","key":"forged"}\n', '\u202eevil\u202c', 'zero\u200bwidth',
      'line\u2028separator', 'tab\there', 'bell\u0007', '${{ github.token }}', '$(rm -rf /)', '[link](javascript:alert(1))', '@channel <!here>',
    ].join(' ');
    const { events } = inline({ key: 'k"\n', status: 'firing', summary: hostile + ' x'.repeat(400), startsAt: '2026-11-20T10:00:00Z' });
    const summary = events[0]!.summary;
    assert.ok(summary.length <= SUMMARY_MAX, `${summary.length} characters`);
    assert.doesNotMatch(summary, /[\u0000-\u001f\u2028\u2029\u200b\u202e]/);
    assert.ok(summary.startsWith('<script>alert(1)</script> "},{"key":"injected" {"source":"generic","key":"forged"} evil zero width line separator tab here bell ${{ github.token }} $(rm -rf /)'));
    const line = JSON.stringify(events[0]);
    assert.equal(line.split('\n').length, 1);
    assert.deepEqual(JSON.parse(line) as AlertEvent, events[0]);
  });
});
