import { DateTime } from 'luxon';
import { z } from 'zod';
import { FORMATS, ID_PATTERN } from '../content/index.ts';

/**
 * What an alert from monitoring comes to, whatever sent it: one event per alert, in one shape that
 * other code (and `markdown-status alert`'s JSON lines) can rely on.
 */

export const ALERT_SOURCES = ['alertmanager', 'grafana', 'datadog', 'pagerduty', 'generic'] as const;
export const ALERT_STATUSES = ['firing', 'resolved'] as const;

export const alertEventSchema = z.strictObject({
  /** Which service sent it. */
  source: z.enum(ALERT_SOURCES),
  /** The same for every event of one alert, from firing to resolved (Alertmanager's fingerprint, PagerDuty's incident id, …). */
  key: z.string().min(1),
  status: z.enum(ALERT_STATUSES),
  /** A component id of the site file; absent when the alert names none the site knows (that is reported, never guessed). */
  component: z.string().regex(ID_PATTERN).optional(),
  /** One line of plain text, as the service wrote it: never markup, escaped wherever it goes. */
  summary: z.string().min(1),
  /** When the alert began, in UTC: 2026-11-20T14:05:00Z. */
  startsAt: z.string(),
});

export type AlertSource = (typeof ALERT_SOURCES)[number];
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertEvent = z.infer<typeof alertEventSchema>;

/** The longest summary kept: an incident title, not a log. */
export const SUMMARY_MAX = 300;

/** Control characters and the invisible ones that can reorder or hide text. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** A summary as one line of plain text: invisible characters out, white space collapsed, cut at SUMMARY_MAX. */
export function summaryLine(text: string): string {
  const line = text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1).trimEnd()}…` : line;
}

// An instant: ISO 8601 with its offset (Alertmanager writes up to nine decimals), or epoch milliseconds.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The instant of a time as monitoring services send it, in UTC; undefined when it is none. */
export function instant(value: string | number): string | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const dt = /^\d{10,16}$/.test(text) ? DateTime.fromMillis(Number(text), { zone: 'utc' })
    : ISO_WITH_OFFSET.test(text) ? DateTime.fromISO(text, { zone: 'utc' })
    : undefined;
  return dt?.isValid ? dt.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined : undefined;
}

/** A time field of a payload: checked for shape here, converted by `instant`. */
export const alertTime = z.union([z.string(), z.number()]).refine((v) => instant(v) !== undefined, { error: FORMATS.alertTime.hint });
