import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isMap, parseDocument, type Document } from 'yaml';
import {
  CLONE_ENGINE_PATHS, compareVersions, initSite, INIT_DEFAULTS, isClone, migrateSite, renderTemplate, SITE_MIGRATIONS, TOOL_SCRIPTS,
  upgradeSite, workflowValues, type Host, type SiteMigration,
} from '../../src/authoring/index.ts';
import { loadContent } from '../../src/content/index.ts';
import { StatusError } from '../../src/shared/errors.ts';

const CLONE = path.resolve(import.meta.dirname, '../fixtures/clone');
const generator = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const DECAP = generator.devDependencies['decap-cms'];
const NOW = Date.parse('2026-11-20T12:00:00Z');

const temp = mkdtempSync(path.join(tmpdir(), 'status-upgrade-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let count = 0;
const fresh = () => path.join(temp, `repo-${++count}`);
const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');
const json = (root: string, file: string) => JSON.parse(read(root, file));
const write = (root: string, file: string, text: string) => writeFileSync(path.join(root, file), text);
const DEPLOY = '.github/workflows/deploy.yml';

/** The clone fixture with the engine files a real clone has at its top. */
function clone(): string {
  const root = fresh();
  cpSync(CLONE, root, { recursive: true });
  for (const folder of ['src', 'scripts', 'layouts', 'locales', 'test']) mkdirSync(path.join(root, folder));
  write(root, 'src/pipeline.ts', '// the engine\n');
  write(root, '.eleventy.js', '// glue\n');
  write(root, 'tsconfig.json', '{}\n');
  return root;
}

function status(editor = false): string {
  const root = fresh();
  initSite({ dir: root, ...INIT_DEFAULTS, now: NOW, version: '0.2.0', editor });
  return root;
}

/** Pretends an older markdown-status wrote `text` to a managed file. */
function olderVersionWrote(root: string, file: string, text: string) {
  write(root, file, text);
  const record = json(root, '.github/markdown-status.json');
  record.files[file] = createHash('sha256').update(text).digest('hex');
  write(root, '.github/markdown-status.json', JSON.stringify(record));
}

describe('upgradeSite: from a clone of the generator', () => {
  it('recognises the clone fixture, and not a status repository', () => {
    assert.ok(isClone(json(CLONE, 'package.json'), CLONE));
    assert.ok(!isClone(json(status(), 'package.json'), temp));
  });

  it('rewrites package.json into a status repository\'s, keeping the editor the clone had', () => {
    const root = clone();
    const before = json(root, 'package.json');
    const result = upgradeSite({ root, version: '0.2.0' });
    const pkg = json(root, 'package.json');
    assert.deepEqual(Object.keys(pkg), ['private', 'type', 'engines', 'scripts', 'dependencies']);
    assert.equal(pkg.private, true);
    assert.equal(pkg.type, 'module');
    assert.deepEqual(pkg.engines, before.engines);
    assert.deepEqual(pkg.scripts, TOOL_SCRIPTS);
    assert.deepEqual(pkg.dependencies, { 'decap-cms': DECAP, 'markdown-status': '0.2.0' });
    assert.ok(result.needsInstall);
    assert.match(result.changes.join('\n'), /package\.json: depends on markdown-status 0\.2\.0 instead of holding the generator \(its \d+ dependencies and the scripts test, typecheck, screenshots, bench are gone\)/);
    assert.match(result.changes.join('\n'), /kept the editor at \/admin\/: decap-cms/);
  });

  it('replaces the pull request workflow it shipped, adds the others, and records what it wrote', () => {
    const root = clone();
    assert.match(read(root, '.github/workflows/pull-request.yml'), /npm test/);
    const result = upgradeSite({ root, version: '0.2.0' });
    const values = workflowValues(true);
    for (const [template, file] of [['pull-request.yml', 'workflows/pull-request.yml'], ['s3/deploy.yml', 'workflows/deploy.yml'], ['s3/scheduled-rebuild.yml', 'workflows/scheduled-rebuild.yml'], ['dependabot.yml', 'dependabot.yml'], ['pull-request-template.md', 'PULL_REQUEST_TEMPLATE.md']]) {
      assert.equal(read(root, `.github/${file}`), renderTemplate(template!, values), file);
    }
    assert.doesNotMatch(read(root, '.github/workflows/pull-request.yml'), /npm test/);
    assert.ok(result.changes.includes('updated .github/workflows/pull-request.yml'));
    assert.ok(result.changes.includes('added .github/workflows/deploy.yml'));
    assert.ok(result.changes.includes('added .github/dependabot.yml'));
    const record = json(root, '.github/markdown-status.json');
    assert.equal(record.version, '0.2.0');
    assert.equal(record.host, 's3', 'a clone deployed to a bucket');
    assert.equal(Object.keys(record.files).length, 5);
  });

  it('lists the engine files for the team to delete, deletes none, and leaves the content as it was', () => {
    const root = clone();
    const content = ['content/site.yml', 'content/incidents/2026-11-10-api-errors.md'].map((f) => read(root, f));
    const result = upgradeSite({ root, version: '0.2.0' });
    assert.deepEqual(result.removable, [...CLONE_ENGINE_PATHS]);
    assert.ok(result.changes.some((line) => line.endsWith(': git rm -r src scripts layouts locales test .eleventy.js tsconfig.json')));
    for (const p of CLONE_ENGINE_PATHS) assert.ok(existsSync(path.join(root, p)), p);
    assert.deepEqual(['content/site.yml', 'content/incidents/2026-11-10-api-errors.md'].map((f) => read(root, f)), content);
    assert.ok(!result.written.some((f) => f.startsWith('content/')));
    const loaded = loadContent(path.join(root, 'content'));
    assert.deepEqual(loaded.incidents.map((i) => i.id), ['2026-11-10-api-errors']);
  });

  it('has nothing more to do the second time', () => {
    const root = clone();
    upgradeSite({ root, version: '0.2.0' });
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }), { changes: [], written: [], removable: [], needsInstall: false });
  });

  it('keeps what is the team\'s: scripts, dependencies, keys, indentation and an edited workflow', () => {
    const root = clone();
    const pkg = json(root, 'package.json');
    pkg.scripts.lint = 'prettier --check content';
    pkg.scripts.test = 'node --test checks/';
    pkg.scripts.build = 'tsx scripts/build.ts --out public';
    pkg.dependencies['left-pad'] = '1.3.0';
    pkg.devDependencies.prettier = '3.0.0';
    pkg.overrides = { feed: '6.0.0' };
    write(root, 'package.json', `${JSON.stringify(pkg, null, 4)}\n`);
    const edited = read(root, '.github/workflows/pull-request.yml').replace('retention-days: 14', 'retention-days: 3');
    write(root, '.github/workflows/pull-request.yml', edited);

    const result = upgradeSite({ root, version: '0.2.0', editor: false });
    const text = read(root, 'package.json');
    assert.match(text, /^ {4}"private": true,$/m, 'four spaces, as the team wrote it');
    const next = JSON.parse(text);
    assert.deepEqual(next.scripts, { ...TOOL_SCRIPTS, lint: 'prettier --check content', test: 'node --test checks/' });
    assert.deepEqual(next.dependencies, { 'left-pad': '1.3.0', 'markdown-status': '0.2.0' });
    assert.deepEqual(next.devDependencies, { prettier: '3.0.0' });
    assert.deepEqual(next.overrides, { feed: '6.0.0' });
    const changes = result.changes.join('\n');
    assert.match(changes, /your "build" script \(tsx scripts\/build\.ts --out public\) now runs markdown-status build/);
    assert.match(changes, /kept your "test" script \(node --test checks\/\); check it works without the engine files/);
    assert.match(changes, /kept your dependencies left-pad, prettier/);
    assert.match(changes, /removed the editor at \/admin\/ \(decap-cms\)/);

    assert.equal(read(root, '.github/workflows/pull-request.yml'), edited, 'the team\'s workflow is left alone');
    assert.equal(read(root, '.github/workflows/pull-request.yml.new'), renderTemplate('pull-request.yml', workflowValues(false)));
    assert.match(changes, /left your edited \.github\/workflows\/pull-request\.yml; the new version is \.github\/workflows\/pull-request\.yml\.new \(yours runs npm test/);
    assert.match(read(root, DEPLOY), /STATUS_CMS_BACKEND: none$/m);
  });
});

