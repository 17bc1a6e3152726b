import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pageValidator } from './helpers/html-validator.ts';
import type { Browser } from 'playwright-core';
import { StatusError } from '../src/shared/errors.ts';
import { loadContent } from '../src/content/load.ts';
import { siteSchema } from '../src/content/schema.ts';
import { stateAt } from '../src/state/status.ts';
import { COMPACT_HOME_ABOVE, homeIsCompact, siteView } from '../src/view/index.ts';
import { browserSkipReason, launchBrowser, serveStatic, type StaticServer } from './helpers/browser.ts';
import { build, SAMPLE_NOW } from './helpers/build.ts';

/** The compact home layout of large sites: one line per group, group pages with the bars. */

const root = path.resolve(import.meta.dirname, '..');
const temp = mkdtempSync(path.join(tmpdir(), 'status-compact-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const SITE_URL = 'https://status.example.com/';
/** The home page plus its stylesheet must stay under this on a 200-component site. */
const BUDGET = 25 * 1024;

interface Spec {
  groups: number;
  perGroup: number;
  ungrouped: number;
  layout?: string;
  /** Component name for group g (from 1), component c (from 1). */
  name?: (g: number, c: number) => string;
}

const componentId = (g: number, c: number) => `svc-${g}-${c}`;
const groupId = (g: number) => `region-${g}`;
const groupName = (g: number) => `Region ${g}`;

/**
 * Writes a site of `groups` × `perGroup` components plus `ungrouped` ones, and one more group
 * holding only a component hidden while operational. Incidents open on 2026-11-20 put svc-1-2
 * in a major outage, svc-1-3 in degraded performance and extra-1 in a partial outage; a
 * maintenance runs on svc-3-1 at SAMPLE_NOW.
 */
function writeSite(dir: string, spec: Spec) {
  const name = spec.name ?? ((g: number, c: number) => `Service ${c} (${groupName(g)})`);
  mkdirSync(path.join(dir, 'incidents'), { recursive: true });
  mkdirSync(path.join(dir, 'maintenance'), { recursive: true });
  const lines = [
    'name: Compact Test', `url: ${SITE_URL}`, 'time_zone: Etc/UTC',
    ...(spec.layout ? [`home_layout: ${spec.layout}`] : []),
    'groups:',
    ...Array.from({ length: spec.groups }, (_, i) => [`  - id: ${groupId(i + 1)}`, `    name: ${groupName(i + 1)}`, `    order: ${i + 1}`]).flat(),
    '  - id: quiet', '    name: Quiet', `    order: ${spec.groups + 1}`,
    'components:',
  ];
  const component = (id: string, label: string, extra: string[] = []) => [`  - id: ${id}`, `    name: ${label}`, ...extra, '    start_date: 2026-06-01'];
  for (let g = 1; g <= spec.groups; g++) {
    for (let c = 1; c <= spec.perGroup; c++) lines.push(...component(componentId(g, c), name(g, c), [`    group: ${groupId(g)}`, `    order: ${c}`]));
  }
  for (let n = 1; n <= spec.ungrouped; n++) lines.push(...component(`extra-${n}`, `Extra ${n}`, [`    order: ${n}`]));
  lines.push(...component('beta', 'Beta', ['    group: quiet', '    only_show_if_degraded: true']));
  writeFileSync(path.join(dir, 'site.yml'), `${lines.join('\n')}\n`);

  const incident = (file: string, title: string, components: string, updates: string[]) =>
    writeFileSync(path.join(dir, 'incidents', file), ['---', `title: ${title}`, 'impact: major', `components: ${components}`, 'updates:', ...updates, '---', ''].join('\n'));
  incident('2026-11-20-outage.md', 'Errors in Region 1', `{${componentId(1, 2)}: major_outage, ${componentId(1, 3)}: degraded_performance}`, [
    '  - at: 2026-11-20 20:00', '    status: investigating', '    body: We are looking into errors.',
  ]);
  if (spec.ungrouped) {
    incident('2026-11-20-extra.md', 'Extra is slow', '{extra-1: partial_outage}', ['  - at: 2026-11-20 21:00', '    status: identified', '    body: A fix is on its way.']);
  }
  incident('2026-11-10-past.md', 'A past problem', `{${componentId(2, 1)}: partial_outage}`, [
    '  - at: 2026-11-10 11:00', '    status: resolved', '    body: Fixed.', '', '  - at: 2026-11-10 10:00', '    status: investigating', '    body: Looking.',
  ]);
  writeFileSync(path.join(dir, 'maintenance', '2026-11-20-upgrade.md'), [
    '---', 'title: Region 3 upgrade', 'scheduled_for: 2026-11-20 23:00', 'scheduled_until: 2026-11-21 02:00', `components: [${componentId(3, 1)}]`, '---', '',
  ].join('\n'));
}

async function buildSite(name: string, spec: Spec): Promise<string> {
  const content = path.join(temp, name);
  writeSite(content, spec);
  const result = await build({ content, out: path.join(temp, `${name}-out`, 'site') });
  assert.equal(result.status, 0, result.stderr);
  return result.out;
}


const read = (out: string, file: string) => readFileSync(path.join(out, file), 'utf8');
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The home page's group lines: link, name, count, state, and the components listed under each. */
function groupLines(html: string) {
  return main(html).split(/<li class="group-line" data-group-line="[a-z0-9_-]+">/).slice(1).map((block) => {
    const [head, listed = ''] = block.split('<ul class="attention">');
    const m = /<a href="([^"]+)">([^<]+)<\/a> <span class="count">([^<]+)<\/span> <span class="state state-([a-z_]+)">/.exec(head!) ?? assert.fail(`no group head in ${head}`);
    const rows = [...listed.matchAll(/<li data-component="([^"]+)"><div class="head"><a href="([^"]+)">([^<]+)<\/a> <span class="state state-([a-z_]+)">([^<]+)</g)];
    return {
      url: m[1]!, name: decode(m[2]!), count: m[3]!, state: m[4]!,
      listed: rows.map((r) => ({ id: r[1]!, url: r[2]!, name: decode(r[3]!), state: r[4]!, label: r[5]! })),
    };
  });
}

