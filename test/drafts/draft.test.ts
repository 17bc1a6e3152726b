import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { loadContent, loadTemplate, readSite } from '../../src/content/index.ts';
import { alertBranch, draftAlerts, GitHubRepo } from '../../src/drafts/index.ts';
import { Markdown } from '../../src/shared/markdown.ts';
import { runCommand } from '../helpers/command.ts';
import { startGitHubStandIn, type GitHubStandIn } from '../helpers/github-api.ts';

/*
 * `markdown-status alert --draft` against a loopback stand-in of GitHub's REST API
 * (test/helpers/github-api.ts), run in a status repository made in a temporary folder.
 */

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/alerts/content');
const temp = mkdtempSync(path.join(tmpdir(), 'status-drafts-'));
after(() => rmSync(temp, { recursive: true, force: true }));

let repos = 0;
/** A status repository: the alert fixtures' content folder, with lines added to its site file. */
function repository(siteLines = ''): string {
  const root = path.join(temp, `repo-${++repos}`);
  cpSync(FIXTURE, path.join(root, 'content'), { recursive: true });
  if (siteLines) appendFileSync(path.join(root, 'content/site.yml'), siteLines);
  return root;
}

const BRANCH = 'status/alert-synthetic-login-check';
const alert = (fields: Record<string, string> = {}) => ({ key: 'synthetic-login-check', status: 'firing', component: 'web-apps', summary: 'Sign-in fails from two of three probe locations', startsAt: '2026-11-20T15:02:00+01:00', ...fields });

