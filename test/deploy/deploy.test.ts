import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, createWriteStream, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { headersFor, HOST_FILES } from '../../src/outputs/headers.ts';
import { loadContent } from '../../src/content/load.ts';
import { existingKey, localReferences, siteLocation, type SiteLocation } from '../../src/deploy/links.ts';
import { emptyManifest, MANIFEST_KEY, parseManifest, serializeManifest, type Manifest } from '../../src/deploy/manifest.ts';
import {
  invalidationPaths,
  keysToInspect,
  manifestAfterUploads,
  manifestBeforeUploads,
  orderUploads,
  planDeploy,
  uploadsOf,
  type Plan,
  type RemoteObject,
  type Upload,
} from '../../src/deploy/plan.ts';
import type { LocalFile } from '../../src/deploy/scan.ts';
import { createS3Client, deploy, explainS3Error, normalizePrefix, type DeployReport, type S3Target } from '../../src/deploy/s3.ts';
import { StatusError } from '../../src/shared/errors.ts';
import { build, sampleSite } from '../helpers/build.ts';
import { runCommand, unsetting } from '../helpers/command.ts';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from '../helpers/s3.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A file of a made-up site: the hash defaults to a name, so "changing" it is changing the name. */
function file(key: string, options: { links?: string[]; sha?: string; size?: number } = {}): LocalFile {
  return { key, file: '', size: options.size ?? 10, sha256: options.sha ?? `sha-${key}`, headers: headersFor(key), links: options.links ?? [] };
}

function managed(files: LocalFile[], etag = (k: string) => `"e-${k}"`): { remote: Map<string, RemoteObject>; manifest: Manifest } {
  const remote = new Map(files.map((f) => [f.key, { etag: etag(f.key), size: f.size }]));
  const manifest = emptyManifest();
  for (const f of files) {
    manifest.files[f.key] = { sha256: f.sha256, etag: etag(f.key), size: f.size, contentType: f.headers.contentType, cacheControl: f.headers.cacheControl };
  }
  return { remote, manifest };
}

const keysOf = (batches: Upload[][]) => batches.map((b) => b.map((u) => u.file.key));

describe('orderUploads', () => {
  it('sends assets, then pages, then API and feeds', async () => {
    const uploads = [file('index.html'), file('api/v2/summary.json'), file('assets/style.0123456789.css'), file('history.atom')].map((f) => ({ file: f, reason: 'changed' as const }));
    assert.deepEqual(keysOf(orderUploads(uploads, new Set(uploads.map((u) => u.file.key)))), [
      ['assets/style.0123456789.css'],
      ['index.html'],
      ['api/v2/summary.json', 'history.atom'],
    ]);
  });

  it('uploads a new page before the changed pages that link to it, and feeds after both', async () => {
    const present = new Set(['index.html', 'history/index.html', 'history.atom', 'incidents/old/index.html']);
    const uploads: Upload[] = [
      { file: file('index.html', { links: ['incidents/new/index.html', 'incidents/old/index.html'] }), reason: 'changed' },
      { file: file('history/index.html', { links: ['incidents/new/index.html', 'index.html'] }), reason: 'changed' },
      { file: file('incidents/new/index.html', { links: ['index.html', 'history'] }), reason: 'new' },
      { file: file('history.atom'), reason: 'changed' },
    ];
    assert.deepEqual(keysOf(orderUploads(uploads, present)), [
      ['incidents/new/index.html'],
      ['history/index.html', 'index.html'],
      ['history.atom'],
    ]);
  });

  it('uploads a new feed before the new page that links to it', async () => {
    const uploads: Upload[] = [
      { file: file('components/x/index.html', { links: ['components/x/history.atom'] }), reason: 'new' },
      { file: file('components/x/history.atom'), reason: 'new' },
      { file: file('api/v2/components.json'), reason: 'changed' },
    ];
    assert.deepEqual(keysOf(orderUploads(uploads, new Set(['api/v2/components.json']))), [
      ['components/x/history.atom'],
      ['components/x/index.html'],
      ['api/v2/components.json'],
    ]);
  });

  it('puts new pages that link to each other in one group', async () => {
    const uploads: Upload[] = [
      { file: file('index.html', { links: ['incidents/a/index.html', 'assets/s.0123456789.css'] }), reason: 'new' },
      { file: file('incidents/a/index.html', { links: ['index.html', 'assets/s.0123456789.css'] }), reason: 'new' },
      { file: file('assets/s.0123456789.css'), reason: 'new' },
    ];
    assert.deepEqual(keysOf(orderUploads(uploads, new Set())), [['assets/s.0123456789.css'], ['incidents/a/index.html', 'index.html']]);
  });
  it('regression: orders a first deploy of 20,000 pages linked in a chain without running out of stack', async () => {
    const key = (i: number) => `history/${i}/index.html`;
    const uploads: Upload[] = Array.from({ length: 20_000 }, (_, i) => ({ file: file(key(i), { links: [key(i + 1), key(i - 1)] }), reason: 'new' }));
    const batches = orderUploads(uploads, new Set());
    assert.equal(batches.flat().length, 20_000);
  });
});