describe('upgradeSite: a status repository', () => {
  it('changes nothing when it is current', () => {
    const root = status();
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }), { changes: [], written: [], removable: [], needsInstall: false });
  });

  it('moves markdown-status to the new version or spec', () => {
    const root = status();
    const result = upgradeSite({ root, version: '0.3.0' });
    assert.deepEqual(result.changes, ['package.json: markdown-status 0.2.0 → 0.3.0']);
    assert.deepEqual(result.written, ['package.json', '.github/markdown-status.json']);
    assert.ok(result.needsInstall);
    assert.equal(json(root, 'package.json').dependencies['markdown-status'], '0.3.0');
    assert.equal(json(root, '.github/markdown-status.json').version, '0.3.0');
    upgradeSite({ root, version: '0.3.1', packageSpec: 'github:example/markdown-status#v0.3.1' });
    assert.equal(json(root, 'package.json').dependencies['markdown-status'], 'github:example/markdown-status#v0.3.1');
  });

  it('rewrites a workflow still as it last wrote it, and one the team deleted', () => {
    const root = status();
    olderVersionWrote(root, DEPLOY, 'name: Deploy\n# an older version\n');
    rmSync(path.join(root, '.github/workflows/scheduled-rebuild.yml'));
    const result = upgradeSite({ root, version: '0.2.0' });
    assert.deepEqual(result.changes, ['updated .github/workflows/deploy.yml', 'added .github/workflows/scheduled-rebuild.yml']);
    assert.equal(read(root, DEPLOY), renderTemplate('s3/deploy.yml', workflowValues(false)));
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes, []);
  });

  it('keeps a workflow the team edited, writing the new version beside it until they take it', () => {
    const root = status();
    const current = renderTemplate('s3/deploy.yml', workflowValues(false));
    // Edited by the team, and nothing newer to offer: left alone, without a word.
    const edited = current.replace('timeout-minutes: 20', 'timeout-minutes: 45');
    write(root, DEPLOY, edited);
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes, []);

    // A newer template than the one last written: the edit stays, the new text goes to .new.
    olderVersionWrote(root, DEPLOY, 'name: Deploy\n# an older version\n');
    write(root, DEPLOY, edited);
    const result = upgradeSite({ root, version: '0.2.0' });
    assert.deepEqual(result.changes, ['left your edited .github/workflows/deploy.yml; the new version is .github/workflows/deploy.yml.new']);
    assert.equal(read(root, DEPLOY), edited);
    assert.equal(read(root, `${DEPLOY}.new`), current);
    // Said again each time, with the .new file left as it is.
    const again = upgradeSite({ root, version: '0.2.0' });
    assert.deepEqual(again.changes, result.changes);
    assert.ok(!again.written.includes(`${DEPLOY}.new`));

    // The team takes the new version: the .new file goes, and the file is ours again.
    write(root, DEPLOY, current);
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes, ['removed .github/workflows/deploy.yml.new: .github/workflows/deploy.yml has its changes']);
    assert.ok(!existsSync(path.join(root, `${DEPLOY}.new`)));
    olderVersionWrote(root, DEPLOY, 'name: Deploy\n# older again\n');
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes, ['updated .github/workflows/deploy.yml']);
  });

  it('treats a file with Windows line ends as unchanged', () => {
    const root = status();
    write(root, DEPLOY, read(root, DEPLOY).replace(/\n/g, '\r\n'));
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes, []);
  });

  it('without its record, keeps every file that differs and writes the new version beside it', () => {
    const root = status();
    rmSync(path.join(root, '.github/markdown-status.json'));
    write(root, '.github/dependabot.yml', 'version: 2\nupdates: []\n');
    const result = upgradeSite({ root, version: '0.2.0' });
    assert.deepEqual(result.changes, ['left your edited .github/dependabot.yml; the new version is .github/dependabot.yml.new']);
    assert.ok(existsSync(path.join(root, '.github/markdown-status.json')));
  });

  it('adds and removes the editor at /admin/ on request, with the workflows to match', () => {
    const root = status();
    const on = upgradeSite({ root, version: '0.2.0', editor: true });
    assert.ok(on.changes.includes(`package.json: added the editor at /admin/ (decap-cms ${DECAP})`));
    assert.ok(on.changes.includes('updated .github/workflows/deploy.yml'));
    assert.equal(json(root, 'package.json').dependencies['decap-cms'], DECAP);
    assert.match(read(root, DEPLOY), /STATUS_CMS_BACKEND: \$\{\{ vars\.STATUS_CMS_BACKEND \}\}$/m);
    // Kept by default, and moved to the version markdown-status builds it with.
    const pkg = json(root, 'package.json');
    pkg.dependencies['decap-cms'] = '3.0.0';
    write(root, 'package.json', JSON.stringify(pkg, null, 2));
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes, [`package.json: decap-cms 3.0.0 → ${DECAP}, the version markdown-status builds /admin/ with`]);
    const off = upgradeSite({ root, version: '0.2.0', editor: false });
    assert.ok(off.changes.includes('package.json: removed the editor at /admin/ (decap-cms)'));
    assert.match(read(root, DEPLOY), /STATUS_CMS_BACKEND: none$/m);
  });

  it('adds a tool script the repository lacks and keeps the team\'s own', () => {
    const root = status();
    const pkg = json(root, 'package.json');
    delete pkg.scripts.upgrade;
    pkg.scripts.start = 'markdown-status serve --port 9000';
    write(root, 'package.json', JSON.stringify(pkg, null, 2));
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes, ['package.json: added the script upgrade']);
    assert.equal(json(root, 'package.json').scripts.start, 'markdown-status serve --port 9000');
  });

  it('stops, saying why, where there is no status repository', () => {
    const stops = (root: string, pattern: RegExp) =>
      assert.throws(() => upgradeSite({ root, version: '0.2.0' }), (e: unknown) => e instanceof StatusError && pattern.test(e.message));
    const root = fresh();
    mkdirSync(root);
    stops(root, /no package\.json in .*: run upgrade at the top of the status repository/);
    write(root, 'package.json', '{"name": "shop", "dependencies": {"left-pad": "1.3.0"}}');
    stops(root, /does not depend on markdown-status, so this is not a status repository; markdown-status init makes one/);
    write(root, 'package.json', '{"name": ');
    stops(root, /package\.json is not valid JSON .*; fix it and run upgrade again/);
  });
});

