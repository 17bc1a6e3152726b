import { z } from 'zod';
import { HEX_COLOUR } from '../shared/colour.ts';
import { isValidDate, isValidZone } from '../shared/time.ts';
import { FORMATS } from './problems/index.ts';
import { COMPONENT_STATES, IMPACTS, OUTAGE_STATES, UPDATE_STATUSES } from './vocabulary.ts';

/** The shapes support staff write: the site file and the front matter of incident files. */

/** How the home page lists components; `auto` is compact above COMPACT_HOME_ABOVE components (src/view/groups.ts). */
export const HOME_LAYOUTS = ['auto', 'full', 'compact'] as const;

export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

const id = z
  .string()
  .regex(ID_PATTERN, { error: FORMATS.id.hint });
// Timestamps are checked for shape here and converted with the site zone by the loader.
export const timestampSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, { error: FORMATS.time.hint });
const date = z.string().refine(isValidDate, { error: FORMATS.date.hint });

export const impactSchema = z.enum(IMPACTS);
export const updateStatusSchema = z.enum(UPDATE_STATUSES);
export const outageStateSchema = z.enum(OUTAGE_STATES);
export const componentStateSchema = z.enum(COMPONENT_STATES);

export const groupSchema = z.strictObject({
  id,
  name: z.string().min(1),
  description: z.string().default(''),
  order: z.number().int().default(0),
  collapsed: z.boolean().default(false),
});

/* Probes (run by `markdown-status probe`, src/monitor/): one check per component, whose results
   are the response-time series the page charts. Each kind is named by its key: http, tcp or tls. */

/** `host:port`, a name or an address (IPv6 in brackets), for TCP and TLS probes. */
export const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;
const hostPort = z.string().regex(HOST_PORT, { error: FORMATS.hostPort.hint });
/** What every probe may say: how long to wait for an answer. */
const probeBase = {
  /** Milliseconds before the check counts as failed; 10 s by default. */
  timeout_ms: z.number().int().positive().max(120_000).default(10_000),
};

export const httpProbeSchema = z.strictObject({
  /** The address fetched with GET, http: or https:. */
  http: z.url({ protocol: /^https?$/, error: FORMATS.probeUrl.hint }),
  /** The status the answer must have; by default any of 200–399 (redirects are not followed). */
  expect: z.number().int().min(100).max(599).optional(),
  /** Text the answer's body must contain. */
  keyword: z.string().min(1).optional(),
  /** Milliseconds above which a good answer is reported as slow (it still counts as up). */
  degraded_ms: z.number().int().positive().optional(),
  ...probeBase,
});

export const tcpProbeSchema = z.strictObject({
  /** `host:port` that must accept a connection. */
  tcp: hostPort,
  ...probeBase,
});

export const tlsProbeSchema = z.strictObject({
  /** `host:port` that must complete a TLS handshake with a certificate valid for more than `warn_days`. */
  tls: hostPort,
  /** Days before the certificate's end from which the check fails; 14 by default. */
  warn_days: z.number().int().nonnegative().default(14),
  ...probeBase,
});

/** The key that names each kind of probe, in the order of the union below. */
export const PROBE_KINDS = ['http', 'tcp', 'tls'] as const;
export const probeSchema = z.union([httpProbeSchema, tcpProbeSchema, tlsProbeSchema]);

export const componentSchema = z.strictObject({
  id,
  name: z.string().min(1),
  description: z.string().default(''),
  group: id.optional(),
  order: z.number().int().default(0),
  start_date: date,
  only_show_if_degraded: z.boolean().default(false),
  /** How `markdown-status probe` checks the component (src/monitor/); none by default. */
  probe: probeSchema.optional(),
});

/* Notifications (sent by src/notify/ after a deploy). Secrets, webhook URLs among them, are never
   written here: each channel names the environment variable that holds its secret. */

export const NOTIFY_EVENTS = [
  'incident_created', 'incident_updated', 'incident_resolved', 'postmortem',
  'maintenance_announced', 'maintenance_started', 'maintenance_completed', 'component_changed',
] as const;

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: FORMATS.envName.hint });

const mailOrWeb = z.string().regex(/^(mailto:|https:\/\/)\S+$/, { error: FORMATS.mailOrWeb.hint });

/** What every channel may say about itself: a name for the ledger, what it follows, which events. */
const channelBase = {
  /** Key of the channel in the ledger; default "<type>:<env variable>". Never change it once used. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:_.-]*$/, { error: FORMATS.channelName.hint }).optional(),
  /** Only incidents, maintenance and changes touching these components (default: everything). */
  components: z.array(id).optional(),
  /** …or the components of these groups. */
  groups: z.array(id).optional(),
  /** Which events to send (default: all). */
  events: z.array(z.enum(NOTIFY_EVENTS)).min(1).optional(),
};

export const chatChannelSchema = z.strictObject({ ...channelBase, url_env: envName });

