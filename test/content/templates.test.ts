import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TEMPLATE, fillTemplate, loadContent, loadTemplate } from '../../src/content/index.ts';
import { StatusError } from '../../src/shared/errors.ts';
import { Markdown } from '../../src/shared/markdown.ts';
import { runCommand } from '../helpers/command.ts';
import { MINI } from '../helpers/mini-site.ts';

/** Incident templates: templates/*.md in the content folder, filled with outside text that stays text. */

const HOSTILE = '[click me](https://evil.example/x) <img src=x onerror=alert(1)> @everyone **now** `rm` {{component}} evil.com';

let dir: string;
let content: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'status-templates-'));
  content = path.join(dir, 'content');
  cpSync(MINI, content, { recursive: true });
  mkdirSync(path.join(content, 'templates'));
  writeFileSync(path.join(content, 'templates/outage.md'), '---\ntitle: "{{component}} down: {{ summary }}"\nimpact: critical\nstate: partial_outage\n---\nWe are looking into {{component}}: {{summary}}\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('incident templates', () => {
  it('reads a template of the content folder, and the built-in one when none is named', () => {
    const t = loadTemplate(content, 'outage');
    assert.deepEqual([t.name, t.title, t.impact, t.state], ['outage', '{{component}} down: {{ summary }}', 'critical', 'partial_outage']);
    assert.equal(loadTemplate(content, undefined), DEFAULT_TEMPLATE);
    // The content still loads: templates are checked, never shown as incidents.
    assert.equal(loadContent(content).incidents.length, 1);
  });

  it('template-unknown: a name without a file is refused with the names there are', () => {
    assert.throws(() => loadTemplate(content, 'outgae'), (error: StatusError) => {
      assert.equal(error.problems[0]?.code, 'template-unknown');
      assert.match(error.problems[0]!.hint, /did you mean "outage"/);
      return true;
    });
    assert.throws(() => loadTemplate(content, '../site'), (error: StatusError) => error.problems[0]?.code === 'template-unknown');
  });

  it('fills placeholders with alert text that stays text: plain in the title, escaped Markdown in the update', () => {
    const { title, body } = fillTemplate(loadTemplate(content, 'outage'), { summary: `${HOSTILE}\n# heading\u202e`, component: 'Web Apps' });
    // The title is plain text (the page escapes it): only made one line, the {{component}} inside the value never filled.
    assert.equal(title, `Web Apps down: ${HOSTILE} # heading`);
    const markdown = new Markdown();
    const html = markdown.html(body);
    assert.doesNotMatch(html, /<a |<img|<strong>|<code>|<h\d/);
    assert.equal(markdown.text(body), `We are looking into Web Apps: ${HOSTILE} # heading`);
  });

  it('incident new --template writes the filled template; flags win over it', async () => {
    const at = ['--at', '2026-11-20 14:05', '--content', content];
    const r = await runCommand(['incident', 'new', '--template', 'outage', '--components', 'api', '--summary', 'Timeouts <b>now</b>', ...at]);
    assert.equal(r.status, 0, r.stderr);
    const file = path.join(content, 'incidents', readdirSync(path.join(content, 'incidents')).find((f) => f.includes('api-down'))!);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^title: "API down: Timeouts <b>now<\/b>"$/m);
    assert.match(text, /^impact: critical$/m);
    assert.match(text, /^ {2}api: partial_outage$/m);
    assert.match(text, /body: "We are looking into API: Timeouts \\\\<b\\\\>now\\\\<\\\\\/b\\\\>"$/m);
    const own = await runCommand(['incident', 'new', '--template', 'outage', '--components', 'web-apps=major_outage', '--title', 'Login fails', '--impact', 'major', '--message', 'Looking.', ...at]);
    assert.equal(own.status, 0, own.stderr);
    const second = readFileSync(path.join(content, 'incidents/2026-11-20-login-fails.md'), 'utf8');
    assert.match(second, /^impact: major$/m);
    assert.match(second, /^ {2}web-apps: major_outage$/m);
    const missing = await runCommand(['incident', 'new', '--template', 'nope', '--components', 'api', ...at]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /there is no templates\/nope\.md in the content folder — use one of: outage/);
  });
});
