// Every registered kind of channel passes the same checks: its schema is the site file's and is
// strict, it renders a scripted incident and maintenance, hostile text comes out escaped for the
// format its service reads, its secrets are named, and one send to a real receiver on 127.0.0.1
// delivers exactly one message. A new kind is covered by registering it in src/notify/channels/.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { KNOWN_KEYS, loadContent, notificationsSchema, NOTIFY_EVENTS } from '../../src/content/index.ts';
import { Markdown } from '../../src/shared/markdown.ts';
import { StatusError } from '../../src/shared/errors.ts';
import { renderContext } from '../../src/notify/channels/context.ts';
import { CHANNEL_KINDS, type ChannelKind, type ChannelType, type MessageFormat } from '../../src/notify/channels/index.ts';
import { channelOf } from '../../src/notify/config.ts';
import { eventsSince, type NotifyEvent } from '../../src/notify/events.ts';
import { stateAt } from '../../src/state/index.ts';
import { siteLocale } from '../../src/view/index.ts';
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from '../helpers/receivers.ts';
import { HOSTILE } from './hostile.ts';
import { freshSite, writeIncident, writeMaintenance } from './sequence.ts';

const KINDS: ChannelKind<ChannelType>[] = Object.values(CHANNEL_KINDS);
const OURS = 'https://status.example.test/';
const POLICY = { attempts: 3, timeoutMs: 5000, baseDelayMs: 10, maxDelayMs: 1000, totalMs: 20_000 };

// The scripted site: the sequence's incident and maintenance, plus one incident per hostile text
// (as its title and its update) and a maintenance with every chat trick in its title.
const dir = freshSite();
writeIncident(dir, [{ at: '2026-11-20T09:00:00Z', status: 'investigating', body: 'We are investigating delayed SMS.' }]);
writeMaintenance(dir);
HOSTILE.forEach((text, i) => writeIncident(dir, [{ at: '2026-11-20T09:10:00Z', status: 'investigating', body: text }], { title: text, id: `2026-11-20-hostile-${i}` }));
const HOSTILE_MAINTENANCE = HOSTILE.slice(-8).join(' ');
writeFileSync(
  path.join(dir, 'maintenance/2026-11-22-hostile.md'),
  `---\ntitle: ${JSON.stringify(HOSTILE_MAINTENANCE)}\nscheduled_for: "2026-11-22T22:00:00Z"\nscheduled_until: "2026-11-22T23:00:00Z"\ncomponents: [web]\nupdates:\n  - at: "2026-11-20T13:00:00Z"\n    status: scheduled\n    body: ${JSON.stringify(HOSTILE_MAINTENANCE)}\n---\n`,
);
const content = loadContent(dir);
const state = stateAt(content, Date.parse('2026-11-20T13:05:00Z'));
const events = eventsSince(state, Date.parse('2026-11-20T08:00:00Z'));
const ctx = renderContext(state, events, siteLocale(content.site));
const event = (id: string): NotifyEvent => events.find((e) => e.id === id) ?? assert.fail(`no event ${id}`);
const INCIDENT = event('incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z');
const MAINTENANCE = event('maintenance/2026-11-21-db-upgrade/announced');
/** Each hostile event with the text it was written from. */
const HOSTILE_EVENTS = [
  ...HOSTILE.map((text, i) => ({ text, event: event(`incident/2026-11-20-hostile-${i}/update/2026-11-20T09:10:00.000Z`) })),
  { text: HOSTILE_MAINTENANCE, event: event('maintenance/2026-11-22-hostile/announced') },
];
const channelFor = (kind: ChannelKind<ChannelType>) => channelOf(kind, kind.schema.parse(kind.example), 0, content.site);

/* What each service would act on in a payload: every offence found, as a line. */

