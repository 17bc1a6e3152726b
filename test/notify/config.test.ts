// The notifications: key of the site file: mistakes are reported like every other content
// problem, as file:line, what is wrong and what to write instead.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { formatProblem, StatusError } from '../../src/shared/errors.ts';
import { loadContent } from '../../src/content/load.ts';
import { channelsOf, checkNotifications } from '../../src/notify/index.ts';
import { freshSite } from './sequence.ts';

const SITE = readFileSync(path.resolve(import.meta.dirname, '../fixtures/notify/site.yml'), 'utf8');
const BASE = SITE.slice(0, SITE.indexOf('notifications:'));

/** The problems of a site file whose notifications: part is `yaml`, as the check prints them. */
function problems(yaml: string): string[] {
  const dir = freshSite();
  try {
    writeFileSync(path.join(dir, 'site.yml'), `${BASE}notifications:\n${yaml}`);
    try {
      checkNotifications(loadContent(dir).site, dir);
      return [];
    } catch (error) {
      assert.ok(error instanceof StatusError, String(error));
      return error.problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }));
    }
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

const line = (yaml: string, text: string) => BASE.split('\n').length + 1 + yaml.split('\n').findIndex((l) => l.includes(text));

describe('notifications config', () => {
  it('is optional, and the fixture has one channel of each kind with default names', () => {
    const dir = freshSite();
    try {
      const channels = channelsOf(loadContent(dir).site);
      assert.deepEqual(channels.map((c) => c.name), ['slack:NOTIFY_SLACK_URL', 'teams:NOTIFY_TEAMS_URL', 'discord:NOTIFY_DISCORD_URL', 'hooks', 'email:NOTIFY_SMTP_URL']);
      assert.ok(!channels[0]!.events.has('component_changed'), 'chat leaves component changes to the incident messages');
      assert.ok(channels[3]!.events.has('component_changed'), 'webhooks get every event');
      assert.deepEqual([...channels[1]!.components!], ['sms']);
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
    assert.deepEqual(problems('  slack: []\n'), []);
  });

  it('refuses a URL written in the file: only the name of an environment variable', () => {
    const yaml = '  slack:\n    - url_env: https://hooks.slack.com/services/T0/B0/x\n';
    assert.deepEqual(problems(yaml), [
      `site.yml:${line(yaml, 'url_env')}: notifications.slack[1].url_env is not valid: "https://hooks.slack.com/services/T0/B0/x" — name an environment variable (capitals, digits and _), like SLACK_WEBHOOK_URL`,
    ]);
  });

  it('names an unknown key, component or group, and a name used twice, each on its line', () => {
    const yaml = [
      '  slak:',
      '    - url_env: A',
    ].join('\n');
    assert.deepEqual(problems(`${yaml}\n`), [`site.yml:${line(yaml, 'slak')}: unknown key "slak" in notifications — did you mean "slack"?`]);

    const refs = [
      '  slack:',
      '    - url_env: SLACK_A',
      '      components: [smss]',
      '      groups: [cor]',
      '  discord:',
      '    - url_env: SLACK_A',
      '      name: slack:SLACK_A',
    ].join('\n');
    assert.deepEqual(problems(`${refs}\n`), [
      `site.yml:${line(refs, 'smss')}: unknown component "smss" in notifications.slack[1].components — did you mean "sms"?`,
      `site.yml:${line(refs, 'cor]')}: notifications.slack[1].groups names group "cor", which is not in groups — did you mean "core"?`,
      `site.yml:${line(refs, '- url_env: SLACK_A') + 4}: notifications.discord[1] has the same ledger name "slack:SLACK_A" as notifications.slack[1] — give one of them its own  name: …  (and never change a name once used)`,
    ]);
  });

  it('wants someone to mail to', () => {
    const yaml = '  email:\n    - smtp_url_env: SMTP_URL\n      from: status@example.test\n';
    assert.deepEqual(problems(yaml), [
      `site.yml:${line(yaml, 'smtp_url_env')}: notifications.email[1] has no one to write to — add  to: [status-announce@example.org]  (a list address) or  recipients_file_env: STATUS_RECIPIENTS_FILE`,
    ]);
  });
});
