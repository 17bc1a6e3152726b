import { DateTime, IANAZone } from 'luxon';

// `2021-02-18 16:18`, `2021-02-18T16:18:05`, optionally with `Z` or `+05:30`.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * Parses a content timestamp; local times are read in the site zone.
 * Returns an error text instead of throwing so the loader can collect every problem.
 */
export function parseTimestamp(text: string, zone: string): { ms: number } | { error: string } {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return { error: `"${text}" is not a date and time` };
  const [, date, time, offset] = m;
  const wrong = outOfRange(date!, time!, offset);
  if (wrong) return { error: `"${text}" is not a real date and time (${wrong})` };
  // With an offset the instant is plain arithmetic; Luxon is needed only for local times in a zone.
  if (offset) return { ms: Date.parse(`${date}T${time}${offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset}`) };
  const iso = `${date}T${time}`;
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) return { error: `"${text}" is not a real date and time (${dt.invalidExplanation ?? dt.invalidReason})` };
  // Luxon moves a local time that falls in a DST gap; refuse it rather than guess.
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== iso.slice(0, 16)) {
    return { error: `${date} ${time} does not exist in ${zone} (the clocks skip it: ${time} at the old offset is ${dt.toFormat('HH:mm')} on the new one)` };
  }
  return { ms: dt.toMillis() };
}

/** Says which part of a timestamp is impossible, in words; Luxon's own reasons name internals. */
function outOfRange(date: string, time: string, offset: string | undefined): string | undefined {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map(Number) as [number, number, number?];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${DateTime.fromObject({ year, month }, { zone: 'utc' }).toFormat('MMMM yyyy')} has ${days} days`;
  if (hour > 23) return `hours go from 00 to 23`;
  if (minute > 59 || Math.floor(second) > 59) return 'minutes and seconds go from 00 to 59';
  if (offset && offset !== 'Z') {
    const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
    const minutes = Number(hh) * 60 + Number(mm);
    // Real zones range from UTC-12:00 to UTC+14:00.
    if (Number(mm) > 59 || minutes > (sign === '+' ? 14 * 60 : 12 * 60)) return `${offset} is not a UTC offset any place uses; they go from -12:00 to +14:00`;
  }
  return undefined;
}

export function isValidDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text).isValid;
}

/** Start of a calendar day in the zone, in epoch milliseconds. */
export function startOfDay(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone }).startOf('day').toMillis();
}