describe('site file migrations', () => {
  const SITE = `# The page\nname: Acme # its name\nfeed_limit: 20\nfuture_key: kept # unknown to us\ncomponents:\n  - id: api\n    name: API\n`;
  const rename = (from: string, to: string) => (doc: Document) => {
    if (!doc.has(from)) return false;
    const map = doc.contents;
    if (!isMap(map)) return false;
    const pair = map.items.find((p) => String((p.key as { value?: unknown }).value) === from)!;
    (pair.key as { value: unknown }).value = to;
    return true;
  };
  const LIST: SiteMigration[] = [
    { version: '0.4.0', describe: 'renamed feed_size to feed_count', apply: rename('feed_size', 'feed_count') },
    { version: '0.3.0', describe: 'renamed feed_limit to feed_size', apply: rename('feed_limit', 'feed_size') },
    { version: '0.5.0', describe: 'not yet', apply: () => true },
  ];

  it('has none yet: site files from the first version load as they are', () => {
    assert.deepEqual(SITE_MIGRATIONS, []);
  });

  it('runs in version order those after the page\'s version up to the target, keeping comments and unknown keys', () => {
    const doc = parseDocument(SITE);
    assert.deepEqual(migrateSite(doc, '0.2.0', '0.4.0', LIST), ['renamed feed_limit to feed_size', 'renamed feed_size to feed_count']);
    const text = doc.toString();
    assert.match(text, /^# The page\nname: Acme # its name\nfeed_count: 20\nfuture_key: kept # unknown to us\n/);
    assert.deepEqual(migrateSite(parseDocument(SITE), '0.3.0', '0.4.0', LIST), [], 'feed_limit is only renamed by 0.3.0');
    assert.deepEqual(migrateSite(parseDocument(SITE), undefined, '0.3.5', LIST), ['renamed feed_limit to feed_size']);
  });

  it('upgrade applies them to the site file and says so; without any, the content is not touched', () => {
    const root = status();
    write(root, 'content/site.yml', read(root, 'content/site.yml').replace('locale: en\n', 'locale: en\nfeed_limit: 20 # ours\n'));
    const before = read(root, 'content/site.yml');
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes, []);
    assert.equal(read(root, 'content/site.yml'), before);
    const result = upgradeSite({ root, version: '0.4.0', migrations: LIST.slice(1) });
    assert.ok(result.changes.includes('content/site.yml: renamed feed_limit to feed_size'));
    assert.equal(read(root, 'content/site.yml'), before.replace('feed_limit: 20 # ours', 'feed_size: 20 # ours'));
    assert.deepEqual(upgradeSite({ root, version: '0.4.0', migrations: LIST.slice(1) }).changes, [], 'the record says 0.4.0 now');
  });

  it('orders versions by number, with a pre-release before its release', () => {
    const ordered = ['0.0.9', '0.1.0-beta.2', '0.1.0-beta.10', '0.1.0-rc.1', '0.1.0', '0.1.1', '0.10.0', '1.0.0'];
    const shuffled = [...ordered].reverse();
    assert.deepEqual(shuffled.sort(compareVersions), ordered);
    assert.equal(compareVersions('v1.2.3', '1.2.3'), 0);
    assert.ok(compareVersions('file:../markdown-status.tgz', '0.0.1') < 0);
  });
});

