import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { clientScripts, type ClientScript } from '../../src/client/index.ts';
import { EMBED_TEXTS_SLOT } from '../../src/outputs/index.ts';

/**
 * The browser scripts are bundled from src/client/browser/ with the rules they import. They may
 * weigh no more than the hand-written scripts they replaced (bytes as served, and gzipped).
 */
const BUDGET: Record<ClientScript, { raw: number; gzip: number }> = {
  'enhance.js': { raw: 23_539, gzip: 7_035 },
  'search.js': { raw: 6_056, gzip: 2_289 },
  // Before the site's strings go in (about 300 bytes in English).
  'embed.js': { raw: 12_500, gzip: 4_800 },
};

describe('browser scripts', () => {
  const scripts = clientScripts();

  it('stay within the weight of the scripts they replaced', () => {
    for (const [name, budget] of Object.entries(BUDGET) as [ClientScript, { raw: number; gzip: number }][]) {
      const raw = Buffer.byteLength(scripts[name]);
      const gzip = gzipSync(scripts[name], { level: 9 }).length;
      assert.ok(raw <= budget.raw && gzip <= budget.gzip, `${name}: ${raw} bytes, ${gzip} gzipped; the budget is ${budget.raw} and ${budget.gzip}`);
    }
  });

  it('are bundled once per process, each a self-contained script with nothing node-only in it', () => {
    assert.equal(clientScripts(), scripts);
    for (const [name, text] of Object.entries(scripts)) {
      assert.doesNotMatch(text, /\brequire\(|\bimport\.meta\b|\bprocess\.env\b/, name);
      assert.match(text, /^"use strict";\(\(\)=>\{/, `${name} runs in its own scope`);
    }
  });

  it('leave one place in the embed for the site\'s strings', () => {
    assert.equal(scripts['embed.js'].split(EMBED_TEXTS_SLOT).length, 2);
  });
});
