import { z } from 'zod';
import { ALERT_STATUSES, alertTime, type AlertSource, type AlertStatus } from './event.ts';

/**
 * The payloads monitoring services post, each as its service documents it: how to tell it by its
 * shape, its schema (loose: services add fields over time, and only these are read), and how its
 * alerts become drafts of events. A draft still holds the names the alert gives its component;
 * normalise.ts turns them into a component id of the site file, or reports them.
 */

/** A name an alert gives what it is about, and where it says it (`label component`). */
export interface ComponentName {
  value: string;
  from: string;
}

export interface Draft {
  key: string;
  status: AlertStatus;
  /** In the order they are tried: the first the site knows is the component. */
  names: ComponentName[];
  summary: string;
  startsAt: string | number;
  /** Where the alert is in the payload, for the line of a problem about it. */
  path: PropertyKey[];
}

/** What reading a payload as one source gives: its drafts, or what is wrong with it. */
export type Reading = { drafts: Draft[] } | { issues: z.core.$ZodIssue[] };

export interface SourceReader {
  name: AlertSource;
  /** Whether a payload that does not name its source looks like this one. */
  looksLike(data: Record<string, unknown>): boolean;
  read(data: unknown): Reading;
  /** The keys of a strict schema, for "did you mean" on a misspelt one. */
  keys?: readonly string[];
}

/** A line of each field read, as its service sends it, for "add a line like". */
export const FIELD_EXAMPLES: Record<string, string> = {
  version: '"version": "4"',
  groupKey: '"groupKey": "{}:{alertname=\\"HighErrorRate\\"}"',
  alerts: '"alerts": [ … ]',
  fingerprint: '"fingerprint": "5c2f3e0b8a1d4e67"',
  labels: '"labels": { "alertname": "HighErrorRate", "component": "web-apps" }',
  startsAt: '"startsAt": "2026-11-20T13:58:12Z"',
  event: '"event": { "event_type": "incident.triggered", … }',
  event_type: '"event_type": "incident.triggered"',
  occurred_at: '"occurred_at": "2026-11-20T14:06:31Z"',
  id: '"id": "PGR0VU2"',
  title: '"title": "$ALERT_TITLE"',
  key: '"key": "disk-full"',
  transition: '"transition": "$ALERT_TRANSITION"',
  date: '"date": "$DATE"',
  status: '"status": "firing"',
  summary: '"summary": "Sign-in fails from two of three probe locations"',
};

interface SourceDef<S extends z.ZodType> {
  name: AlertSource;
  schema: S;
  looksLike(data: Record<string, unknown>): boolean;
  drafts(parsed: z.infer<S>, check: Check): Draft[];
  keys?: readonly string[];
}

/** Checks a part of the payload that only some payloads must have; its issues are the payload's. */
type Check = <T extends z.ZodType>(schema: T, value: unknown, path: PropertyKey[]) => z.infer<T> | undefined;

function source<S extends z.ZodType>(def: SourceDef<S>): SourceReader {
  return {
    name: def.name,
    looksLike: def.looksLike,
    keys: def.keys,
    read(data) {
      const parsed = def.schema.safeParse(data);
      if (!parsed.success) return { issues: parsed.error.issues };
      const issues: z.core.$ZodIssue[] = [];
      const check: Check = (schema, value, path) => {
        const part = schema.safeParse(value);
        if (part.success) return part.data;
        issues.push(...part.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] })));
        return undefined;
      };
      const drafts = def.drafts(parsed.data, check);
      return issues.length ? { issues } : { drafts };
    },
  };
}

const text = z.string();
const labels = z.record(z.string(), z.string()).default({});
const isList = (v: unknown) => Array.isArray(v);
const firstOf = (...values: (string | undefined)[]) => values.map((v) => v?.trim()).find((v) => v) ?? '';
const namesFrom = (pairs: [from: string, value: string | undefined][]): ComponentName[] =>
  pairs.filter((p): p is [string, string] => !!p[1]?.trim()).map(([from, value]) => ({ from, value: value.trim() }));

/* Prometheus Alertmanager: webhook_config's body, version 4. Grafana alerting posts the same list of
   alerts, with the group's state, title and message around it. */

const promAlert = z.looseObject({
  status: z.enum(ALERT_STATUSES),
  labels,
  annotations: labels,
  startsAt: alertTime,
  fingerprint: text.min(1),
});
type PromAlert = z.infer<typeof promAlert>;

const promDraft = (a: PromAlert, i: number): Draft => ({
  key: a.fingerprint,
  status: a.status,
  names: namesFrom([['label component', a.labels.component], ['label service', a.labels.service]]),
  summary: firstOf(a.annotations.summary, a.annotations.title, a.labels.alertname) || `alert ${a.fingerprint}`,
  startsAt: a.startsAt,
  path: ['alerts', i],
});

