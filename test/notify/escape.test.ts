// Every format's escaping against hostile text: the XSS payloads of test/fixtures/xss plus the
// mention-all and link tricks of each chat service. What a contributor writes must never become a
// mention, a link or markup the format would not show as plain text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeDiscord } from '../../src/notify/escape/discord.ts';
import { escapeHtml, safeHref } from '../../src/notify/escape/html.ts';
import { escapeSlack, slackLink } from '../../src/notify/escape/slack.ts';
import { escapeTeams } from '../../src/notify/escape/teams.ts';
import { oneLine, plainText, truncate } from '../../src/notify/escape/text.ts';
import type { NotifyMessage } from '../../src/notify/message.ts';
import { absoluteLinks, htmlToPlain } from '../../src/notify/plain.ts';
import { HOSTILE } from './hostile.ts';
import { discordMessage } from '../../src/notify/render/discord.ts';
import { emailMessage } from '../../src/notify/render/email.ts';
import { slackMessage } from '../../src/notify/render/slack.ts';
import { teamsMessage } from '../../src/notify/render/teams.ts';
import { Markdown } from '../../src/shared/markdown.ts';

const markdown = new Markdown();
const renderMarkdown = (text: string) => markdown.html(text);
import { loadLocale } from '../../src/view/i18n.ts';

const message = (text: string): NotifyMessage => {
  const bodyHtml = absoluteLinks(renderMarkdown(text), 'https://status.example.test/incidents/x/');
  return {
    event: { id: 'incident/x/update/2026-11-20T09:00:00.000Z', kind: 'incident_created', at: 0, componentIds: [] } as never,
    siteName: text,
    subject: `[${text}] Investigating: ${text}`,
    title: text,
    statusLabel: 'Investigating',
    level: 'minor',
    url: 'https://status.example.test/incidents/x/',
    linkLabel: 'View incident',
    body: text,
    bodyHtml,
    bodyText: htmlToPlain(bodyHtml),
    facts: [{ label: 'Affected components', value: text }],
    posted: { text: 'Nov 20, 2026 - 10:00 GMT+1', iso: '2026-11-20T09:00:00.000Z' },
    subscribeUrl: 'https://status.example.test/subscribe/',
    reason: `You receive this because you follow the ${text} status page.`,
  };
};

/** Strings of a JSON payload, wherever they are. */
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

/** What is left of Markdown-escaped text once every backslash pair is taken out. */
const unescaped = (text: string) => text.replace(/\\[\s\S]/g, '');

describe('escaping per format', () => {
  it('Slack: no <…> but our own link, no mention-all', () => {
    for (const text of HOSTILE) {
      const payload = JSON.parse(slackMessage(message(text)).body);
      for (const s of strings(payload)) {
        for (const m of s.matchAll(/</g)) assert.ok(s.startsWith('<https://status.example.test/incidents/x/|', m.index), `Slack text opens <…>: ${s}`);
        assert.doesNotMatch(s, /(^|[^\u2060])@(channel|here|everyone)\b/i, s);
        assert.doesNotMatch(s, /<!|<@|<#/);
      }
    }
    assert.equal(escapeSlack('a & <b> @here'), 'a &amp; &lt;b&gt; @\u2060here');
    assert.equal(slackLink('https://x.test/a|b>', 'T|<x>'), '<https://x.test/a%7Cb%3E|T\u2758&lt;x&gt;>');
    assert.throws(() => slackLink('javascript:alert(1)', 'x'));
  });

  it('Discord: every formatting character escaped, no mention-all, allowed_mentions empty', () => {
    for (const text of HOSTILE) {
      const payload = JSON.parse(discordMessage(message(text)).body);
      assert.deepEqual(payload.allowed_mentions, { parse: [] });
      const embed = payload.embeds[0];
      for (const s of strings([embed.title, embed.description, embed.fields])) {
        assert.doesNotMatch(unescaped(s), /[[\]()<*_~`|>#]/, `unescaped Markdown in ${s}`);
        assert.doesNotMatch(s, /@(everyone|here)/i, s);
      }
      assert.equal(embed.url, 'https://status.example.test/incidents/x/');
    }
    assert.equal(escapeDiscord('[x](https://e.invalid) @everyone'), '\\[x\\]\\(https://e.invalid\\) @\u200beveryone');
  });

  it('Teams: no Markdown link, emphasis or autolink from contributors', () => {
    for (const text of HOSTILE) {
      const card = JSON.parse(teamsMessage(message(text)).body).attachments[0].content;
      for (const s of strings(card.body)) {
        assert.doesNotMatch(unescaped(s), /[[\]*_~`<>]/, `unescaped Markdown in ${s}`);
        assert.doesNotMatch(s, /\]\(/);
      }
      assert.deepEqual(card.actions, [{ type: 'Action.OpenUrl', title: 'View incident', url: 'https://status.example.test/incidents/x/' }]);
    }
    assert.equal(escapeTeams('- [a](b) *c*'), '\\- \\[a\\]\u200b(b) \\*c\\*');
  });

  it('HTML email: text escaped, bodies only as sanitized HTML, links only http(s) and mailto', () => {
    const t = loadLocale('en').messages.notify;
    for (const text of HOSTILE) {
      const mail = emailMessage(message(text), t, 'mailto:leave@example.test');
      assert.doesNotMatch(mail.html, /<(script|img|iframe|svg|object|embed|style|form|input|math|base|meta http)\b/i, text);
      for (const tag of mail.html.matchAll(/<[a-z][^>]*>/gi)) {
        for (const attr of tag[0].matchAll(/\s([a-z-]+)=("[^"]*"|'[^']*'|[^\s>]+)/gi)) {
          assert.match(attr[1]!, /^(href|title|rel|style|charset|class)$/i, `${text}: ${tag[0]}`);
        }
      }
      for (const m of mail.html.matchAll(/href="([^"]*)"/g)) assert.match(m[1]!, /^(https?:\/\/|mailto:)/, text);
      assert.doesNotMatch(mail.subject, /[\r\n]/);
      assert.doesNotMatch(mail.text, /[\u0000-\u0008\u000B-\u001F\u007F\u202E]/);
    }
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.throws(() => safeHref('javascript:alert(1)'));
  });

  it('plain text: no control or bidi-override characters, headers on one line', () => {
    assert.equal(plainText('a\u001b[31mb\r\nc\u202Ed'), 'a[31mb\ncd');
    assert.equal(oneLine('Subject\r\nBcc: victim@example.test'), 'Subject Bcc: victim@example.test');
    assert.equal(truncate('abcdef', 4), 'abc…');
    assert.equal(htmlToPlain(renderMarkdown('Read [the notes](https://example.test/n) or https://example.test/m.\n\n- one\n- two')), 'Read the notes (https://example.test/n) or https://example.test/m.\n\n• one\n• two');
  });
});
