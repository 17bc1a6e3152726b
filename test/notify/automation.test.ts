import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Content } from '../../src/content/index.ts';
import { siteSchema } from '../../src/content/schema.ts';
import { eventsSince } from '../../src/notify/index.ts';
import { stateAt } from '../../src/state/index.ts';

/*
 * Notifications come from what people wrote (incident and maintenance updates). A state set by
 * automation is no update: it must not reach subscribers as one, nor as a component change
 * someone made.
 */

const NOW = Date.parse('2026-11-20T12:00:00Z');
const site = siteSchema.parse({
  name: 'Test',
  url: 'https://status.example.test/',
  time_zone: 'Etc/UTC',
  components: [{ id: 'api', name: 'API', start_date: '2026-01-01' }],
  automation: null,
});

describe('notifications and automation', () => {
  it('sends nothing when automation sets a component\'s state', () => {
    const content: Content = {
      site,
      incidents: [],
      warnings: [],
      probes: new Map([['api', [0, 1, 2].map((i) => ({ at: NOW - i * 60_000, ok: false, ms: 0 }))]]),
      firing: [{ key: 'k', component: 'api', summary: 'Down', since: NOW - 60_000 }],
    };
    const state = stateAt(content, NOW);
    assert.equal(state.components[0]!.shown, 'major_outage', 'automation set it');
    assert.deepEqual(eventsSince(state, 0), []);
  });
});
