import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { checklist, HOST_PROFILES, HOSTS, initSite, INIT_DEFAULTS, TOOL_SCRIPTS, type Host, type InitOptions } from '../../src/authoring/index.ts';
import { loadContent } from '../../src/content/index.ts';
import { StatusError } from '../../src/shared/errors.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'status-init-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let count = 0;
const fresh = () => path.join(temp, `site-${++count}`);
const NOW = Date.parse('2026-11-20T23:30:00Z');
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const generator = JSON.parse(read(path.resolve(import.meta.dirname, '../..'), 'package.json')) as { version: string; devDependencies: Record<string, string> };

function refuses(options: InitOptions, pattern: RegExp) {
  assert.throws(() => initSite(options), (error: unknown) => {
    assert.ok(error instanceof StatusError, String(error));
    assert.match(error.message, pattern);
    return true;
  });
}

describe('initSite', () => {
  it('writes a status repository with the default answers, whose content the real loader accepts', () => {
    const dir = fresh();
    const written = initSite({ dir, ...INIT_DEFAULTS, now: NOW });
    assert.deepEqual([...written].sort(), [
      '.github/PULL_REQUEST_TEMPLATE.md', '.github/dependabot.yml', '.github/markdown-status.json',
      '.github/workflows/deploy.yml', '.github/workflows/pull-request.yml', '.github/workflows/scheduled-rebuild.yml',
      '.gitignore', 'README.md', 'content/incidents/.gitkeep', 'content/maintenance/.gitkeep', 'content/site.yml', 'package.json',
    ]);
    for (const file of written) assert.ok(existsSync(path.join(dir, file)), file);

    const { site, incidents } = loadContent(path.join(dir, 'content'));
    assert.equal(site.name, 'Example Status');
    assert.equal(site.url, 'https://status.example.com/');
    assert.equal(site.time_zone, 'Etc/UTC');
    assert.equal(site.locale, 'en');
    assert.deepEqual(site.components.map((c) => [c.id, c.name, c.start_date]), [['website', 'Website', '2026-11-20'], ['api', 'API', '2026-11-20']]);
    assert.deepEqual(incidents, []);
  });

  it('writes package.json in the status repository shape: the tool scripts, markdown-status pinned, Node 20.19', () => {
    const dir = fresh();
    initSite({ dir, ...INIT_DEFAULTS, now: NOW });
    const pkg = JSON.parse(read(dir, 'package.json'));
    assert.deepEqual(pkg, {
      private: true, type: 'module', scripts: TOOL_SCRIPTS,
      dependencies: { 'markdown-status': generator.version }, engines: { node: '>=20.19' },
    });
    assert.deepEqual(Object.keys(pkg.scripts).sort(), ['build', 'check', 'deploy', 'import', 'incident', 'maintenance', 'notify', 'start', 'upgrade']);
    for (const command of Object.values(TOOL_SCRIPTS)) assert.match(command, /^markdown-status [a-z]+$/);
  });

  it('depends on the spec given (a tarball, a git URL) and adds decap-cms at the pinned version with the editor', () => {
    const dir = fresh();
    initSite({ dir, ...INIT_DEFAULTS, now: NOW, packageSpec: 'file:../markdown-status-0.2.0.tgz', version: '0.2.0', editor: true });
    const pkg = JSON.parse(read(dir, 'package.json'));
    assert.deepEqual(pkg.dependencies, { 'markdown-status': 'file:../markdown-status-0.2.0.tgz', 'decap-cms': generator.devDependencies['decap-cms'] });
    assert.equal(JSON.parse(read(dir, '.github/markdown-status.json')).version, '0.2.0');
    assert.match(read(dir, 'README.md'), /https:\/\/status\.example\.com\/admin\//);
  });

  it('derives ids from names, makes groups named by components, and numbers components within their group', () => {
    const dir = fresh();
    initSite({
      dir, name: 'Acme Status', url: 'https://example.org/status/', timeZone: 'Europe/Berlin', locale: 'de', now: NOW,
      groups: ['Messaging'],
      components: ['Web Apps', { name: 'SMS', group: 'Messaging' }, { name: 'E-mail (Relay)', group: 'messaging', description: 'Outgoing mail.' }, { name: 'Public API', id: 'api', group: 'Integrations' }],
    });
    const { site } = loadContent(path.join(dir, 'content'));
    assert.equal(site.locale, 'de');
    assert.deepEqual(site.groups.map((g) => [g.id, g.name, g.order]), [['messaging', 'Messaging', 1], ['integrations', 'Integrations', 2]]);
    assert.deepEqual(site.components.map((c) => [c.id, c.group, c.order]), [['web-apps', undefined, 1], ['sms', 'messaging', 1], ['e-mail-relay', 'messaging', 2], ['api', 'integrations', 1]]);
    assert.equal(site.components[2]!.description, 'Outgoing mail.');
    // Today in the page's zone: 23:30 UTC is already the next day in Berlin.
    assert.equal(site.components[0]!.start_date, '2026-11-21');
  });

  it('writes the site file with the comments of the sample one and quotes what YAML would misread', () => {
    const dir = fresh();
    initSite({ dir, ...INIT_DEFAULTS, name: 'Status: "Acme" #1', components: ['true', '2026-01-01 Jobs', 'API'], now: NOW });
    const text = read(dir, 'content/site.yml');
    assert.match(text, /^# The status page: its name/);
    assert.match(text, /# Components: `id` is what incident files name/);
    assert.match(text, /# `start_date` is the first day uptime is counted for/);
    assert.match(text, /^# notifications:$/m);
    assert.doesNotMatch(text, /^groups:/m, 'no groups: no empty list');
    const data = parse(text) as { name: string; components: { name: string }[] };
    assert.equal(data.name, 'Status: "Acme" #1');
    assert.deepEqual(data.components.map((c) => c.name), ['true', '2026-01-01 Jobs', 'API']);
    assert.equal(loadContent(path.join(dir, 'content')).site.name, 'Status: "Acme" #1');
  });

  it('writes the editors\' README with the page, its components and an incident file the loader accepts', () => {
    const dir = fresh();
    initSite({ dir, ...INIT_DEFAULTS, name: 'Acme Status', components: ['Logins', 'Billing | Invoices'], now: NOW });
    const readme = read(dir, 'README.md');
    assert.match(readme, /^# Acme Status\n/);
    assert.match(readme, /<https:\/\/status\.example\.com\/>/);
    assert.match(readme, /\| `logins` \| Logins \|/);
    assert.match(readme, /\| `billing-invoices` \| Billing \\\| Invoices \|/);
    assert.match(readme, /npm run incident -- new --title "Slow logins" --impact minor/);
    assert.match(readme, /npm run incident -- resolve /);
    assert.doesNotMatch(readme, /(?<!\$)\{\{/, 'every placeholder is filled');
    assert.doesNotMatch(readme, /\n\n\n/);
    assert.doesNotMatch(readme, /\/admin\//, 'no editor, no word of it');

    // The example file of "Add an incident", as an editor would paste it, and the update and resolution after it.
    const example = /```markdown\n([\s\S]*?)```/.exec(readme)![1]!.replace(/^ {3}/gm, '');
    const file = path.join(dir, 'content/incidents/2026-11-20-slow-logins.md');
    writeFileSync(file, example);
    const [opened] = loadContent(path.join(dir, 'content')).incidents;
    assert.equal(opened?.title, 'Slow logins');
    const [update, resolution] = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const withUpdate = example.replace(/updates:\n[\s\S]*?(?=---\n$)/, update!);
    writeFileSync(file, withUpdate.replace('updates:\n', `updates:\n${resolution}\n`));
    const [resolved] = loadContent(path.join(dir, 'content')).incidents;
    assert.deepEqual(resolved?.updates.map((u) => u.status), ['investigating', 'monitoring', 'resolved']);
  });

  it('writes a .gitignore that keeps node_modules, the built site and the build cache out', () => {
    const dir = fresh();
    initSite({ dir, ...INIT_DEFAULTS, now: NOW });
    const lines = read(dir, '.gitignore').split('\n');
    for (const line of ['node_modules', '_site/', '.cache/']) assert.ok(lines.includes(line), line);
  });

  it('takes an empty folder, and makes a missing one', () => {
    const dir = fresh();
    mkdirSync(dir);
    initSite({ dir, ...INIT_DEFAULTS, now: NOW });
    initSite({ dir: path.join(fresh(), 'deeper', 'still'), ...INIT_DEFAULTS, now: NOW });
  });

  it('refuses a folder that holds a page, naming the file and what to do', () => {
    const dir = fresh();
    initSite({ dir, ...INIT_DEFAULTS, now: NOW });
    refuses({ dir, ...INIT_DEFAULTS, now: NOW }, /content\/site\.yml exists: this folder already holds a status page; run markdown-status upgrade there/);
  });

  it('refuses to overwrite any file, and writes nothing then', () => {
    const dir = fresh();
    mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(dir, 'README.md'), 'ours\n');
    writeFileSync(path.join(dir, '.github/workflows/deploy.yml'), 'ours\n');
    refuses({ dir, ...INIT_DEFAULTS, now: NOW }, /already has \.github\/workflows\/deploy\.yml, README\.md, which init would overwrite; move them away or choose an empty folder/);
    assert.deepEqual(readdirSync(dir).sort(), ['.github', 'README.md']);
    assert.equal(read(dir, 'README.md'), 'ours\n');
    writeFileSync(path.join(fresh()), 'a file');
    refuses({ dir: path.join(temp, `site-${count}`), ...INIT_DEFAULTS }, /is a file; choose a folder/);
  });

  it('checks every answer at once, in the words of the site file checks', () => {
    const dir = fresh();
    refuses(
      { dir, name: 'Acme', url: 'status.example.com', timeZone: 'Europe/Berln', locale: 'xx', components: ['API', 'api', '日本'] },
      /url "status\.example\.com": write the public address, like https:\/\/status\.example\.com\/.*time_zone "Europe\/Berln": use an IANA time zone name/,
    );
    refuses({ dir, ...INIT_DEFAULTS, components: ['API', 'Api'] }, /component id "api" is used twice \("API" and "Api"\); give each one its own id/);
    refuses({ dir, ...INIT_DEFAULTS, components: ['日本'] }, /component "日本": its name gives no id; give it one/);
    refuses({ dir, ...INIT_DEFAULTS, components: [{ name: 'Web', id: 'Web Apps' }] }, /component id "Web Apps": use lowercase letters, digits and dashes/);
    refuses({ dir, ...INIT_DEFAULTS, components: [] }, /name at least one component/);
    refuses({ dir, ...INIT_DEFAULTS, locale: 'xx' }, /locale "xx" has no strings file; use one of .*en/);
    refuses({ dir, ...INIT_DEFAULTS, name: ' ' }, /name: give the page a name/);
    refuses({ dir, ...INIT_DEFAULTS, startDate: '2026-02-30' }, /start date "2026-02-30": write a date like 2024-01-31/);
    assert.ok(!existsSync(dir), 'nothing written');
  });

  describe('--host: each host its files, recorded, and its settings in the README', () => {
    const common = ['.github/PULL_REQUEST_TEMPLATE.md', '.github/dependabot.yml', '.github/markdown-status.json', '.github/workflows/pull-request.yml', '.gitignore', 'README.md', 'content/incidents/.gitkeep', 'content/maintenance/.gitkeep', 'content/site.yml', 'package.json'];
    const own: Record<Host, string[]> = {
      s3: ['.github/workflows/deploy.yml', '.github/workflows/scheduled-rebuild.yml'],
      r2: ['.github/workflows/deploy.yml', '.github/workflows/scheduled-rebuild.yml'],
      'github-pages': ['.github/workflows/deploy.yml', '.github/workflows/scheduled-rebuild.yml'],
      netlify: ['.github/workflows/notify.yml', '.github/workflows/scheduled-rebuild.yml', 'netlify.toml'],
      'cloudflare-pages': ['.github/workflows/notify.yml', '.github/workflows/scheduled-rebuild.yml'],
    };
    for (const host of HOSTS) {
      it(host, () => {
        const dir = fresh();
        const written = initSite({ dir, ...INIT_DEFAULTS, now: NOW, host });
        assert.deepEqual([...written].sort(), [...common, ...own[host]].sort());
        const record = JSON.parse(read(dir, '.github/markdown-status.json'));
        assert.equal(record.host, host);
        assert.deepEqual(Object.keys(record.files).sort(), [...own[host], '.github/PULL_REQUEST_TEMPLATE.md', '.github/dependabot.yml', '.github/workflows/pull-request.yml'].sort());
        const readme = read(dir, 'README.md');
        assert.ok(readme.includes(`The page is served by ${HOST_PROFILES[host].label}.`));
        const steps = checklist(host, false);
        assert.ok(steps.length >= 4);
        steps.forEach((step, i) => assert.ok(readme.includes(`${i + 1}. ${step}`), `README step ${i + 1}`));
        assert.doesNotMatch(readme, /STATUS_CMS_REPO/, 'the editor\'s setting only with the editor');
        assert.doesNotMatch(readme, /(?<!\$)\{\{/);
      });
    }

    it('is s3 by default, and names the variables and the role for it', () => {
      const dir = fresh();
      initSite({ dir, ...INIT_DEFAULTS, now: NOW });
      assert.equal(JSON.parse(read(dir, '.github/markdown-status.json')).host, 's3');
      const readme = read(dir, 'README.md');
      for (const name of ['AWS_ROLE_ARN', 'STATUS_S3_BUCKET', 'STATUS_CLOUDFRONT_DISTRIBUTION_ID', 'token.actions.githubusercontent.com', 'environment:production']) assert.ok(readme.includes(name), name);
    });

    it('adds the editor\'s setting where the host builds the page', () => {
      const dir = fresh();
      initSite({ dir, ...INIT_DEFAULTS, now: NOW, host: 'netlify', editor: true });
      assert.match(read(dir, 'README.md'), /6\. Netlify environment variable `STATUS_CMS_REPO=<owner>\/<repository>`/);
    });

    it('refuses a host it does not know, before writing anything', () => {
      const dir = fresh();
      refuses({ dir, ...INIT_DEFAULTS, host: 'vercel' as Host }, /host "vercel": use one of s3, r2, netlify, cloudflare-pages, github-pages/);
      assert.ok(!existsSync(dir));
    });
  });
});
