import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { formatProblem, StatusError } from '../../src/shared/errors.ts';
import { loadContent, type Content } from '../../src/content/index.ts';

const t = (iso: string) => Date.parse(iso);

const SITE_YML = `name: Test
url: https://status.example.test/
time_zone: Etc/UTC
groups:
  - id: core
    name: Core
components:
  - id: web-apps
    name: Web Apps
    group: core
    start_date: 2026-01-01
  - id: api
    name: API
    group: core
    order: 2
    start_date: 2026-01-01
  - id: sms
    name: SMS
    start_date: 2026-01-01
`;

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes a content folder with the given maintenance files and loads it; returns content or problem lines. */
function load(files: Record<string, string>): { content?: Content; problems: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'maintenance-test-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'site.yml'), SITE_YML);
  mkdirSync(path.join(dir, 'maintenance'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'maintenance', name), text);
  try {
    return { content: loadContent(dir), problems: [] };
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    // Problems name files relative to the working directory; keep only the file name.
    return { problems: error.problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) })) };
  }
}

const GOOD = `---
title: Database upgrade
scheduled_for: 2026-12-01 02:00
scheduled_until: 2026-12-01 04:00
components: [api, web-apps]
updates:
  - at: 2026-12-01 03:00
    status: verifying
    body: Checking.
  - at: 2026-11-18 10:00
    status: scheduled
    body: We will upgrade the database.
---
Forms submitted meanwhile are queued.
`;

