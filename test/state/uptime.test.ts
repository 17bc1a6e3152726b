import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentSchema, type ComponentState } from '../../src/content/schema.ts';
import type { Outage } from '../../src/state/uptime.ts';
import { componentUptime, UPTIME_DAYS, type UptimeDay } from '../../src/state/uptime.ts';

const t = (iso: string) => Date.parse(iso);
const HOUR = 3600;
const DAY = 24 * HOUR;

const component = (start_date = '2026-01-01') => componentSchema.parse({ id: 'web', name: 'Web', start_date });

const outage = (state: ComponentState, from: string, to: string, incident = 'i1'): Outage => ({
  component: 'web', state, from: t(from), to: t(to), incident,
});

function uptime(outages: Outage[], now: string, zone = 'Etc/UTC', start = '2026-01-01') {
  return componentUptime(component(start), outages, t(now), zone);
}

const day = (days: UptimeDay[], date: string) => {
  const d = days.find((x) => x.date === date);
  assert.ok(d, `no day ${date} in ${days[0]?.date}…${days.at(-1)?.date}`);
  return d;
};

/** Equality up to floating-point rounding of the weighted sums. */
function near(actual: number | null, expected: number, what = 'value') {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${what}: expected ${expected}, got ${actual}`);
}

describe('componentUptime: the 90-day window', () => {
  it('has 90 consecutive days ending today in the site zone', () => {
    const { days } = uptime([], '2026-11-21T12:00:00Z');
    assert.equal(days.length, UPTIME_DAYS);
    assert.equal(days[0]!.date, '2026-08-24');
    assert.equal(days.at(-1)!.date, '2026-11-21');
    assert.equal(new Set(days.map((d) => d.date)).size, 90);
    assert.ok(days.every((d) => d.uptime === 1 && d.worst === 'operational' && d.incidents.length === 0));
  });

  it('ends on the local date, not the UTC one', () => {
    // 2026-11-21 02:00 UTC is still Nov 20 in New York and already 07:30 on Nov 21 in Kolkata.
    assert.equal(uptime([], '2026-11-21T02:00:00Z', 'America/New_York').days.at(-1)!.date, '2026-11-20');
    assert.equal(uptime([], '2026-11-20T20:00:00Z', 'Asia/Kolkata').days.at(-1)!.date, '2026-11-21');
  });
});

describe('componentUptime: weights per state (Statuspage rule)', () => {
  const cases: { state: ComponentState; hours: number; down: number; uptime: number }[] = [
    { state: 'major_outage', hours: 6, down: 6 * HOUR, uptime: 0.75 },
    { state: 'partial_outage', hours: 10, down: 10 * HOUR * 0.3, uptime: 0.875 },
    { state: 'degraded_performance', hours: 24, down: 0, uptime: 1 },
  ];
  for (const c of cases) {
    it(`${c.state} for ${c.hours} h → ${c.uptime * 100}% that day`, () => {
      const end = new Date(t('2026-11-10T00:00:00Z') + c.hours * HOUR * 1000).toISOString();
      const { days } = uptime([outage(c.state, '2026-11-10T00:00:00Z', end)], '2026-11-21T12:00:00Z');
      const d = day(days, '2026-11-10');
      near(d.downSeconds, c.down, 'downSeconds');
      near(d.uptime, c.uptime, 'uptime');
      assert.equal(d.worst, c.state);
      assert.deepEqual(d.incidents, ['i1']);
      assert.equal(day(days, '2026-11-11').uptime, 1);
    });
  }
});

describe('componentUptime: overlapping incidents count once, at the worst state', () => {
  it('major inside a partial outage', () => {
    const { days } = uptime(
      [
        outage('partial_outage', '2026-11-13T08:00:00Z', '2026-11-13T16:00:00Z', 'a'),
        outage('major_outage', '2026-11-13T10:00:00Z', '2026-11-13T12:00:00Z', 'b'),
      ],
      '2026-11-21T12:00:00Z',
    );
    const d = day(days, '2026-11-13');
    // 2 h major + 6 h partial at 30 %.
    near(d.downSeconds, 2 * HOUR + 6 * HOUR * 0.3, 'downSeconds');
    near(d.uptime, 1 - (2 * HOUR + 6 * HOUR * 0.3) / DAY, 'uptime');
    assert.equal(d.worst, 'major_outage');
    assert.deepEqual(d.incidents.sort(), ['a', 'b']);
  });

  it('two major outages that overlap by 3 hours', () => {
    const { days } = uptime(
      [
        outage('major_outage', '2026-11-14T00:00:00Z', '2026-11-14T06:00:00Z', 'a'),
        outage('major_outage', '2026-11-14T03:00:00Z', '2026-11-14T09:00:00Z', 'b'),
      ],
      '2026-11-21T12:00:00Z',
    );
    const d = day(days, '2026-11-14');
    assert.equal(d.downSeconds, 9 * HOUR);
    assert.equal(d.uptime, 0.625);
  });

  it('a degraded incident does not hide a partial one that runs at the same time', () => {
    const { days } = uptime(
      [
        outage('degraded_performance', '2026-11-15T00:00:00Z', '2026-11-16T00:00:00Z', 'a'),
        outage('partial_outage', '2026-11-15T12:00:00Z', '2026-11-15T16:00:00Z', 'b'),
      ],
      '2026-11-21T12:00:00Z',
    );
    near(day(days, '2026-11-15').downSeconds, 4 * HOUR * 0.3, 'downSeconds');
    assert.equal(day(days, '2026-11-15').worst, 'partial_outage');
  });
});

describe('componentUptime: start_date', () => {
  it('has no data before the start date and counts the start day from its start', () => {
    const { days, percent } = uptime(
      [outage('major_outage', '2026-10-31T20:00:00Z', '2026-11-01T02:00:00Z')],
      '2026-11-21T12:00:00Z',
      'Etc/UTC',
      '2026-11-01',
    );
    assert.ok(days.filter((d) => d.date < '2026-11-01').every((d) => d.uptime === null));
    assert.equal(days.filter((d) => d.uptime === null).length, 69);
    near(day(days, '2026-11-01').uptime, 1 - 2 * HOUR / DAY, 'start day');
    // 20 whole days (Nov 1–20) plus half of today; only the 2 h after the start count.
    near(percent, 1 - (2 * HOUR) / (20 * DAY + 12 * HOUR), 'percent');
  });

  it('has no percent when the component starts after today', () => {
    const { days, percent } = uptime([], '2026-11-21T12:00:00Z', 'Etc/UTC', '2026-12-01');
    assert.ok(days.every((d) => d.uptime === null));
    assert.equal(percent, null);
  });

  it('reads the start date in the site zone', () => {
    // Nov 1 in Kolkata starts at Oct 31 18:30 UTC: a major outage 18:30–19:30 UTC is on the start day.
    const { days } = uptime(
      [outage('major_outage', '2026-10-31T18:30:00Z', '2026-10-31T19:30:00Z')],
      '2026-11-21T12:00:00Z',
      'Asia/Kolkata',
      '2026-11-01',
    );
    assert.equal(day(days, '2026-10-31').uptime, null);
    near(day(days, '2026-11-01').uptime, 1 - HOUR / DAY, 'start day');
  });
});

describe('componentUptime: days in the site time zone', () => {
  const cases: { zone: string; from: string; to: string; first: [string, number]; second: [string, number] }[] = [
    // 22:00–02:00 EST (UTC-5): all of it is on Nov 11 in UTC.
    { zone: 'America/New_York', from: '2026-11-11T03:00:00Z', to: '2026-11-11T07:00:00Z', first: ['2026-11-10', 2 * HOUR], second: ['2026-11-11', 2 * HOUR] },
    // 23:00–02:00 IST (UTC+5:30): all of it is on Nov 10 in UTC.
    { zone: 'Asia/Kolkata', from: '2026-11-10T17:30:00Z', to: '2026-11-10T20:30:00Z', first: ['2026-11-10', HOUR], second: ['2026-11-11', 2 * HOUR] },
    { zone: 'Etc/UTC', from: '2026-11-10T23:00:00Z', to: '2026-11-11T02:00:00Z', first: ['2026-11-10', HOUR], second: ['2026-11-11', 2 * HOUR] },
  ];
  for (const c of cases) {
    it(`splits an outage across local midnight in ${c.zone}`, () => {
      const { days, percent } = uptime([outage('major_outage', c.from, c.to)], '2026-11-21T12:00:00Z', c.zone);
      for (const [date, down] of [c.first, c.second]) {
        const d = day(days, date);
        assert.equal(d.downSeconds, down, `${date} downSeconds`);
        near(d.uptime, 1 - down / DAY, `${date} uptime`);
        assert.deepEqual(d.incidents, ['i1']);
      }
      assert.equal(days.filter((d) => d.downSeconds > 0).length, 2);
      near(percent, 1 - (c.first[1] + c.second[1]) / ((t('2026-11-21T12:00:00Z') - localMidnight(days[0]!.date, c.zone)) / 1000), 'percent');
    });
  }
});

describe('componentUptime: daylight saving time (Europe/Berlin)', () => {
  const zone = 'Europe/Berlin';
  const cases: { date: string; hours: number; start: string; end: string; now: string }[] = [
    // Clocks go forward at 02:00: the day has 23 hours.
    { date: '2026-03-29', hours: 23, start: '2026-03-28T23:00:00Z', end: '2026-03-29T22:00:00Z', now: '2026-04-10T10:00:00Z' },
    // Clocks go back at 03:00: the day has 25 hours.
    { date: '2026-10-25', hours: 25, start: '2026-10-24T22:00:00Z', end: '2026-10-25T23:00:00Z', now: '2026-11-01T11:00:00Z' },
  ];
  for (const c of cases) {
    it(`${c.date} has ${c.hours} hours`, () => {
      const sixHours = new Date(t(c.start) + 6 * HOUR * 1000).toISOString();
      const { days } = uptime([outage('major_outage', c.start, sixHours)], c.now, zone);
      const d = day(days, c.date);
      assert.equal(d.downSeconds, 6 * HOUR);
      near(d.uptime, 1 - (6 * HOUR) / (c.hours * HOUR), 'uptime');
      assert.equal(new Set(days.map((x) => x.date)).size, 90, 'no date skipped or repeated');
    });

    it(`an outage for all of ${c.date} is ${c.hours} hours down and 0% uptime`, () => {
      const { days, percent } = uptime([outage('major_outage', c.start, c.end)], c.now, zone);
      const d = day(days, c.date);
      assert.equal(d.downSeconds, c.hours * HOUR);
      assert.equal(d.uptime, 0);
      const before = new Date(t(c.start) - 1).toISOString().slice(0, 10);
      assert.equal(day(days, before).uptime, 1);
      // The 90-day percent divides by the real elapsed time of the window.
      const elapsed = (t(c.now) - localMidnight(days[0]!.date, zone)) / 1000;
      near(percent, 1 - (c.hours * HOUR) / elapsed, 'percent');
    });
  }
});

describe('componentUptime: today and the 90-day percent', () => {
  it('counts today only up to now', () => {
    const { days, percent } = uptime([outage('major_outage', '2026-11-21T06:00:00Z', '2026-11-21T12:00:00Z')], '2026-11-21T12:00:00Z');
    const today = days.at(-1)!;
    assert.equal(today.downSeconds, 6 * HOUR);
    assert.equal(today.uptime, 0.5);
    near(percent, 1 - (6 * HOUR) / (89 * DAY + 12 * HOUR), 'percent');
  });

  it('ignores the part of an outage after now', () => {
    const { days } = uptime([outage('major_outage', '2026-11-21T06:00:00Z', '2026-11-22T06:00:00Z')], '2026-11-21T09:00:00Z');
    assert.equal(days.at(-1)!.downSeconds, 3 * HOUR);
    near(days.at(-1)!.uptime, 1 - 3 / 9, 'today');
  });

  it('ignores outages that ended before the window and clips one that started before it', () => {
    const { days, percent } = uptime(
      [
        outage('major_outage', '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z', 'old'),
        outage('major_outage', '2026-08-23T18:00:00Z', '2026-08-24T06:00:00Z', 'straddling'),
      ],
      '2026-11-21T12:00:00Z',
    );
    assert.equal(days[0]!.date, '2026-08-24');
    assert.equal(days[0]!.downSeconds, 6 * HOUR);
    assert.deepEqual(days[0]!.incidents, ['straddling']);
    near(percent, 1 - (6 * HOUR) / (89 * DAY + 12 * HOUR), 'percent');
  });

  it('is 100% with no outages and 0% when down the whole window', () => {
    assert.equal(uptime([], '2026-11-21T12:00:00Z').percent, 1);
    const all = uptime([outage('major_outage', '2026-01-01T00:00:00Z', '2026-12-01T00:00:00Z')], '2026-11-21T12:00:00Z');
    assert.equal(all.percent, 0);
    assert.ok(all.days.every((d) => d.uptime === 0));
  });

  it('sums a mix of days exactly', () => {
    const { percent } = uptime(
      [
        outage('major_outage', '2026-09-01T00:00:00Z', '2026-09-01T12:00:00Z', 'a'),
        outage('partial_outage', '2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', 'b'),
        outage('degraded_performance', '2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z', 'c'),
      ],
      '2026-11-21T12:00:00Z',
    );
    near(percent, 1 - (12 * HOUR + DAY * 0.3) / (89 * DAY + 12 * HOUR), 'percent');
  });
});

function localMidnight(date: string, zone: string): number {
  // The offset at local midnight, read back from Intl so the test does not reuse the code under test.
  const guess = t(`${date}T00:00:00Z`);
  for (let offsetMinutes = -14 * 60; offsetMinutes <= 14 * 60; offsetMinutes += 15) {
    const candidate = guess - offsetMinutes * 60_000;
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(candidate);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    if (`${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}` === `${date}T00:00`) return candidate;
  }
  throw new Error(`no midnight on ${date} in ${zone}`);
}
