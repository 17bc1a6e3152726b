import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseDocument } from 'yaml';

import { initSite, INIT_DEFAULTS } from '../src/authoring/index.ts';

/**
 * The workflows a status repository gets (src/authoring/starter/, written by `init` with sample
 * answers, with and without the editor at /admin/), and the generator's own test workflow.
 */

const root = path.resolve(import.meta.dirname, '..');
const made = mkdtempSync(path.join(tmpdir(), 'status-starter-'));
const sites = {
  lean: path.join(made, 'lean'),
  editor: path.join(made, 'editor'),
};
initSite({ dir: sites.lean, ...INIT_DEFAULTS, now: Date.parse('2026-11-20T12:00:00Z') });
initSite({ dir: sites.editor, ...INIT_DEFAULTS, now: Date.parse('2026-11-20T12:00:00Z'), editor: true });
after(() => rmSync(made, { recursive: true, force: true }));
const packageOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string>; engines: { node: string } };
const scripts = packageOf(sites.lean).scripts;
const dir = path.join(sites.lean, '.github/workflows');

interface Step {
  name?: string;
  id?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; steps: Step[]; needs?: string; if?: string }>;
}

function readWorkflows(folder: string) {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => {
        const text = readFileSync(path.join(folder, f), 'utf8');
        const doc = parseDocument(text, { uniqueKeys: true });
        return [f, { text, doc, data: doc.toJS() as Workflow }];
      }),
  );
}
const workflows = readWorkflows(dir);
const withEditor = readWorkflows(path.join(sites.editor, '.github/workflows'));
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

