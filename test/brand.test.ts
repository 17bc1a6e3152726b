import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { build, type BuildResult } from './helpers/build.ts';
import { pageValidator } from './helpers/html-validator.ts';
import { miniSiteWith, PNG, SVG } from './helpers/site-with.ts';

/** The real build of a small site with a logo, a favicon, brand colours, an extra stylesheet and a string replaced. */
describe('a branded site, built', () => {
  let result: BuildResult;
  const read = (file: string) => readFileSync(path.join(result.out, file), 'utf8');
  const asset = (prefix: string) => readdirSync(path.join(result.out, 'assets')).find((f) => f.startsWith(prefix)) ?? '';

  before(async () => {
    const content = miniSiteWith(
      [
        'brand:',
        '  logo: brand/logo.svg',
        '  favicon: brand/favicon.png',
        '  css: brand/extra.css',
        '  colors:',
        '    accent: "#6b21a8"',
        '    accent_dark: "#d8b4fe"',
        '    header: "#3b0764"',
        'strings:',
        '  en:',
        '    site: { history: Past incidents }',
        '',
      ].join('\n'),
      { 'brand/logo.svg': SVG, 'brand/favicon.png': PNG, 'brand/extra.css': '.banner { border-radius: 0; }\n' },
    );
    result = await build({ content });
    assert.equal(result.status, 0, result.stderr);
  });

  it('shows the logo before the page name, named by the page name', async () => {
    const home = read('index.html');
    const logo = asset('logo.');
    assert.match(logo, /^logo\.[0-9a-f]{10}\.svg$/);
    assert.ok(home.includes(`<a class="brand" href="/"><img src="/assets/${logo}" alt="">Mini Status <span>Status</span></a>`), home);
    assert.equal(read(`assets/${logo}`), SVG);
    assert.ok(read('incidents/2026-11-10-api-errors/index.html').includes(`<img src="/assets/${logo}" alt="">`), 'on every page');
  });

  it('links its own icon instead of the built-in one', async () => {
    const home = read('index.html');
    const favicon = asset('favicon.');
    assert.match(favicon, /^favicon\.[0-9a-f]{10}\.png$/);
    assert.ok(home.includes(`<link rel="icon" href="/assets/${favicon}" type="image/png">`));
    assert.doesNotMatch(home, /assets\/icon\.[0-9a-f]+\.svg/);
    assert.deepEqual(readFileSync(path.join(result.out, 'assets', favicon)), PNG);
  });

  it('puts the colours and the extra stylesheet at the end of the one fingerprinted stylesheet, not inline', async () => {
    const home = read('index.html');
    const style = asset('style.');
    assert.ok(home.includes(`<link rel="stylesheet" href="/assets/${style}">`));
    assert.equal(home.match(/rel="stylesheet"/g)?.length, 1, 'no extra request');
    assert.doesNotMatch(home, /<style|\sstyle="/, 'the Content-Security-Policy forbids inline styles');
    const css = read(`assets/${style}`);
    assert.ok(css.startsWith(readFileSync('layouts/assets/style.css', 'utf8')), 'our stylesheet first');
    for (const rule of ['--link: #6b21a8;', '--link: #d8b4fe;', 'header.site { background: #3b0764;', '.banner { border-radius: 0; }']) assert.ok(css.includes(rule), rule);
  });

  it('prints the replaced string', async () => {
    assert.ok(read('index.html').includes('<a href="/history/">Past incidents</a>'));
    assert.doesNotMatch(read('index.html'), />History</);
  });

  it('keeps its pages valid HTML', async () => {
    const failures: string[] = [];
    for (const file of ['index.html', 'incidents/2026-11-10-api-errors/index.html']) {
      const report = await pageValidator.validateString(read(file), file);
      for (const r of report.results) for (const m of r.messages) failures.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    assert.deepEqual(failures, []);
  });
});