const alertmanager = source({
  name: 'alertmanager',
  schema: z.looseObject({ version: z.enum(['4']), groupKey: text, status: z.enum(ALERT_STATUSES), alerts: z.array(promAlert) }),
  looksLike: (d) => isList(d.alerts) && ('groupKey' in d || 'version' in d),
  drafts: (p) => p.alerts.map(promDraft),
});

const grafana = source({
  name: 'grafana',
  schema: z.looseObject({ state: text.optional(), title: text.optional(), message: text.optional(), alerts: z.array(promAlert) }),
  looksLike: (d) => isList(d.alerts) && ('orgId' in d || 'state' in d || 'title' in d),
  drafts: (p) => p.alerts.map(promDraft),
});

/* Datadog: a webhook's payload is a template of the account's own; README "Monitoring and alerts"
   gives the one read here. $ALERT_TRANSITION is Triggered, Re-Triggered, Warn, Re-Warn, No Data,
   Re-No Data, Renotify or Recovered; $DATE is epoch milliseconds; $TAGS is `key:value,…`. */

const DATADOG_FIRING = ['triggered', 're-triggered', 'warn', 're-warn', 'no data', 're-no data', 'renotify'] as const;

const tagValues = (tags: string | string[], name: string) =>
  (Array.isArray(tags) ? tags : tags.split(','))
    .map((t) => t.trim())
    .filter((t) => t.toLowerCase().startsWith(`${name}:`))
    .map((t) => t.slice(name.length + 1));

const datadog = source({
  name: 'datadog',
  schema: z.looseObject({
    key: text.min(1),
    transition: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum([...DATADOG_FIRING, 'recovered'])),
    title: text,
    date: alertTime,
    tags: z.union([text, z.array(text)]).default(''),
  }),
  looksLike: (d) => 'transition' in d,
  drafts: (p) => [{
    key: p.key,
    status: p.transition === 'recovered' ? 'resolved' : 'firing',
    names: [...tagValues(p.tags, 'component').map((value) => ({ from: 'tag component', value })), ...tagValues(p.tags, 'service').map((value) => ({ from: 'tag service', value }))],
    // $ALERT_TITLE starts with the transition: "[Triggered on {host:web-1}] Checkout is slow".
    summary: firstOf(p.title.replace(/^\s*\[(?:re-)?(?:triggered|recovered|warn|no data|renotify)\b[^\]]*\]\s*/i, ''), p.title) || `alert ${p.key}`,
    startsAt: p.date,
    path: [],
  }],
});

/* PagerDuty webhooks v3: one event per delivery. An incident that triggers (or is reopened) fires;
   one resolved is resolved; the rest (acknowledged, annotated, a subscription's ping…) changes
   nothing on a status page and gives no event. */

const PAGERDUTY_STATUS: Record<string, AlertStatus> = {
  'incident.triggered': 'firing',
  'incident.reopened': 'firing',
  'incident.resolved': 'resolved',
};

const pagerdutyIncident = z.looseObject({
  id: text.min(1),
  title: text,
  created_at: alertTime.optional(),
  service: z.looseObject({ summary: text.optional() }).optional(),
});

const pagerduty = source({
  name: 'pagerduty',
  schema: z.looseObject({ event: z.looseObject({ event_type: text.min(1), occurred_at: alertTime, data: z.unknown() }) }),
  looksLike: (d) => typeof d.event === 'object' && d.event !== null && 'event_type' in d.event,
  drafts: (p, check) => {
    const status = PAGERDUTY_STATUS[p.event.event_type];
    if (!status) return [];
    const incident = check(pagerdutyIncident, p.event.data, ['event', 'data']);
    if (!incident) return [];
    return [{
      key: incident.id,
      status,
      names: namesFrom([['service', incident.service?.summary]]),
      summary: firstOf(incident.title) || `incident ${incident.id}`,
      startsAt: incident.created_at ?? p.event.occurred_at,
      path: ['event', 'data'],
    }];
  },
});

/* The generic alert: for anything else that can post JSON (README "Monitoring and alerts"). */

const genericSchema = z.strictObject({
  source: z.literal('generic').optional(),
  key: text.min(1),
  status: z.enum(ALERT_STATUSES),
  /** A component id, or a name alerts.components maps to one. */
  component: text.optional(),
  summary: text.min(1),
  startsAt: alertTime,
});

const generic = source({
  name: 'generic',
  schema: genericSchema,
  keys: Object.keys(genericSchema.shape),
  looksLike: (d) => 'key' in d && 'status' in d,
  drafts: (p) => [{ key: p.key, status: p.status, names: namesFrom([['component', p.component]]), summary: p.summary, startsAt: p.startsAt, path: [] }],
});

/** Every source, in the order a payload's shape is tried against them (Grafana's before Alertmanager's, which it extends). */
export const SOURCES: readonly SourceReader[] = [grafana, alertmanager, pagerduty, datadog, generic];