describe('workflows of a status repository', () => {
  it('are the three the README describes', () => {
    assert.deepEqual(Object.keys(workflows).sort(), ['deploy.yml', 'pull-request.yml', 'scheduled-rebuild.yml']);
    assert.deepEqual(Object.keys(withEditor).sort(), Object.keys(workflows).sort());
  });

  for (const [file, { text, doc, data }] of Object.entries(workflows)) {
    describe(file, () => {
      it('is valid YAML with a trigger and jobs that have steps', () => {
        assert.deepEqual(doc.errors, []);
        assert.deepEqual(withEditor[file]!.doc.errors, []);
        assert.doesNotMatch(text, /(?<!\$)\{\{/, 'every placeholder is filled');
        assert.ok(data.name && data.on && Object.keys(data.jobs).length);
        for (const [name, job] of Object.entries(data.jobs)) {
          assert.ok(job['runs-on'], `${name} has runs-on`);
          assert.ok(job.steps.length, `${name} has steps`);
          for (const step of job.steps) assert.ok(Boolean(step.run) !== Boolean(step.uses), `${name}: a step either runs or uses`);
          if (job.needs) assert.ok(job.needs in data.jobs, `${name} needs an existing job`);
        }
      });

      it('calls only npm scripts that exist', () => {
        const called = steps(data).flatMap((s) => [...(s.run ?? '').matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
        for (const name of called) assert.ok(name in scripts, `${file} runs "npm run ${name}", which package.json does not define`);
      });

      it('never runs the generator\'s tests: a status repository has none', () => {
        const runs = steps(data).map((s) => s.run ?? '').join('\n');
        assert.doesNotMatch(runs, /\bnpm (run )?test\b/);
        assert.ok(!('test' in scripts));
      });

      it('uses Node 20, as package.json engines do', () => {
        assert.equal(packageOf(sites.lean).engines.node, '>=20.19');
        for (const s of steps(data).filter((s) => s.uses?.startsWith('actions/setup-node'))) assert.equal(String(s.with?.['node-version']), '20');
      });
    });
  }

  it('pull request: checks, builds and uploads the site as a preview', () => {
    const w = workflows['pull-request.yml']!.data;
    assert.ok('pull_request' in w.on);
    const runs = steps(w).map((s) => s.run ?? s.uses ?? '');
    const at = (text: string) => runs.findIndex((r) => r.includes(text));
    assert.ok(at('npm run check') >= 0 && at('npm run check') < at('npm run build'), 'check runs first, so its annotations show even when the build fails');
    assert.ok(at('actions/upload-artifact') > at('npm run build'));
    assert.equal(at('chromium'), -1, 'no browser: nothing runs the browser tests');
    const upload = steps(w).find((s) => s.uses?.startsWith('actions/upload-artifact'));
    assert.equal(upload?.with?.path, '_site/');
  });

  it('deploy: on push to main, builds and runs npm run deploy', () => {
    const w = workflows['deploy.yml']!.data;
    assert.deepEqual((w.on.push as { branches: string[] }).branches, ['main']);
    const runs = steps(w).map((s) => s.run ?? '');
    assert.ok(runs.includes('npm run build') && runs.includes('npm run deploy'));
  });
});

describe('installing: what package.json names; /admin/ only with the editor', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'status-install-'));
  after(() => rmSync(temp, { recursive: true, force: true }));
  // A stand-in `npm` first on PATH that writes down its arguments, so the step's own script runs.
  const bin = path.join(temp, 'bin');
  const log = path.join(temp, 'npm-args.txt');
  before(() => {
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\necho "$@" >> '${log}'\n`);
    chmodSync(path.join(bin, 'npm'), 0o755);
  });

  async function installs(step: Step): Promise<string> {
    rmSync(log, { force: true });
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
    const child = spawn('bash', ['-e', '-c', step.run!], { cwd: temp, env, stdio: 'ignore' });
    assert.equal(await new Promise<number | null>((resolve) => child.on('close', resolve)), 0);
    return readFileSync(log, 'utf8').trim();
  }

  it('decap-cms is a dependency with the editor only, at the version markdown-status builds /admin/ with', () => {
    const generator = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    assert.deepEqual(Object.keys(packageOf(sites.lean).dependencies), ['markdown-status']);
    assert.equal(packageOf(sites.editor).dependencies['decap-cms'], generator.devDependencies['decap-cms']);
  });

  for (const file of ['deploy.yml', 'scheduled-rebuild.yml', 'pull-request.yml']) {
    it(`${file}: npm ci; the build gets STATUS_CMS_BACKEND=none without the editor, the repository variable with it`, async () => {
      for (const [set, backend] of [[workflows, 'none'], [withEditor, '${{ vars.STATUS_CMS_BACKEND }}']] as const) {
        const all = steps(set[file]!.data);
        const install = all.find((s) => /\bnpm ci\b/.test(s.run ?? ''))!;
        assert.equal(await installs(install), 'ci --no-audit --no-fund');
        const build = all.find((s) => s.run === 'npm run build')!;
        assert.equal(build.env?.STATUS_CMS_BACKEND, backend);
        assert.equal(build.env?.STATUS_CACHE, '.cache/status');
        const setup = all.find((s) => s.uses?.startsWith('actions/setup-node'))!;
        assert.equal(setup.with?.cache, 'npm');
        const cache = all.find((s) => s.uses?.startsWith('actions/cache'))!;
        assert.equal(cache.with?.path, '.cache/status');
      }
    });
  }

  it('the two variants differ only in that setting', () => {
    for (const file of Object.keys(workflows)) {
      assert.equal(withEditor[file]!.text.replaceAll('${{ vars.STATUS_CMS_BACKEND }}', 'none'), workflows[file]!.text, file);
    }
  });

  it('deploy and scheduled rebuild can be started by hand (workflow_dispatch)', () => {
    for (const file of ['deploy.yml', 'scheduled-rebuild.yml']) assert.ok('workflow_dispatch' in workflows[file]!.data.on, file);
  });
});

describe('scheduled rebuild: is a rebuild due?', () => {
  const w = workflows['scheduled-rebuild.yml']!.data;
  const dueStep = w.jobs.due!.steps.find((s) => s.id === 'due')!;
  let server: Server;
  let base = '';
  let nextChange: string | undefined;
  const temp = mkdtempSync(path.join(tmpdir(), 'status-workflow-'));

  before(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/status/next-change.txt') && nextChange !== undefined) res.end(nextChange);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status/`;
  });
  after(() => {
    server.close();
    rmSync(temp, { recursive: true, force: true });
  });

  /** Runs the step's own shell script as Actions would, with a local server as the site. */
  async function due(published: string | undefined, siteUrl = base, cwd = sites.lean): Promise<string> {
    nextChange = published;
    const output = path.join(temp, `output-${Math.random().toString(36).slice(2)}`);
    const script = dueStep.run!.replace(/\$\{\{\s*github\.event_name == 'workflow_dispatch'\s*\}\}/g, 'false');
    assert.doesNotMatch(script, /\$\{\{/, 'every expression in the step is replaced for the test');
    const child = spawn('bash', ['-e', '-c', script], { cwd, env: { ...process.env, SITE_URL: siteUrl, GITHUB_OUTPUT: output }, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    return readFileSync(output, 'utf8').trim();
  }

  it('rebuilds once the published next change has passed', async () => {
    assert.equal(await due('2001-01-01T00:00:00.000Z\n'), 'due=true');
  });
  it('waits while it is still ahead', async () => {
    assert.equal(await due('2999-01-01T00:00:00.000Z\n'), 'due=false');
  });
  it('rebuilds when nothing is published yet', async () => {
    assert.equal(await due(undefined), 'due=true');
    assert.equal(await due('not a time'), 'due=true');
  });
  it('reads the site address from content/site.yml when no variable is set', async () => {
    assert.match(dueStep.run!, /content\/site\.yml/);
    assert.equal(dueStep.env?.SITE_URL, '${{ vars.STATUS_SITE_URL }}');
    // A page made by init at the local server's address: the step finds it in the site file init wrote.
    const page = path.join(temp, 'page');
    initSite({ dir: page, ...INIT_DEFAULTS, url: base, now: Date.parse('2026-11-20T12:00:00Z') });
    assert.equal(await due('2999-01-01T00:00:00.000Z\n', '', page), 'due=false');
    assert.equal(await due('2001-01-01T00:00:00.000Z\n', '', page), 'due=true');
  });
  it('deploys with the same command and queue as the deploy workflow', () => {
    const rebuild = w.jobs.rebuild! as { steps: Step[]; if?: string; concurrency?: { group: string } };
    assert.equal(rebuild.if, "needs.due.outputs.due == 'true'");
    assert.equal(rebuild.concurrency?.group, (workflows['deploy.yml']!.data as unknown as { concurrency: { group: string } }).concurrency.group);
    assert.ok(rebuild.steps.some((s) => s.run === 'npm run deploy'));
  });
});

describe('pull request template', () => {
  it('exists and shows the commands', () => {
    const text = readFileSync(path.join(sites.lean, '.github/PULL_REQUEST_TEMPLATE.md'), 'utf8');
    assert.match(text, /npm run incident -- update <id>/);
  });
});

describe('dependabot', () => {
  it('follows markdown-status on npm and the actions, weekly', () => {
    const doc = parseDocument(readFileSync(path.join(sites.editor, '.github/dependabot.yml'), 'utf8'), { uniqueKeys: true });
    assert.deepEqual(doc.errors, []);
    const data = doc.toJS() as { version: number; updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string }; allow?: { 'dependency-name': string }[] }[] };
    assert.equal(data.version, 2);
    const npm = data.updates.find((u) => u['package-ecosystem'] === 'npm')!;
    assert.deepEqual(npm.allow, [{ 'dependency-name': 'markdown-status' }], 'decap-cms follows markdown-status through upgrade, not on its own');
    assert.deepEqual(data.updates.map((u) => [u['package-ecosystem'], u.directory, u.schedule.interval]), [['npm', '/', 'weekly'], ['github-actions', '/', 'weekly']]);
  });
});

describe("the generator's own workflow", () => {
  const own = readWorkflows(path.join(root, '.github/workflows'));
  const generatorScripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;

  it('is test.yml alone: the status page workflows live in src/authoring/starter/', () => {
    assert.deepEqual(Object.keys(own), ['test.yml']);
    assert.deepEqual(own['test.yml']!.doc.errors, []);
  });

  it('runs npm ci and npm test on pull requests and pushes to main, with Chromium for the browser tests', () => {
    const w = own['test.yml']!.data;
    assert.ok('pull_request' in w.on);
    assert.deepEqual((w.on.push as { branches: string[] }).branches, ['main']);
    const runs = steps(w).map((s) => s.run ?? s.uses ?? '');
    const at = (text: string) => runs.findIndex((r) => r.includes(text));
    assert.ok(at('npm ci --no-audit --no-fund') >= 0);
    assert.ok(at('/usr/bin/chromium') > at('npm ci') && at('npm test') > at('/usr/bin/chromium'));
    assert.ok('test' in generatorScripts);
    for (const s of steps(w).filter((s) => s.uses?.startsWith('actions/setup-node'))) assert.equal(String(s.with?.['node-version']), '20');
  });
});