describe('planDeploy', () => {
  const site = [file('index.html'), file('assets/a.0123456789.css'), file('api/v2/status.json')];

  it('uploads nothing when the manifest and the listing match the build', async () => {
    const { remote, manifest } = managed(site);
    const plan = planDeploy({ local: site, remote, manifest, deleteStale: true });
    assert.equal(uploadsOf(plan).length, 0);
    assert.equal(plan.unchanged.length, 3);
    assert.deepEqual(keysToInspect(site, remote, manifest), []);
  });

  it('tells new, changed, re-headered and replaced files apart', async () => {
    const { remote, manifest } = managed(site);
    const local = [file('index.html', { sha: 'other' }), file('assets/a.0123456789.css'), file('api/v2/status.json'), file('new.html')];
    manifest.files['assets/a.0123456789.css']!.cacheControl = 'max-age=1';
    remote.set('api/v2/status.json', { etag: '"someone-else"', size: 10 });
    const reasons = Object.fromEntries(uploadsOf(planDeploy({ local, remote, manifest, deleteStale: true })).map((u) => [u.file.key, u.reason]));
    assert.deepEqual(reasons, { 'index.html': 'changed', 'assets/a.0123456789.css': 'headers', 'api/v2/status.json': 'unknown', 'new.html': 'new' });
  });

  it('deletes only files an earlier deploy uploaded, and keeps them with --no-delete', async () => {
    const old = [...site, file('incidents/gone/index.html')];
    const { remote, manifest } = managed(old);
    remote.set('someone-elses.txt', { etag: '"x"', size: 1 });
    assert.deepEqual(planDeploy({ local: site, remote, manifest, deleteStale: true }).deletes, ['incidents/gone/index.html']);
    const kept = planDeploy({ local: site, remote, manifest, deleteStale: false });
    assert.deepEqual([kept.deletes, kept.kept], [[], ['incidents/gone/index.html']]);
  });

  it('without a manifest, trusts the sha256 stored on each object', async () => {
    const { remote } = managed(site);
    const manifest = emptyManifest();
    assert.deepEqual(keysToInspect(site, remote, manifest), site.map((f) => f.key));
    const heads = new Map(site.map((f) => [f.key, { sha256: f.sha256, contentType: f.headers.contentType, cacheControl: f.headers.cacheControl }]));
    heads.set('index.html', { ...heads.get('index.html')!, sha256: 'stale' });
    heads.delete('api/v2/status.json');
    const plan = planDeploy({ local: site, remote, manifest, heads, deleteStale: true });
    assert.deepEqual(uploadsOf(plan).map((u) => [u.file.key, u.reason]), [['index.html', 'changed'], ['api/v2/status.json', 'unknown']]);
  });

  it('records new files as managed before uploading them, and every ETag after', async () => {
    const { remote, manifest } = managed(site);
    const local = [...site, file('incidents/new/index.html')];
    const plan = planDeploy({ local, remote, manifest, deleteStale: true });
    const before = manifestBeforeUploads(manifest, plan)!;
    assert.equal(before.files['incidents/new/index.html']!.sha256, null);
    assert.equal(manifestBeforeUploads(manifest, planDeploy({ local: site, remote, manifest, deleteStale: true })), undefined);
    const afterUploads = manifestAfterUploads(manifest, plan, remote, new Map([['incidents/new/index.html', '"fresh"']]));
    assert.equal(afterUploads.files['incidents/new/index.html']!.etag, '"fresh"');
    assert.equal(afterUploads.files['index.html']!.etag, '"e-index.html"');
  });
});