export const webhookChannelSchema = z.strictObject({
  ...channelBase,
  url_env: envName,
  /** Signs each body with HMAC-SHA256 (X-Status-Signature) when set. */
  secret_env: envName.optional(),
});

export const emailChannelSchema = z.strictObject({
  ...channelBase,
  /** Holds the relay's address: smtps://user:password@smtp.example.org:465 or smtp://…:587. */
  smtp_url_env: envName,
  from: z.string().min(1),
  /** Public addresses, such as a mailing list or group. */
  to: z.array(z.email({ error: FORMATS.email.hint })).default([]),
  /** Holds the path of a file of addresses, one a line, kept outside the repository; sent as Bcc. */
  recipients_file_env: envName.optional(),
  /** mailto: or https: address for the List-Unsubscribe header. */
  list_unsubscribe: mailOrWeb.optional(),
  /** Where readers join the list (mailto: or https:), shown on the Subscribe page. */
  signup: mailOrWeb.optional(),
});

/**
 * One line per kind of channel: its key under notifications: and the shape of its entries. The
 * notification stage has one module per kind (src/notify/channels/) naming the same schema.
 */
export const notificationsSchema = z.strictObject({
  slack: z.array(chatChannelSchema).default([]),
  teams: z.array(chatChannelSchema).default([]),
  discord: z.array(chatChannelSchema).default([]),
  webhook: z.array(webhookChannelSchema).default([]),
  email: z.array(emailChannelSchema).default([]),
});

/* Branding: how the page looks, from the site file, so a site changes it without its own templates.
   Colours are checked for contrast and files for existence by src/content/brand.ts. */

const colour = z.string().regex(HEX_COLOUR, { error: FORMATS.colour.hint });
/** A file named relative to the site file's folder (checked by src/content/brand.ts). */
const brandFile = z.string().trim().min(1);

export const brandColorsSchema = z.strictObject({
  /** Links and the page name in the header, light theme; replaces `--link` (#0b5cad). Needs 4.5:1 on the page (#ffffff) and card (#f6f8fa) backgrounds. */
  accent: colour.optional(),
  /** The same in the dark theme; replaces the dark `--link` (#6cb6ff). Needs 4.5:1 on #0f1216 and #161b22. Default: the built-in dark link colour. */
  accent_dark: colour.optional(),
  /** Background of the header bar, both themes. Default: none (the page background, with a line under it). */
  header: colour.optional(),
  /** Page name and links on the header bar; needs `header` and 4.5:1 on it. Default: white or black, whichever contrasts more with `header`. */
  header_text: colour.optional(),
});

export const brandSchema = z.strictObject({
  /** Image shown in the header before the page name, with the page name as its alt text: .svg, .png or .webp. */
  logo: brandFile.optional(),
  /** The browser tab's icon instead of the built-in one: .svg, .png or .ico. */
  favicon: brandFile.optional(),
  /** Colours replacing the built-in ones; each `#rgb` or `#rrggbb`, in quotes. */
  colors: brandColorsSchema.optional(),
  /** A stylesheet (.css) appended to the page's own, so its rules win; it may load nothing from other addresses. */
  css: brandFile.optional(),
});

/* Alerts from monitoring (read by src/alerts/): which component an alert is about, when its own
   labels do not say it with a component id. */

/** Where `markdown-status alert --draft` writes an alert's incident: a pull request to review first, or the main branch at once. */
export const ALERT_PUBLISH = ['pull_request', 'direct'] as const;

export const alertsSchema = z.strictObject({
  /** A label or tag value, or a service's name, as the monitoring service sends it → the component id it means. */
  components: z.record(z.string().min(1), id).default({}),
  /** `pull_request` (default): one pull request per alert, merged by a person; `direct`: committed to the main branch at once. */
  publish: z.enum(ALERT_PUBLISH).default('pull_request'),
  /** The incident template drafts are written from, templates/<name>.md in the content folder; default: the built-in one. */
  template: id.optional(),
});

/* Component automation, as Statuspage's: probes and firing alerts set a component's state while
   no person's incident or maintenance is open on it (src/state/automation.ts). */

export const automationSchema = z.strictObject({
  /** How many checks in a row must fail, the last at or before now, for the state to be set. */
  fail_after: z.number().int().positive().default(3),
  /** The state it sets. */
  state: outageStateSchema.default('major_outage'),
  /** Whether a firing alert (the probes folder's alerts.json) naming the component sets it too. */
  alerts: z.boolean().default(true),
});

/** Interface strings replacing those of locales/<language>.json: language tag → section → key → text. */
export const stringsSchema = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.string())));

