import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { loadContent } from '../../src/content/load.ts';
import { fileLedgerStore, parseLedger, runNotify, type NotifyReport } from '../../src/notify/index.ts';
import { build } from '../helpers/build.ts';
import { signedBy, startHttpReceiver, startSmtpReceiver, type HttpReceiver, type Received, type SmtpReceiver } from '../helpers/receivers.ts';
import { freshSite, STEPS, writeIncident } from './sequence.ts';

const SECRET = 'test-signing-secret';
/**
 * Short waits, so faults cost milliseconds: the bounds are the same shape as in production. The
 * receivers share this process's event loop, so a timeout far below a second could fire while a
 * request already answered waits to be read (and send it twice): the sequence gets a roomy one.
 */
const FAST = { attempts: 3, timeoutMs: 500, baseDelayMs: 10, maxDelayMs: 1000, totalMs: 4000 };
const ROOMY = { ...FAST, timeoutMs: 5000, totalMs: 20_000 };

let http: HttpReceiver;
let smtp: SmtpReceiver;
before(async () => {
  http = await startHttpReceiver();
  smtp = await startSmtpReceiver();
});
after(async () => {
  await http.close();
  await smtp.close();
});

const envFor = () => ({
  NOTIFY_SLACK_URL: `${http.url}/slack`,
  NOTIFY_TEAMS_URL: `${http.url}/teams`,
  NOTIFY_DISCORD_URL: `${http.url}/discord`,
  NOTIFY_WEBHOOK_URL: `${http.url}/webhook`,
  NOTIFY_WEBHOOK_SECRET: SECRET,
  NOTIFY_SMTP_URL: smtp.url,
});

function notify(dir: string, now: string, options: { dryRun?: boolean; env?: NodeJS.ProcessEnv; lines?: string[]; retry?: typeof FAST } = {}): Promise<NotifyReport> {
  return runNotify({
    content: loadContent(dir),
    contentDir: dir,
    now: Date.parse(now),
    env: options.env ?? envFor(),
    store: fileLedgerStore(path.join(path.dirname(dir), 'ledger.json')),
    dryRun: options.dryRun,
    retry: options.retry ?? ROOMY,
    print: (line) => options.lines?.push(line),
  });
}

/** What each channel got, one short line per message, in order of arrival. */
function got(): Record<string, string[]> {
  const by = (p: string) => http.received.filter((r) => r.path === `/${p}`).map((r) => JSON.parse(r.body));
  return {
    slack: by('slack').map((m) => m.text),
    teams: by('teams').map((m) => {
      const b = m.attachments[0].content.body;
      return `[${b[0].text}] ${b[2].text}: ${b[1].text}`;
    }),
    discord: by('discord').map((m) => `[${m.username}] ${m.embeds[0].title}`),
    webhook: http.received.filter((r) => r.path === '/webhook').map((r) => `${r.headers['x-status-event']} ${r.headers['x-status-event-id']}`),
    email: smtp.mails.map((m) => m.subject ?? ''),
  };
}

const reset = () => {
  http.reset();
  smtp.reset();
};

