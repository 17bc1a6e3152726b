import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DateTime, IANAZone } from 'luxon';
import { formatDay, formatTime } from '../../src/shared/format.ts';
import { formatIn, stampParts } from '../../src/shared/stamp.ts';

/**
 * The stamp formatter replaces Luxon's toFormat for the locale files' formats, and the pages'
 * script formats with it through Intl alone: all three must write the same text.
 */

const LOCALES = path.resolve(import.meta.dirname, '../../locales');
const formats = readdirSync(LOCALES).map((f) => {
  const tag = f.replace(/\.json$/, '');
  return { tag, formats: (JSON.parse(readFileSync(path.join(LOCALES, f), 'utf8')) as { formats: Record<string, string> }).formats };
});
// Region tags fall back to the language's file; ar-EG writes Arabic-Indic digits.
const TAGS: Record<string, string[]> = { en: ['en', 'en-GB'], de: ['de', 'de-CH'], ar: ['ar', 'ar-EG'], fr: ['fr', 'fr-CA'] };
const ZONES = ['UTC', 'Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo', 'Etc/GMT+5'];
const START = Date.UTC(2025, 0, 1);
const INSTANTS = [
  ...Array.from({ length: 40 }, (_, i) => START + i * 19 * 86_400_000 + i * 7 * 60_000),
  // Around clock changes in Europe and America.
  ...[Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)].flatMap((t) => [t - 60_000, t, t + 60_000]),
];

/** What the build wrote before: Luxon, with the real zone's short name put in for ZZZZ. */
function luxon(ms: number, zone: string, locale: string, format: string): string {
  const name = IANAZone.create(zone).offsetName(ms, { format: 'short', locale }) ?? '';
  return DateTime.fromMillis(ms, { zone, locale }).toFormat(format.replaceAll('ZZZZ', `'${name.replaceAll("'", '')}'`));
}

describe('stamp formats', () => {
  it('writes every locale format as Luxon did, in the build and through Intl alone', () => {
    let compared = 0;
    for (const { tag, formats: f } of formats) {
      for (const locale of TAGS[tag] ?? [tag]) {
        for (const zone of ZONES) {
          for (const ms of INSTANTS) {
            for (const format of [f.stamp!, f.month!, 'LLL d, yyyy - HH:mm ZZZZ', 'yyyy-MM']) {
              const expected = luxon(ms, zone, locale, format);
              assert.equal(formatTime(ms, { zone, locale }, format), expected, `${locale} ${zone} ${new Date(ms).toISOString()} ${format}`);
              assert.equal(formatIn(ms, zone, locale, format), expected, `Intl: ${locale} ${zone} ${new Date(ms).toISOString()} ${format}`);
              compared++;
            }
          }
        }
        for (const day of ['2026-01-31', '2026-09-05', '2027-12-24']) {
          assert.equal(formatDay(day, { zone: 'UTC', locale }, f.day!), DateTime.fromISO(day, { zone: 'utc', locale }).toFormat(f.day!), `${locale} ${day}`);
        }
      }
    }
    assert.ok(compared > 10_000);
  });

  it('splits a format as Luxon does and names tokens it cannot write', () => {
    assert.deepEqual(stampParts("LLLL 'de' yyyy").parts, [{ token: 'LLLL' }, { text: ' ' }, { text: 'de' }, { text: ' ' }, { token: 'yyyy' }]);
    assert.deepEqual(stampParts("d MMM, h:mm a 'o''clock'").unknown, ['MMM', 'h', 'a']);
    assert.throws(() => formatIn(0, 'UTC', 'en', 'DDD'), /uses DDD; use only yyyy/);
  });
});
