import { DateTime } from 'luxon';

/** How times read on the page: "Feb 18, 2021 - 16:18 UTC", always in the site zone. */
export interface Clock {
  zone: string;
  locale: string;
}

export const dateTime = (ms: number, c: Clock) => DateTime.fromMillis(ms, { zone: c.zone }).setLocale(c.locale);

/** Statuspage's stamp: "Feb 18, 2021 - 16:18 UTC". */
export const stamp = (ms: number, c: Clock) => dateTime(ms, c).toFormat('LLL d, yyyy - HH:mm ZZZZ');

/** Machine-readable time for `<time datetime>` and APIs. */
export const iso = (ms: number) => new Date(ms).toISOString();

export const dayLabel = (isoDate: string, c: Clock) =>
  DateTime.fromISO(isoDate, { zone: c.zone }).setLocale(c.locale).toFormat('LLL d, yyyy');

export const monthLabel = (ms: number, c: Clock) => dateTime(ms, c).toFormat('LLLL yyyy');

export const monthKey = (ms: number, c: Clock) => dateTime(ms, c).toFormat('yyyy-MM');

/** "1 hour 28 minutes", for how long an incident lasted. */
export function duration(fromMs: number, toMs: number): string {
  const minutes = Math.max(0, Math.round((toMs - fromMs) / 60000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const part = (n: number, unit: string) => (n ? `${n} ${unit}${n === 1 ? '' : 's'}` : '');
  return [part(days, 'day'), part(hours, 'hour'), days ? '' : part(mins, 'minute')].filter(Boolean).join(' ') || 'under a minute';
}

export const percent = (ratio: number | null) => (ratio === null ? 'No data' : `${(Math.floor(ratio * 10000) / 100).toFixed(2)}%`);