describe('notify: the scripted sequence', () => {
  const dir = freshSite();
  const ledgerFile = path.join(path.dirname(dir), 'ledger.json');
  const all: { received: Received[]; mails: ParsedMail[] } = { received: [], mails: [] };
  after(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('a first run with no ledger sends nothing and records the present as sent', async () => {
    reset();
    const report = await notify(dir, '2026-11-20T08:00:00Z');
    assert.equal(report.sent, 0);
    assert.deepEqual(got(), { slack: [], teams: [], discord: [], webhook: [], email: [] });
    const ledger = parseLedger(readFileSync(ledgerFile, 'utf8'), 'ledger');
    assert.deepEqual(Object.keys(ledger.channels).sort(), ['discord:NOTIFY_DISCORD_URL', 'email:NOTIFY_SMTP_URL', 'hooks', 'slack:NOTIFY_SLACK_URL', 'teams:NOTIFY_TEAMS_URL']);
    for (const c of Object.values(ledger.channels)) assert.deepEqual(c, { since: '2026-11-20T08:00:00.000Z', sent: [] });
  });

  for (const step of STEPS) {
    it(`${step.name}: sends exactly the new messages, and a repeated run sends nothing`, async () => {
      reset();
      step.write(dir);
      const report = await notify(dir, step.now);
      assert.equal(report.pending, 0, report.summary);
      assert.deepEqual(got(), step.expect);
      all.received.push(...http.received);
      all.mails.push(...smtp.mails);
      reset();
      const again = await notify(dir, step.now);
      assert.equal(again.sent, 0, again.summary);
      assert.equal(http.attempts.length + smtp.mails.length, 0);
    });
  }

  it('sent each event once per channel: counts per channel', async () => {
    const counts = (p: string) => all.received.filter((r) => r.path === `/${p}`).length;
    assert.deepEqual(
      { slack: counts('slack'), teams: counts('teams'), discord: counts('discord'), webhook: counts('webhook'), email: all.mails.length },
      { slack: 8, teams: 5, discord: 8, webhook: 13, email: 8 },
    );
    const webhookIds = all.received.filter((r) => r.path === '/webhook').map((r) => r.headers['x-status-event-id']);
    assert.equal(new Set(webhookIds).size, webhookIds.length);
  });

  it('signs every webhook body with HMAC-SHA256 of the secret', async () => {
    const hooks = all.received.filter((r) => r.path === '/webhook');
    assert.ok(hooks.length > 0);
    for (const r of hooks) assert.ok(signedBy(r, SECRET), `bad signature on ${r.headers['x-status-event-id']}`);
    assert.ok(!signedBy(hooks[0]!, 'another secret'));
  });

  it('carries Statuspage’s webhook payload: meta, page, incident with incident_updates, component_update', async () => {
    const hooks = all.received.filter((r) => r.path === '/webhook').map((r) => JSON.parse(r.body));
    const first = hooks[0];
    assert.deepEqual(Object.keys(first), ['meta', 'page', 'incident']);
    assert.deepEqual(first.meta, { unsubscribe: 'https://status.example.test/subscribe/', documentation: 'https://status.example.test/subscribe/' });
    assert.deepEqual(Object.keys(first.page), ['id', 'status_indicator', 'status_description']);
    assert.equal(first.page.status_indicator, 'major');
    assert.equal(first.incident.id, '2026-11-20-sms-delay');
    assert.equal(first.incident.shortlink, 'https://status.example.test/incidents/2026-11-20-sms-delay/');
    assert.deepEqual(first.incident.incident_updates.map((u: { status: string }) => u.status), ['investigating']);
    const change = hooks[1];
    assert.deepEqual(Object.keys(change), ['meta', 'page', 'component_update', 'component']);
    assert.deepEqual(
      { ...change.component_update, id: typeof change.component_update.id },
      { created_at: '2026-11-20T09:00:00.000Z', new_status: 'partial_outage', old_status: 'operational', id: 'string', component_id: 'sms' },
    );
    assert.deepEqual(change.component, { created_at: '2025-12-31T23:00:00.000Z', id: 'sms', name: 'SMS', status: 'partial_outage' });
    const postmortem = hooks.find((h) => h.incident?.status === 'postmortem');
    assert.ok(postmortem, 'the postmortem goes out with the incident in status postmortem');
  });

  it('renders the first Slack message as Block Kit with colour, linked title, body, components and time', async () => {
    const slack = JSON.parse(all.received.find((r) => r.path === '/slack')!.body);
    assert.deepEqual(slack, {
      text: '[Acme Cloud] Investigating: Delayed SMS delivery',
      attachments: [
        {
          color: '#f1c40f',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: '*Investigating* · <https://status.example.test/incidents/2026-11-20-sms-delay/|Delayed SMS delivery>' } },
            { type: 'section', text: { type: 'mrkdwn', text: 'We are investigating delayed SMS.' } },
            { type: 'context', elements: [{ type: 'mrkdwn', text: '*Affected components:* SMS\nAcme Cloud · Nov 20, 2026 - 10:00 GMT+1' }] },
          ],
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it('mails one message per update with text and HTML parts, the list address and List-Unsubscribe', async () => {
    const mail = all.mails[0]!;
    assert.equal(mail.subject, '[Acme Cloud] Investigating: Delayed SMS delivery');
    assert.deepEqual((Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a!.value.map((v) => v.address)), ['status-announce@example.test']);
    assert.equal(mail.headers.get('list') && (mail.headers.get('list') as { unsubscribe: { mail: string } }).unsubscribe.mail, 'status-announce+unsubscribe@example.test');
    assert.match(mail.text ?? '', /^Investigating: Delayed SMS delivery\nAcme Cloud · Nov 20, 2026 - 10:00 GMT\+1\n\nWe are investigating delayed SMS\.\n/);
    assert.match(mail.text ?? '', /View incident: https:\/\/status\.example\.test\/incidents\/2026-11-20-sms-delay\//);
    assert.match(String(mail.html), /<a href="https:\/\/status\.example\.test\/incidents\/2026-11-20-sms-delay\/">Delayed SMS delivery<\/a>/);
    assert.match(String(mail.html), /<p>We are investigating delayed SMS\.<\/p>/);
    // Updates of one incident share a thread.
    assert.equal(all.mails[1]!.inReplyTo, mail.inReplyTo);
  });

  it('links only to pages that exist in the built site', async () => {
    const result = await build({ content: dir, now: STEPS.at(-1)!.now });
    assert.equal(result.status, 0, result.stderr);
    try {
      const texts = [...all.received.map((r) => r.body), ...all.mails.flatMap((m) => [m.text ?? '', String(m.html)])];
      const links = new Set(texts.flatMap((t) => [...t.matchAll(/https:\/\/status\.example\.test\/[^\s"'<>|)\\]*/g)].map((m) => m[0])));
      assert.ok(links.size >= 3, [...links].join('\n'));
      for (const link of links) {
        const { pathname } = new URL(link);
        const file = path.join(result.out, decodeURIComponent(pathname));
        const target = existsSync(file) && statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
        assert.ok(existsSync(target), `${link} is not in the built site`);
      }
    } finally {
      rmSync(path.dirname(result.out), { recursive: true, force: true });
    }
  });
});

describe('notify: faults', () => {
  it('retries, never blocks other channels, keeps what failed for the next run, and sends nothing twice', async () => {
    const dir = freshSite();
    try {
      await notify(dir, '2026-11-20T08:00:00Z');
      writeIncident(dir, [
        { at: '2026-11-20T09:30:00Z', status: 'identified', body: 'Found it.' },
        { at: '2026-11-20T09:00:00Z', status: 'investigating', body: 'Looking.' },
      ]);
      reset();
      http.plan('/webhook', [500, 500, 500]); // down for the whole run
      http.plan('/slack', [{ status: 429, retryAfter: '0' }]); // rate limited once, then fine
      http.plan('/discord', ['ok', 'hang', 'hang', 'hang']); // first message, then no answer
      http.plan('/teams', [400]); // refused: not retried in this run
      smtp.refuse(1, 451); // the relay asks to try later once
      const started = performance.now();
      const first = await notify(dir, '2026-11-20T09:35:00Z', { retry: FAST });
      assert.ok(performance.now() - started < 6000, 'bounded in time');
      const byName = Object.fromEntries(first.channels.map((c) => [c.name, c]));
      assert.deepEqual(byName['slack:NOTIFY_SLACK_URL']!.sent.length, 2);
      assert.deepEqual(byName['email:NOTIFY_SMTP_URL']!.sent.length, 2);
      assert.equal(byName['discord:NOTIFY_DISCORD_URL']!.sent.length, 1);
      assert.equal(byName['discord:NOTIFY_DISCORD_URL']!.pending.length, 1);
      assert.match(byName['discord:NOTIFY_DISCORD_URL']!.error!, /no answer within 0.5 s \(3 attempts\)/);
      assert.equal(byName.hooks!.pending.length, 3);
      assert.match(byName.hooks!.error!, /HTTP 500/);
      assert.equal(byName['teams:NOTIFY_TEAMS_URL']!.pending.length, 2);
      assert.match(byName['teams:NOTIFY_TEAMS_URL']!.error!, /HTTP 400 .*\(1 attempt\)/);
      assert.equal(first.pending, 6);
      assert.match(first.summary, /^Notifications: sent 5, pending 6 \(/);
      assert.equal(http.attempts.filter((r) => r.path === '/webhook').length, 3);

      const second = await notify(dir, '2026-11-20T09:40:00Z');
      assert.equal(second.pending, 0, second.summary);
      assert.equal(second.sent, 6);
      const third = await notify(dir, '2026-11-20T09:45:00Z');
      assert.equal(third.sent + third.pending, 0);

      // Every event arrived exactly once on every channel: no duplicates, no losses.
      const expected = {
        slack: ['[Acme Cloud] Investigating: Delayed SMS delivery', '[Acme Cloud] Identified: Delayed SMS delivery'],
        teams: ['[Acme Cloud] Investigating: Delayed SMS delivery', '[Acme Cloud] Identified: Delayed SMS delivery'],
        discord: ['[Acme Cloud] Investigating: Delayed SMS delivery', '[Acme Cloud] Identified: Delayed SMS delivery'],
        webhook: [
          'incident_created incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z',
          'component_changed component/sms/2026-11-20T09:00:00.000Z/partial_outage',
          'incident_updated incident/2026-11-20-sms-delay/update/2026-11-20T09:30:00.000Z',
        ],
        email: ['[Acme Cloud] Investigating: Delayed SMS delivery', '[Acme Cloud] Identified: Delayed SMS delivery'],
      };
      assert.deepEqual(got(), expected);
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it('a missing secret fails that channel only, naming the variable and the channel', async () => {
    const dir = freshSite();
    try {
      await notify(dir, '2026-11-20T08:00:00Z');
      writeIncident(dir, [{ at: '2026-11-20T09:00:00Z', status: 'investigating', body: 'Looking.' }]);
      reset();
      const { NOTIFY_SLACK_URL: _gone, ...env } = envFor();
      const report = await notify(dir, '2026-11-20T09:05:00Z', { env });
      const slack = report.channels.find((c) => c.name === 'slack:NOTIFY_SLACK_URL')!;
      assert.match(slack.error!, /channel slack:NOTIFY_SLACK_URL: the environment variable NOTIFY_SLACK_URL is not set/);
      assert.equal(slack.pending.length, 1);
      assert.equal(got().discord!.length, 1);
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it('--dry-run prints one line per message and sends and records nothing', async () => {
    const dir = freshSite();
    try {
      await notify(dir, '2026-11-20T08:00:00Z');
      const ledgerFile = path.join(path.dirname(dir), 'ledger.json');
      const before = readFileSync(ledgerFile, 'utf8');
      writeIncident(dir, [{ at: '2026-11-20T09:00:00Z', status: 'investigating', body: 'Looking.' }]);
      reset();
      const lines: string[] = [];
      const report = await notify(dir, '2026-11-20T09:05:00Z', { dryRun: true, lines });
      assert.equal(http.attempts.length + smtp.mails.length, 0);
      assert.equal(readFileSync(ledgerFile, 'utf8'), before);
      assert.deepEqual(lines.sort(), [
        'would send  discord:NOTIFY_DISCORD_URL  incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z  [Acme Cloud] Investigating: Delayed SMS delivery',
        'would send  email:NOTIFY_SMTP_URL  incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z  [Acme Cloud] Investigating: Delayed SMS delivery',
        'would send  hooks  component/sms/2026-11-20T09:00:00.000Z/partial_outage  [Acme Cloud] Partial Outage: SMS',
        'would send  hooks  incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z  [Acme Cloud] Investigating: Delayed SMS delivery',
        'would send  slack:NOTIFY_SLACK_URL  incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z  [Acme Cloud] Investigating: Delayed SMS delivery',
        'would send  teams:NOTIFY_TEAMS_URL  incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z  [Acme Cloud] Investigating: Delayed SMS delivery',
      ]);
      assert.match(report.summary, /^Notifications \(dry run\): would send 6/);
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});

describe('notify: hostile content end to end', () => {
  it('escapes a hostile title and body in every channel’s message', async () => {
    const dir = freshSite();
    try {
      await notify(dir, '2026-11-20T08:00:00Z');
      const hostile = '<!channel> @everyone <@U024BE7LH> [reset your password](https://evil.invalid) <https://evil.invalid|click> <script>alert(1)</script>';
      writeIncident(dir, [{ at: '2026-11-20T09:00:00Z', status: 'investigating', body: hostile }], { title: hostile });
      reset();
      const report = await notify(dir, '2026-11-20T09:05:00Z');
      assert.equal(report.pending, 0, report.summary);
      const body = (p: string) => http.received.find((r) => r.path === `/${p}`)!.body;
      const slack = body('slack');
      assert.doesNotMatch(slack, /<!channel>|<@U|<https:\/\/evil|(?<!\u2060)@everyone/);
      const discord = JSON.parse(body('discord'));
      assert.deepEqual(discord.allowed_mentions, { parse: [] });
      assert.doesNotMatch(JSON.stringify(discord.embeds), /(?<!\\)\[reset|(?<![\\\u200b])@everyone|(?<!\\)<@/);
      assert.doesNotMatch(body('teams'), /(?<!\\)\[reset|\]\(https/);
      const html = String(smtp.mails[0]!.html);
      assert.doesNotMatch(html, /<script|<https:\/\/evil/);
      // The body's own Markdown link is kept as the page shows it; the title's is only text.
      assert.match(html, /<h1[^>]*><a href="https:\/\/status\.example\.test\/incidents\/2026-11-20-sms-delay\/">&lt;!channel&gt; @everyone/);
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});

describe('notify: a maintenance without written updates', () => {
  it('is announced once when it first shows, and not at all when it was there at the first run', async () => {
    const dir = freshSite();
    const undated = (id: string) =>
      writeFileSync(path.join(dir, `maintenance/${id}.md`), `---\ntitle: Network work ${id}\nscheduled_for: "2026-12-01T22:00:00Z"\nscheduled_until: "2026-12-01T23:00:00Z"\ncomponents: [web]\n---\n`);
    try {
      undated('m-before');
      await notify(dir, '2026-11-20T08:00:00Z');
      reset();
      assert.equal((await notify(dir, '2026-11-20T09:00:00Z')).sent, 0);
      undated('m-after');
      const report = await notify(dir, '2026-11-20T10:00:00Z');
      assert.deepEqual(got().webhook, ['maintenance_announced maintenance/m-after/announced']);
      assert.equal(report.sent, 4);
      assert.equal((await notify(dir, '2026-11-20T11:00:00Z')).sent, 0);
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
