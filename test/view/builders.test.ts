import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { siteSchema } from '../../src/content/schema.ts';
import { stateAt } from '../../src/state/index.ts';
import { historyPages } from '../../src/view/history.ts';
import { incidentLink, incidentPage } from '../../src/view/incident.ts';
import { banner } from '../../src/view/meta.ts';
import { loadLocale, viewContext } from '../../src/view/index.ts';

// Each view builder takes its context explicitly, so it can be tried alone on a hand-made state.
const site = siteSchema.parse({
  name: 'Example',
  url: 'https://status.example.com/',
  time_zone: 'Europe/Berlin',
  components: [{ id: 'web', name: 'Web', start_date: '2024-01-01' }],
});
const t = (iso: string) => Date.parse(iso);
const incident = (id: string, start: string, resolved?: string) => ({
  id, file: `incidents/${id}.md`, title: `Title ${id}`, impact: 'minor' as const, components: { web: 'partial_outage' as const },
  updates: [
    { at: t(start), status: 'investigating' as const, body: 'Looking **into** it.', components: {} },
    ...(resolved ? [{ at: t(resolved), status: 'resolved' as const, body: 'Fixed.', components: {} }] : []),
  ],
});
const state = stateAt({ site, incidents: [incident('a', '2026-10-30T10:00:00Z', '2026-10-30T11:30:00Z'), incident('b', '2026-11-20T09:00:00Z')], warnings: [] }, t('2026-11-21T00:00:00Z'));

describe('view builders', () => {
  for (const tag of ['en', 'de']) {
    const ctx = viewContext(site, loadLocale(tag));
    it(`format an incident in the site's zone and language (${tag})`, () => {
      const open = state.incidents.find((i) => i.incident.id === 'b')!;
      const page = incidentPage(ctx, open);
      assert.equal(page.url, '/incidents/b/');
      assert.equal(page.updates[0]!.html, '<p>Looking <strong>into</strong> it.</p>');
      assert.equal(page.updates[0]!.posted.iso, '2026-11-20T09:00:00.000Z');
      assert.match(page.updates[0]!.posted.text, /10:00/, 'Berlin is an hour ahead of UTC in November');
      assert.equal(incidentLink(ctx, open).summary, ctx.m.incident.ongoing);
    });

    it(`groups the history by month, newest first (${tag})`, () => {
      const entries = state.incidents.map((i) => ({ link: incidentLink(ctx, i), at: i.startedAt }));
      const [first] = historyPages(ctx, entries);
      assert.deepEqual(first!.months.map((m) => [m.key, m.incidents.map((i) => i.id)]), [['2026-11', ['b']], ['2026-10', ['a']]]);
    });

    it(`words the banner from the indicator (${tag})`, () => {
      // A minor incident with a partial outage reads as the outage: Statuspage's blended indicator.
      assert.deepEqual(banner(ctx, state), { indicator: 'major', description: ctx.m.indicator.major });
    });
  }
});
