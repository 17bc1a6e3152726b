// The scripted life of one incident and one maintenance, as content files written into a copy of
// test/fixtures/notify at increasing instants: what an editor would commit, step by step.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/notify');

/** A fresh copy of the fixture with one old, resolved incident (which must never be sent). */
export function freshSite(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'status-notify-')), 'content');
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(path.join(dir, 'incidents'), { recursive: true });
  mkdirSync(path.join(dir, 'maintenance'), { recursive: true });
  writeFileSync(
    path.join(dir, 'incidents/2026-10-01-old.md'),
    `---
title: An old incident
impact: major
components: { web: major_outage }
updates:
  - at: "2026-10-01T10:00:00Z"
    status: resolved
    body: Fixed long ago.
  - at: "2026-10-01T09:00:00Z"
    status: investigating
    body: Web is down.
---
`,
  );
  return dir;
}

interface Update {
  at: string;
  status: string;
  body: string;
  components?: string;
}

export function writeIncident(dir: string, updates: Update[], options: { title?: string; postmortem?: string; id?: string } = {}) {
  const lines = updates.map(
    (u) => `  - at: "${u.at}"\n    status: ${u.status}\n${u.components ? `    components: ${u.components}\n` : ''}    body: ${JSON.stringify(u.body)}`,
  );
  writeFileSync(
    path.join(dir, `incidents/${options.id ?? '2026-11-20-sms-delay'}.md`),
    `---
title: ${JSON.stringify(options.title ?? 'Delayed SMS delivery')}
impact: minor
components: { sms: partial_outage }
${options.postmortem ? `postmortem_at: "${options.postmortem}"\n` : ''}updates:
${lines.join('\n')}
---
${options.postmortem ? 'The carrier lost a link.\n' : ''}`,
  );
}

export function writeMaintenance(dir: string) {
  writeFileSync(
    path.join(dir, 'maintenance/2026-11-21-db-upgrade.md'),
    `---
title: Database upgrade
scheduled_for: "2026-11-21T22:00:00Z"
scheduled_until: "2026-11-21T23:00:00Z"
components: [web]
updates:
  - at: "2026-11-20T13:00:00Z"
    status: scheduled
    body: We will upgrade the database on Saturday night.
---
Web may be slow for a few minutes.
`,
  );
}

const created = { at: '2026-11-20T09:00:00Z', status: 'investigating', body: 'We are investigating delayed SMS.' };
const identified = { at: '2026-11-20T09:30:00Z', status: 'identified', body: 'The carrier has found the fault.' };
const monitoring = { at: '2026-11-20T10:00:00Z', status: 'monitoring', components: '{ sms: degraded_performance }', body: 'A fix is in place.' };
const resolved = { at: '2026-11-20T10:30:00Z', status: 'resolved', body: 'This incident has been resolved.' };

