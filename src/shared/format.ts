import { IANAZone } from 'luxon';
import { formatWall, namesZone, zoneName, type WallTime } from './stamp.ts';

/** How times read on the page: "Feb 18, 2021 - 16:18 UTC", always in the site zone. */
export interface Clock {
  zone: string;
  locale: string;
}

/**
 * Offsets and zone abbreviations, cached per zone. Asking Intl for them on every call was most of
 * a 10,000-incident build; zone rules change rarely, and only on quarter hours.
 */
const SLOT = 15 * 60_000;
const DAY = 86_400_000;
const zones = new Map<string, { zone: IANAZone; offsets: Map<number, number>; names: Map<string, string> }>();

function zoneInfo(zone: string) {
  let info = zones.get(zone);
  if (!info) zones.set(zone, (info = { zone: IANAZone.create(zone), offsets: new Map(), names: new Map() }));
  return info;
}

/** A UTC day whose two ends share an offset has no clock change in it; only the others are looked up closely. */
function offsetAt(info: ReturnType<typeof zoneInfo>, ms: number): number {
  const day = Math.floor(ms / DAY);
  const cached = info.offsets.get(-day - 1);
  if (cached !== undefined) return cached;
  const start = info.zone.offset(day * DAY);
  if (start === info.zone.offset((day + 1) * DAY - 1)) {
    info.offsets.set(-day - 1, start);
    return start;
  }
  const slot = Math.floor(ms / SLOT);
  let offset = info.offsets.get(slot);
  if (offset === undefined) info.offsets.set(slot, (offset = info.zone.offset(ms)));
  return offset;
}

/** The wall clock of the site zone at `ms`, from the cached offsets; the zone's name only when the format writes it. */
function wallTime(ms: number, c: Clock, format: string): WallTime {
  const info = zoneInfo(c.zone);
  const offset = offsetAt(info, ms);
  const d = new Date(ms + offset * 60_000);
  let zone = '';
  if (namesZone(format)) {
    // A zone's short name follows its offset (CET at +60, CEST at +120).
    const key = `${offset}|${c.locale}`;
    let name = info.names.get(key);
    if (name === undefined) info.names.set(key, (name = zoneName(ms, c.zone, c.locale)));
    zone = name;
  }
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), zone };
}

/** Formats with the locale files' Luxon tokens (see stamp.ts); `ZZZZ` is the real zone's short name ("UTC", "CET"). */
export function formatTime(ms: number, c: Clock, format: string): string {
  return formatWall(wallTime(ms, c, format), c.locale, format);
}

/** Statuspage's stamp: "Feb 18, 2021 - 16:18 UTC". */
export const stamp = (ms: number, c: Clock) => formatTime(ms, c, 'LLL d, yyyy - HH:mm ZZZZ');

/** Machine-readable time for `<time datetime>` and APIs. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** A calendar date; only the date matters, so it is formatted in UTC, and the few distinct ones are cached. */
const days = new Map<string, string>();
export function formatDay(isoDate: string, c: Clock, format: string): string {
  const key = `${isoDate}|${c.locale}|${format}`;
  let text = days.get(key);
  if (text === undefined) {
    const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
    days.set(key, (text = formatWall({ year, month, day, hour: 0, minute: 0, zone: 'UTC' }, c.locale, format)));
  }
  return text;
}

export const monthKey = (ms: number, c: Clock) => formatTime(ms, c, 'yyyy-MM');