const httpShape = z.object({ body: z.string().min(1), headers: z.record(z.string(), z.string()) });
const mailShape = z.object({ mail: z.object({ subject: z.string().min(1), text: z.string().min(1), html: z.string().min(1) }), messageId: z.string().min(1), thread: z.string().min(1) });
const parsed = (payload: unknown): unknown => JSON.parse(httpShape.parse(payload).body);
/** Strings of a JSON value, wherever they are. */
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
/** What is left of Markdown-escaped text once every backslash pair is taken out. */
const unescaped = (text: string) => text.replace(/\\[\s\S]/g, '');
/** A mention of everyone that no word joiner or zero-width space breaks, in Slack and in Discord. */
const MENTION_ALL = /(?<![\u2060\u200b])@(channel|here|everyone)\b/i;
const MENTION_ALL_DISCORD = /(?<![\u2060\u200b])@(here|everyone)\b/i;
const offence = (found: boolean, what: string, text: string) => (found ? [`${what}: ${JSON.stringify(text)}`] : []);

/** Markdown a contributor must not write: a [masked](link), a <mention>, <script> or autolink. */
const markdownOffences = (s: string) => [...offence(/[[<]/.test(unescaped(s)), 'unescaped [ or <', s), ...offence(/\]\(/.test(s), 'link syntax', s)];

type Reader = (payload: unknown, written: string) => string[];
const READERS: Record<MessageFormat, Reader> = {
  'slack-mrkdwn': (payload) =>
    strings(parsed(payload)).flatMap((s) => [
      ...offence([...s.matchAll(/</g)].some((m) => !s.startsWith(`<${OURS}`, m.index)), '<…> not our own link (a mention, link or tag)', s),
      ...offence(MENTION_ALL.test(s), 'mention of everyone', s),
    ]),
  'discord-markdown': (payload) => {
    const p = z.object({ allowed_mentions: z.unknown(), embeds: z.array(z.record(z.string(), z.unknown())) }).parse(parsed(payload));
    const texts = p.embeds.flatMap(({ url: _url, timestamp: _at, ...embed }) => strings(embed));
    return [
      ...offence(!isDeepStrictEqual(p.allowed_mentions, { parse: [] }), 'mentions allowed', JSON.stringify(p.allowed_mentions)),
      ...texts.flatMap((s) => [...markdownOffences(s), ...offence(MENTION_ALL_DISCORD.test(s), 'mention of everyone', s)]),
    ];
  },
  // Teams mentions need <at> tags and msteams entities; neither can come from text.
  'teams-markdown': (payload) => {
    const card = z.object({ attachments: z.array(z.object({ content: z.looseObject({ body: z.array(z.unknown()), actions: z.array(z.object({ url: z.string() })) }) })).length(1) }).parse(parsed(payload))
      .attachments[0]!.content;
    return [
      ...offence('msteams' in card, 'mention entities', JSON.stringify(card.msteams)),
      ...strings(card.body).flatMap(markdownOffences),
      ...card.actions.flatMap((a) => offence(!a.url.startsWith(OURS), 'button to another site', a.url)),
    ];
  },
  // Links only as the page shows them: ours, mailto:, or those of the update's own sanitized Markdown.
  'html-mail': (payload, written) => {
    const { mail } = mailShape.parse(payload);
    const page = new Markdown().html(written);
    return [
      ...offence(/<(script|iframe|object|embed|img|svg|form|style)\b/i.test(mail.html), 'active HTML', mail.html),
      ...[...mail.html.matchAll(/\shref="([^"]*)"/g)].flatMap(([, href]) =>
        offence(!href!.startsWith(OURS) && !href!.startsWith('mailto:') && !page.includes(`href="${href}"`), 'link the page does not show', href!),
      ),
      ...offence(/[\r\n]/.test(mail.subject), 'line break in the subject', mail.subject),
    ];
  },
  // A program parses it: the text must come back exactly, as data, in the payload's own keys.
  json: (payload, written) => {
    const raw = z.record(z.string(), z.unknown()).parse(parsed(payload));
    const p = z.object({ incident: z.object({ name: z.string() }) }).parse(raw);
    return [
      ...offence(p.incident.name !== written.trim(), 'title not carried as written', p.incident.name),
      ...offence(!isDeepStrictEqual(Object.keys(raw), ['meta', 'page', 'incident']), 'keys', JSON.stringify(raw)),
    ];
  },
};

