import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import sanitizeHtml from 'sanitize-html';
import { SaxesParser } from 'saxes';
import { feedFiles as feedOutputs } from '../../src/outputs/feeds.ts';
import { feedLinks } from '../../src/view/urls.ts';
import { stamp } from '../../src/shared/format.ts';
import { loadContent } from '../../src/content/load.ts';
import { Markdown } from '../../src/shared/markdown.ts';

const markdown = new Markdown();
const markdownToText = (text: string) => markdown.text(text);
import { stateAt } from '../../src/state/status.ts';
import { outputsOnly, SAMPLE_NOW, sampleSite } from '../helpers/build.ts';

/** Content with hostile names and texts, built at FIXTURE_NOW (see its site.yml). */
const FIXTURE = 'test/fixtures/subscribers';
const FIXTURE_NOW = '2026-11-20T12:00:00Z';
let fixtureOut: string | undefined;
after(() => fixtureOut && rmSync(path.dirname(fixtureOut), { recursive: true, force: true }));
async function fixtureSite(): Promise<string> {
  fixtureOut ??= outputsOnly({ content: FIXTURE, now: FIXTURE_NOW });
  return fixtureOut;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

/** A strict XML 1.0 parser: throws on anything not well-formed (stray `]]>`, control characters, bad escapes). */
function assertWellFormed(xml: string, name: string) {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => assert.fail(`${name} is not well-formed XML: ${error.message}`));
  parser.write(xml).close();
}