describe('homeIsCompact', () => {
  const site = (count: number, home_layout?: string) =>
    siteSchema.parse({
      name: 'X', url: SITE_URL, time_zone: 'Etc/UTC', home_layout,
      components: Array.from({ length: count }, (_, i) => ({ id: `c${i}`, name: `C${i}`, start_date: '2026-01-01' })),
    });

  it(`is automatic above ${COMPACT_HOME_ABOVE} components`, async () => {
    assert.equal(homeIsCompact(await site(COMPACT_HOME_ABOVE)), false);
    assert.equal(homeIsCompact(await site(COMPACT_HOME_ABOVE + 1)), true);
  });

  it('follows home_layout in the site file either way', async () => {
    assert.equal(homeIsCompact(await site(3, 'compact')), true);
    assert.equal(homeIsCompact(await site(200, 'full')), false);
    assert.equal(homeIsCompact(await site(200, 'auto')), true);
  });

  it('keeps the sample site on the full layout, without group pages', async () => {
    const view = siteView(stateAt(loadContent(path.join(root, 'content')), Date.parse(SAMPLE_NOW)));
    assert.equal(view.compact, false);
    assert.deepEqual(view.groupPages, []);
  });

  it('rejects a misspelt home_layout with the line and the allowed values', async () => {
    const dir = path.join(temp, 'bad-layout');
    writeSite(dir, { groups: 1, perGroup: 2, ungrouped: 0 });
    writeFileSync(path.join(dir, 'site.yml'), readFileSync(path.join(dir, 'site.yml'), 'utf8').replace('groups:', 'home_layout: compakt\ngroups:'));
    assert.throws(() => loadContent(dir), (error: unknown) => {
      assert.ok(error instanceof StatusError);
      const problem = error.problems.find((p) => p.message.includes('home_layout')) ?? assert.fail(JSON.stringify(error.problems));
      assert.equal(problem.line, 4);
      assert.equal(problem.message, 'home_layout must be one of auto, full, compact — got "compakt"');
      assert.equal(problem.hint, 'did you mean "compact"?');
      return true;
    });
  });
});