describe('invalidationPaths', () => {
  const plan = (uploads: Upload[], deletes: string[] = []): Plan => ({ batches: [uploads], unchanged: [], deletes, kept: [] });
  it('lists replaced and deleted files, pages also by their folder URL, but not new files', async () => {
    const p = plan(
      [
        { file: file('index.html'), reason: 'changed' },
        { file: file('incidents/a b/index.html'), reason: 'changed' },
        { file: file('incidents/new/index.html'), reason: 'new' },
      ],
      ['history.atom'],
    );
    assert.deepEqual(invalidationPaths(p, 'status/'), [
      '/status/',
      '/status/history.atom',
      '/status/incidents/a%20b/',
      '/status/incidents/a%20b/index.html',
      '/status/index.html',
    ]);
  });
  it('falls back to one wildcard past the limit', async () => {
    const uploads = Array.from({ length: 30 }, (_, i) => ({ file: file(`p${i}.json`), reason: 'changed' as const }));
    assert.deepEqual(invalidationPaths(plan(uploads), '', 20), ['/*']);
  });
});

describe('explainS3Error', () => {
  const target: S3Target = { bucket: 'status', prefix: '', endpoint: 'http://127.0.0.1:9' };
  const cases: [string, object, RegExp][] = [
    ['wrong key', { name: 'InvalidAccessKeyId', $metadata: { httpStatusCode: 403 } }, /rejected the credentials.*AWS_ACCESS_KEY_ID/],
    ['wrong secret', { name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } }, /rejected the credentials/],
    ['no credentials', { name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, /no credentials found/],
    ['missing bucket', { name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } }, /bucket "status" does not exist at http:\/\/127\.0\.0\.1:9/],
    ['no permission', { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }, /access denied.*s3:PutObject/],
    ['network', { name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' }, /could not reach http:\/\/127\.0\.0\.1:9.*ECONNREFUSED/],
  ];
  for (const [name, error, message] of cases) {
    it(name, async () => {
      const explained = explainS3Error(error, 'list the bucket', target);
      assert.equal(explained.code, 'IO');
      assert.match(explained.message, message);
    });
  }
});

describe('normalizePrefix and the manifest', () => {
  it('normalizes prefixes and refuses climbing out', async () => {
    assert.deepEqual(['', '/', 'status', '/status/', 'a/b//'].map((p) => normalizePrefix(p)), ['', '', 'status/', 'status/', 'a/b/']);
    assert.throws(() => normalizePrefix('../x'), StatusError);
  });
  it('round-trips and rejects what it does not understand', async () => {
    const m = managed([file('index.html')]).manifest;
    assert.deepEqual(parseManifest(serializeManifest(m), 'm'), m);
    assert.throws(() => parseManifest('{"version":2,"files":{}}', 's3://b/.status-deploy.json'), /s3:\/\/b\/\.status-deploy\.json is not a deploy manifest/);
  });
});

// ---------------------------------------------------------------------------------------------
// Against a real S3-compatible server (s3rver) on 127.0.0.1.

/** A disk that, once told to hold, keeps the bytes written to it until released. */
function heldDisk() {
  let holding = false;
  let release = () => {};
  let released = Promise.resolve();
  let reached = () => {};
  const disk = {
    /** Settles once bytes have reached the disk while it holds them. */
    reached: Promise.resolve(),
    hold() {
      holding = true;
      released = new Promise((resolve) => (release = resolve));
      disk.reached = new Promise((resolve) => (reached = resolve));
    },
    release() {
      holding = false;
      release();
    },
    open(file: string): Writable {
      const real = createWriteStream(file);
      if (!holding) return real;
      const gate = released;
      return new Writable({
        // Bytes reach it only once the file is open (and, if it was there, emptied).
        construct(done) {
          real.once('open', () => done()).once('error', done);
        },
        write(chunk, _encoding, done) {
          reached();
          void gate.then(() => real.write(chunk, done));
        },
        final(done) {
          real.end(done);
        },
      });
    },
  };
  return disk;
}

describe('the S3 server the deploy tests run against', () => {
  // S3 shows an object whole or not at all. s3rver alone empties the object's file, then answers
  // the PUT while the last bytes may still be on their way to it: on a busy machine, a deploy that
  // reads the manifest the previous one wrote can find it empty or cut off ("not a deploy
  // manifest"), as a deploy test once did. This disk holds the bytes until the test releases them,
  // so the window that load opens by chance stays open.
  it('answers a PUT once the object is whole, and meanwhile serves the old one', { timeout: 60_000 }, async () => {
    const disk = heldDisk();
    const server = await startS3Server({ openObjectFile: disk.open });
    const client = createS3Client({ bucket: 'whole', prefix: '', endpoint: server.endpoint }, S3RVER_CREDENTIALS);
    const put = (manifest: Manifest) => client.send(new PutObjectCommand({ Bucket: 'whole', Key: MANIFEST_KEY, Body: serializeManifest(manifest) }));
    const readBack = async () => parseManifest(await (await client.send(new GetObjectCommand({ Bucket: 'whole', Key: MANIFEST_KEY }))).Body!.transformToString('utf8'), MANIFEST_KEY);
    // Large enough to arrive in several pieces, as the sample site's manifest (57 kB) does.
    const older = managed([file('index.html')]).manifest;
    let writing: Promise<unknown> = Promise.resolve();
    const newer = managed(Array.from({ length: 400 }, (_, i) => file(`incidents/${i}/index.html`))).manifest;
    try {
      await client.send(new CreateBucketCommand({ Bucket: 'whole' }));
      await put(older);
      disk.hold();
      let answered = false;
      writing = put(newer).then(() => (answered = true));
      await disk.reached;
      assert.deepEqual(await readBack(), older, 'a read while the new bytes are on their way gets the old object, whole');
      assert.equal(answered, false, 'the PUT is not answered before its bytes are written');
      disk.release();
      await writing;
      assert.deepEqual(await readBack(), newer, 'a read after the answer gets the new object, whole');
    } finally {
      disk.release();
      await writing.catch(() => {});
      client.destroy();
      await server.stop();
    }
  });
});

/** Every file of a built site, host configuration files left out. */
function siteFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const key = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    if (!HOST_FILES.has(key)) files.set(key, readFileSync(path.join(dir, key)));
  }
  return files;
}