describe('loadMaintenance: reading files', () => {
  it('reads a maintenance: times in the site zone, updates oldest first, body as description', () => {
    const { content, problems } = load({ 'db-upgrade.md': GOOD });
    assert.deepEqual(problems, []);
    const [m] = content!.maintenances!;
    assert.deepEqual(m, {
      id: 'db-upgrade',
      file: m!.file,
      title: 'Database upgrade',
      scheduledFor: t('2026-12-01T02:00:00Z'),
      scheduledUntil: t('2026-12-01T04:00:00Z'),
      components: ['api', 'web-apps'],
      updates: [
        { at: t('2026-11-18T10:00:00Z'), status: 'scheduled', body: 'We will upgrade the database.' },
        { at: t('2026-12-01T03:00:00Z'), status: 'verifying', body: 'Checking.' },
      ],
      description: 'Forms submitted meanwhile are queued.',
    });
  });

  it('accepts components as a map of ids to under_maintenance, and no updates at all', () => {
    const { content, problems } = load({
      'x.md': '---\ntitle: X\nscheduled_for: 2026-12-01 02:00\nscheduled_until: 2026-12-01T04:00:00+01:00\ncomponents:\n  sms: under_maintenance\n---\n',
    });
    assert.deepEqual(problems, []);
    const [m] = content!.maintenances!;
    assert.deepEqual(m!.components, ['sms']);
    assert.deepEqual(m!.updates, []);
    assert.equal(m!.scheduledUntil, t('2026-12-01T03:00:00Z'));
    assert.equal(m!.description, '');
  });

  it('has no maintenance when the folder is missing or empty', () => {
    assert.deepEqual(load({}).content!.maintenances, []);
  });

  const head = '---\ntitle: X\nscheduled_for: 2026-12-01 02:00\nscheduled_until: 2026-12-01 04:00\n';
  const cases: { name: string; file: string; problems: (string | RegExp)[] }[] = [
    {
      name: 'a misspelt key, with the maintenance key it resembles',
      file: `---\ntitle: X\nschedule_for: 2026-12-01 02:00\nscheduled_until: 2026-12-01 04:00\n---\n`,
      problems: [
        'x.md:2: scheduled_for is missing — add a line like  scheduled_for: 2026-11-22 02:00',
        'x.md:3: unknown key "schedule_for" — did you mean "scheduled_for"?',
      ],
    },
    {
      name: 'components as plain text',
      file: `${head}components: web-apps\n---\n`,
      problems: ['x.md:5: components must be a list of component ids or a map of ids to under_maintenance — write it like  components: [web-apps, api]'],
    },
    {
      name: 'an unknown component',
      file: `${head}components: [web-aps, database]\n---\n`,
      problems: [
        'x.md:5: unknown component "web-aps" — did you mean "web-apps"?',
        'x.md:5: unknown component "database" — use an id from the site file: web-apps, api, sms',
      ],
    },
    {
      name: 'a window that ends before it starts',
      file: '---\ntitle: X\nscheduled_for: 2026-12-01 02:00\nscheduled_until: 2026-12-01 01:00\n---\n',
      problems: ['x.md:4: scheduled_until is not later than scheduled_for — the window ends at scheduled_until; check both times'],
    },
    {
      name: 'a time that does not exist',
      file: '---\ntitle: X\nscheduled_for: 2026-02-30 02:00\nscheduled_until: 2026-12-01 01:00\n---\n',
      problems: [/^x\.md:3: scheduled_for: "2026-02-30 02:00" is not a real date and time .* — write a time like 2026-11-20 14:05/],
    },
    {
      name: 'updates out of order',
      file: `${head}updates:\n  - at: 2026-11-18 09:00\n    status: scheduled\n    body: B\n  - at: 2026-11-18 10:00\n    status: scheduled\n    body: A\n---\n`,
      problems: ['x.md:6: this update is not later than the one below it (updates are listed newest first) — put the newest update at the top of the list and check the times'],
    },
    {
      name: 'an update after the completed one',
      file: `${head}updates:\n  - at: 2026-12-01 03:30\n    status: verifying\n    body: B\n  - at: 2026-12-01 03:00\n    status: completed\n    body: A\n---\n`,
      problems: ['x.md:6: this update comes after the maintenance was completed — remove it, or change the completed update below it'],
    },
    {
      name: 'a scheduled update once the window has started',
      file: `${head}updates:\n  - at: 2026-12-01 02:30\n    status: scheduled\n    body: Later.\n---\n`,
      problems: ['x.md:6: a scheduled update must come before the maintenance starts — to move the window, change scheduled_for and scheduled_until instead'],
    },
    {
      name: 'an in-progress update after the window',
      file: `${head}updates:\n  - at: 2026-12-01 04:30\n    status: in_progress\n    body: Still going.\n---\n`,
      problems: [
        'x.md:6: this in_progress update is after scheduled_until, when the maintenance completes by itself — to extend the window, change scheduled_until; after it, only a completed update can be added',
      ],
    },
    {
      name: 'an update status from incidents',
      file: `${head}updates:\n  - at: 2026-12-01 03:00\n    status: resolved\n    body: Done.\n---\n`,
      problems: ['x.md:7: updates[1].status must be one of scheduled, in_progress, verifying, completed — got "resolved" — write one of: scheduled, in_progress, verifying, completed'],
    },
    {
      name: 'components on an update',
      file: `${head}updates:\n  - at: 2026-12-01 03:00\n    status: in_progress\n    body: Going.\n    components:\n      api: under_maintenance\n---\n`,
      problems: ['x.md:9: unknown key "components" in updates[1] — list the components once, at the top: they are under maintenance for the whole window'],
    },
    {
      name: 'a file without front matter',
      file: 'Database upgrade on Sunday.\n',
      problems: ['x.md:1: the file does not start with --- — put the front matter (title, scheduled_for, scheduled_until, components) between two --- lines at the top'],
    },
  ];
  for (const c of cases) {
    it(`reports ${c.name} with its line`, () => {
      const { problems } = load({ 'x.md': c.file });
      assert.equal(problems.length, c.problems.length, problems.join('\n'));
      c.problems.forEach((expected, i) => (typeof expected === 'string' ? assert.equal(problems[i], expected) : assert.match(problems[i]!, expected)));
    });
  }

  it('refuses ids the API uses for its own files', () => {
    assert.deepEqual(load({ 'upcoming.md': GOOD }).problems, [
      'upcoming.md:1: "upcoming" cannot be a maintenance id: the API uses that name — rename the file, or set another `id:`',
    ]);
  });

  it('refuses two maintenances with one id', () => {
    const { problems } = load({ 'a.md': GOOD.replace('---\n', '---\nid: same\n'), 'b.md': GOOD.replace('---\n', '---\nid: same\n') });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^b\.md:2: maintenance id "same" is already used by .*a\.md — /);
  });
});

/* ------------------------------------------------------------------ state over time */
