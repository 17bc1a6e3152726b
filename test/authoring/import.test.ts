import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand } from '../helpers/command.ts';
import { after, before, describe, it } from 'node:test';
import { StatusError } from '../../src/shared/errors.ts';
import { bodyToMarkdown, importStatuspage, mergeSources } from '../../src/authoring/import.ts';
import { loadContent } from '../../src/content/load.ts';
import { build } from '../helpers/build.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** Real responses of a busy Statuspage page, kept verbatim; read only (see test/fixtures/README.md). */
const REAL = path.join(root, 'test/fixtures/statuspage/githubstatus');
/** Hand-written in the same format, for what the real data lacks: groups, maintenance, postmortem. */
const SMALL = path.join(root, 'test/fixtures/statuspage-small');
const temp = mkdtempSync(path.join(tmpdir(), 'status-import-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const sources = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => ({ name: f, json: json(path.join(dir, f)) }));

async function importCli(args: string[]) {
  const r = await runCommand(['import', ...args]);
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('bodyToMarkdown', () => {
  it('keeps plain text as it is', async () => {
    assert.equal(bodyToMarkdown('We are investigating.\nMore soon.  '), 'We are investigating.\nMore soon.');
  });
  it('turns HTML into Markdown', async () => {
    assert.equal(bodyToMarkdown('One.<br /><br />Two, see <a href="https://e.com/x">this</a>.'), 'One.\n\nTwo, see [this](https://e.com/x).');
    assert.equal(bodyToMarkdown('<p>A <strong>b</strong></p><ul><li>c</li></ul>'), 'A **b**\n\n-   c');
  });
});

describe('mergeSources', () => {
  it('explains a file that is not Statuspage JSON', async () => {
    assert.throws(() => mergeSources([{ name: 'x.json', json: { hello: 1 } }]), (e: StatusError) => /x\.json has none of page, components, incidents/.test(e.message));
    assert.throws(() => mergeSources([{ name: 'y.json', json: { incidents: [{ id: 1 }] } }]), (e: StatusError) => /y\.json is not Statuspage API v2 JSON: incidents\.0\.id/.test(e.message));
  });
  it('takes maintenances listed among incidents apart', async () => {
    const data = mergeSources(sources(SMALL));
    assert.deepEqual(data.incidents.map((i) => i.id).sort(), ['inc0aaaa0001', 'inc0bbbb0002', 'inc0cccc0003']);
    assert.deepEqual(data.maintenances.map((m) => m.id), ['mnt0dddd0004']);
  });
});

describe('importStatuspage (hand-written fixture)', () => {
  const result = importStatuspage(mergeSources(sources(SMALL)));
  const file = (p: string) => result.files.find((f) => f.path === p)?.content ?? assert.fail(`no ${p} in ${result.files.map((f) => f.path).join(', ')}`);

  it('writes the site file with groups, order and the page zone', async () => {
    const site = file('site.yml');
    assert.match(site, /^# Imported from the Statuspage page Example Cloud/);
    assert.match(site, /time_zone: Europe\/Berlin/);
    assert.match(site, /groups:\n {2}- id: grp0messag01\n {4}name: Messaging/);
    assert.match(site, /- id: sms000000001\n {4}name: SMS\n {4}group: grp0messag01\n {4}order: 1\n {4}start_date: 2024-01-10/);
  });

  it('names files by start day in the page zone and keeps Statuspage ids', async () => {
    assert.deepEqual(result.files.map((f) => f.path).sort(), [
      'incidents/2026-02-10-website-errors.md',
      'incidents/2026-03-01-sms-delivery-failing.md',
      'incidents/2026-03-05-slow-e-mail-delivery.md',
      'maintenance/2026-02-22-database-upgrade.md',
      'site.yml',
    ]);
    assert.match(file('incidents/2026-03-01-sms-delivery-failing.md'), /^---\nid: inc0aaaa0001\n/);
  });

  it('writes updates newest first, times with the page offset, and the postmortem as the body', async () => {
    const text = file('incidents/2026-03-01-sms-delivery-failing.md');
    assert.match(text, /postmortem_at: "2026-03-03T09:00:00\+01:00"\nupdates:\n {2}- at: "2026-03-01T12:00:00\+01:00"\n {4}status: resolved/);
    assert.match(text, /- at: "2026-03-01T11:15:30.250\+01:00"\n {4}status: monitoring/);
    assert.match(text, /\n---\n## Cause\n\nAn expired \*\*carrier\*\* certificate\.\n$/);
  });

  it('says what it had to change', async () => {
    assert.deepEqual(result.notes, ['incident inc0cccc0003 "Website errors": updates follow a resolved one; that resolved update is written as monitoring']);
  });

  it('produces content that loads without problems', async () => {
    const out = path.join(temp, 'small');
    for (const f of result.files) {
      const target = path.join(out, f.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.content);
    }
    const content = loadContent(out);
    assert.equal(content.incidents.length, 3);
    assert.deepEqual(content.warnings, []);
  });
});

describe('npm run import', () => {
  it('has --help', async () => {
    const r = await importCli(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.out, /Usage: npm run import -- <source> \[--out <folder>\]/);
  });
  it('imports a folder and refuses to write over content without --force', async () => {
    const out = path.join(temp, 'cli');
    const first = await importCli([SMALL, '--out', out]);
    assert.equal(first.status, 0, first.err);
    assert.match(first.out, /Imported 3 components, 1 groups, 3 incidents and 1 maintenances/);
    const again = await importCli([SMALL, '--out', out]);
    assert.equal(again.status, 2);
    assert.match(again.err, /already has files; .* --force/);
    assert.equal((await importCli([SMALL, '--out', out, '--force'])).status, 0);
  });
  it('explains a missing source', async () => {
    const r = await importCli([path.join(temp, 'nothing-here')]);
    assert.equal(r.status, 2);
    assert.match(r.err, /does not exist/);
  });
});

/**
 * Import → build → our api/v2 equals the source on every field the content models. Not modelled,
 * so not compared: Statuspage's separate incident created_at/started_at (ours is the first
 * update), update ids, shortlinks, and component created/updated times.
 */
function roundTrip(name: string, dir: string, now: string) {
  describe(`round trip: ${name}`, () => {
    let site = '';
    before(async () => {
      const content = path.join(temp, `rt-${name}`);
      const r = await importCli([dir, '--out', content]);
      assert.equal(r.status, 0, r.err);
      const built = await build({ content, now });
      assert.equal(built.status, 0, built.stderr);
      site = built.out;
    });
    const ours = (file: string) => {
      const p = path.join(site, 'api/v2', file);
      assert.ok(existsSync(p), `the build wrote no api/v2/${file}`);
      return json(p);
    };
    const source = json(path.join(dir, 'incidents.json'));

    it('incidents: names, impacts, statuses, times of resolution', async () => {
      const byId = new Map(ours('incidents.json').incidents.map((i: { id: string }) => [i.id, i]));
      for (const s of source.incidents) {
        const o = byId.get(s.id) as Record<string, unknown> | undefined;
        assert.ok(o, `incident ${s.id} is in our API`);
        for (const key of ['name', 'impact', 'status', 'resolved_at']) assert.equal(o[key], s[key], `${s.id}.${key}`);
        assert.deepEqual((o.components as { id: string }[]).map((c) => c.id).sort(), s.components.map((c: { id: string }) => c.id).sort(), `${s.id}.components`);
      }
    });

    it('updates: status, time, text and each affected component change', async () => {
      const byId = new Map(ours('incidents.json').incidents.map((i: { id: string }) => [i.id, i]));
      let compared = 0;
      for (const s of source.incidents) {
        const o = byId.get(s.id) as { incident_updates: Record<string, unknown>[] };
        const updates = s.incident_updates.filter((u: { status: string }) => u.status !== 'postmortem');
        assert.equal(o.incident_updates.length, updates.length, `${s.id}: number of updates`);
        updates.forEach((su: Record<string, unknown>, i: number) => {
          const ou = o.incident_updates[i]!;
          // A resolved update followed by more is written as monitoring (see the notes).
          if (!(su.status === 'resolved' && i > 0)) assert.equal(ou.status, su.status, `${s.id} update ${i} status`);
          assert.equal(ou.display_at, su.display_at, `${s.id} update ${i} time`);
          assert.equal(ou.body, bodyToMarkdown(su.body as string), `${s.id} update ${i} body`);
          for (const a of (su.affected_components as Record<string, string>[] | null) ?? []) {
            const b = (ou.affected_components as Record<string, string>[]).find((x) => x.code === a.code);
            assert.deepEqual(b && { code: b.code, name: b.name, old: b.old_status, new: b.new_status }, { code: a.code, name: a.name, old: a.old_status, new: a.new_status }, `${s.id} update ${i}`);
          }
          compared++;
        });
      }
      assert.ok(compared > 0);
    });

    it('monitoring_at is when the incident first went to monitoring', async () => {
      const byId = new Map(ours('incidents.json').incidents.map((i: { id: string }) => [i.id, i]));
      for (const s of source.incidents) {
        // Our format allows nothing after `resolved`, so the importer turns an earlier resolved update into monitoring.
        const resolvedTwice = s.incident_updates.filter((u: { status: string }) => u.status === 'resolved').length > 1;
        if (resolvedTwice) continue;
        assert.equal((byId.get(s.id) as { monitoring_at: unknown }).monitoring_at, s.monitoring_at, `${s.id}.monitoring_at`);
      }
    });

    it('page and components', async () => {
      const summary = json(path.join(dir, 'summary.json'));
      const o = ours('summary.json');
      for (const key of ['name', 'url', 'time_zone']) assert.equal(o.page[key], summary.page[key], `page.${key}`);
      const byId = new Map(o.components.map((c: { id: string }) => [c.id, c]));
      for (const c of summary.components) {
        const oc = byId.get(c.id) as Record<string, unknown> | undefined;
        assert.ok(oc, `component ${c.id}`);
        for (const key of ['name', 'description', 'position', 'group', 'group_id', 'only_show_if_degraded', 'status']) assert.deepEqual(oc[key], c[key], `${c.id}.${key}`);
        if (c.group) assert.deepEqual(oc.components, c.components);
      }
    });
  });
}

roundTrip('hand-written', SMALL, '2026-03-05T12:00:00Z');
roundTrip('real Statuspage data', REAL, '2026-07-31T03:29:01.470Z');