/** Keys whose bytes differ between two builds, plus the keys only the second one has. */
function changedKeys(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  return [...after].filter(([k, bytes]) => !before.get(k)?.equals(bytes)).map(([k]) => k).sort();
}

const removedKeys = (before: Map<string, Buffer>, after: Map<string, Buffer>): string[] => [...before.keys()].filter((k) => !after.has(k)).sort();

async function listBucket(client: S3Client, bucket: string): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) objects.set(o.Key!, o.ETag!);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Builds a copy of the sample content after `edit` changed it. */
async function buildEdited(edit: (contentDir: string) => void): Promise<string> {
  const content = path.join(mkdtempSync(path.join(tmpdir(), 'status-content-')), 'content');
  cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  edit(content);
  const result = await build({ content });
  assert.equal(result.status, 0, result.stderr);
  rmSync(path.dirname(content), { recursive: true, force: true });
  return result.out;
}

describe('deploy to an S3-compatible server', { concurrency: false }, () => {
  let server: S3Server;
  let client: S3Client;
  let site: SiteLocation;
  let sample: string;
  let buckets = 0;

  const target = (bucket: string): S3Target => ({ bucket, prefix: '', endpoint: server.endpoint });
  const run = (dir: string, bucket: string, extra: { failAfter?: number; dryRun?: boolean; deleteStale?: boolean; prefix?: string } = {}) =>
    deploy({ dir, site, target: { ...target(bucket), prefix: extra.prefix ?? '' }, client, concurrency: 8, ...extra });
  const newBucket = async () => {
    const name = `site-${++buckets}`;
    await client.send(new CreateBucketCommand({ Bucket: name }));
    return name;
  };
  const fetchObject = async (bucket: string, key: string) => {
    const res = await fetch(`${server.endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);
    assert.equal(res.status, 200, `GET ${key}`);
    return { bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type'), cacheControl: res.headers.get('cache-control') };
  };

  /** Runs `npm run deploy` as a user would, in this process, with only the credentials a user would set. */
  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const home = mkdtempSync(path.join(tmpdir(), 'status-home-'));
    try {
      const r = await runCommand(['deploy', ...args], {
        ...unsetting(/^(AWS_|STATUS_)/),
        HOME: home,
        AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
        // Never ask a cloud metadata service for credentials from a test.
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };

  /** Every page in the bucket: each local link, stylesheet, script and image it names is there too. */
  const assertPagesWhole = async (bucket: string) => {
    const keys = new Set([...(await listBucket(client, bucket)).keys()]);
    let pages = 0;
    for (const key of keys) {
      if (!key.endsWith('.html')) continue;
      pages++;
      const html = (await fetchObject(bucket, key)).bytes.toString('utf8');
      const missing = localReferences(html, key, site).filter((ref) => existingKey(ref, keys) === undefined);
      assert.deepEqual(missing, [], `${key} links to files not in the bucket`);
    }
    return pages;
  };

  /** A few files of the sample (pages, assets, a feed): enough where the whole site adds nothing. */
  const smallSite = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'status-small-'));
    for (const key of siteFiles(sample).keys()) {
      if (/^(index\.html|404\.html|assets\/.*|incidents\/2021-[^/]+\/index\.html|history\.atom|api\/v2\/status\.json)$/.test(key)) {
        cpSync(path.join(sample, key), path.join(dir, key));
      }
    }
    return dir;
  };

  before(async () => {
    server = await startS3Server();
    client = createS3Client({ bucket: '', prefix: '', endpoint: server.endpoint }, S3RVER_CREDENTIALS);
    site = siteLocation(loadContent(path.join(ROOT, 'content')).site.url);
    sample = sampleSite();
  });
  after(async () => {
    client?.destroy();
    await server?.stop();
  });

  let first: { bucket: string; report: DeployReport };

  it('uploads every file; each reads back over HTTP with its bytes, Content-Type and Cache-Control', async () => {
    const bucket = await newBucket();
    const report = await run(sample, bucket);
    first = { bucket, report };
    const files = siteFiles(sample);
    assert.deepEqual(report.uploaded.sort(), [...files.keys()].sort());
    assert.equal(report.deleted.length, 0);
    const listed = await listBucket(client, bucket);
    assert.deepEqual([...listed.keys()].sort(), [MANIFEST_KEY, ...files.keys()].sort());
    for (const [key, bytes] of files) {
      const got = await fetchObject(bucket, key);
      const expected = headersFor(key);
      assert.ok(got.bytes.equals(bytes), `bytes of ${key}`);
      assert.equal(got.contentType, expected.contentType, `Content-Type of ${key}`);
      assert.equal(got.cacheControl, expected.cacheControl, `Cache-Control of ${key}`);
    }
    // The two cache rules, on the real objects.
    const css = [...files.keys()].find((k) => /^assets\/style\.[0-9a-f]+\.css$/.test(k))!;
    assert.equal((await fetchObject(bucket, css)).cacheControl, 'public, max-age=31536000, immutable');
    assert.match((await fetchObject(bucket, 'index.html')).cacheControl!, /^public, max-age=60, stale-while-revalidate=\d+/);
    assert.equal((await fetchObject(bucket, 'index.html')).contentType, 'text/html; charset=utf-8');
  });

  it('a second deploy of the same build uploads nothing and writes nothing (npm run deploy)', async () => {
    const before = await listBucket(client, first.bucket);
    const result = await cli(['--bucket', first.bucket, '--endpoint', server.endpoint, '--dir', sample]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Deployed .* to s3:\/\/site-1\/: 0 uploaded \(0 B\), 0 deleted, \d+ unchanged in [\d.]+ s\n$/);
    assert.deepEqual(await listBucket(client, first.bucket), before, 'no object was rewritten');
  });

  it('--dry-run lists what would change and changes nothing', async () => {
    const bucket = await newBucket();
    const result = await cli(['--bucket', bucket, '--endpoint', server.endpoint, '--dir', sample, '--dry-run']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\+ new +assets\/style\.[0-9a-f]+\.css \([\d.]+ k?B, group 1\)$/m);
    assert.match(result.stdout, /would upload \d+ files/);
    assert.equal((await listBucket(client, bucket)).size, 0);
  });

  it('after one incident changes, only the files whose bytes changed move', async () => {
    const bucket = await newBucket();
    await run(sample, bucket);
    const edited = await buildEdited((content) => {
      const file = path.join(content, 'incidents/2026-02-03-api-expired-tls-certificate.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('We are investigating.', 'We are investigating the cause.'));
    });
    const expected = changedKeys(siteFiles(sample), siteFiles(edited));
    assert.ok(expected.includes('incidents/2026-02-03-api-expired-tls-certificate/index.html'));
    const report = await run(edited, bucket);
    assert.deepEqual(report.uploaded.sort(), expected);
    assert.ok(report.uploaded.length < siteFiles(edited).size / 2, `only a few files move (${report.uploaded.length})`);
    assert.deepEqual(report.deleted, removedKeys(siteFiles(sample), siteFiles(edited)));
    for (const [key, bytes] of siteFiles(edited)) assert.ok((await fetchObject(bucket, key)).bytes.equals(bytes), key);
    assert.equal(uploadsOf((await run(edited, bucket, { dryRun: true })).plan).length, 0);
  });

  describe('a deploy cut off after N uploads', () => {
    let next: string;
    let expectedUploads: number;

    before(async () => {
      // A new incident (new page; home, history, component pages and feeds change) and a changed
      // stylesheet (new fingerprinted name), as a layout change would give.
      const built = await buildEdited((content) => {
        writeFileSync(
          path.join(content, 'incidents/2026-11-19-email-delays.md'),
          [
            '---',
            'title: Delayed notification emails',
            'impact: minor',
            'components:',
            '  email: degraded_performance',
            'updates:',
            '  - at: "2026-11-19T11:00:00Z"',
            '    status: resolved',
            '    body: Emails are being delivered on time again.',
            '  - at: "2026-11-19T10:00:00Z"',
            '    status: investigating',
            '    body: Some notification emails are arriving late.',
            '---',
            '',
          ].join('\n'),
        );
      });
      next = built;
      const css = readdirSync(path.join(next, 'assets')).find((n) => n.startsWith('style.'))!;
      const renamed = 'style.00000fffff.css';
      renameSync(path.join(next, 'assets', css), path.join(next, 'assets', renamed));
      writeFileSync(path.join(next, 'assets', renamed), `${readFileSync(path.join(next, 'assets', renamed), 'utf8')}\n/* changed */\n`);
      for (const key of siteFiles(next).keys()) {
        if (!key.endsWith('.html')) continue;
        const p = path.join(next, key);
        writeFileSync(p, readFileSync(p, 'utf8').replaceAll(`/assets/${css}`, `/assets/${renamed}`));
      }
      expectedUploads = changedKeys(siteFiles(sample), siteFiles(next)).length;
    });

    it('the changed site needs a new page, changed pages, feeds and a new stylesheet', async () => {
      const changed = changedKeys(siteFiles(sample), siteFiles(next));
      assert.ok(changed.includes('incidents/2026-11-19-email-delays/index.html'));
      assert.ok(changed.includes('index.html'));
      assert.ok(changed.includes('assets/style.00000fffff.css'));
    });

    for (const cut of [1, 'half', 'all but one'] as const) {
      it(`leaves every page whole and deletes nothing (N = ${cut})`, async () => {
        const n = cut === 'half' ? Math.floor(expectedUploads / 2) : cut === 'all but one' ? expectedUploads - 1 : cut;
        const bucket = await newBucket();
        await run(sample, bucket);
        const before = await listBucket(client, bucket);
        await assert.rejects(run(next, bucket, { failAfter: n }), (error: unknown) => {
          assert.ok(error instanceof StatusError);
          assert.match(error.message, new RegExp(`deploy stopped after ${n} of ${expectedUploads} uploads: .*Nothing was deleted`));
          return true;
        });
        const during = await listBucket(client, bucket);
        for (const key of before.keys()) assert.ok(during.has(key), `${key} is still there`);
        assert.ok((await assertPagesWhole(bucket)) > 0);

        // The next deploy finishes the job: the bucket then holds exactly the new build.
        const report = await run(next, bucket);
        assert.equal(report.uploaded.length, expectedUploads - n, 'what was uploaded is not sent again');
        const files = siteFiles(next);
        assert.deepEqual(report.deleted, removedKeys(siteFiles(sample), files), 'files no longer built are deleted');
        assert.ok(report.deleted.some((k) => /^assets\/style\./.test(k)), 'the old stylesheet is deleted');
        assert.deepEqual([...(await listBucket(client, bucket)).keys()].sort(), [MANIFEST_KEY, ...files.keys()].sort());
        await assertPagesWhole(bucket);
      });
    }

    it('goes through `npm run deploy` with STATUS_DEPLOY_FAIL_AFTER: exit 1 and a clear message', async () => {
      const bucket = await newBucket();
      await run(sample, bucket);
      const result = await cli(['--bucket', bucket, '--endpoint', server.endpoint, '--dir', next], { STATUS_DEPLOY_FAIL_AFTER: '3' });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^error: deploy stopped after 3 of \d+ uploads: stopped on purpose .*Nothing was deleted/m);
      await assertPagesWhole(bucket);
    });
  });

  it('deletes only what it uploaded: objects of others under the same prefix stay', async () => {
    const bucket = await newBucket();
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'status/keep-me.txt', Body: 'not ours' }));
    const fewer = smallSite();
    await run(fewer, bucket, { prefix: 'status' });
    rmSync(path.join(fewer, 'incidents/2021-02-18-web-apps-intermittent-errors'), { recursive: true });
    const kept = await run(fewer, bucket, { prefix: 'status', deleteStale: false });
    assert.deepEqual([kept.deleted, kept.plan.kept], [[], ['incidents/2021-02-18-web-apps-intermittent-errors/index.html']]);
    const report = await run(fewer, bucket, { prefix: 'status' });
    assert.deepEqual(report.deleted, ['incidents/2021-02-18-web-apps-intermittent-errors/index.html']);
    const listed = await listBucket(client, bucket);
    assert.ok(listed.has('status/keep-me.txt'));
    assert.ok(!listed.has('status/incidents/2021-02-18-web-apps-intermittent-errors/index.html'));
    rmSync(fewer, { recursive: true, force: true });
  });

  it('without its manifest, compares the sha256 stored on each object and re-uploads nothing', async () => {
    const bucket = await newBucket();
    const small = smallSite();
    await run(small, bucket);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: MANIFEST_KEY, Body: '{"version":1,"files":{}}' }));
    const report = await run(small, bucket);
    assert.deepEqual(report.uploaded, []);
    assert.equal(uploadsOf((await run(small, bucket, { dryRun: true })).plan).length, 0);
    rmSync(small, { recursive: true, force: true });
  });

  it('invalidates the replaced pages in CloudFront when a distribution is given', async () => {
    // CloudFront itself cannot run here: a loopback stand-in records the request the SDK sends.
    const requests: { url: string; body: string }[] = [];
    let answer = 201;
    const stub = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        requests.push({ url: req.url!, body });
        res.writeHead(answer, { 'content-type': 'text/xml' });
        res.end(
          answer === 201
            ? '<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2NVALIDATION</Id><Status>InProgress</Status></Invalidation>'
            : '<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized</Message></Error></ErrorResponse>',
        );
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const cloudfrontClient = new CloudFrontClient({ endpoint: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`, region: 'us-east-1', credentials: S3RVER_CREDENTIALS });
    const changed = smallSite();
    try {
      const bucket = await newBucket();
      await run(changed, bucket, { prefix: 'status/' });
      writeFileSync(path.join(changed, 'index.html'), `${readFileSync(path.join(changed, 'index.html'), 'utf8')}\n`);
      const cloudfront = { distributionId: 'E2EXAMPLE', client: cloudfrontClient };
      const report = await deploy({ dir: changed, site, target: { ...target(bucket), prefix: 'status/' }, client, cloudfront });
      assert.equal(report.invalidationId, 'I2NVALIDATION');
      assert.equal(requests.length, 1);
      assert.equal(requests[0]!.url, '/2020-05-31/distribution/E2EXAMPLE/invalidation');
      assert.deepEqual([...requests[0]!.body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1]), ['/status/', '/status/index.html']);

      // A refused invalidation is reported, after the files are in place.
      answer = 403;
      writeFileSync(path.join(changed, 'index.html'), `${readFileSync(path.join(changed, 'index.html'), 'utf8')}\n`);
      await assert.rejects(deploy({ dir: changed, site, target: { ...target(bucket), prefix: 'status/' }, client, cloudfront }), /every file is deployed, but the CloudFront invalidation of distribution E2EXAMPLE failed \(AccessDenied/);
      assert.ok((await fetchObject(bucket, 'status/index.html')).bytes.equals(readFileSync(path.join(changed, 'index.html'))));
    } finally {
      cloudfrontClient.destroy();
      stub.closeAllConnections();
      await new Promise((resolve) => stub.close(resolve));
      rmSync(changed, { recursive: true, force: true });
    }
  });

  it('wrong credentials: exit 1, a clear message, nothing written or deleted', async () => {
    const before = await listBucket(client, first.bucket);
    const result = await cli(['--bucket', first.bucket, '--endpoint', server.endpoint, '--dir', sample], {
      AWS_ACCESS_KEY_ID: 'NOT-A-KEY',
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: the server rejected the credentials while trying to list the bucket on s3:\/\/site-1 at http:\/\/127\.0\.0\.1:\d+ \(InvalidAccessKeyId.*check AWS_ACCESS_KEY_ID/m);
    assert.deepEqual(await listBucket(client, first.bucket), before);
  });

  it('missing bucket: exit 1 and a clear message', async () => {
    const result = await cli(['--bucket', 'no-such-bucket', '--endpoint', server.endpoint, '--dir', sample]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: bucket "no-such-bucket" does not exist at http:\/\/127\.0\.0\.1:\d+: create it, or fix --bucket/m);
  });

  it('unreachable server: exit 1 and a clear message', async () => {
    const closed = await startS3Server();
    await closed.stop();
    const result = await cli(['--bucket', 'x', '--endpoint', closed.endpoint, '--dir', sample]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: could not reach http:\/\/127\.0\.0\.1:\d+ to list the bucket \(ECONNREFUSED\)/m);
  });

  it('no bucket given: exit 2 and how to give one', async () => {
    const none = await cli(['--dir', sample]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no bucket given: pass --bucket <name> or set STATUS_S3_BUCKET/);
  });
});
