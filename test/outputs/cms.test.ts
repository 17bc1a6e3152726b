import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { cmsConfig, cmsFiles, cmsSettings, decapBundle, type CmsField } from '../../src/outputs/cms.ts';
import { StatusError } from '../../src/shared/errors.ts';
import { loadContent } from '../../src/content/load.ts';
import { stateAt } from '../../src/state/status.ts';
import { maintenanceSchema, maintenanceUpdateSchema } from '../../src/content/maintenance.ts';
import { incidentSchema, updateSchema } from '../../src/content/schema.ts';
import { COMPONENT_STATES, IMPACTS, MAINTENANCE_STATUSES, OUTAGE_STATES, UPDATE_STATUSES } from '../../src/content/vocabulary.ts';
import { browserSkipReason, launchBrowser, serveStatic, type StaticServer } from '../helpers/browser.ts';
import { build } from '../helpers/build.ts';

const root = path.resolve(import.meta.dirname, '../..');
const temp = mkdtempSync(path.join(tmpdir(), 'status-cms-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const site = loadContent(path.join(root, 'content')).site;
const config = cmsConfig(site, { backend: 'github', repo: 'acme/status', branch: 'main', contentDir: 'content' }) as {
  backend: Record<string, string>;
  publish_mode: string;
  collections: { name: string; folder: string; fields: CmsField[] }[];
};
const collection = (name: string) => config.collections.find((c) => c.name === name)!;
const field = (fields: CmsField[], name: string) => fields.find((f) => f.name === name) ?? assert.fail(`no CMS field "${name}"`);
const values = (f: CmsField) => f.options!.map((o) => o.value);

describe('cmsConfig', () => {
  it('opens pull requests (editorial workflow) on the configured repository', async () => {
    assert.equal(config.publish_mode, 'editorial_workflow');
    assert.deepEqual(config.backend, { name: 'github', branch: 'main', repo: 'acme/status' });
  });

  // The Markdown after the front matter is Decap's `body` field.
  const BODY = 'body';
  for (const [name, schema, updates] of [
    ['incidents', incidentSchema, updateSchema],
    ['maintenance', maintenanceSchema, maintenanceUpdateSchema],
  ] as const) {
    it(`${name}: every schema field has a CMS field, and every CMS field is in the schema`, async () => {
      const { fields } = collection(name);
      assert.deepEqual(fields.map((f) => f.name).filter((n) => n !== BODY).sort(), Object.keys(schema.shape).sort());
      assert.deepEqual(field(fields, 'updates').fields!.map((f) => f.name).sort(), Object.keys(updates.shape).sort());
      assert.equal(field(fields, BODY).widget, 'markdown');
    });
  }

  it('offers exactly the allowed values', async () => {
    const incident = collection('incidents').fields;
    const update = field(incident, 'updates').fields!;
    assert.deepEqual(values(field(incident, 'impact')), [...IMPACTS]);
    assert.deepEqual(values(field(update, 'status')), [...UPDATE_STATUSES]);
    assert.deepEqual(values(field(field(maintenanceFields(), 'updates').fields!, 'status')), [...MAINTENANCE_STATUSES]);
    for (const f of field(incident, 'components').fields!) assert.deepEqual(values(f), [...OUTAGE_STATES]);
    for (const f of field(update, 'components').fields!) assert.deepEqual(values(f), [...COMPONENT_STATES]);
  });

  it('has one optional select per site component, so the file keeps a map of id: state', async () => {
    const ids = site.components.map((c) => c.id);
    const incident = collection('incidents').fields;
    assert.deepEqual(field(incident, 'components').fields!.map((f) => f.name), ids);
    assert.ok(field(incident, 'components').fields!.every((f) => f.required === false));
    assert.deepEqual(field(field(incident, 'updates').fields!, 'components').fields!.map((f) => f.name), ids);
    assert.deepEqual(values(field(maintenanceFields(), 'components')), ids);
  });

  it('writes times with an offset and new updates at the top', async () => {
    const updates = field(collection('incidents').fields, 'updates');
    assert.equal(updates.add_to_top, true);
    assert.equal(field(updates.fields!, 'at').format, 'YYYY-MM-DDTHH:mm:ssZ');
  });

  it('stores files where the loader reads them, named by the content convention', async () => {
    assert.equal(collection('incidents').folder, 'content/incidents');
    assert.equal(collection('maintenance').folder, 'content/maintenance');
    assert.equal((collection('incidents') as unknown as { slug: string }).slug, '{{year}}-{{month}}-{{day}}-{{slug}}');
  });
});

function maintenanceFields() {
  return collection('maintenance').fields;
}

describe('cmsSettings', () => {
  it('needs a repository, and takes the one GitHub Actions names', async () => {
    assert.equal(cmsSettings({}), undefined);
    assert.equal(cmsSettings({ GITHUB_REPOSITORY: 'acme/status' })?.repo, 'acme/status');
    assert.deepEqual(cmsSettings({ STATUS_CMS_REPO: 'a/b', GITHUB_REPOSITORY: 'c/d', STATUS_CMS_BRANCH: 'live', STATUS_CMS_AUTH_URL: 'https://auth.example.com' }), {
      backend: 'github', repo: 'a/b', branch: 'live', authUrl: 'https://auth.example.com', contentDir: 'content',
    });
    assert.equal(cmsSettings({ STATUS_CMS_BACKEND: 'test-repo' })?.backend, 'test-repo');
  });

  it('turns /admin/ off with STATUS_CMS_BACKEND=none, even on GitHub Actions', async () => {
    assert.equal(cmsSettings({ STATUS_CMS_BACKEND: 'none', GITHUB_REPOSITORY: 'acme/status' }), undefined);
  });
});

/**
 * `npm ci --omit=dev` leaves decap-cms out. Node's own resolver, started from an empty folder,
 * finds no package, as it would in such an install.
 */
describe('without decap-cms installed', () => {
  const empty = mkdtempSync(path.join(temp, 'no-packages-'));
  const notInstalled = createRequire(path.join(empty, 'index.js')).resolve;
  const state = () => stateAt(loadContent(path.join(root, 'content')), Date.parse('2026-11-21T00:00:00Z'));

  it('a build that should have /admin/ stops and says what to install', async () => {
    assert.throws(() => cmsFiles(state(), { GITHUB_REPOSITORY: 'acme/status' }, notInstalled), (error: unknown) => {
      assert.ok(error instanceof StatusError);
      assert.equal(error.code, 'USAGE');
      assert.match(error.message, /\/admin\/ needs the decap-cms package/);
      assert.ok(error.message.includes('`npm ci` without --omit=dev'), error.message);
      assert.ok(error.message.includes('`npm run upgrade -- --editor`'), error.message);
      assert.match(error.message, /STATUS_CMS_BACKEND=none/);
      return true;
    });
  });

  it('a build without /admin/ does not need it', async () => {
    assert.deepEqual(cmsFiles(state(), {}, notInstalled), []);
    assert.deepEqual(cmsFiles(state(), { GITHUB_REPOSITORY: 'acme/status', STATUS_CMS_BACKEND: 'none' }, notInstalled), []);
  });

  it('other resolver failures are not reported as a missing package', async () => {
    const broken = () => {
      throw new Error('disk on fire');
    };
    assert.throws(() => decapBundle(broken), /disk on fire/);
  });
});

/** One build with the in-browser test backend, shared by the tests below. */
let built: string | undefined;
async function adminSite(): Promise<string> {
  if (!built) {
    const r = await build({ env: { STATUS_CMS_BACKEND: 'test-repo', STATUS_CMS_REPO: '', GITHUB_REPOSITORY: '' } });
    assert.equal(r.status, 0, r.stderr);
    built = r.out;
  }
  return built;
}

describe('/admin/ in the build', () => {
  let out = '';
  before(async () => {
    out = await adminSite();
  });

  it('serves Decap from our own files, nothing from another host', async () => {
    const html = readFileSync(path.join(out, 'admin/index.html'), 'utf8');
    assert.match(html, /<script src="decap-cms\.js"><\/script>/);
    assert.doesNotMatch(html, /https?:\/\//);
    const bundle = readFileSync(path.join(out, 'admin/decap-cms.js'));
    assert.ok(bundle.equals(readFileSync(path.join(root, 'node_modules/decap-cms/dist/decap-cms.js'))));
  });

  it('writes config.yml from the schema and the site file', async () => {
    const written = parse(readFileSync(path.join(out, 'admin/config.yml'), 'utf8'));
    assert.deepEqual(written, cmsConfig(site, { backend: 'test-repo', branch: 'main', contentDir: 'content' }));
  });

  it('is left out when no repository is configured', async () => {
    const state = stateAt(loadContent(path.join(root, 'content')), Date.parse('2026-11-21T00:00:00Z'));
    assert.deepEqual(cmsFiles(state, {}), []);
    assert.ok(cmsFiles(state, { GITHUB_REPOSITORY: 'acme/status' }).some((f) => f.path === 'admin/decap-cms.js'));
  });
});

/**
 * Decap itself in Chromium, with its in-browser test backend: what a form saves must be what
 * the loader accepts.
 */
describe('editing in Decap', { skip: browserSkipReason }, () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const outside: string[] = [];
  const EXISTING = 'content/incidents/2026-11-20-delayed-sms-delivery-carrier.md';

  before(async () => {
    server = await serveStatic(await adminSite());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh page, so each test sees only its own "Entry saved". */
  async function open(hash: string) {
    page = await browser.newPage();
    page.on('request', (req) => {
      if (!req.url().startsWith(server.url) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
    });
    // The test backend keeps its "repository" in the page: start it with one open incident.
    const existing = readFileSync(path.join(root, EXISTING), 'utf8');
    await page.addInitScript((text) => {
      (window as unknown as { repoFiles: unknown }).repoFiles = { content: { incidents: { '2026-11-20-delayed-sms-delivery-carrier.md': { content: text } } } };
    }, existing);
    await page.goto(`${server.url}admin/`);
    await page.getByRole('button', { name: /login/i }).click();
    await page.goto(`${server.url}admin/${hash}`);
  }

  /** What the editorial workflow would put in the pull request. */
  async function saved(slug: string): Promise<string> {
    await page.getByText('Entry saved').waitFor();
    const entries = await page.evaluate(() => Object.entries((window as unknown as { repoFilesUnpublished: Record<string, { diffs: { path: string; content: string }[] }> }).repoFilesUnpublished));
    const entry = entries.find(([key]) => key.endsWith(slug));
    assert.ok(entry, `no saved entry for ${slug}: ${entries.map(([k]) => k).join(', ')}`);
    return entry[1].diffs[0]!.content;
  }

  /** Picks an option of a Decap select (a react-select) by its field label. */
  async function choose(label: RegExp, option: string, nth = 0) {
    const id = await page.locator('label', { hasText: label }).nth(nth).getAttribute('for');
    await page.locator(`#${id}`).click({ force: true });
    await page.keyboard.type(option);
    await page.keyboard.press('Enter');
  }

  /** A content folder with the sample site and this one file, for the real loader. */
  function loads(file: string, text: string) {
    const dir = path.join(temp, `content-${Math.random().toString(36).slice(2)}`);
    cpSync(path.join(root, 'content'), dir, { recursive: true });
    writeFileSync(path.join(dir, file), text);
    return loadContent(dir);
  }

  it('a new incident from the form is valid content', async () => {
    await open('#/collections/incidents/new');
    await page.locator('input[type=text]').first().fill('Slow report exports');
    await choose(/^Reports and Exports/i, 'Degraded');
    await page.locator('textarea').first().fill('Exports take longer than usual: we are looking into it.');
    await page.getByRole('button', { name: 'Save' }).click();
    const text = await saved('-slow-report-exports');
    assert.match(text, /^---\ntitle: Slow report exports\nimpact: minor\ncomponents:\n {2}reports: degraded_performance\nupdates:\n {2}- at: \S+[+-]\d\d:\d\d\n/);
    const content = loads('incidents/2099-01-01-slow-report-exports.md', text);
    const incident = content.incidents.find((i) => i.title === 'Slow report exports')!;
    assert.deepEqual(incident.components, { reports: 'degraded_performance' });
    assert.equal(incident.updates[0]!.body, 'Exports take longer than usual: we are looking into it.');
  });

  it('an update added to an open incident goes on top and loads', async () => {
    await open('#/collections/incidents/entries/2026-11-20-delayed-sms-delivery-carrier');
    await page.getByRole('button', { name: /add updates/i }).click();
    await choose(/^Status/i, 'Monitoring');
    await page.locator('textarea').first().fill('The carrier fixed the route; messages flow again.');
    await page.getByRole('button', { name: 'Save' }).click();
    const text = await saved('2026-11-20-delayed-sms-delivery-carrier');
    const content = loads('incidents/2026-11-20-delayed-sms-delivery-carrier.md', text);
    const incident = content.incidents.find((i) => i.id === '2026-11-20-delayed-sms-delivery-carrier')!;
    const before = loadContent(path.join(root, 'content')).incidents.find((i) => i.id === incident.id)!;
    assert.equal(incident.updates.length, before.updates.length + 1);
    assert.deepEqual(incident.updates.slice(0, -1), before.updates);
    assert.deepEqual({ ...incident.updates.at(-1)!, at: 0 }, { at: 0, status: 'monitoring', body: 'The carrier fixed the route; messages flow again.', components: {} });
  });

  it('asked nothing of another host', async () => {
    assert.deepEqual(outside, []);
  });
});
