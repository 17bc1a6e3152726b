import { DateTime, IANAZone } from 'luxon';

// `2021-02-18 16:18`, `2021-02-18T16:18:05`, optionally with `Z` or `+05:30`.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const TIMESTAMP_HINT = 'write a time like 2026-11-20 14:05 (in the site time zone) or 2026-11-20T14:05:00+01:00';

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
  const iso = `${date}T${time}${offset ?? ''}`;
  const dt = offset ? DateTime.fromISO(iso, { setZone: true }) : DateTime.fromISO(iso, { zone });
  if (!dt.isValid) return { error: `"${text}" is not a real date and time (${dt.invalidExplanation ?? dt.invalidReason})` };
  // Luxon moves a local time that falls in a DST gap; refuse it rather than guess.
  if (!offset && dt.toFormat("yyyy-MM-dd'T'HH:mm") !== iso.slice(0, 16)) {
    return { error: `${date} ${time} does not exist in ${zone} (the clocks skip it)` };
  }
  return { ms: dt.toMillis() };
}

export function isValidDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text).isValid;
}

/** Start of a calendar day in the zone, in epoch milliseconds. */
export function startOfDay(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone }).startOf('day').toMillis();
}
