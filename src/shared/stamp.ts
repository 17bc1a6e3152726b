/**
 * How an instant reads, from a format in the locale files ("LLL d, yyyy - HH:mm ZZZZ"): the Luxon
 * tokens those files use, written as Luxon writes them, with Intl alone. The build (format.ts) and
 * the pages' script (src/client/) both format here, so a time the script writes in the reader's
 * zone, or for an update that came after the build, reads as the build would write it.
 */

/** An instant as the wall clock of one zone reads it. */
export interface WallTime {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  /** 0 to 23. */
  hour: number;
  minute: number;
  /** The zone's short name then, in the locale ("UTC", "CET", "GMT+1"): what ZZZZ writes. */
  zone: string;
}

/** The tokens the locale files may use. */
export const STAMP_TOKENS = ['yyyy', 'M', 'MM', 'LLL', 'LLLL', 'd', 'dd', 'HH', 'mm', 'ZZZZ'] as const;
type Token = (typeof STAMP_TOKENS)[number];
type Part = { text: string } | { token: Token };

const isToken = (run: string): run is Token => (STAMP_TOKENS as readonly string[]).includes(run);

/**
 * A format split as Luxon splits it: runs of one letter are tokens, text in single quotes is
 * literal ('' is a quote), anything else stands for itself. A letter run that is not a supported
 * token is returned in `unknown`.
 */
export function stampParts(format: string): { parts: Part[]; unknown: string[] } {
  const parts: Part[] = [];
  const unknown: string[] = [];
  const runs = format.match(/'(?:[^']|'')*'?|([A-Za-z])\1*|[^'A-Za-z]+/g) ?? [];
  for (const run of runs) {
    if (run.startsWith("'")) parts.push({ text: run === "''" ? "'" : run.slice(1, run.endsWith("'") && run.length > 1 ? -1 : undefined).replaceAll("''", "'") });
    else if (!/^[A-Za-z]/.test(run)) parts.push({ text: run });
    else if (isToken(run)) parts.push({ token: run });
    else unknown.push(run);
  }
  return { parts, unknown };
}

// Per-process memos of pure functions of their keys (a format, a locale): Intl objects cost far
// more to make than to use, and a build formats tens of thousands of stamps in a handful of locales.
const parsed = new Map<string, Part[]>();
const monthNames = new Map<string, string[]>();
const numberFormats = new Map<string, Intl.NumberFormat | null>();

function partsOf(format: string): Part[] {
  let parts = parsed.get(format);
  if (!parts) {
    const split = stampParts(format);
    if (split.unknown.length) throw new Error(`the time format "${format}" uses ${split.unknown.join(', ')}; use only ${STAMP_TOKENS.join(' ')}`);
    parsed.set(format, (parts = split.parts));
  }
  return parts;
}

/** Luxon's standalone month names (LLL, LLLL): the month part of Intl's month-only format. */
function monthName(locale: string, month: number, width: 'short' | 'long'): string {
  const key = `${locale}|${width}`;
  let names = monthNames.get(key);
  if (!names) {
    const format = new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' });
    names = Array.from({ length: 12 }, (_, i) => format.formatToParts(Date.UTC(2009, i, 1)).find((p) => p.type === 'month')?.value ?? '');
    monthNames.set(key, names);
  }
  return names[month - 1]!;
}

/** A number as Luxon writes it: plain digits where the locale uses Latin ones, else Intl's, zero-padded to `pad`. */
function digits(locale: string, n: number, pad: number): string {
  const key = `${locale}|${pad}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    const latin = locale.startsWith('en') || new Intl.DateTimeFormat(locale).resolvedOptions().numberingSystem === 'latn';
    format = latin ? null : new Intl.NumberFormat(locale, { useGrouping: false, minimumIntegerDigits: Math.max(1, pad) });
    numberFormats.set(key, format);
  }
  return format ? format.format(n) : String(n).padStart(pad, '0');
}

/** Writes `wall` with `format` in `locale`. Throws on a token outside STAMP_TOKENS (the locale check reports those first). */
export function formatWall(wall: WallTime, locale: string, format: string): string {
  let text = '';
  for (const part of partsOf(format)) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    switch (part.token) {
      case 'yyyy': text += digits(locale, wall.year, 4); break;
      case 'M': text += digits(locale, wall.month, 0); break;
      case 'MM': text += digits(locale, wall.month, 2); break;
      case 'LLL': text += monthName(locale, wall.month, 'short'); break;
      case 'LLLL': text += monthName(locale, wall.month, 'long'); break;
      case 'd': text += digits(locale, wall.day, 0); break;
      case 'dd': text += digits(locale, wall.day, 2); break;
      case 'HH': text += digits(locale, wall.hour, 2); break;
      case 'mm': text += digits(locale, wall.minute, 2); break;
      case 'ZZZZ': text += wall.zone; break;
    }
  }
  return text;
}

/** Whether a format writes the zone's name (which costs an Intl call to find). */
export const namesZone = (format: string) => partsOf(format).some((p) => 'token' in p && p.token === 'ZZZZ');

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();
/** The zone's short name at `ms` in `locale`, asked of Intl with the options Luxon uses, so the names agree. */
export function zoneName(ms: number, zone: string, locale: string): string {
  const key = `${zone}|${locale}`;
  let format = zoneNameFormats.get(key);
  if (!format) {
    const options = { timeZone: zone, timeZoneName: 'short', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } as const;
    zoneNameFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  }
  return format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

const fieldFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * The wall clock of `zone` at `ms`, from Intl (the browser's way; the build reads its cached
 * offsets instead, for speed). `zone` may be any zone Intl knows, such as the reader's.
 */
export function wallTimeIn(ms: number, zone: string, locale: string): WallTime {
  let format = fieldFormats.get(zone);
  if (!format) {
    const options = { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' } as const;
    fieldFormats.set(zone, (format = new Intl.DateTimeFormat('en-US', options)));
  }
  const field: Record<string, number> = {};
  for (const p of format.formatToParts(ms)) if (p.type !== 'literal') field[p.type] = Number(p.value);
  return { year: field.year!, month: field.month!, day: field.day!, hour: field.hour! % 24, minute: field.minute!, zone: zoneName(ms, zone, locale) };
}

/** An instant written with `format` in `zone` and `locale`, through Intl alone. */
export const formatIn = (ms: number, zone: string, locale: string, format: string): string => formatWall(wallTimeIn(ms, zone, locale), locale, format);