/** Each step: what is written, the instant of the run, and what each channel must get. */
export const STEPS: { name: string; now: string; write: (dir: string) => void; expect: Record<string, string[]> }[] = [
  {
    name: 'open',
    now: '2026-11-20T09:05:00Z',
    write: (dir) => writeIncident(dir, [created]),
    expect: {
      slack: ['[Acme Cloud] Investigating: Delayed SMS delivery'],
      teams: ['[Acme Cloud] Investigating: Delayed SMS delivery'],
      discord: ['[Acme Cloud] Investigating: Delayed SMS delivery'],
      webhook: ['incident_created incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z', 'component_changed component/sms/2026-11-20T09:00:00.000Z/partial_outage'],
      email: ['[Acme Cloud] Investigating: Delayed SMS delivery'],
    },
  },
  {
    // The monitoring update is dated in the future: not sent yet.
    name: 'update (and one dated later)',
    now: '2026-11-20T09:35:00Z',
    write: (dir) => writeIncident(dir, [monitoring, identified, created]),
    expect: {
      slack: ['[Acme Cloud] Identified: Delayed SMS delivery'],
      teams: ['[Acme Cloud] Identified: Delayed SMS delivery'],
      discord: ['[Acme Cloud] Identified: Delayed SMS delivery'],
      webhook: ['incident_updated incident/2026-11-20-sms-delay/update/2026-11-20T09:30:00.000Z'],
      email: ['[Acme Cloud] Identified: Delayed SMS delivery'],
    },
  },
  {
    // Its time has come; and the identified update was edited after it was sent: not sent again.
    name: 'component change (future update due, earlier one edited)',
    now: '2026-11-20T10:05:00Z',
    write: (dir) => writeIncident(dir, [monitoring, { ...identified, body: 'The carrier has found the fault (edited).' }, created]),
    expect: {
      slack: ['[Acme Cloud] Monitoring: Delayed SMS delivery'],
      teams: ['[Acme Cloud] Monitoring: Delayed SMS delivery'],
      discord: ['[Acme Cloud] Monitoring: Delayed SMS delivery'],
      webhook: ['incident_updated incident/2026-11-20-sms-delay/update/2026-11-20T10:00:00.000Z', 'component_changed component/sms/2026-11-20T10:00:00.000Z/degraded_performance'],
      email: ['[Acme Cloud] Monitoring: Delayed SMS delivery'],
    },
  },
  {
    name: 'resolve',
    now: '2026-11-20T10:35:00Z',
    write: (dir) => writeIncident(dir, [resolved, monitoring, identified, created]),
    expect: {
      slack: ['[Acme Cloud] Resolved: Delayed SMS delivery'],
      teams: ['[Acme Cloud] Resolved: Delayed SMS delivery'],
      discord: ['[Acme Cloud] Resolved: Delayed SMS delivery'],
      webhook: ['incident_resolved incident/2026-11-20-sms-delay/update/2026-11-20T10:30:00.000Z', 'component_changed component/sms/2026-11-20T10:30:00.000Z/operational'],
      email: ['[Acme Cloud] Resolved: Delayed SMS delivery'],
    },
  },
  {
    name: 'postmortem',
    now: '2026-11-20T12:05:00Z',
    write: (dir) => writeIncident(dir, [resolved, monitoring, identified, created], { postmortem: '2026-11-20T12:00:00Z' }),
    expect: {
      slack: ['[Acme Cloud] Postmortem: Delayed SMS delivery'],
      teams: ['[Acme Cloud] Postmortem: Delayed SMS delivery'],
      discord: ['[Acme Cloud] Postmortem: Delayed SMS delivery'],
      webhook: ['postmortem incident/2026-11-20-sms-delay/postmortem'],
      email: ['[Acme Cloud] Postmortem: Delayed SMS delivery'],
    },
  },
  {
    // Teams follows SMS only: the maintenance on Web is not for it.
    name: 'maintenance announced',
    now: '2026-11-20T13:05:00Z',
    write: writeMaintenance,
    expect: {
      slack: ['[Acme Cloud] Scheduled: Database upgrade'],
      teams: [],
      discord: ['[Acme Cloud] Scheduled: Database upgrade'],
      webhook: ['maintenance_announced maintenance/2026-11-21-db-upgrade/announced'],
      email: ['[Acme Cloud] Scheduled: Database upgrade'],
    },
  },
  {
    name: 'maintenance started',
    now: '2026-11-21T22:05:00Z',
    write: () => {},
    expect: {
      slack: ['[Acme Cloud] In progress: Database upgrade'],
      teams: [],
      discord: ['[Acme Cloud] In progress: Database upgrade'],
      webhook: ['maintenance_started maintenance/2026-11-21-db-upgrade/started', 'component_changed component/web/2026-11-21T22:00:00.000Z/under_maintenance'],
      email: ['[Acme Cloud] In progress: Database upgrade'],
    },
  },
  {
    name: 'maintenance completed',
    now: '2026-11-21T23:05:00Z',
    write: () => {},
    expect: {
      slack: ['[Acme Cloud] Completed: Database upgrade'],
      teams: [],
      discord: ['[Acme Cloud] Completed: Database upgrade'],
      webhook: ['maintenance_completed maintenance/2026-11-21-db-upgrade/completed', 'component_changed component/web/2026-11-21T23:00:00.000Z/operational'],
      email: ['[Acme Cloud] Completed: Database upgrade'],
    },
  },
];
