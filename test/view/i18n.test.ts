import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { StatusError } from '../../src/shared/errors.ts';
import { stamp } from '../../src/shared/format.ts';
import {
  availableLocales, dayIn, durationIn, fill, keysOf, loadLocale, localeProblems, LOCALES_DIR, monthIn, percentIn, placeholders, stampIn, valueAt,
} from '../../src/view/i18n.ts';
import { loadContent } from '../../src/content/load.ts';
import { stateAt } from '../../src/state/status.ts';
import { siteView } from '../../src/view/site.ts';

const en = JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en.json'), 'utf8')) as object;
const SAMPLE = loadContent(path.resolve(import.meta.dirname, '../../content'));
const NOW = Date.parse('2026-11-21T00:00:00Z');
const SEED_POSTED = Date.parse('2021-02-18T16:18:00Z');

describe('locale files', () => {
  it('ship English, German, French, Spanish, Japanese and a right-to-left language', () => {
    const locales = availableLocales();
    for (const tag of ['en', 'de', 'fr', 'es', 'ja']) assert.ok(locales.includes(tag), `locales/${tag}.json is missing`);
    assert.ok(locales.some((tag) => loadLocale(tag).dir === 'rtl'), 'no right-to-left locale');
  });

  for (const tag of availableLocales()) {
    it(`${tag}.json has every key of en.json, no other key, and the same placeholders`, () => {
      const messages = JSON.parse(readFileSync(path.join(LOCALES_DIR, `${tag}.json`), 'utf8')) as unknown;
      assert.deepEqual(localeProblems(messages), []);
      assert.deepEqual(keysOf(messages as object).sort(), keysOf(en).sort());
    });

    it(`${tag}.json writes the maintenance window start before its end`, () => {
      const window = loadLocale(tag).messages.maintenance.window;
      assert.ok(window.indexOf('{from}') < window.indexOf('{until}'), window);
    });

    it(`${tag}: luxon formats are valid and produce no leftover tokens`, () => {
      const l = loadLocale(tag);
      const text = [stampIn(SEED_POSTED, 'Europe/Berlin', l), dayIn('2021-02-18', 'Europe/Berlin', l), monthIn(SEED_POSTED, 'Europe/Berlin', l)];
      for (const t of text) assert.doesNotMatch(t, /Invalid|yyyy|LLL|HH|ZZZZ/, `${tag}: ${t}`);
      assert.match(text[0]!, /18/);
    });
  }

  it('every message of en.json is non-empty text', () => {
    for (const key of keysOf(en)) assert.ok(String(valueAt(en, key)).trim(), key);
  });
});

describe('localeProblems', () => {
  const base = JSON.parse(JSON.stringify(en)) as Record<string, Record<string, string>>;
  const cases: { name: string; code: string; edit: (m: Record<string, Record<string, string>>) => void; expect: RegExp }[] = [
    { name: 'a missing key', code: 'locale-key-missing', edit: (m) => delete m.incident!.posted, expect: /^incident\.posted is missing$/ },
    { name: 'an empty message', code: 'locale-key-empty', edit: (m) => (m.site!.skip = ' '), expect: /^site\.skip is empty$/ },
    { name: 'a lost placeholder', code: 'locale-placeholders', edit: (m) => (m.incident!.posted = 'Posted'), expect: /^incident\.posted must use the placeholders \{time\}/ },
    { name: 'a renamed placeholder', code: 'locale-placeholders', edit: (m) => (m.home!.affects = 'Affects: {liste}.'), expect: /^home\.affects must use the placeholders \{list\}/ },
    { name: 'a key English does not have', code: 'locale-key-unknown', edit: (m) => (m.site!.extra = 'x'), expect: /^site\.extra is not a key of en\.json$/ },
    { name: 'a date format the pages cannot write', code: 'locale-format', edit: (m) => (m.formats!.day = 'dd.MM.yyyy Q'), expect: /^formats\.day uses Q, which the pages cannot write$/ },
    { name: 'a bad direction', code: 'locale-dir', edit: (m) => (m.language!.dir = 'up'), expect: /^language\.dir must be "ltr" or "rtl"$/ },
  ];
  for (const c of cases) {
    it(`reports ${c.name}, with a hint (catalogue entry ${c.code})`, () => {
      const copy = JSON.parse(JSON.stringify(base)) as Record<string, Record<string, string>>;
      c.edit(copy);
      const problems = localeProblems(copy);
      assert.equal(problems.length, 1, problems.map((p) => p.message).join('\n'));
      assert.match(problems[0]!.message, c.expect);
      assert.equal(problems[0]!.code, c.code);
      assert.ok(problems[0]!.hint.trim());
    });
  }
});