export const siteSchema = z.strictObject({
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/, error: FORMATS.siteUrl.hint }),
  time_zone: z.string().refine(isValidZone, { error: FORMATS.timeZone.hint }),
  locale: z.string().default('en'),
  description: z.string().default(''),
  support_url: z.url({ error: FORMATS.supportUrl.hint }).optional(),
  /** How many entries (incidents and maintenance) each feed carries, the most recently updated. */
  feed_limit: z.number().int().positive().default(50),
  /** `full`: every component with its bars on the home page; `compact`: one line per group. */
  home_layout: z.enum(HOME_LAYOUTS).default('auto'),
  groups: z.array(groupSchema).default([]),
  components: z.array(componentSchema).min(1),
  /** Where each update is sent after a deploy; none by default. */
  notifications: notificationsSchema.optional(),
  /** Logo, favicon, colours and an extra stylesheet; none by default. */
  brand: brandSchema.optional(),
  /** Interface strings to replace, by language (`en: { site: { history: Past incidents } }`); checked by src/content/strings.ts. */
  strings: stringsSchema.optional(),
  /** How alerts from monitoring name components (`components: { checkout-service: web-apps }`); none by default. */
  alerts: alertsSchema.optional(),
  /**
   * Probes and firing alerts set a component's state while no person's incident or maintenance is
   * open on it; off without this key. `automation:` alone turns it on with the defaults.
   */
  automation: automationSchema.nullable().optional(),
});

export const updateSchema = z.strictObject({
  at: timestampSchema,
  status: updateStatusSchema,
  body: z.string().trim().min(1),
  /** State changes from this update on; `operational` marks a component recovered. */
  components: z.record(id, componentStateSchema).optional(),
});

export const incidentSchema = z.strictObject({
  id: id.optional(),
  title: z.string().trim().min(1),
  impact: impactSchema,
  components: z.record(id, outageStateSchema).default({}),
  postmortem_at: timestampSchema.optional(),
  updates: z.array(updateSchema).min(1),
});

export type Impact = z.infer<typeof impactSchema>;
export type UpdateStatus = z.infer<typeof updateStatusSchema>;
export type OutageState = z.infer<typeof outageStateSchema>;
export type ComponentState = z.infer<typeof componentStateSchema>;
export type Site = z.infer<typeof siteSchema>;
export type Group = z.infer<typeof groupSchema>;
export type Component = z.infer<typeof componentSchema>;
export type IncidentFrontMatter = z.infer<typeof incidentSchema>;
export type Notifications = z.infer<typeof notificationsSchema>;
export type Brand = z.infer<typeof brandSchema>;
export type BrandColors = z.infer<typeof brandColorsSchema>;
export type Strings = z.infer<typeof stringsSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;
export type Automation = z.infer<typeof automationSchema>;

/** The site's automation with its defaults filled in; undefined when the site file has no `automation:`. */
export const automationOf = (site: Site): Automation | undefined =>
  site.automation === undefined ? undefined : (site.automation ?? automationSchema.parse({}));

export type AlertPublish = (typeof ALERT_PUBLISH)[number];
export type ProbeConfig = z.infer<typeof probeSchema>;
export type HttpProbeConfig = z.infer<typeof httpProbeSchema>;
export type TcpProbeConfig = z.infer<typeof tcpProbeSchema>;
export type TlsProbeConfig = z.infer<typeof tlsProbeSchema>;

/** Example lines shown when a required key is missing or wrong, for keys of several formats; a kind's own are in src/content/kinds.ts. */
export const EXAMPLES: Record<string, string> = {
  name: 'name: Example Status',
  url: 'url: https://status.example.com/',
  time_zone: 'time_zone: Etc/UTC',
  components: 'components: (a list of components, or a map like  web-apps: partial_outage)',
  id: 'id: web-apps',
  start_date: 'start_date: 2024-01-01',
  title: 'title: Delayed form submissions',
  updates: 'updates: (a list of  - at / status / body  items)',
  at: 'at: 2026-11-20 14:05',
  status: 'status: investigating',
  body: 'body: We are investigating reports of errors.',
  from: 'from: Example Status <status@example.org>',
  fail_after: 'fail_after: 3',
};

/** A value's schema without the optional, default and nullable wrappers around it. */
const bare = (schema: z.ZodType): z.ZodType =>
  schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable ? bare(schema.unwrap() as z.ZodType) : schema;

/**
 * Each key of a schema's objects, nested ones too (in lists, maps and unions), with the bare schema
 * of its value: an object's own keys first, then those inside them.
 */
export function schemaFields(schema: z.ZodType): [string, z.ZodType][] {
  const s = bare(schema);
  if (s instanceof z.ZodObject) {
    const own = Object.entries(s.shape as Record<string, z.ZodType>).map(([key, value]) => [key, bare(value)] as [string, z.ZodType]);
    return [...own, ...own.flatMap(([, value]) => schemaFields(value))];
  }
  if (s instanceof z.ZodArray) return schemaFields(s.element as z.ZodType);
  if (s instanceof z.ZodRecord) return schemaFields(s.valueType as z.ZodType);
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap(schemaFields);
  return [];
}

/** The keys a schema knows, each once, for "did you mean" on a misspelt key. */
export const schemaKeys = (schema: z.ZodType) => [...new Set(schemaFields(schema).map(([key]) => key))];

/** Every key the site file knows. */
export const KNOWN_KEYS = schemaKeys(siteSchema);