let http: HttpReceiver;
let smtp: SmtpReceiver;
before(async () => {
  http = await startHttpReceiver();
  smtp = await startSmtpReceiver();
});
after(async () => {
  await http.close();
  await smtp.close();
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe('channels: the list', () => {
  it('has one kind for each key of notifications:, in the same order', () => {
    assert.deepEqual(Object.keys(CHANNEL_KINDS), Object.keys(notificationsSchema.shape));
    assert.deepEqual(KINDS.map((k) => k.type), Object.keys(CHANNEL_KINDS));
  });
});

for (const kind of KINDS) {
  describe(`channel ${kind.type}`, () => {
    it('validates with the site file’s own schema: accepts its example, refuses an unknown key', () => {
      assert.equal(notificationsSchema.shape[kind.type].unwrap().element, kind.schema, 'the kind names the schema notifications: uses');
      assert.ok(kind.schema.safeParse(kind.example).success);
      const result = kind.schema.safeParse({ ...kind.example, surprise: true });
      assert.ok(!result.success);
      assert.deepEqual(result.error.issues.map((i) => [i.code, 'keys' in i ? i.keys : []]), [['unrecognized_keys', ['surprise']]]);
      assert.ok(kind.defaultEvents.length > 0 && kind.defaultEvents.every((e) => NOTIFY_EVENTS.includes(e)));
    });

    it('names every variable it reads, its address first', () => {
      const config = kind.schema.parse(kind.example);
      const secrets = kind.secrets(config);
      assert.equal(secrets[0]?.variable, kind.address(config));
      for (const s of secrets) {
        assert.match(s.variable, /^[A-Z_][A-Z0-9_]*$/);
        assert.ok(s.what.length > 0, `say what ${s.variable} holds`);
      }
      // Each *_env key the kind accepts names a variable it lists.
      for (const key of KNOWN_KEYS.filter((k) => k.endsWith('_env'))) {
        const withKey = kind.schema.safeParse({ ...kind.example, [key]: 'CONFORMANCE_VARIABLE' });
        if (withKey.success) assert.ok(kind.secrets(withKey.data).some((s) => s.variable === 'CONFORMANCE_VARIABLE'), `${key} is not among its secrets`);
      }
    });

    it('renders the scripted incident and maintenance to a non-empty payload', () => {
      const channel = channelFor(kind);
      for (const e of [INCIDENT, MAINTENANCE]) {
        const payload = kind.render(e, ctx, channel);
        if (kind.via === 'http') assert.ok(strings(parsed(payload)).some((s) => s.includes('Delayed SMS delivery') || s.includes('Database upgrade')), e.id);
        else assert.match(mailShape.parse(payload).mail.subject, /Delayed SMS delivery|Database upgrade/);
      }
    });

    it(`escapes hostile text for its format (${kind.format}): no mention, markup or link of a contributor’s`, () => {
      const channel = channelFor(kind);
      const found = HOSTILE_EVENTS.flatMap(({ text, event: e }) => READERS[kind.format](kind.render(e, ctx, channel), text).map((o) => `${e.id}: ${o}`));
      assert.deepEqual(found, []);
    });

    it('delivers exactly one message to a receiver on 127.0.0.1, and names a missing variable', async () => {
      http.reset();
      smtp.reset();
      const channel = channelFor(kind);
      const address = kind.address(channel.config);
      const env = { [address]: kind.via === 'http' ? `${http.url}/${kind.type}` : smtp.url };
      const connection = kind.open(channel, env, POLICY);
      try {
        const outcome = await connection.send(kind.render(INCIDENT, ctx, channel));
        assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
      } finally {
        connection.close();
      }
      assert.equal(http.received.length + smtp.mails.length, 1);
      assert.equal(http.attempts.length, http.received.length);
      assert.throws(() => kind.open(channel, {}, POLICY), (e: unknown) => e instanceof StatusError && e.message.includes(`channel ${channel.name}: `) && e.message.includes(address));
    });
  });
}