describe('compact home of a 40-component site', () => {
  // 4 groups of 9, 4 ungrouped, and the quiet group's hidden component: 41 components.
  const SPEC: Spec = { groups: 4, perGroup: 9, ungrouped: 4 };
  let out = '';
  let home = '';
  let lines: ReturnType<typeof groupLines> = [];

  before(async () => {
    out = await buildSite('forty', SPEC);
    home = read(out, 'index.html');
    lines = groupLines(home);
  });

  it('shows one line per group, in order, the ungrouped ones last as "Other components", and no bars', async () => {
    assert.deepEqual(lines.map((l) => [l.name, l.url, l.count]), [
      ...Array.from({ length: 4 }, (_, g) => [groupName(g + 1), `/groups/${groupId(g + 1)}/`, '9 components']),
      ['Other components', '/groups/other/', '4 components'],
    ]);
    assert.doesNotMatch(home, /class="bars"/);
    // The group holding only a component hidden while operational has nothing to show.
    assert.doesNotMatch(home, /\/groups\/quiet\//);
  });

  it('gives each line its worst state and lists what is not operational under it, with state and link', async () => {
    assert.deepEqual(lines.map((l) => l.state), ['major_outage', 'operational', 'under_maintenance', 'operational', 'partial_outage']);
    assert.deepEqual(lines.map((l) => l.listed.map((r) => [r.id, r.state, r.url])), [
      [[componentId(1, 2), 'major_outage', `/components/${componentId(1, 2)}/`], [componentId(1, 3), 'degraded_performance', `/components/${componentId(1, 3)}/`]],
      [],
      [[componentId(3, 1), 'under_maintenance', `/components/${componentId(3, 1)}/`]],
      [],
      [['extra-1', 'partial_outage', '/components/extra-1/']],
    ]);
    assert.equal(lines[0]!.listed[0]!.label, 'Major Outage');
    assert.equal(lines[0]!.listed[0]!.name, 'Service 2 (Region 1)');
  });

  it('still shows the banner, the active incidents and the maintenance in progress', async () => {
    assert.match(home, /<section class="banner indicator-(?!none)[a-z]+"/);
    assert.match(home, />Errors in Region 1<\/a><\/h3>/);
    assert.match(home, />Extra is slow<\/a><\/h3>/);
    assert.match(main(home), /Region 3 upgrade/);
  });

  it('has a page for every group line, linking each of its components with its 90 bars', async () => {
    for (const [g, line] of lines.entries()) {
      const page = read(out, `${line.url.slice(1)}index.html`);
      const ids = g < 4 ? Array.from({ length: 9 }, (_, c) => componentId(g + 1, c + 1)) : ['extra-1', 'extra-2', 'extra-3', 'extra-4'];
      const rows = [...main(page).matchAll(/<li class="component" data-component="([^"]+)">\s*<div class="head"><a href="([^"]+)">/g)];
      assert.deepEqual(rows.map((r) => [r[1], r[2]]), ids.map((id) => [id, `/components/${id}/`]), line.url);
      assert.equal(main(page).match(/<ol class="bars"/g)?.length, ids.length);
      assert.equal(main(page).match(/<ol class="bars"[\s\S]*?<\/ol>/)![0].match(/<li /g)?.length, 90);
      assert.match(page, new RegExp(`<title>${line.name} · Compact Test Status</title>`));
      assert.match(page, new RegExp(`<h1>${line.name}</h1>`));
      assert.match(page, new RegExp(`<link rel="canonical" href="${SITE_URL}${line.url.slice(1)}">`));
      assert.match(page, /<nav class="crumbs" aria-label="Breadcrumb">\s*<ol>\s*<li><a href="\/">Current status<\/a><\/li>/);
      assert.match(page, new RegExp(`<p class="current">Current status: <span class="state state-${line.state}">`));
    }
    // Every group page is linked from the home page; no other group page is written.
    assert.deepEqual(readdirSync(path.join(out, 'groups')).sort(), lines.map((l) => l.url.split('/')[2]).sort());
  });

  it('lists the group pages in the sitemap', async () => {
    const sitemap = read(out, 'sitemap.xml');
    for (const line of lines) assert.match(sitemap, new RegExp(`<loc>${SITE_URL}${line.url.slice(1)}</loc>`));
  });

  it('home and group pages pass html-validate', async () => {
    const failures: string[] = [];
    for (const file of ['index.html', ...lines.map((l) => `${l.url.slice(1)}index.html`)]) {
      const report = await pageValidator.validateString(read(out, file), file);
      for (const result of report.results) for (const m of result.messages) failures.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    assert.deepEqual(failures, []);
  });

  describe('in Chromium', { skip: browserSkipReason }, () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    let server: StaticServer;
    let browser: Browser;
    before(async () => {
      [server, browser] = await Promise.all([serveStatic(out), launchBrowser()]);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const scheme of ['light', 'dark'] as const) {
      it(`home and a group page: no axe violation of any impact, nothing fetched off the origin (${scheme})`, async () => {
        const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 390, height: 800 } });
        const found: string[] = [];
        const origin = new URL(server.url).origin;
        context.on('request', (r) => {
          if (!/^(data|blob|about):/.test(r.url()) && new URL(r.url()).origin !== origin) found.push(`off-origin request ${r.url()}`);
        });
        try {
          const page = await context.newPage();
          page.on('pageerror', (e) => found.push(`script error ${e.message}`));
          for (const address of ['', `groups/${groupId(1)}/`]) {
            await page.goto(new URL(address, server.url).href);
            await page.evaluate(axeSource);
            const violations = await page.evaluate(async () => {
              const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact?: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
              return (await axe.run()).violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(', ')}`);
            });
            found.push(...violations.map((v) => `/${address}: ${v}`));
          }
        } finally {
          await context.close();
        }
        assert.deepEqual(found, []);
      });
    }
  });
});

describe('compact home of a 200-component site', () => {
  it(`index.html plus its stylesheet stay within ${BUDGET} bytes`, async (t) => {
    // Names as long as the bench site's, like "Authentication (Region 12)".
    const out = await buildSite('two-hundred', { groups: 20, perGroup: 10, ungrouped: 0, name: (g, c) => `Service number ${c} (${groupName(g)})` });
    const home = statSync(path.join(out, 'index.html')).size;
    const css = readdirSync(path.join(out, 'assets')).find((f) => /^style\..*\.css$/.test(f)) ?? assert.fail('no stylesheet');
    const total = home + statSync(path.join(out, 'assets', css)).size;
    t.diagnostic(`index.html ${home} bytes + ${css} = ${total} bytes`);
    assert.ok(total <= BUDGET, `index.html ${home} bytes + ${css} = ${total} bytes, over ${BUDGET}`);
    assert.equal(groupLines(read(out, 'index.html')).length, 20);
  });
});
