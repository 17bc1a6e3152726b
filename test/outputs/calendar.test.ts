import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { calendarFiles, maintenanceUid } from '../../src/outputs/calendar.ts';
import { loadContent } from '../../src/content/load.ts';
import { stateAt } from '../../src/state/status.ts';
import { sampleSite } from '../helpers/build.ts';

/** Parses an iCalendar text back into its events with ical.js. */
function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      description: event.description,
      url: vevent.getFirstPropertyValue('url'),
      sequence: event.sequence,
      stamp: (vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString(),
    };
  });
}

const calendarAt = (dir: string, now: string) => String(calendarFiles(stateAt(loadContent(dir), Date.parse(now)))[0]!.content);

describe('maintenance.ics', () => {
  it('is written by the build and parses back into one event per announced maintenance', () => {
    const text = readFileSync(path.join(sampleSite(), 'maintenance.ics'), 'utf8');
    assert.deepEqual(events(text).map((e) => [e.uid, e.summary, e.start, e.end, e.url]), [
      [
        'maintenance-2026-10-18-database-server-upgrade@status.example.org',
        'Database server upgrade (maintenance)',
        '2026-10-18T02:00:00.000Z',
        '2026-10-18T04:00:00.000Z',
        'https://status.example.org/maintenance/2026-10-18-database-server-upgrade/',
      ],
      [
        'maintenance-2026-11-28-sms-gateway-connection-upgrade@status.example.org',
        'Upgrade of the SMS gateway connection (maintenance)',
        '2026-11-28T22:00:00.000Z',
        '2026-11-29T01:00:00.000Z',
        'https://status.example.org/maintenance/2026-11-28-sms-gateway-connection-upgrade/',
      ],
    ]);
  });

  it('describes status, affected components, what will happen and the latest update', () => {
    const [done, upcoming] = events(calendarAt('content', '2026-11-21T00:00:00Z'));
    assert.match(done!.description, /^Status: Completed\n\nAffected: www\.commcarehq\.org \(Syncs with CommCare HQ, Form Submissions, Web Apps\)\n\nDuring the window/);
    assert.match(done!.description, /Completed \(Oct 18, 2026 - 03:35 UTC\): The upgrade is finished/);
    assert.match(upcoming!.description, /^Status: Scheduled\n\nAffected: Messaging \(SMS\)/);
  });

  it('keeps UIDs and bytes stable between builds while nothing changes', () => {
    const a = calendarAt('content', '2026-11-21T00:00:00Z');
    assert.equal(calendarAt('content', '2026-11-25T12:00:00Z'), a);
    // Once the window starts the event changes, under the same UID, with a later stamp.
    const later = events(calendarAt('content', '2026-11-28T22:30:00Z'));
    const before = events(a);
    assert.deepEqual(later.map((e) => e.uid), before.map((e) => e.uid));
    assert.match(later[1]!.description, /^Status: In progress/);
    assert.ok(Date.parse(later[1]!.stamp) > Date.parse(before[1]!.stamp));
    assert.equal(maintenanceUid('https://status.example.org/', 'x'), 'maintenance-x@status.example.org');
  });

  it('leaves out a maintenance until its first update is posted', () => {
    assert.deepEqual(events(calendarAt('content', '2026-11-19T14:59:00Z')).map((e) => e.uid), [
      'maintenance-2026-10-18-database-server-upgrade@status.example.org',
    ]);
  });

  it('keeps hostile titles readable and free of control characters', () => {
    const text = calendarAt('test/fixtures/subscribers', '2026-11-20T12:00:00Z');
    assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const now = events(text).find((e) => e.uid === 'maintenance-m-now@example.test')!;
    assert.equal(now.summary, 'SMS swap & <upgrade> ]]> 🚧 (maintenance)');
    assert.match(now.description, /^Status: In progress\n\nAffected: Core & Edge \(SMS\)\n\nMessages are queued & sent afterwards\./);
  });
});
