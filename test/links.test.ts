import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { build, sampleSite } from './helpers/build.ts';
import { brokenLinks } from './helpers/links.ts';

/**
 * Crawls a built site: every address written in a page, stylesheet, feed, sitemap, API file or the
 * calendar that points into the site must name a file the build wrote (shortlinks included), at the
 * root and under a sub-path. Pagefind's own index files are its business and are skipped.
 */

const SAMPLE = path.resolve(import.meta.dirname, '../content');
const temp: string[] = [];
after(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('every internal link of a built site resolves', () => {
  it('at the root', async () => {
    const out = sampleSite();
    const siteUrl = /^url: *(\S+)/m.exec(readFileSync(path.join(SAMPLE, 'site.yml'), 'utf8'))![1]!;
    assert.deepEqual(brokenLinks(out, siteUrl), []);
    // The maintenances' shortlinks are among them: they name their own pages.
    const api = JSON.parse(readFileSync(path.join(out, 'api/v2/scheduled-maintenances.json'), 'utf8')) as { scheduled_maintenances: { id: string; shortlink: string }[] };
    assert.ok(api.scheduled_maintenances.length > 0);
    for (const m of api.scheduled_maintenances) assert.match(m.shortlink, /\/maintenance\/[a-z0-9_-]+\/$/);
  });

  it('under a sub-path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'status-links-'));
    temp.push(dir);
    const content = path.join(dir, 'content');
    cpSync(SAMPLE, content, { recursive: true });
    const siteFile = path.join(content, 'site.yml');
    const siteUrl = 'https://example.com/status/';
    writeFileSync(siteFile, readFileSync(siteFile, 'utf8').replace(/^url: .*$/m, `url: ${siteUrl}`));
    const result = await build({ content, out: path.join(dir, 'site') });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(brokenLinks(result.out, siteUrl), []);
  });
});
