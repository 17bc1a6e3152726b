import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { badgeFiles, badgeSvg, type Badge } from '../../src/outputs/badges.ts';
import { loadContent } from '../../src/content/load.ts';
import { stateAt } from '../../src/state/status.ts';
import { sampleSite } from '../helpers/build.ts';

/** Parses SVG strictly and returns the elements with their attributes and text. */
function parseSvg(svg: string) {
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const parser = new SaxesParser();
  parser.on('error', (error) => assert.fail(`not well-formed: ${error.message}`));
  const open: (typeof elements)[number][] = [];
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('closetag', () => open.pop());
  parser.on('text', (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  });
  parser.write(svg).close();
  return elements;
}

const badges = (dir: string, now: string) =>
  new Map(badgeFiles(stateAt(loadContent(dir), Date.parse(now))).map((f) => [f.path, String(f.content)]));

describe('badges of the sample site', () => {
  it('writes an SVG and a shields.io endpoint file for the page and each component', () => {
    const out = sampleSite();
    const ids = loadContent('content').site.components.map((c) => c.id);
    for (const dir of ['', ...ids.map((id) => `components/${id}/`)]) {
      const json = JSON.parse(readFileSync(path.join(out, `${dir}badge.json`), 'utf8')) as Badge & { schemaVersion: number };
      assert.equal(json.schemaVersion, 1);
      assert.match(json.color, /^[0-9a-f]{6}$/);
      const svg = parseSvg(readFileSync(path.join(out, `${dir}badge.svg`), 'utf8'));
      const root = svg[0]!;
      assert.equal(root.name, 'svg');
      assert.equal(root.attributes.role, 'img');
      assert.equal(root.attributes['aria-label'], `${json.label}: ${json.message}`);
      assert.equal(svg.find((e) => e.name === 'title')!.text, `${json.label}: ${json.message}`);
      assert.deepEqual(svg.filter((e) => e.name === 'text').map((e) => e.text), [json.label, json.message]);
      assert.ok(svg.some((e) => e.name === 'rect' && e.attributes.fill === `#${json.color}`));
    }
  });

  it('says what the page and its components show', () => {
    const files = badges('content', '2026-11-21T00:00:00Z');
    assert.deepEqual(JSON.parse(files.get('badge.json')!), { schemaVersion: 1, label: 'CommCare HQ', message: 'degraded', color: 'f2c200' });
    assert.deepEqual(JSON.parse(files.get('components/sms/badge.json')!), { schemaVersion: 1, label: 'SMS', message: 'degraded performance', color: 'f2c200' });
    assert.deepEqual(JSON.parse(files.get('components/email/badge.json')!), { schemaVersion: 1, label: 'Email', message: 'operational', color: '2e7d32' });
  });

  it('shows maintenance, and operational once incidents and maintenance are over', () => {
    const during = badges('content', '2026-10-18T02:30:00Z');
    assert.deepEqual(JSON.parse(during.get('badge.json')!), { schemaVersion: 1, label: 'CommCare HQ', message: 'maintenance', color: '1565c0' });
    assert.equal(JSON.parse(during.get('components/syncs/badge.json')!).message, 'under maintenance');
    const quiet = badges('content', '2026-10-20T00:00:00Z');
    assert.equal(JSON.parse(quiet.get('badge.json')!).message, 'operational');
  });
});

describe('badgeSvg', () => {
  it('escapes names and stays well-formed with any text', () => {
    const svg = badgeSvg({ label: 'API & <Webhooks> "x" ]]> \u0001', message: 'עברית 🚨', color: 'c62828' });
    const texts = parseSvg(svg).filter((e) => e.name === 'text').map((e) => e.text);
    assert.deepEqual(texts, ['API & <Webhooks> "x" ]]> ', 'עברית 🚨']);
  });

  it('grows with the text, and fits each text to its part', () => {
    const short = parseSvg(badgeSvg({ label: 'SMS', message: 'operational', color: '2e7d32' }));
    const long = parseSvg(badgeSvg({ label: 'Syncs with CommCare HQ', message: 'operational', color: '2e7d32' }));
    assert.ok(Number(long[0]!.attributes.width) > Number(short[0]!.attributes.width));
    for (const svg of [short, long]) {
      const [label, message] = svg.filter((e) => e.name === 'rect' && e.attributes.fill).map((e) => Number(e.attributes.width));
      const lengths = svg.filter((e) => e.name === 'text').map((e) => Number(e.attributes.textLength));
      assert.deepEqual(lengths, [label! - 12, message! - 12]);
      assert.equal(label! + message!, Number(svg[0]!.attributes.width));
    }
  });
});
