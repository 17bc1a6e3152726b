import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseDocument } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, '.github/workflows');
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;

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

const workflows = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => {
      const doc = parseDocument(readFileSync(path.join(dir, f), 'utf8'), { uniqueKeys: true });
      return [f, { doc, data: doc.toJS() as Workflow }];
    }),
);
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

describe('workflows', () => {
  it('are the three the README describes', () => {
    assert.deepEqual(Object.keys(workflows).sort(), ['deploy.yml', 'pull-request.yml', 'scheduled-rebuild.yml']);
  });

  for (const [file, { doc, data }] of Object.entries(workflows)) {
    describe(file, () => {
      it('is valid YAML with a trigger and jobs that have steps', () => {
        assert.deepEqual(doc.errors, []);
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
        if (/\bnpm test\b/.test(steps(data).map((s) => s.run ?? '').join('\n'))) assert.ok('test' in scripts);
      });

      it('uses Node 20, as package.json engines do', () => {
        for (const s of steps(data).filter((s) => s.uses?.startsWith('actions/setup-node'))) assert.equal(String(s.with?.['node-version']), '20');
      });
    });
  }

  it('pull request: checks, builds, tests and uploads the site as a preview', () => {
    const w = workflows['pull-request.yml']!.data;
    assert.ok('pull_request' in w.on);
    const runs = steps(w).map((s) => s.run ?? s.uses ?? '');
    const at = (text: string) => runs.findIndex((r) => r.includes(text));
    assert.ok(at('npm run check') >= 0 && at('npm run check') < at('npm run build'), 'check runs first, so its annotations show even when the build fails');
    assert.ok(at('npm test') > at('npm run build'));
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

describe('installing: lean unless the page has /admin/', () => {
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

  async function installs(step: Step, backend: string): Promise<string> {
    rmSync(log, { force: true });
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, STATUS_CMS_BACKEND: backend };
    const child = spawn('bash', ['-e', '-c', step.run!], { cwd: temp, env, stdio: 'ignore' });
    assert.equal(await new Promise<number | null>((resolve) => child.on('close', resolve)), 0);
    return readFileSync(log, 'utf8').trim();
  }

  for (const file of ['deploy.yml', 'scheduled-rebuild.yml']) {
    it(`${file}: npm ci --omit=dev with STATUS_CMS_BACKEND=none, everything otherwise; the build sees the same setting`, async () => {
      const all = steps(workflows[file]!.data);
      const install = all.find((s) => /\bnpm ci\b/.test(s.run ?? ''))!;
      assert.equal(install.env?.STATUS_CMS_BACKEND, '${{ vars.STATUS_CMS_BACKEND }}');
      assert.equal(await installs(install, 'none'), 'ci --omit=dev --no-audit --no-fund');
      assert.equal(await installs(install, ''), 'ci --no-audit --no-fund');
      assert.equal(await installs(install, 'github'), 'ci --no-audit --no-fund');
      const build = all.find((s) => s.run === 'npm run build')!;
      assert.equal(build.env?.STATUS_CMS_BACKEND, install.env.STATUS_CMS_BACKEND);
      const setup = all.find((s) => s.uses?.startsWith('actions/setup-node'))!;
      assert.equal(setup.with?.cache, 'npm');
    });
  }

  it('pull request: everything, as the tests need the dev dependencies', () => {
    const runs = steps(workflows['pull-request.yml']!.data).map((s) => s.run ?? '');
    assert.ok(runs.includes('npm ci --no-audit --no-fund'));
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
  async function due(published: string | undefined): Promise<string> {
    nextChange = published;
    const output = path.join(temp, `output-${Math.random().toString(36).slice(2)}`);
    const script = dueStep.run!.replace(/\$\{\{\s*github\.event_name == 'workflow_dispatch'\s*\}\}/g, 'false');
    assert.doesNotMatch(script, /\$\{\{/, 'every expression in the step is replaced for the test');
    const child = spawn('bash', ['-e', '-c', script], { cwd: root, env: { ...process.env, SITE_URL: base, GITHUB_OUTPUT: output }, stdio: 'ignore' });
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
  it('reads the site address from content/site.yml when no variable is set', () => {
    assert.match(dueStep.run!, /content\/site\.yml/);
    assert.equal(dueStep.env?.SITE_URL, '${{ vars.STATUS_SITE_URL }}');
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
    const text = readFileSync(path.join(root, '.github/PULL_REQUEST_TEMPLATE.md'), 'utf8');
    assert.match(text, /npm run incident -- update <id>/);
  });
});
