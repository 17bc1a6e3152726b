// npm run deploy with notifications, against the real S3 server the deploy tests use: the ledger
// lives in the bucket next to the site and is written after the sends it records; a channel that
// is down does not fail the deploy, and goes out with the next one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../src/deploy/s3.ts';
import { LEDGER_KEY, parseLedger } from '../../src/notify/index.ts';
import { build } from '../helpers/build.ts';
import { runCommand, unsetting } from '../helpers/command.ts';
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from '../helpers/receivers.ts';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from '../helpers/s3.ts';
import { freshSite, writeIncident } from './sequence.ts';

const BUCKET = 'status-notify';

describe('npm run deploy with notifications', () => {
  let s3: S3Server;
  let client: S3Client;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  const dir = freshSite();
  const temp = mkdtempSync(path.join(tmpdir(), 'status-notify-deploy-'));

  before(async () => {
    [s3, http, smtp] = await Promise.all([startS3Server(), startHttpReceiver(), startSmtpReceiver()]);
    client = createS3Client({ bucket: BUCKET, prefix: '', endpoint: s3.endpoint }, S3RVER_CREDENTIALS);
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    await Promise.all([s3?.stop(), http?.close(), smtp?.close()]);
    rmSync(path.dirname(dir), { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  });

  const ledger = async () => {
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `status/${LEDGER_KEY}` }));
    return parseLedger(await got.Body!.transformToString('utf8'), LEDGER_KEY);
  };

  /** Builds the content at `now` and deploys it, as the workflow does (in this process: the receivers run here too). */
  async function buildAndDeploy(now: string) {
    const out = path.join(temp, `site-${now.replace(/\W/g, '')}`);
    const built = await build({ content: dir, now, out });
    assert.equal(built.status, 0, built.stderr);
    const env = {
      ...unsetting(/^(AWS_|STATUS_|NOTIFY_)/),
      HOME: temp,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      NOTIFY_SLACK_URL: `${http.url}/slack`,
      NOTIFY_TEAMS_URL: `${http.url}/teams`,
      NOTIFY_DISCORD_URL: `${http.url}/discord`,
      NOTIFY_WEBHOOK_URL: `${http.url}/webhook`,
      NOTIFY_WEBHOOK_SECRET: 'secret',
      NOTIFY_SMTP_URL: smtp.url,
    };
    const r = await runCommand(['deploy', '--bucket', BUCKET, '--prefix', 'status/', '--endpoint', s3.endpoint, '--dir', out, '--content', dir, '--now', now], env);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('first deploy: keeps the ledger in the bucket next to the site and sends nothing', async () => {
    const result = await buildAndDeploy('2026-11-20T08:00:00Z');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Notifications: sent 0, pending 0/);
    assert.equal(http.attempts.length + smtp.mails.length, 0);
    const l = await ledger();
    assert.equal(Object.keys(l.channels).length, 5);
  });

  it('a channel that is down: the deploy still succeeds, warns, and the ledger records only what went out', async () => {
    writeIncident(dir, [{ at: '2026-11-20T09:00:00Z', status: 'investigating', body: 'Looking.' }]);
    http.plan('/webhook', [500, 500, 500]);
    const result = await buildAndDeploy('2026-11-20T09:05:00Z');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Deployed .* to s3:\/\/status-notify\/status\//);
    assert.match(result.stdout, /Notifications: sent 4, pending 2/);
    assert.match(result.stderr, /warning: 2 notification\(s\) not sent yet/);
    const l = await ledger();
    assert.deepEqual(l.channels['slack:NOTIFY_SLACK_URL']!.sent, ['incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z']);
    assert.deepEqual(l.channels.hooks!.sent, []);
    assert.equal(http.received.length + smtp.mails.length, 4);
  });

  it('the next deploy sends only what was pending', async () => {
    http.reset();
    smtp.reset();
    const result = await buildAndDeploy('2026-11-20T09:10:00Z');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Notifications: sent 2, pending 0/);
    assert.deepEqual(http.received.map((r) => `${r.path} ${r.headers['x-status-event-id']}`), [
      '/webhook incident/2026-11-20-sms-delay/update/2026-11-20T09:00:00.000Z',
      '/webhook component/sms/2026-11-20T09:00:00.000Z/partial_outage',
    ]);
    assert.equal(smtp.mails.length, 0);
    assert.equal((await ledger()).channels.hooks!.sent.length, 2);
  });
});
