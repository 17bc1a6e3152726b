// A new team's first minutes, from the packed generator: `init` in an empty folder (run with npx from
// the tarball, as the README says), install, check, build and deploy to a bucket on 127.0.0.1; then
// the look (brand colours, a header override, a bad colour pair) and a clone moved over by `upgrade`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../src/deploy/index.ts';
import { pageValidator } from './helpers/html-validator.ts';
import { brokenLinks } from './helpers/links.ts';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from './helpers/s3.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const NOW = '2026-11-21T00:00:00Z';
const URL_ = 'https://status.acme.test/';
const temp = mkdtempSync(path.join(tmpdir(), 'status-package-'));
// npm reads its settings from npm_config_* variables: only what the lock file's cache already holds
// is fetched again, and no audit or funding requests.
const NPM_ENV = { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
const run = promisify(execFile);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (bounded at three minutes), returning its exit code and output. */
async function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const { STATUS_NOW: _, ...rest } = process.env;
  try {
    const r = await run(cmd, args, { cwd, env: { ...rest, ...NPM_ENV, ...env }, timeout: 180_000, maxBuffer: 32 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}
const ok = (r: Ran, what: string) => assert.equal(r.code, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);

let tarball = '';
let site = '';
let s3: S3Server;

before(async () => {
  const packed = await sh('npm', ['pack', '--pack-destination', temp], ROOT);
  ok(packed, 'npm pack');
  tarball = path.join(temp, packed.stdout.trim().split('\n').pop()!);
  site = path.join(temp, 'acme-status');
  s3 = await startS3Server();
  const client = createS3Client({ bucket: 'acme', prefix: '', endpoint: s3.endpoint }, S3RVER_CREDENTIALS);
  await client.send(new CreateBucketCommand({ Bucket: 'acme' }));
});
after(async () => {
  await s3?.stop();
  rmSync(temp, { recursive: true, force: true });
});

describe('a status repository from the packed generator', { concurrency: false }, () => {
  it('is started by init run from the tarball, and installs', async () => {
    const r = await sh('npx', ['--yes', '--package', tarball, 'markdown-status', 'init', site, '--yes', '--name', 'Acme', '--url', URL_, '--zone', 'Europe/Berlin', '--components', 'Website, API, Billing', '--package', tarball], temp, { STATUS_NOW: NOW });
    ok(r, 'init');
    assert.match(r.stdout, /npm start/);
    const pkg = JSON.parse(readFileSync(path.join(site, 'package.json'), 'utf8'));
    assert.match(pkg.dependencies['markdown-status'], /^file:.*\.tgz$/);
    assert.ok(existsSync(path.join(site, 'node_modules/markdown-status/package.json')), 'installed');
  });

  it('holds only its content, workflows and settings: no engine file', () => {
    const own = readdirSync(site, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !path.relative(site, e.parentPath).startsWith('node_modules'))
      .map((e) => path.relative(site, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
    for (const f of own) assert.doesNotMatch(f, /^(src|scripts|layouts|locales|test)\/|^\.eleventy\.js$|^tsconfig\.json$/, `${f} is an engine file`);
    for (const f of ['content/site.yml', '.github/workflows/deploy.yml', '.github/workflows/pull-request.yml', '.github/dependabot.yml', 'README.md', '.gitignore']) {
      assert.ok(own.includes(f), `${f} is written`);
    }
    assert.ok(!readFileSync(path.join(site, '.github/workflows/pull-request.yml'), 'utf8').includes('npm test'), "pull requests never run the generator's tests");
  });

  it('is refused a second init over it', async () => {
    const r = await sh(process.execPath, [path.join(site, 'node_modules/markdown-status/scripts/markdown-status.js'), 'init', site, '--yes', '--no-install'], temp);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /already holds a status page/);
  });

  it('checks, builds and deploys from its own folder, with the brand and a header override on the page', async () => {
    const siteFile = path.join(site, 'content/site.yml');
    writeFileSync(siteFile, `${readFileSync(siteFile, 'utf8')}\nbrand:\n  colors:\n    accent: "#6b21a8"\n`);
    cpSync(path.join(ROOT, 'test/fixtures/package/overrides'), path.join(site, 'overrides'), { recursive: true });
    ok(await sh('npm', ['run', 'check'], site), 'check');
    ok(await sh('npm', ['run', 'build', '--', '--now', NOW], site), 'build');
    const out = path.join(site, '_site');
    const home = readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.match(home, /Acme/);
    assert.match(home, /class="acme-banner"/, 'the header override is on the page');
    const css = readdirSync(path.join(out, 'assets')).find((f) => /^style\.[0-9a-f]+\.css$/.test(f))!;
    assert.match(readFileSync(path.join(out, 'assets', css), 'utf8'), /#6b21a8/i, 'the brand colour is in the stylesheet');
    assert.deepEqual(brokenLinks(out, URL_), []);
    for (const page of ['index.html', '404.html', 'subscribe/index.html']) {
      const report = await pageValidator.validateString(readFileSync(path.join(out, page), 'utf8'), page);
      assert.ok(report.valid, `${page}: ${JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message)))}`);
    }
    const deployed = await sh('npm', ['run', 'deploy', '--', '--bucket', 'acme', '--endpoint', s3.endpoint, '--region', 'us-east-1', '--no-notify'], site, {
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    });
    ok(deployed, 'deploy');
    assert.match(deployed.stdout, /Deployed _site to s3:\/\/acme\/: \d+ uploaded/);
  });

  it('refuses a brand colour that readers cannot read, at its line', async () => {
    const siteFile = path.join(site, 'content/site.yml');
    const text = readFileSync(siteFile, 'utf8').replace('accent: "#6b21a8"', 'accent: "#ffee58"');
    writeFileSync(siteFile, text);
    const line = text.split('\n').findIndex((l) => l.includes('#ffee58')) + 1;
    const r = await sh('npm', ['run', 'check'], site);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`content/site\\.yml:${line}: .*contrast`));
  });

  it('moves a clone of the generator over with upgrade, and the clone then builds', async () => {
    const clone = path.join(temp, 'clone');
    cpSync(path.join(ROOT, 'test/fixtures/clone'), clone, { recursive: true });
    const tool = path.join(site, 'node_modules/markdown-status/scripts/markdown-status.js');
    const r = await sh(process.execPath, [tool, 'upgrade', '--root', clone, '--package', tarball, '--no-install'], temp);
    ok(r, 'upgrade');
    assert.match(r.stdout, /package\.json/);
    const pkg = JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8'));
    assert.ok(pkg.dependencies['markdown-status'], 'depends on the generator');
    assert.ok(!readFileSync(path.join(clone, '.github/workflows/pull-request.yml'), 'utf8').includes('npm test'));
    ok(await sh(process.execPath, [tool, 'build', '--root', clone, '--now', NOW], temp), 'build of the moved clone');
    assert.ok(existsSync(path.join(clone, '_site/index.html')));
  });
});