describe('loadLocale', () => {
  it('falls back from a regional tag to its language, keeping the tag for formatting', () => {
    const l = loadLocale('de-CH');
    assert.equal(l.file, 'de');
    assert.equal(l.tag, 'de-CH');
  });

  it('names the locales there are when the site asks for one that is not', () => {
    assert.throws(() => loadLocale('xx'), (error: unknown) => {
      assert.ok(error instanceof StatusError);
      assert.match(error.problems[0]!.hint ?? '', /use one of ar, de, en, es, fr, ja/);
      return true;
    });
  });

  it('rejects a locale file with a missing key, naming the key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'locales-'));
    const broken = JSON.parse(JSON.stringify(en)) as { bars: Record<string, string> };
    delete broken.bars.today;
    writeFileSync(path.join(dir, 'en.json'), JSON.stringify(en));
    writeFileSync(path.join(dir, 'xx.json'), JSON.stringify(broken));
    assert.throws(() => loadLocale('xx', dir), (error: unknown) => {
      assert.ok(error instanceof StatusError);
      assert.deepEqual(error.problems.map((p) => `${p.file}: ${p.message}`), ['locales/xx.json: bars.today is missing']);
      return true;
    });
  });
});

describe('formatting', () => {
  const english = loadLocale('en');

  it('keeps Statuspage English stamps byte for byte', () => {
    assert.equal(stampIn(SEED_POSTED, 'Etc/UTC', english), 'Feb 18, 2021 - 16:18 UTC');
    for (const zone of ['Etc/UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin']) {
      for (const ms of [SEED_POSTED, Date.parse('2026-07-01T23:59:00Z'), Date.parse('2026-03-29T01:30:00Z')]) {
        assert.equal(stampIn(ms, zone, english), stamp(ms, { zone, locale: 'en' }));
      }
    }
  });

  it('writes English durations and percentages as before', () => {
    // What the English-only formatters wrote before the locale files took over.
    const durations: [number, string][] = [
      [0, 'under a minute'], [1, '1 minute'], [59, '59 minutes'], [60, '1 hour'], [61, '1 hour 1 minute'], [88, '1 hour 28 minutes'],
      [1439, '23 hours 59 minutes'], [1440, '1 day'], [1441, '1 day'], [3000, '2 days 2 hours'], [10_000, '6 days 22 hours'],
    ];
    for (const [m, text] of durations) assert.equal(durationIn(0, m * 60_000, english), text);
    const percents: [number, string][] = [[0, '0.00%'], [0.3, '30.00%'], [0.99949, '99.94%'], [0.9995, '99.95%'], [0.99999, '99.99%'], [1, '100.00%']];
    for (const [r, text] of percents) assert.equal(percentIn(r, english), text);
    assert.equal(percentIn(0.99999, english), '99.99%');
  });

  it('formats dates, numbers and durations in the language of the locale', () => {
    assert.equal(stampIn(SEED_POSTED, 'Etc/UTC', loadLocale('de')), '18. Feb 2021, 16:18 UTC');
    assert.equal(stampIn(SEED_POSTED, 'Etc/UTC', loadLocale('ja')), '2021年2月18日 16:18 UTC');
    assert.equal(monthIn(SEED_POSTED, 'Etc/UTC', loadLocale('fr')), 'février 2021');
    assert.equal(percentIn(0.9995, loadLocale('de')).replace(/\s/g, ' '), '99,95 %'); // Intl puts a no-break space before %
    assert.equal(durationIn(0, 88 * 60_000, loadLocale('de')), '1 Stunde 28 Minuten');
    assert.equal(durationIn(0, 88 * 60_000, loadLocale('es')), '1 hora 28 minutos');
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    assert.equal(fill('{a} and {b}', { a: 1 }), '1 and {b}');
    assert.deepEqual(placeholders('Posted {time} by {who}'), ['time', 'who']);
  });
});