describe('upgradeSite: the host\'s set of files', () => {
  function on(host: Host): string {
    const root = fresh();
    initSite({ dir: root, ...INIT_DEFAULTS, now: NOW, version: '0.2.0', host });
    return root;
  }

  it('refreshes the recorded host\'s files, and adds none of another host', () => {
    const root = on('netlify');
    olderVersionWrote(root, '.github/workflows/notify.yml', 'name: Notify\n# an older version\n');
    olderVersionWrote(root, 'netlify.toml', '[build]\n  command = "npm run build"\n');
    rmSync(path.join(root, '.github/workflows/scheduled-rebuild.yml'));
    const result = upgradeSite({ root, version: '0.2.0' });
    assert.deepEqual(result.changes, ['updated netlify.toml', 'updated .github/workflows/notify.yml', 'added .github/workflows/scheduled-rebuild.yml']);
    const values = workflowValues(false, 'netlify');
    assert.equal(read(root, '.github/workflows/notify.yml'), renderTemplate('git-host/notify.yml', values));
    assert.equal(read(root, '.github/workflows/scheduled-rebuild.yml'), renderTemplate('git-host/scheduled-rebuild.yml', values));
    assert.ok(!existsSync(path.join(root, DEPLOY)), 'Netlify deploys, not a workflow');
    assert.equal(json(root, '.github/markdown-status.json').host, 'netlify');
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes, []);
  });

  it('takes a record from before hosts were chosen as s3, and records it', () => {
    const root = on('s3');
    const record = json(root, '.github/markdown-status.json');
    delete record.host;
    write(root, '.github/markdown-status.json', JSON.stringify(record));
    olderVersionWrote(root, DEPLOY, 'name: Deploy\n# 0.2.0, with static keys only\n');
    const result = upgradeSite({ root, version: '0.3.0' });
    assert.ok(result.changes.includes('updated .github/workflows/deploy.yml'));
    assert.match(read(root, DEPLOY), /role-to-assume: \$\{\{ vars\.AWS_ROLE_ARN \}\}/);
    assert.match(read(root, DEPLOY), /STATUS_CLOUDFRONT_DISTRIBUTION_ID: \$\{\{ vars\.STATUS_CLOUDFRONT_DISTRIBUTION_ID \}\}/);
    assert.equal(json(root, '.github/markdown-status.json').host, 's3');
  });

  it('moves to another host: writes its files, removes the old host\'s unedited ones, keeps an edited one, prints the settings', () => {
    const root = on('s3');
    const edited = `${read(root, '.github/workflows/scheduled-rebuild.yml')}# ours\n`;
    write(root, '.github/workflows/scheduled-rebuild.yml', edited);
    const result = upgradeSite({ root, version: '0.2.0', host: 'cloudflare-pages' });
    const changes = result.changes.join('\n');
    assert.match(changes, /^added \.github\/workflows\/notify\.yml$/m);
    assert.match(changes, /^removed \.github\/workflows\/deploy\.yml: Cloudflare Pages does not use it$/m);
    assert.match(changes, /left your edited \.github\/workflows\/scheduled-rebuild\.yml; the new version is \.github\/workflows\/scheduled-rebuild\.yml\.new/);
    assert.match(changes, /the page now publishes to Cloudflare Pages: .*\n {4}1\. Cloudflare: \*Workers & Pages/);
    assert.ok(!existsSync(path.join(root, DEPLOY)));
    assert.equal(read(root, '.github/workflows/scheduled-rebuild.yml'), edited);
    assert.equal(json(root, '.github/markdown-status.json').host, 'cloudflare-pages');
    assert.deepEqual(upgradeSite({ root, version: '0.2.0' }).changes.filter((c) => !c.startsWith('left your edited')), []);
  });
});
