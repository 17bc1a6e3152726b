import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { addUpdate, incidentId, newestUpdate, newIncidentText, setNewestStatus, slugify, startPostmortem, writtenTime } from '../../src/authoring/edit.ts';
import { StatusError } from '../../src/shared/errors.ts';

const at = (iso: string) => Date.parse(iso);

/** The original text must come back when the added lines are taken out again. */
function withoutLines(text: string, added: string[]): string {
  const lines = text.split('\n');
  const i = lines.findIndex((_, n) => added.every((a, k) => lines[n + k] === a));
  assert.ok(i >= 0, `added lines not found together:\n${added.join('\n')}\nin:\n${text}`);
  lines.splice(i, added.length);
  return lines.join('\n');
}

const COMMENTED = `---
# Reported by the on-call engineer.
title: 'Delayed SMS delivery'   # keep it short
impact: minor
components: {sms: partial_outage}

updates:   # newest first
  # the latest news goes here
  - at: 2026-11-20 10:05
    status: identified
    body: >-
      The carrier has found the fault.

  - body: We are looking into it.   # body before at, on purpose
    at: 2026-11-20 09:40
    status: investigating
---
Notes after the front matter stay.
`;

describe('writtenTime', () => {
  it('writes the site zone with an explicit offset, Z for UTC', () => {
    assert.equal(writtenTime(at('2026-11-20T14:05:00Z'), 'Etc/UTC'), '2026-11-20T14:05:00Z');
    assert.equal(writtenTime(at('2026-11-20T14:05:00Z'), 'Europe/Berlin'), '2026-11-20T15:05:00+01:00');
    assert.equal(writtenTime(at('2026-07-20T14:05:00.250Z'), 'America/New_York'), '2026-07-20T10:05:00.250-04:00');
  });
});

describe('slugify and incidentId', () => {
  it('makes a file-name-safe slug', () => {
    assert.equal(slugify('Délayed SMS (carrier) — UK!'), 'delayed-sms-carrier-uk');
    assert.equal(slugify('???'), 'incident');
    const long = slugify('Intermittent errors on Web Apps and form submissions for users in several regions of the world');
    assert.ok(long.length <= 60 && !long.endsWith('-'), long);
  });
  it('dates the id in the site zone', () => {
    // 23:30 UTC is already the next day in Tokyo.
    assert.equal(incidentId('Slow syncs', at('2026-11-20T23:30:00Z'), 'Asia/Tokyo'), '2026-11-21-slow-syncs');
    assert.equal(incidentId('Slow syncs', at('2026-11-20T23:30:00Z'), 'Etc/UTC'), '2026-11-20-slow-syncs');
  });
});

describe('newIncidentText', () => {
  it('writes the front matter the loader reads, times quoted', () => {
    const text = newIncidentText(
      { title: 'Delayed SMS: carrier', impact: 'minor', components: { sms: 'partial_outage' }, update: { at: at('2026-11-20T14:05:00Z'), status: 'investigating', body: 'Looking # into it' } },
      'Etc/UTC',
    );
    assert.match(text, /^---\n[\s\S]*\n---\n$/);
    assert.match(text, /at: "2026-11-20T14:05:00Z"/);
    const data = parseDocument(text.slice(4, -4)).toJS();
    assert.deepEqual(data, {
      title: 'Delayed SMS: carrier',
      impact: 'minor',
      components: { sms: 'partial_outage' },
      updates: [{ at: '2026-11-20T14:05:00Z', status: 'investigating', body: 'Looking # into it' }],
    });
  });
});

describe('addUpdate', () => {
  it('inserts at the top of updates and leaves every other byte alone', () => {
    const text = addUpdate(COMMENTED, { at: at('2026-11-20T11:00:00Z'), status: 'monitoring', body: 'A fix is in place.', components: { sms: 'operational' } }, 'Etc/UTC');
    const added = ['  - at: "2026-11-20T11:00:00Z"', '    status: monitoring', '    body: A fix is in place.', '    components:', '      sms: operational', ''];
    assert.equal(withoutLines(text, added), COMMENTED);
    // The new item comes right after the comment that heads the list.
    assert.match(text, /# the latest news goes here\n {2}- at: "2026-11-20T11:00:00Z"/);
  });

  it('round-trips every sample incident byte for byte apart from the new lines', () => {
    const file = 'content/incidents/2021-02-18-web-apps-intermittent-errors.md';
    const original = readFileSync(file, 'utf8');
    const text = addUpdate(original, { at: at('2021-02-18T16:10:00Z'), status: 'monitoring', body: 'Still watching.' }, 'Etc/UTC');
    assert.equal(withoutLines(text, ['  - at: "2021-02-18T16:10:00Z"', '    status: monitoring', '    body: Still watching.', '']), original);
  });

  it('keeps multi-line bodies as a block', () => {
    const text = addUpdate(COMMENTED, { at: at('2026-11-20T11:00:00Z'), status: 'monitoring', body: 'Line one: with colon\n\nLine two' }, 'Etc/UTC');
    const front = text.split('---\n')[1]!;
    assert.equal(parseDocument(front).toJS().updates[0].body, 'Line one: with colon\n\nLine two');
  });

  it('fills an empty list', () => {
    const text = addUpdate('---\ntitle: X\nimpact: none\nupdates: []\n---\n', { at: at('2026-11-20T11:00:00Z'), status: 'investigating', body: 'Hi' }, 'Etc/UTC');
    assert.equal(text, '---\ntitle: X\nimpact: none\nupdates:\n  - at: "2026-11-20T11:00:00Z"\n    status: investigating\n    body: Hi\n---\n');
  });

  it('refuses a file without front matter', () => {
    assert.throws(() => addUpdate('just text', { at: 0, status: 'resolved', body: 'x' }, 'Etc/UTC'), StatusError);
  });
});

describe('startPostmortem', () => {
  it('adds postmortem_at above updates and an outline after the front matter', () => {
    const plain = COMMENTED.replace('Notes after the front matter stay.\n', '');
    const { text, changed } = startPostmortem(plain, at('2026-11-22T09:00:00Z'), 'Etc/UTC', '## Summary\n');
    assert.ok(changed);
    assert.equal(withoutLines(text, ['postmortem_at: "2026-11-22T09:00:00Z"']).replace(/## Summary\n$/, ''), plain);
    assert.match(text, /postmortem_at: "2026-11-22T09:00:00Z"\nupdates: {3}# newest first/);
  });

  it('leaves a file that already has a postmortem alone', () => {
    const file = readFileSync('content/incidents/2021-02-18-web-apps-intermittent-errors.md', 'utf8');
    assert.deepEqual(startPostmortem(file, at('2026-11-22T09:00:00Z'), 'Etc/UTC', '## Summary\n'), { text: file, changed: false });
  });
});

describe('setNewestStatus', () => {
  it('changes only the status of the newest update, keeping comments and quoting', () => {
    const text = '---\ntitle: Slow pages # from an alert\nimpact: minor\nupdates:\n  - at: "2026-11-20T10:30:00Z"\n    status: resolved   # cleared\n    body: Fast again.\n  - at: "2026-11-20T10:00:00Z"\n    status: investigating\n    body: Slow.\n---\n';
    assert.deepEqual(newestUpdate(text), { status: 'resolved', at: '2026-11-20T10:30:00Z' });
    const changed = setNewestStatus(text, 'monitoring');
    assert.equal(changed, text.replace('status: resolved   # cleared', 'status: monitoring   # cleared'));
    assert.throws(() => setNewestStatus('---\ntitle: X\nupdates: []\n---\n', 'monitoring'), StatusError);
  });
});
