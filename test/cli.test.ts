import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadContent } from '../src/content/load.ts';
import { runCommand } from './helpers/command.ts';

const root = path.resolve(import.meta.dirname, '..');
const temp = mkdtempSync(path.join(tmpdir(), 'status-cli-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** Runs a command as a script would: no terminal, so nothing is prompted. */
async function cli(script: string, args: string[]): Promise<{ status: number | null; out: string; err: string }> {
  const r = await runCommand([script, ...args], { STATUS_NOW: '' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function freshContent(): string {
  const dir = mkdtempSync(path.join(temp, 'content-'));
  cpSync(path.join(root, 'content'), dir, { recursive: true });
  return dir;
}

describe('npm run incident -- --help', { concurrency: true }, () => {
  for (const command of ['', 'new', 'update', 'resolve', 'postmortem']) {
    it(`explains ${command || 'the commands'}`, async () => {
      const r = await cli('incident', [...(command ? [command] : []), '--help']);
      assert.equal(r.status, 0, r.err);
      assert.match(r.out, new RegExp(`Usage: npm run incident -- ${command || '<command>'}`));
      assert.match(r.out, /--content/);
    });
  }
  it('prints the help without arguments and rejects an unknown command', async () => {
    assert.match((await cli('incident', [])).out, /Commands:/);
    const r = await cli('incident', ['close']);
    assert.equal(r.status, 2);
    assert.match(r.err, /unknown command "close"/);
  });
});

describe('an incident from start to postmortem', () => {
  let content = '';
  let file = '';
  before(() => {
    content = freshContent();
  });

  it('new writes YYYY-MM-DD-<slug>.md with the first update', async () => {
    const r = await cli('incident', [
      'new', '--content', content, '--now', '2026-11-22T10:00:00Z',
      '--title', 'Delayed e-mail: provider', '--impact', 'major', '--components', 'email,sms=degraded_performance',
      '--message', 'We are investigating delayed e-mails.',
    ]);
    assert.equal(r.status, 0, r.err);
    file = path.join(content, 'incidents/2026-11-22-delayed-e-mail-provider.md');
    assert.ok(existsSync(file), r.out);
    assert.match(r.out, /git switch -c incident\/2026-11-22-delayed-e-mail-provider/);
    assert.equal(readFileSync(file, 'utf8'), `---
title: "Delayed e-mail: provider"
impact: major
components:
  email: partial_outage
  sms: degraded_performance
updates:
  - at: "2026-11-22T10:00:00Z"
    status: investigating
    body: We are investigating delayed e-mails.
---
`);
  });

  it('update inserts at the top, keeping the rest', async () => {
    const before = readFileSync(file, 'utf8');
    const r = await cli('incident', ['update', '2026-11-22-delayed', '--content', content, '--now', '2026-11-22T11:00:00Z', '--status', 'identified', '--message', 'The provider found the fault.', '--components', 'sms=operational']);
    assert.equal(r.status, 0, r.err);
    const after = readFileSync(file, 'utf8');
    assert.ok(after.endsWith(before.slice(before.indexOf('  - at:'))), after);
    assert.match(after, /updates:\n {2}- at: "2026-11-22T11:00:00Z"\n {4}status: identified\n {4}body: The provider found the fault.\n {4}components:\n {6}sms: operational\n/);
  });

  it('accepts --at in the site time zone', async () => {
    const r = await cli('incident', ['update', '2026-11-22-delayed-e-mail-provider', '--content', content, '--at', '2026-11-22 11:30', '--status', 'monitoring', '--message', 'A fix is in place.']);
    assert.equal(r.status, 0, r.err);
    assert.match(readFileSync(file, 'utf8'), /- at: "2026-11-22T11:30:00Z"\n {4}status: monitoring/);
  });

  it('refuses an update older than the newest one and leaves the file as it was', async () => {
    const before = readFileSync(file, 'utf8');
    const r = await cli('incident', ['update', '2026-11-22-delayed-e-mail-provider', '--content', content, '--now', '2026-11-22T09:00:00Z', '--status', 'monitoring', '--message', 'Too early.']);
    assert.equal(r.status, 2);
    assert.match(r.err, /delayed-e-mail-provider\.md:\d+: this update is not later than the one below it/);
    assert.match(r.err, /was not saved/);
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('resolve adds the resolved update', async () => {
    const r = await cli('incident', ['resolve', '2026-11-22-delayed-e-mail-provider', '--content', content, '--now', '2026-11-22T12:00:00Z', '--message', 'Resolved.']);
    assert.equal(r.status, 0, r.err);
    const incident = loadContent(content).incidents.find((i) => i.id === '2026-11-22-delayed-e-mail-provider')!;
    assert.deepEqual(incident.updates.map((u) => u.status), ['investigating', 'identified', 'monitoring', 'resolved']);
  });

  it('postmortem sets postmortem_at and writes an outline once', async () => {
    const r = await cli('incident', ['postmortem', '2026-11-22-delayed-e-mail-provider', '--content', content, '--now', '2026-11-23T09:00:00Z']);
    assert.equal(r.status, 0, r.err);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /postmortem_at: "2026-11-23T09:00:00Z"\nupdates:/);
    assert.match(text, /\n---\n## Summary\n/);
    const again = await cli('incident', ['postmortem', '2026-11-22-delayed-e-mail-provider', '--content', content, '--now', '2026-11-24T09:00:00Z']);
    assert.equal(again.status, 0, again.err);
    assert.match(again.out, /already has a postmortem/);
    assert.equal(readFileSync(file, 'utf8'), text);
  });
});

const mistakes = freshContent();
describe('mistakes get clear errors', { concurrency: true }, () => {
  const content = mistakes;
  const run = (...args: string[]) => cli('incident', [...args, '--content', content, '--now', '2026-11-22T10:00:00Z']);

  it('names the missing flag when there is no terminal to ask in', async () => {
    const r = await run('new', '--title', 'X', '--impact', 'minor', '--components', 'sms');
    assert.equal(r.status, 2);
    assert.match(r.err, /missing --message/);
  });
  it('lists the allowed values', async () => {
    assert.match((await run('new', '--title', 'X', '--impact', 'huge', '--components', 'sms', '--message', 'm')).err, /--impact must be one of none, minor, major, critical — got "huge"/);
    assert.match((await run('update', '2026-11-20-delayed-sms', '--status', 'fixed', '--message', 'm')).err, /--status must be one of investigating, identified, monitoring, resolved/);
  });
  it('names the site components for an unknown one', async () => {
    assert.match((await run('new', '--title', 'X', '--impact', 'minor', '--components', 'smss', '--message', 'm')).err, /unknown component "smss"; the site has: syncs,/);
  });
  it('suggests an id for a typo', async () => {
    const r = await run('resolve', '2026-11-20-delayed-sms-delivery-carier', '--message', 'm');
    assert.equal(r.status, 2);
    assert.match(r.err, /did you mean "2026-11-20-delayed-sms-delivery-carrier"/);
  });
  it('asks for the id', async () => {
    assert.match((await run('update', '--status', 'monitoring', '--message', 'm')).err, /which incident\?/);
  });
});

describe('after the mistakes', () => {
  it('nothing was written', () => {
    assert.equal(readdirSync(path.join(mistakes, 'incidents')).length, 16);
  });
});

describe('npm run maintenance', () => {
  const content = freshContent();
  const run = (...args: string[]) => cli('maintenance', [...args, '--content', content]);
  const file = () => path.join(content, 'maintenance/2026-12-05-database-upgrade.md');

  for (const command of ['', 'new', 'update']) {
    it(`--help explains ${command || 'the commands'}`, async () => {
      const r = await cli('maintenance', [...(command ? [command] : []), '--help']);
      assert.equal(r.status, 0, r.err);
      assert.match(r.out, new RegExp(`Usage: npm run maintenance -- ${command || '<command>'}`));
    });
  }

  it('new writes the window, components and announcement', async () => {
    const r = await run('new', '--now', '2026-11-22T10:00:00Z', '--title', 'Database upgrade', '--from', '2026-12-05 22:00', '--to', '2026-12-06T01:00:00Z',
      '--components', 'syncs,web-apps', '--message', 'We will upgrade the database.', '--description', 'Syncs pause for ten minutes.');
    assert.equal(r.status, 0, r.err);
    assert.equal(readFileSync(file(), 'utf8'), `---
title: Database upgrade
scheduled_for: "2026-12-05T22:00:00Z"
scheduled_until: "2026-12-06T01:00:00Z"
components: [syncs, web-apps]
updates:
  - at: "2026-11-22T10:00:00Z"
    status: scheduled
    body: We will upgrade the database.
---
Syncs pause for ten minutes.
`);
    const m = loadContent(content).maintenances!.find((x) => x.id === '2026-12-05-database-upgrade')!;
    assert.deepEqual(m.components, ['syncs', 'web-apps']);
  });

  it('update adds on top; one the format refuses leaves the file alone', async () => {
    assert.equal((await run('update', '2026-12-05-database', '--now', '2026-12-05T23:00:00Z', '--status', 'verifying', '--message', 'Checking.')).status, 0);
    assert.match(readFileSync(file(), 'utf8'), /updates:\n {2}- at: "2026-12-05T23:00:00Z"\n {4}status: verifying\n/);
    const before = readFileSync(file(), 'utf8');
    const r = await run('update', '2026-12-05-database', '--now', '2026-12-07T00:00:00Z', '--status', 'verifying', '--message', 'Late.');
    assert.equal(r.status, 2);
    assert.match(r.err, /after scheduled_until/);
    assert.equal(readFileSync(file(), 'utf8'), before);
  });

  it('checks the window and the components', async () => {
    assert.match((await run('new', '--title', 'X', '--from', '2026-12-05 22:00', '--to', '2026-12-05 21:00', '--components', 'sms')).err, /--to must be later than --from/);
    assert.match((await run('new', '--title', 'X', '--from', '2026-12-05 22:00', '--to', '2026-12-05 23:00', '--components', 'smss')).err, /unknown component "smss"/);
    assert.match((await run('new', '--title', 'X', '--from', 'tomorrow', '--to', '2026-12-05 23:00', '--components', 'sms')).err, /--from: "tomorrow" is not a date and time/);
  });
});