describe('the view in each language', () => {
  const state = stateAt(SAMPLE, NOW);

  it('English pages read as Statuspage writes them', () => {
    const view = siteView(state);
    const seed = view.incidents.find((i) => i.id === '2021-02-18-web-apps-intermittent-errors')!;
    assert.deepEqual(seed.updates.map((u) => u.label), ['Resolved', 'Monitoring', 'Update', 'Investigating']);
    assert.equal(seed.updates[0]!.posted.text, 'Feb 18, 2021 - 16:18 UTC');
    assert.equal(seed.affectedText, 'This incident affected: www.commcarehq.org (Syncs with CommCare HQ, Form Submissions, Web Apps).');
    assert.equal(view.t.incident.reportFor, 'Incident Report for CommCare HQ');
    assert.deepEqual(view.t.parts.posted, { before: 'Posted ', after: '' });
    assert.equal(view.banner.description, state.description);
    assert.equal(view.meta.dir, 'ltr');
  });

  for (const tag of availableLocales().filter((t) => t !== 'en')) {
    it(`${tag}: labels, banner, dates and direction come from ${tag}.json`, () => {
      const l = loadLocale(tag);
      const view = siteView(state, { locale: l });
      const seed = view.incidents.find((i) => i.id === '2021-02-18-web-apps-intermittent-errors')!;
      const u = l.messages.update;
      assert.deepEqual(seed.updates.map((x) => x.label), [u.resolved, u.monitoring, u.update, u.investigating]);
      assert.equal(seed.updates[0]!.posted.text, stampIn(SEED_POSTED, SAMPLE.site.time_zone, l));
      assert.equal(view.t.incident.reportFor, fill(l.messages.incident.reportFor, { name: SAMPLE.site.name }));
      assert.ok(Object.values(l.messages.indicator).includes(view.banner.description));
      assert.equal(view.meta.dir, l.dir);
      assert.equal(view.meta.locale, tag);
      const client = JSON.parse(view.client) as { t: { live: { localTime: string } } };
      assert.equal(client.t.live.localTime, l.messages.live.localTime);
    });
  }
});

describe('a site file asking for a locale', () => {
  it('with no strings file is refused by the content check, at its line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'status-locale-'));
    cpSync(path.resolve(import.meta.dirname, '../fixtures/mini'), dir, { recursive: true });
    const site = path.join(dir, 'site.yml');
    writeFileSync(site, readFileSync(site, 'utf8').replace(/^locale:.*$/m, '') + '\nlocale: tlh\n');
    assert.throws(() => loadContent(dir), (error: unknown) => {
      assert.ok(error instanceof StatusError);
      assert.deepEqual(error.problems.map((p) => [p.code, p.message]), [['unknown-language', 'locale: there are no interface strings for the language "tlh"']]);
      return true;
    });
  });

  it('with no strings file fails the view with a hint, for content made in memory', () => {
    const content = loadContent(path.resolve(import.meta.dirname, '../fixtures/mini'));
    const asking = { ...content, site: { ...content.site, locale: 'tlh' } };
    assert.throws(() => siteView(stateAt(asking, NOW)), /no interface strings for locale "tlh"/);
  });
});