/** Runs the command on one payload; returns its output. */
async function draft(root: string, api: GitHubStandIn, payload: object, now = '2026-11-20T14:30:00Z', env: Record<string, string | undefined> = {}) {
  const file = path.join(root, `alert-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(payload));
  const r = await runCommand(['alert', file, '--draft', '--now', now], { GITHUB_API_URL: api.url, GITHUB_TOKEN: api.token, GITHUB_REPOSITORY: api.repository, GITHUB_EVENT_NAME: '', GITHUB_EVENT_PATH: '', STATUS_CONTENT: '', ...env }, root);
  rmSync(file);
  return r;
}

/** The incident file at `file` (a repository path) from the stand-in, checked by the real loader in a copy of the content folder. */
function checked(root: string, api: GitHubStandIn, branch: string, file: string) {
  const text = api.fileOn(branch, file);
  assert.ok(text, `${file} is not on ${branch}`);
  const content = path.join(temp, `check-${++repos}`);
  cpSync(path.join(root, 'content'), content, { recursive: true });
  mkdirSync(path.join(content, 'incidents'), { recursive: true });
  writeFileSync(path.join(content, 'incidents', path.basename(file)), text);
  const loaded = loadContent(content);
  assert.equal(loaded.incidents.length, 1);
  return { text, incident: loaded.incidents[0]! };
}

describe('alert --draft', () => {
  let api: GitHubStandIn;
  beforeEach(async () => {
    api = await startGitHubStandIn();
  });
  afterEach(() => api.close());

  it('opens one pull request for a firing alert, with the incident file from the template on its own branch', async () => {
    const root = repository();
    const r = await draft(root, api, alert());
    assert.equal(r.status, 0, r.stderr);
    const file = 'content/incidents/2026-11-20-sign-in-fails-from-two-of-three-probe-locations.md';
    assert.match(r.stderr, new RegExp(`opened "synthetic-login-check" ${file}: pull request #1 https://`));
    assert.deepEqual(api.calls.map((c) => `${c.method} ${c.path} ${c.status}`), [
      `GET /repos/acme/status/pulls 200`,
      `GET /repos/acme/status/git/ref/heads/main 200`,
      `GET /repos/acme/status/git/ref/heads/${BRANCH} 404`,
      `POST /repos/acme/status/git/refs 201`,
      `GET /repos/acme/status/contents/${file} 404`,
      `PUT /repos/acme/status/contents/${file} 201`,
      `POST /repos/acme/status/pulls 201`,
    ]);
    assert.deepEqual(api.calls[0]!.query, { head: `acme:${BRANCH}`, state: 'open', per_page: '10' });
    assert.equal(api.pulls.length, 1);
    assert.deepEqual([api.pulls[0]!.head, api.pulls[0]!.base, api.pulls[0]!.title], [BRANCH, 'main', 'Incident: Sign-in fails from two of three probe locations']);
    assert.equal(api.fileOn('main', file), undefined, 'main is untouched until the pull request is merged');
    const { text, incident } = checked(root, api, BRANCH, file);
    assert.equal(text, [
      '---',
      'title: Sign-in fails from two of three probe locations',
      'impact: major',
      'components:',
      '  web-apps: major_outage',
      'updates:',
      '  - at: "2026-11-20T15:02:00+01:00"',
      '    status: investigating',
      '    body: "We are investigating a problem with Web Apps. Monitoring reports: Sign\\\\-in fails from two of three probe locations"',
      '---',
      '',
    ].join('\n'));
    assert.equal(incident.updates.length, 1);
  });

  it('adds a resolved update to the same file on the same branch and comments on the pull request; a repeat changes nothing', async () => {
    const root = repository();
    assert.equal((await draft(root, api, alert())).status, 0);
    const again = await draft(root, api, alert());
    assert.match(again.stderr, /unchanged "synthetic-login-check" .*already says it/);
    const r = await draft(root, api, alert({ status: 'resolved' }), '2026-11-20T14:40:00Z');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /updated "synthetic-login-check" .*resolved update on pull request #1/);
    const resolvedCalls = api.calls.slice(-5).map((c) => `${c.method} ${c.path.replace(/.*\/status/, '')} ${c.status}`);
    assert.deepEqual(resolvedCalls.map((c) => c.split(' ').slice(0, 2).join(' ').replace(/contents\/.*/, 'contents/…')), [
      'GET /pulls', 'GET /pulls/1/files', 'GET /contents/…', 'PUT /contents/…', 'POST /issues/1/comments',
    ]);
    assert.ok((api.calls.at(-2)!.body as { sha?: string }).sha, 'the change names the blob it replaces');
    assert.equal(api.pulls.length, 1);
    assert.equal(api.pulls[0]!.comments.length, 1);
    assert.match(api.pulls[0]!.comments[0]!, /the alert resolved/);
    const { incident } = checked(root, api, BRANCH, 'content/incidents/2026-11-20-sign-in-fails-from-two-of-three-probe-locations.md');
    assert.deepEqual(incident.updates.map((u) => u.status), ['investigating', 'resolved']);
    assert.equal(incident.updates[1]!.at, Date.parse('2026-11-20T14:40:00Z'));
  });

  it('keeps a flapping alert (10 flips) in exactly one pull request', async (t) => {
    const root = repository();
    assert.equal((await draft(root, api, alert())).status, 0);
    const base = Date.parse('2026-11-20T14:10:00Z');
    for (let flip = 1; flip <= 10; flip++) {
      const at = new Date(base + flip * 5 * 60_000).toISOString();
      const r = await draft(root, api, flip % 2 ? alert({ status: 'resolved' }) : alert({ startsAt: at }), at);
      assert.equal(r.status, 0, r.stderr);
    }
    t.diagnostic(`pull requests opened for 1 alert with 10 flips: ${api.pulls.length}`);
    assert.equal(api.pulls.length, 1);
    assert.equal(api.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/pulls')).length, 1);
    assert.equal(api.pulls[0]!.comments.length, 10);
    const { incident } = checked(root, api, BRANCH, 'content/incidents/2026-11-20-sign-in-fails-from-two-of-three-probe-locations.md');
    // Oldest first: investigating, then per flip pair a resolved one (turned monitoring when the alert fired again) and an investigating one.
    assert.deepEqual(incident.updates.map((u) => u.status), ['investigating', ...Array(5).fill(['monitoring', 'investigating']).flat()]);
    assert.deepEqual(incident.components, { 'web-apps': 'major_outage' });
  });

  it('commits to main with alerts.publish: direct, and opens no pull request', async () => {
    const root = repository('  publish: direct\n');
    assert.equal((await draft(root, api, alert())).status, 0);
    const r = await draft(root, api, alert({ status: 'resolved' }), '2026-11-20T14:40:00Z');
    assert.match(r.stderr, /updated .*resolved update committed to main/);
    assert.equal(api.pulls.length, 0);
    assert.equal(api.commitsOn('main'), 2);
    assert.deepEqual(api.calls.filter((c) => c.path.includes('/git/') || c.path.includes('/pulls')), []);
    const { incident } = checked(root, api, 'main', 'content/incidents/2026-11-20-sign-in-fails-from-two-of-three-probe-locations.md');
    assert.deepEqual(incident.updates.map((u) => u.status), ['investigating', 'resolved']);
  });

  it('reports an alert about an unknown component and asks nothing of GitHub', async () => {
    const root = repository();
    const r = await draft(root, api, alert({ component: 'billing' }));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /warning: alert "synthetic-login-check" is about component "billing", which is not a component id/);
    assert.match(r.stderr, /skipped "synthetic-login-check": it names no component of the site file/);
    assert.equal(api.calls.length, 0);
  });

  it('keeps hostile alert text as text in the incident file and in the pull request', async () => {
    const root = repository();
    const summary = '[login](https://evil.example/x) <script>alert(1)</script> @everyone @acme/admins ``` #1 {{component}} evil.com';
    const r = await draft(root, api, alert({ summary, key: 'Evil/Key `x`' }));
    assert.equal(r.status, 0, r.stderr);
    const pull = api.pulls[0]!;
    assert.equal(pull.head, alertBranch('Evil/Key `x`'));
    assert.match(pull.head, /^status\/alert-evil-key-x-[0-9a-f]{8}$/);
    const file = (await new GitHubRepo({ api: api.url, repository: api.repository, token: api.token }).pullFiles(1))[0]!;
    const { incident } = checked(root, api, pull.head, file);
    assert.equal(incident.title, summary);
    const markdown = new Markdown();
    const page = markdown.html(incident.updates[0]!.body);
    assert.doesNotMatch(page, /<a |<script|<code>|<h\d/);
    assert.equal(markdown.text(incident.updates[0]!.body), `We are investigating a problem with Web Apps. Monitoring reports: ${summary}`);
    // In the pull request, the alert's words are in one code block, which its backticks cannot close.
    const html = markdown.html(pull.body);
    assert.equal(html.match(/<pre>/g)?.length, 1);
    const outside = html.replace(/<pre>[\s\S]*<\/pre>/, '');
    // The file's name is a slug of the title: letters, digits and dashes only.
    assert.doesNotMatch(outside, /@|<a |&lt;script|\[login\]|evil\.com/);
    assert.ok(html.includes('summary: [login](https://evil.example/x) &lt;script&gt;alert(1)&lt;/script&gt; @everyone @acme/admins ``` #1 {{component}} evil.com'));
  });

  it('needs a token and a repository before it reads anything', async () => {
    const root = repository();
    const r = await draft(root, api, alert(), undefined, { GITHUB_TOKEN: undefined });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--draft needs GITHUB_TOKEN/);
    assert.equal(api.calls.length, 0);
  });

  it('measures the time from an alert to its pull request on loopback', async (t) => {
    const root = repository();
    const content = path.join(root, 'content');
    const site = readSite(content);
    const ctx = { github: new GitHubRepo({ api: api.url, repository: api.repository, token: api.token }), site, template: loadTemplate(content, undefined), folder: 'content/incidents', base: 'main', publish: 'pull_request' as const, now: Date.parse('2026-11-20T14:30:00Z') };
    const times: number[] = [];
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      const [result] = await draftAlerts([{ source: 'generic', key: `timing-${run}`, status: 'firing', component: 'api', summary: `Timeouts ${run}`, startsAt: '2026-11-20T14:00:00Z' }], ctx);
      times.push(performance.now() - start);
      assert.equal(result?.action, 'opened');
    }
    times.sort((a, b) => a - b);
    t.diagnostic(`alert to pull request on loopback: median ${times[3]!.toFixed(1)} ms over 7 runs (7 API calls each; min ${times[0]!.toFixed(1)}, max ${times[6]!.toFixed(1)})`);
    assert.equal(api.pulls.length, 7);
  });
});
