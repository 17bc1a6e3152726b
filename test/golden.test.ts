import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import sanitizeHtml from 'sanitize-html';
import { sampleSite } from './helpers/build.ts';

/** The text of the public Statuspage page of this incident, kept verbatim (see test/fixtures/README.md). */
const SEED = path.join(import.meta.dirname, 'fixtures/seed/commcare-web-apps-incident.txt');
const SEED_PAGE = 'incidents/2021-02-18-web-apps-intermittent-errors/index.html';

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text a reader sees in <main>: tags dropped, entities decoded, whitespace normalised. */
function visibleText(html: string): string {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const text = sanitizeHtml(main.replace(/<\/(p|h\d|li|div|section)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} });
  return normalise(text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
}

describe('seed incident page', () => {
  it('carries every line of the reference Statuspage page, in the same order', () => {
    const page = visibleText(readFileSync(path.join(sampleSite(), SEED_PAGE), 'utf8'));
    const lines = readFileSync(SEED, 'utf8').split('\n').map(normalise).filter(Boolean);
    let from = 0;
    for (const line of lines) {
      const at = page.indexOf(line, from);
      assert.ok(at >= 0, `missing or out of order: "${line}"\n(after position ${from} of the page text)`);
      from = at + line.length;
    }
  });
});