/** What a reader sees of an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const htmlText = (html: string) =>
  sanitizeHtml(html.replace(/<(br|\/p|\/small|\/strong|\/h\d)>/g, '$& '), { allowedTags: [], allowedAttributes: {} })
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/\s+/g, ' ')
    .trim();

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const EXTS = ['atom', 'rss', 'json'] as const;
const feedFiles = (componentIds: string[]) => ['', ...componentIds.map((id) => `components/${id}/`)].flatMap((dir) => EXTS.map((ext) => `${dir}history.${ext}`));

describe('feeds of the sample site', () => {
  const content = loadContent('content');
  const state = stateAt(content, Date.parse(SAMPLE_NOW));
  const clock = { zone: content.site.time_zone, locale: content.site.locale };
  // Entries: incidents and maintenance (once it has an update to show), most recently updated first.
  const entries = [
    ...state.incidents.map((i) => ({ tag: `Incident/${i.incident.id}`, url: `incidents/${i.incident.id}/`, updatedAt: i.updatedAt, startedAt: i.startedAt, componentIds: i.componentIds, incident: i })),
    ...state.maintenances.filter((m) => m.updates.length).map((m) => ({
      tag: `Maintenance/${m.maintenance.id}`, url: `maintenance/${m.maintenance.id}/`, updatedAt: m.updates.at(-1)!.at, startedAt: m.updates[0]!.at, componentIds: m.componentIds, incident: undefined,
    })),
  ].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, content.site.feed_limit);
  const recent = entries.flatMap((e) => (e.incident ? [e.incident] : []));

  it('writes every feed, and each parses with two independent parsers', async () => {
    const out = sampleSite();
    for (const file of feedFiles(content.site.components.map((c) => c.id))) {
      const text = read(out, file);
      if (file.endsWith('.json')) {
        const feed = JSON.parse(text) as { version: string; items: unknown[] };
        assert.equal(feed.version, 'https://jsonfeed.org/version/1.1', file);
        assert.ok(parseJsonFeed(feed).items, file);
        continue;
      }
      assertWellFormed(text, file);
      assert.ok(parseFeed(text).items, file);
      assert.ok((file.endsWith('.atom') ? parseAtomFeed(text).entries : parseRssFeed(text).items) !== undefined, file);
    }
  });

  it('has one Atom entry per incident and maintenance, most recently updated first, with stable tag ids, links and dates', async () => {
    const feed = parseAtomFeed(read(sampleSite(), 'history.atom'));
    assert.equal(feed.id, 'tag:status.example.org,2005:History');
    assert.ok(entries.some((e) => !e.incident), 'the sample has maintenance in its feed');
    assert.deepEqual(
      feed.entries!.map((e) => [e.id, e.links?.[0]?.href, e.updated, e.published]),
      entries.map((e) => [
        `tag:status.example.org,2005:${e.tag}`,
        `https://status.example.org/${e.url}`,
        new Date(e.updatedAt).toISOString(),
        new Date(e.startedAt).toISOString(),
      ]),
    );
    assert.equal(feed.updated, new Date(entries[0]!.updatedAt).toISOString());
  });

  it('puts every update in the entry, newest first, with its label, full date and zone, body and components', async () => {
    const entries = parseAtomFeed(read(sampleSite(), 'history.atom')).entries!;
    for (const i of recent) {
      const text = htmlText(entries.find((e) => e.id?.endsWith(`/${i.incident.id}`))!.content!.value!);
      let from = 0;
      const expectNext = (part: string) => {
        const at = text.indexOf(part, from);
        assert.ok(at >= 0, `${i.incident.id}: "${part}" missing or out of order`);
        from = at + part.length;
      };
      if (i.postmortem) expectNext(`${stamp(i.postmortem.at, clock)} Postmortem ${markdownToText(i.postmortem.body).slice(0, 40)}`);
      for (const u of [...i.updates].reverse()) {
        // The stamp carries the year and the zone: "Nov 20, 2026 - 17:30 UTC".
        assert.match(stamp(u.at, clock), /, \d{4} - \d\d:\d\d \S+$/);
        expectNext(`${stamp(u.at, clock)} ${u.label} ${markdownToText(u.body).slice(0, 40)}`);
      }
      if (i.componentIds.length) expectNext(i.open ? 'This incident affects: ' : 'This incident affected: ');
    }
  });

  it('includes the postmortem once it is posted', async () => {
    const withPostmortem = recent.find((i) => i.postmortem)!;
    const entry = parseFeed(read(sampleSite(), 'history.atom')).items.find((e) => e.id?.endsWith(`/${withPostmortem.incident.id}`))!;
    assert.match(entry.content!, /<strong>Postmortem<\/strong>/);
    assert.equal(entry.updated!.toISOString(), new Date(withPostmortem.postmortem!.at).toISOString());
  });

  it('gives RSS and JSON Feed the same entries, ids, links and dates as Atom', async () => {
    const out = sampleSite();
    const ids = entries.map((e) => `tag:status.example.org,2005:${e.tag}`);
    const rss = parseRssFeed(read(out, 'history.rss'));
    assert.deepEqual(rss.items!.map((i) => i.guid?.value), ids);
    assert.deepEqual(rss.items!.map((i) => i.guid?.isPermaLink), ids.map(() => false));
    assert.deepEqual(rss.items!.map((i) => i.link), entries.map((e) => `https://status.example.org/${e.url}`));
    assert.deepEqual(rss.items!.map((i) => Date.parse(i.pubDate!)), entries.map((e) => e.updatedAt));
    const json = parseJsonFeed(JSON.parse(read(out, 'history.json')));
    assert.deepEqual(json.items!.map((i) => i.id), ids);
    assert.deepEqual(json.items!.map((i) => Date.parse(i.date_modified!)), entries.map((e) => e.updatedAt));
    assert.deepEqual(json.items!.map((i) => Date.parse(i.date_published!)), entries.map((e) => e.startedAt));
  });

  it('gives each component a feed of the incidents that affected it', async () => {
    const out = sampleSite();
    for (const c of content.site.components) {
      const all = state.incidents.length + state.maintenances.length;
      const expected = entries.length === all ? entries.filter((e) => e.componentIds.includes(c.id)) : undefined;
      const feed = parseAtomFeed(read(out, `components/${c.id}/history.atom`));
      assert.equal(feed.id, `tag:status.example.org,2005:Component/${c.id}/History`);
      assert.equal(feed.links!.find((l) => l.rel === 'alternate')!.href, `https://status.example.org/components/${c.id}/`);
      if (expected) assert.deepEqual(feed.entries?.map((e) => e.id) ?? [], expected.map((e) => `tag:status.example.org,2005:${e.tag}`));
    }
  });

  it('names the feeds for <link rel="alternate"> with paths that exist', async () => {
    const out = sampleSite();
    assert.deepEqual(feedLinks().map((l) => [l.type, l.href]), [
      ['application/atom+xml', '/history.atom'],
      ['application/rss+xml', '/history.rss'],
      ['application/feed+json', '/history.json'],
    ]);
    for (const l of [...feedLinks(), ...feedLinks('sms')]) assert.ok(read(out, l.href.slice(1)).length > 0, l.href);
  });
});

describe('feeds with hostile text', () => {
  const TITLE = 'Errors & <b>timeouts</b> ]]> in 🚨 العربية ]]> bell';

  it('stay well-formed and free of control characters in every format', async () => {
    const out = await fixtureSite();
    for (const file of feedFiles(['web', 'api', 'sms', 'idle'])) {
      const text = read(out, file);
      assert.doesNotMatch(text, CONTROL, `${file} has a control character`);
      if (file.endsWith('.json')) assert.ok(parseJsonFeed(JSON.parse(text)), file);
      else assertWellFormed(text, file);
    }
  });

  it('regression: a title with two "]]>" stays inside its RSS CDATA section', async () => {
    const text = read(await fixtureSite(), 'history.rss');
    assertWellFormed(text, 'history.rss');
    assert.equal(parseFeed(text).items.find((i) => i.id?.endsWith('/c-hostile'))!.title, TITLE);
  });

  it('keep titles as the reader wrote them (control characters dropped) in Atom, RSS and JSON Feed', async () => {
    const out = await fixtureSite();
    for (const file of ['history.atom', 'history.rss', 'components/api/history.atom']) {
      const item = parseFeed(read(out, file)).items.find((i) => i.id?.endsWith('/c-hostile'));
      assert.equal(item?.title, TITLE, file);
    }
    const json = JSON.parse(read(out, 'history.json')) as { items: { id: string; title: string }[] };
    assert.equal(json.items.find((i) => i.id.endsWith('/c-hostile'))!.title, TITLE);
  });

  it('escape markup in bodies and keep emoji and right-to-left text', async () => {
    const entry = parseAtomFeed(read(await fixtureSite(), 'history.atom')).entries!.find((e) => e.id?.endsWith('/c-hostile'))!;
    const html = entry.content!.value!;
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /Fixed \]\]&gt; again \]\]&gt; &amp; /);
    assert.match(html, /שלום/);
    assert.match(html, /👩🏽‍💻/);
    assert.match(html, /\u202Eevil\u202C/);
    assert.match(html, /API &amp; &lt;Webhooks&gt;: Partial Outage → Operational/);
  });

  it('carry the feed_limit most recently updated entries; future updates and windows stay out', async () => {
    const feed = parseAtomFeed(read(await fixtureSite(), 'history.atom'));
    // a-older-postmortem started first but its postmortem (Nov 12) is newer than c-hostile's last update;
    // m-now started an hour ago, m-later (Nov 25) has shown nothing yet.
    assert.deepEqual(feed.entries!.map((e) => e.id), [
      'tag:example.test,2005:/status/Maintenance/m-now',
      'tag:example.test,2005:/status/Incident/d-open',
      'tag:example.test,2005:/status/Incident/a-older-postmortem',
      'tag:example.test,2005:/status/Incident/c-hostile',
    ]);
    assert.deepEqual(feed.entries!.map((e) => e.updated), ['2026-11-20T11:00:00.000Z', '2026-11-20T09:00:00.000Z', '2026-11-12T10:00:00.000Z', '2026-11-10T12:00:00.000Z']);
  });

  it('keep the site base path in ids and links, and dates in the site zone with the year', async () => {
    const out = await fixtureSite();
    const feed = parseAtomFeed(read(out, 'history.atom'));
    assert.equal(feed.id, 'tag:example.test,2005:/status/History');
    assert.equal(feed.links!.find((l) => l.rel === 'self')!.href, 'https://example.test/status/history.atom');
    assert.equal(feed.entries!.find((e) => e.id?.endsWith('/a-older-postmortem'))!.links![0]!.href, 'https://example.test/status/incidents/a-older-postmortem/');
    assert.match(feed.entries!.find((e) => e.id?.endsWith('/a-older-postmortem'))!.content!.value!, /Nov 12, 2026 - 11:00 GMT\+1<\/small><br><strong>Postmortem/);
  });

  it('write an empty but valid feed for a component without incidents', async () => {
    const out = await fixtureSite();
    const atom = parseAtomFeed(read(out, 'components/idle/history.atom'));
    assert.equal(atom.entries?.length ?? 0, 0);
    // No entries: the day the component started, in the site zone.
    assert.equal(atom.updated, '2026-05-31T22:00:00.000Z');
    assert.equal(parseRssFeed(read(out, 'components/idle/history.rss')).items?.length ?? 0, 0);
  });
});

describe('feed-level text that looks like an entity', () => {
  // A site that writes "&amp;" and "&lt;" as text: the feed library's XML writer used to turn
  // "&amp;" back into "&" in the feed's title, description and author name.
  const NAME = 'Tom &amp; Jerry &lt;3 &amp;amp; & Co';
  const COMPONENT = 'API &amp; &lt;Hooks&gt;';
  const DESCRIPTION = 'Status of &amp; &lt;b&gt; &#38; &';

  /** The site-wide and the `api` component's feeds of the subscribers fixture with those names. */
  function feeds(): Map<string, string> {
    const dir = mkdtempSync(path.join(tmpdir(), 'status-feed-entities-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      const site = path.join(dir, 'site.yml');
      const yml = readFileSync(site, 'utf8')
        .replace(/^name: .*$/m, `name: ${JSON.stringify(NAME)}`)
        .replace(/^description: .*$/m, `description: ${JSON.stringify(DESCRIPTION)}`)
        .replace('name: API & <Webhooks>', `name: ${JSON.stringify(COMPONENT)}`);
      writeFileSync(site, yml);
      const state = stateAt(loadContent(dir), Date.parse(FIXTURE_NOW));
      const wanted = /^(components\/api\/)?history\.(atom|rss|json)$/;
      return new Map([...feedOutputs(state)].filter((f) => wanted.test(f.path)).map((f) => [f.path, String(f.make())]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * Text of the elements at the given paths ("feed/title"), as a strict XML parser reads it. The
   * second reader here instead of @rowanmanning/feed-parser: that one decodes HTML entities again
   * after the XML's, so it reads the text "&lt;" as "<" from any feed, however it is escaped.
   */
  function xmlTexts(xml: string, paths: string[]): Record<string, string> {
    const parser = new SaxesParser();
    const open: string[] = [];
    const texts: Record<string, string> = {};
    parser.on('opentag', (tag) => open.push(tag.name));
    parser.on('closetag', () => open.pop());
    parser.on('text', (text) => {
      const at = open.join('/');
      if (paths.includes(at)) texts[at] = (texts[at] ?? '') + text;
    });
    parser.write(xml).close();
    return texts;
  }
  const value = (text: string | { value?: string } | undefined) => (typeof text === 'string' ? text : text?.value);

  const site = { title: `${NAME} - Incident History`, description: DESCRIPTION };
  const component = { title: `${NAME} - ${COMPONENT} - Incident History`, description: `Incidents that affected ${COMPONENT}.` };

  it('regression: reads back exactly in the RSS and Atom title, description and author name, and in JSON Feed', async () => {
    const files = feeds();
    for (const [dir, expected] of [['', site], ['components/api/', component]] as const) {
      const atomText = files.get(`${dir}history.atom`)!;
      const atom = parseAtomFeed(atomText);
      assert.equal(value(atom.title), expected.title, `${dir}history.atom title`);
      assert.equal(value(atom.subtitle), expected.description, `${dir}history.atom subtitle`);
      assert.equal(atom.authors?.[0]?.name, NAME, `${dir}history.atom author`);
      assert.deepEqual(xmlTexts(atomText, ['feed/title', 'feed/subtitle', 'feed/author/name']), {
        'feed/title': expected.title, 'feed/subtitle': expected.description, 'feed/author/name': NAME,
      });

      const rssText = files.get(`${dir}history.rss`)!;
      const rss = parseRssFeed(rssText);
      assert.equal(rss.title, expected.title, `${dir}history.rss title`);
      assert.equal(rss.description, expected.description, `${dir}history.rss description`);
      assert.deepEqual(xmlTexts(rssText, ['rss/channel/title', 'rss/channel/description']), {
        'rss/channel/title': expected.title, 'rss/channel/description': expected.description,
      });

      const json = JSON.parse(files.get(`${dir}history.json`)!) as { title: string; description: string; authors: { name: string }[] };
      assert.deepEqual([json.title, json.description, json.authors[0]!.name], [expected.title, expected.description, NAME], `${dir}history.json`);
    }
  });
});
