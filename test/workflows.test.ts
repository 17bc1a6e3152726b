import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseDocument } from 'yaml';

import { HOST_PROFILES, HOSTS, initSite, INIT_DEFAULTS, type Host } from '../src/authoring/index.ts';
import { runs, type Context } from './helpers/actions-expressions.ts';
import { readWorkflows, Runner, stepNamed, stepsOf, type Job, type Step, type WorkflowFile } from './helpers/workflows.ts';

/**
 * The workflows a status repository gets (src/authoring/starter/, written by `init` for each host
 * with sample answers, with and without the editor at /admin/), their shell steps run with
 * stand-ins for npm and npx, and the generator's own test workflow.
 */

const root = path.resolve(import.meta.dirname, '..');
const made = mkdtempSync(path.join(tmpdir(), 'status-starter-'));
const NOW = Date.parse('2026-11-20T12:00:00Z');
const sites = Object.fromEntries(HOSTS.map((host) => {
  const lean = path.join(made, host, 'lean');
  const editor = path.join(made, host, 'editor');
  initSite({ dir: lean, ...INIT_DEFAULTS, now: NOW, host });
  initSite({ dir: editor, ...INIT_DEFAULTS, now: NOW, host, editor: true });
  return [host, { lean, editor, workflows: readWorkflows(path.join(lean, '.github/workflows')), withEditor: readWorkflows(path.join(editor, '.github/workflows')) }];
})) as Record<Host, { lean: string; editor: string; workflows: Record<string, WorkflowFile>; withEditor: Record<string, WorkflowFile> }>;
const runner = new Runner();
after(() => {
  rmSync(made, { recursive: true, force: true });
  rmSync(runner.dir, { recursive: true, force: true });
});
const packageOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string>; engines: { node: string } };
const scripts = packageOf(sites.s3.lean).scripts;
const wf = (host: Host, file: string) => sites[host].workflows[file]!.data;

/** The contexts a run on GitHub would have: repository variables and secrets as given, unset ones empty. */
function context(options: { vars?: Record<string, string>; secrets?: Record<string, string>; event?: string; payload?: unknown; steps?: Context; needs?: Context; env?: Context } = {}): Context {
  return {
    vars: options.vars ?? {}, secrets: options.secrets ?? {}, env: options.env ?? {}, steps: options.steps ?? {}, needs: options.needs ?? {},
    github: { event_name: options.event ?? 'push', event: options.payload ?? {}, sha: 'c0ffee', run_id: '1' },
  };
}

/** A local server as the published site: next-change.txt says what it is told, and every request is counted. */
const site = { server: undefined as Server | undefined, base: '', nextChange: undefined as string | undefined, requests: 0 };
before(async () => {
  site.server = createServer((req, res) => {
    site.requests++;
    if (req.url?.startsWith('/status/next-change.txt') && site.nextChange !== undefined) res.end(site.nextChange);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.server!.listen(0, '127.0.0.1', resolve));
  site.base = `http://127.0.0.1:${(site.server!.address() as AddressInfo).port}/status/`;
});
after(() => site.server?.close());

describe('workflows of a status repository, for each host', () => {
  const expected: Record<Host, string[]> = {
    s3: ['deploy.yml', 'pull-request.yml', 'scheduled-rebuild.yml'],
    r2: ['deploy.yml', 'pull-request.yml', 'scheduled-rebuild.yml'],
    'github-pages': ['deploy.yml', 'pull-request.yml', 'scheduled-rebuild.yml'],
    netlify: ['notify.yml', 'pull-request.yml', 'scheduled-rebuild.yml'],
    'cloudflare-pages': ['notify.yml', 'pull-request.yml', 'scheduled-rebuild.yml'],
  };

  for (const host of HOSTS) {
    const { workflows, withEditor } = sites[host];
    describe(host, () => {
      it('has the workflows of its host, with and without the editor', () => {
        assert.deepEqual(Object.keys(workflows).sort(), expected[host]);
        assert.deepEqual(Object.keys(withEditor).sort(), expected[host]);
      });

      for (const [file, { text, doc, data }] of Object.entries(workflows)) {
        it(`${file}: valid YAML with a trigger, jobs that have steps or call a workflow, only npm scripts that exist, Node 20`, () => {
          assert.deepEqual(doc.errors, []);
          assert.deepEqual(withEditor[file]!.doc.errors, []);
          assert.doesNotMatch(text, /(?<!\$)\{\{/, 'every placeholder is filled');
          assert.ok(data.name && data.on && Object.keys(data.jobs).length);
          for (const [name, job] of Object.entries(data.jobs)) {
            if (job.uses) {
              assert.match(job.uses, /^\.\/\.github\/workflows\/[\w-]+\.yml$/, `${name} calls a workflow of this repository`);
              assert.ok(workflows[path.basename(job.uses)], `${name} calls ${job.uses}, which exists`);
              assert.ok('workflow_call' in workflows[path.basename(job.uses)]!.data.on, `${job.uses} may be called`);
            } else {
              assert.ok(job['runs-on'], `${name} has runs-on`);
              assert.ok(job.steps?.length, `${name} has steps`);
              for (const step of job.steps!) assert.ok(Boolean(step.run) !== Boolean(step.uses), `${name}: a step either runs or uses`);
            }
            for (const need of [job.needs ?? []].flat()) assert.ok(need in data.jobs, `${name} needs an existing job`);
          }
          const called = stepsOf(data).flatMap((s) => [...(s.run ?? '').matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
          for (const name of called) assert.ok(name in scripts, `${file} runs "npm run ${name}", which package.json does not define`);
          assert.doesNotMatch(stepsOf(data).map((s) => s.run ?? '').join('\n'), /\bnpm (run )?test\b/, 'a status repository has no tests');
          for (const s of stepsOf(data).filter((s) => s.uses?.startsWith('actions/setup-node'))) assert.equal(String(s.with?.['node-version']), '20');
        });
      }

      it('the variants with and without the editor differ only in STATUS_CMS_BACKEND', () => {
        for (const file of Object.keys(workflows)) {
          assert.equal(withEditor[file]!.text.replaceAll('${{ vars.STATUS_CMS_BACKEND }}', 'none'), workflows[file]!.text, file);
        }
      });

      it('every install is npm ci; every build gets the cache and STATUS_CMS_BACKEND', async () => {
        for (const [set, backend] of [[workflows, 'none'], [withEditor, '${{ vars.STATUS_CMS_BACKEND }}']] as const) {
          for (const { data } of Object.values(set)) {
            for (const job of Object.values(data.jobs)) {
              const all = job.steps ?? [];
              const install = all.find((s) => /\bnpm ci\b/.test(s.run ?? ''));
              if (install) {
                const ran = await runner.run(install, runner.dir, context());
                assert.deepEqual(ran.calls.map((c) => `${c.command} ${c.args}`), ['npm ci --no-audit --no-fund']);
                assert.equal(all.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.cache, 'npm');
              }
              const build = all.find((s) => s.run === 'npm run build');
              if (build) {
                assert.equal(build.env?.STATUS_CMS_BACKEND, backend);
                assert.equal(build.env?.STATUS_CACHE, '.cache/status');
                assert.equal(all.find((s) => s.uses?.startsWith('actions/cache'))?.with?.path, '.cache/status');
              }
            }
          }
        }
      });
    });
  }

  it('pull request (every host): checks, builds and uploads the site as a preview', () => {
    const w = wf('s3', 'pull-request.yml');
    for (const host of HOSTS) assert.equal(sites[host].workflows['pull-request.yml']!.text, sites.s3.workflows['pull-request.yml']!.text);
    assert.ok('pull_request' in w.on);
    const steps = stepsOf(w).map((s) => s.run ?? s.uses ?? '');
    const at = (text: string) => steps.findIndex((r) => r.includes(text));
    assert.ok(at('npm run check') >= 0 && at('npm run check') < at('npm run build'), 'check runs first, so its annotations show even when the build fails');
    assert.ok(at('actions/upload-artifact') > at('npm run build'));
    assert.equal(at('chromium'), -1, 'no browser: nothing runs the browser tests');
    assert.equal(stepsOf(w).find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path, '_site/');
  });
});

describe('S3 + CloudFront: deploy', () => {
  const w = wf('s3', 'deploy.yml');
  const job = w.jobs.deploy!;
  const credentials = stepNamed(job, 'AWS credentials');
  const deploy = stepNamed(job, 'Deploy');
  const vars = { STATUS_S3_BUCKET: 'status-example', STATUS_S3_REGION: 'eu-west-1', STATUS_CLOUDFRONT_DISTRIBUTION_ID: 'E2EXAMPLE', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/status-deploy' };

  it('runs on pushes to main, by hand, and when the scheduled rebuild calls it, in the production environment', () => {
    assert.deepEqual((w.on.push as { branches: string[] }).branches, ['main']);
    assert.ok('workflow_dispatch' in w.on && 'workflow_call' in w.on);
    assert.equal(job.environment, 'production');
    assert.equal(job.concurrency?.group, 'deploy');
    assert.equal(job.concurrency?.['cancel-in-progress'], false);
  });

  it('the deploy step passes the distribution id, bucket, region and prefix to npm run deploy', async () => {
    const ran = await runner.run(deploy, sites.s3.lean, context({ vars: { ...vars, STATUS_S3_PREFIX: 'status/' }, secrets: { SLACK_WEBHOOK_URL: 'https://hooks.example/x' } }));
    assert.equal(ran.code, 0, ran.stdout);
    assert.deepEqual(ran.calls.map((c) => `${c.command} ${c.args}`), ['npm run deploy']);
    const env = ran.calls[0]!.env;
    assert.equal(env.STATUS_CLOUDFRONT_DISTRIBUTION_ID, 'E2EXAMPLE');
    assert.equal(env.STATUS_S3_BUCKET, 'status-example');
    assert.equal(env.STATUS_S3_REGION, 'eu-west-1');
    assert.equal(env.STATUS_S3_PREFIX, 'status/');
    // The name deploy reads it by (scripts/deploy.ts, --distribution).
    assert.match(readFileSync(path.join(root, 'scripts/deploy.ts'), 'utf8'), /env\.STATUS_CLOUDFRONT_DISTRIBUTION_ID/);
  });

  it('signs in with the OIDC role by default, with static keys when only they are set, and hides neither', () => {
    assert.equal(credentials.uses, 'aws-actions/configure-aws-credentials@v4');
    assert.equal(credentials.with?.['role-to-assume'], '${{ vars.AWS_ROLE_ARN }}');
    assert.equal(credentials.with?.['aws-access-key-id'], '${{ secrets.AWS_ACCESS_KEY_ID }}');
    assert.equal(w.permissions?.['id-token'], 'write', 'the OIDC token needs id-token: write');
    const at = (s: Step) => job.steps!.indexOf(s);
    assert.ok(at(credentials) < at(deploy) && at(credentials) > at(stepNamed(job, 'Build the site')));
    // The step is skipped only when neither a role nor keys are set.
    const keysSet = (secret: string) => ({ AWS_STATIC_KEYS: String(secret !== '') });
    assert.ok(runs(credentials.if, context({ vars: { AWS_ROLE_ARN: vars.AWS_ROLE_ARN }, env: keysSet('') })), 'the role');
    assert.ok(runs(credentials.if, context({ env: keysSet('AKIAEXAMPLE') })), 'static keys');
    assert.ok(!runs(credentials.if, context({ env: keysSet('') })), 'skipped with neither');
    assert.equal(job.env?.AWS_STATIC_KEYS, "${{ secrets.AWS_ACCESS_KEY_ID != '' }}");
    // An AWS_ACCESS_KEY_ID in the deploy step's env would hide the role's credentials the step before exported.
    assert.ok(!Object.keys(deploy.env ?? {}).some((k) => k.startsWith('AWS_')));
  });
});

describe('Cloudflare R2: deploy', () => {
  const job = wf('r2', 'deploy.yml').jobs.deploy!;

  it('passes the endpoint and the token\'s keys, region auto by default, and no CloudFront id', async () => {
    const ran = await runner.run(stepNamed(job, 'Deploy'), sites.r2.lean, context({
      vars: { STATUS_S3_BUCKET: 'status', STATUS_S3_ENDPOINT: 'https://0123.r2.cloudflarestorage.com' },
      secrets: { AWS_ACCESS_KEY_ID: 'r2-key', AWS_SECRET_ACCESS_KEY: 'r2-secret' },
    }));
    assert.equal(ran.code, 0, ran.stdout);
    const env = ran.calls[0]!.env;
    assert.equal(ran.calls[0]!.args, 'run deploy');
    assert.equal(env.STATUS_S3_ENDPOINT, 'https://0123.r2.cloudflarestorage.com');
    assert.equal(env.STATUS_S3_REGION, 'auto');
    assert.equal(env.AWS_ACCESS_KEY_ID, 'r2-key');
    assert.equal(env.AWS_SECRET_ACCESS_KEY, 'r2-secret');
    assert.equal(env.STATUS_CLOUDFRONT_DISTRIBUTION_ID, undefined);
    assert.ok(!job.steps!.some((s) => s.uses?.startsWith('aws-actions/')), 'R2 takes no OIDC token');
  });
});

describe('scheduled rebuild: is a rebuild due? (S3, R2, GitHub Pages)', () => {
  for (const host of ['s3', 'r2', 'github-pages'] as const) {
    describe(host, () => {
      const w = wf(host, 'scheduled-rebuild.yml');
      const dueStep = stepNamed(w.jobs.due!, 'due');
      const bucket: Record<string, string> = host === 'github-pages' ? {} : { STATUS_S3_BUCKET: 'status-example' };

      async function due(published: string | undefined, options: { vars?: Record<string, string>; event?: string; cwd?: string } = {}) {
        site.nextChange = published;
        const ran = await runner.run(dueStep, options.cwd ?? sites[host].lean, context({ vars: options.vars ?? { ...bucket, STATUS_SITE_URL: site.base }, event: options.event ?? 'schedule' }));
        assert.equal(ran.code, 0, `green whatever it finds: ${ran.stdout}`);
        return ran;
      }

      it('rebuilds once the published next change has passed, waits while it is ahead', async () => {
        assert.equal((await due('2001-01-01T00:00:00.000Z\n')).outputs.due, 'true');
        assert.equal((await due('2999-01-01T00:00:00.000Z\n')).outputs.due, 'false');
      });
      it('does not rebuild a page that is not published yet, or out of reach, and says so', async () => {
        for (const published of [undefined, 'not a time', '<!doctype html><title>Not found</title>']) {
          const ran = await due(published);
          assert.equal(ran.outputs.due, 'false');
          assert.match(ran.stdout, /::notice title=Nothing to rebuild::no next-change time at http:\/\/127\.0\.0\.1:\d+\/status\/next-change\.txt/);
        }
        const closed = await due(undefined, { vars: { ...bucket, STATUS_SITE_URL: 'http://127.0.0.1:9/status/' } });
        assert.equal(closed.outputs.due, 'false');
      });
      it('rebuilds when started by hand', async () => {
        assert.equal((await due('2999-01-01T00:00:00.000Z\n', { event: 'workflow_dispatch' })).outputs.due, 'true');
      });
      it('reads the site address from content/site.yml when no variable is set', async () => {
        const page = path.join(made, `${host}-at-local-address`);
        initSite({ dir: page, ...INIT_DEFAULTS, url: site.base, now: NOW, host });
        assert.equal((await due('2999-01-01T00:00:00.000Z\n', { cwd: page, vars: bucket })).outputs.due, 'false');
        assert.equal((await due('2001-01-01T00:00:00.000Z\n', { cwd: page, vars: bucket })).outputs.due, 'true');
      });
      if (host !== 'github-pages') {
        it('before a bucket is set: "not set up yet", green, and not a request made', async () => {
          const before = site.requests;
          const ran = await due('2001-01-01T00:00:00.000Z\n', { vars: { STATUS_SITE_URL: site.base } });
          assert.equal(ran.outputs.due, 'false');
          assert.match(ran.stdout, /::notice title=Not set up yet::the variable STATUS_S3_BUCKET is not set/);
          assert.equal(site.requests, before);
          assert.equal((await due('2001-01-01T00:00:00.000Z\n', { vars: { STATUS_SITE_URL: site.base }, event: 'workflow_dispatch' })).outputs.due, 'false');
        });
      }
      it('rebuilds by running the Deploy workflow itself, with the permissions it needs', () => {
        const rebuild = w.jobs.rebuild!;
        assert.equal(rebuild.if, "needs.due.outputs.due == 'true'");
        assert.equal(rebuild.uses, './.github/workflows/deploy.yml');
        assert.equal(rebuild.secrets, 'inherit');
        const deploy = wf(host, 'deploy.yml');
        const needed = { ...deploy.permissions, ...Object.assign({}, ...Object.values(deploy.jobs).map((j) => j.permissions ?? {})) } as Record<string, string>;
        for (const [scope, level] of Object.entries(needed)) {
          assert.ok(level === 'read' ? rebuild.permissions?.[scope] !== undefined : rebuild.permissions?.[scope] === 'write', `the rebuild grants ${scope}: ${level}`);
        }
        assert.ok(runs(rebuild.if, context({ needs: { due: { outputs: { due: 'true' } } } })), 'due');
        assert.ok(!runs(rebuild.if, context({ needs: { due: { outputs: { due: 'false' } } } })), 'not due');
      });
    });
  }
});

describe('GitHub Pages: deploy, then notify', () => {
  const w = wf('github-pages', 'deploy.yml');
  const { build, deploy, notify } = w.jobs as Record<'build' | 'deploy' | 'notify', Job>;

  it('builds, uploads _site/ as the Pages artifact and publishes it with deploy-pages', () => {
    const uses = build.steps!.map((s) => s.run ?? s.uses ?? '');
    assert.ok(uses.indexOf('actions/upload-pages-artifact@v3') > uses.indexOf('npm run build'));
    assert.equal(build.steps!.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path, '_site/');
    assert.equal(deploy.needs, 'build');
    assert.deepEqual(deploy.steps!.map((s) => s.uses), ['actions/deploy-pages@v4']);
    assert.deepEqual(deploy.permissions, { pages: 'write', 'id-token': 'write' });
    assert.deepEqual(deploy.environment, { name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' });
  });

  it('notifies only after the deploy job, as of the instant the page was built, with the ledger on status-state', async () => {
    assert.deepEqual(notify.needs, ['build', 'deploy'], 'a job runs only when those it needs succeeded');
    assert.equal(notify.if, undefined);
    assert.deepEqual(notify.permissions, { contents: 'write' });
    assert.equal(notify.concurrency?.group, 'notify');
    const now = await runner.run(stepNamed(build, 'now'), sites['github-pages'].lean, context());
    assert.match(now.outputs.now!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(stepNamed(build, 'Build the site').env?.STATUS_NOW, '${{ steps.now.outputs.now }}');
    assert.equal(build.outputs?.now, '${{ steps.now.outputs.now }}');
    const ran = await runner.run(stepNamed(notify, 'Notify'), sites['github-pages'].lean, context({ needs: { build: { outputs: { now: now.outputs.now } } }, secrets: { SLACK_WEBHOOK_URL: 'https://hooks.example/x' } }));
    assert.equal(ran.code, 0, ran.stdout);
    assert.deepEqual(ran.calls.map((c) => `${c.command} ${c.args}`), ['npx markdown-status notify --ledger-branch status-state']);
    assert.equal(ran.calls[0]!.env.STATUS_NOW, now.outputs.now);
  });
});

describe('Netlify and Cloudflare Pages: the host builds; notify on its deployment, rebuild through its hook', () => {
  const toml = readFileSync(path.join(sites.netlify.lean, 'netlify.toml'), 'utf8');

  it('netlify.toml: build command, publish folder and Node version; headers from the build\'s _headers', () => {
    assert.match(toml, /^\[build\]\n {2}command = "npm run build"\n {2}publish = "_site"$/m);
    assert.match(toml, /^\[build\.environment\]\n {2}NODE_VERSION = "20"$/m);
    assert.doesNotMatch(toml, /^\s*\[\[headers\]\]/m, 'a second header rule would join with _headers');
    assert.ok(!sites['cloudflare-pages'].workflows['deploy.yml'] && !sites.netlify.workflows['deploy.yml'], 'the host deploys, not a workflow');
  });

  for (const host of ['netlify', 'cloudflare-pages'] as const) {
    describe(host, () => {
      const notify = wf(host, 'notify.yml');
      const job = notify.jobs.notify!;
      const event = (state: string, environment: string) => context({ event: 'deployment_status', payload: { deployment_status: { state, environment }, deployment: { environment, sha: 'abc123' } } });

      it('runs on deployment_status, only when a production deploy succeeded', () => {
        assert.ok('deployment_status' in notify.on);
        for (const environment of ['Production', 'production', `Production: status-example`, 'status-example (Production)']) {
          assert.ok(runs(job.if, event('success', environment)), environment);
        }
        for (const [state, environment] of [['success', 'Preview'], ['success', 'deploy-preview'], ['success', 'status-example (Preview)'], ['pending', 'Production'], ['in_progress', 'Production'], ['failure', 'Production'], ['error', 'Production']] as const) {
          assert.ok(!runs(job.if, event(state, environment)), `${state} ${environment}`);
        }
        const named = (environment: string) => ({ ...event('success', environment), vars: { STATUS_PRODUCTION_ENVIRONMENT: 'live' } });
        assert.ok(runs(job.if, named('live')), 'the environment named by the variable');
        assert.ok(!runs(job.if, named('Production')), 'only the one named by the variable');
        assert.ok(runs(job.if, context({ event: 'workflow_dispatch' })), 'by hand');
      });

      it('one run at a time, the job (not the workflow) queued, so a preview\'s status never cancels a waiting production run', () => {
        assert.equal(notify.concurrency, undefined);
        assert.deepEqual(job.concurrency, { group: 'notify', 'cancel-in-progress': false });
        assert.deepEqual(notify.permissions, { contents: 'write' });
        assert.equal(job.steps![0]!.with?.ref, '${{ github.event.deployment.sha || github.sha }}');
      });

      it('notifies as of the live page: just before its next change when that has passed, else now', async () => {
        const asOf = stepNamed(job, 'As of the live page');
        const at = async (published: string | undefined) => {
          site.nextChange = published;
          const ran = await runner.run(asOf, sites[host].lean, context({ vars: { STATUS_SITE_URL: site.base } }));
          assert.equal(ran.code, 0, ran.stdout);
          return ran.exported.STATUS_NOW;
        };
        assert.equal(await at('2001-01-01T00:00:00.000Z\n'), '2000-12-31T23:59:59Z');
        assert.equal(await at('2999-01-01T00:00:00.000Z\n'), undefined);
        assert.equal(await at(undefined), undefined);
        const ran = await runner.run(stepNamed(job, 'Notify'), sites[host].lean, context({ secrets: { STATUS_WEBHOOK_URL: 'https://example.org/hook' } }));
        assert.deepEqual(ran.calls.map((c) => `${c.command} ${c.args}`), ['npx markdown-status notify --ledger-branch status-state']);
        assert.equal(ran.calls[0]!.env.STATUS_WEBHOOK_URL, 'https://example.org/hook');
      });

      describe('scheduled rebuild', () => {
        const rebuild = wf(host, 'scheduled-rebuild.yml').jobs.rebuild!;
        const setup = stepNamed(rebuild, 'setup');
        const later = rebuild.steps!.slice(rebuild.steps!.indexOf(setup) + 1);

        it('without a build hook: "not set up yet", green, and nothing installed or run', async () => {
          const ran = await runner.run(setup, sites[host].lean, context());
          assert.equal(ran.code, 0);
          assert.equal(ran.outputs.ready, 'false');
          assert.match(ran.stdout, new RegExp(`::notice title=Not set up yet::the secret STATUS_BUILD_HOOK_URL \\(the build hook of ${HOST_PROFILES[host].label}\\) is not set`));
          for (const step of later) assert.ok(!runs(step.if, context({ steps: { setup: { outputs: ran.outputs } } })), step.name ?? step.uses);
        });

        it('with one: runs markdown-status rebuild with the hook and the page\'s address', async () => {
          const hook = { STATUS_BUILD_HOOK_URL: 'https://api.netlify.example/build_hooks/abc' };
          const ready = await runner.run(setup, sites[host].lean, context({ secrets: hook }));
          assert.equal(ready.outputs.ready, 'true');
          for (const step of later) assert.ok(runs(step.if, context({ steps: { setup: { outputs: ready.outputs } } })), step.name ?? step.uses);
          const start = stepNamed(rebuild, 'Start a build when the page is due to change');
          const fromFile = await runner.run(start, sites[host].lean, context({ secrets: hook }));
          assert.equal(fromFile.code, 0, fromFile.stdout);
          assert.deepEqual(fromFile.calls.map((c) => `${c.command} ${c.args}`), ['npx markdown-status rebuild --site-url https://status.example.com/']);
          assert.equal(fromFile.calls[0]!.env.STATUS_BUILD_HOOK_URL, hook.STATUS_BUILD_HOOK_URL);
          const fromVariable = await runner.run(start, sites[host].lean, context({ secrets: hook, vars: { STATUS_SITE_URL: 'https://example.org/status/' } }));
          assert.equal(fromVariable.calls[0]!.args, 'markdown-status rebuild --site-url https://example.org/status/');
          // The request is recorded on the branch status-state before the hook is called.
          assert.deepEqual(wf(host, 'scheduled-rebuild.yml').permissions, { contents: 'write' });
        });
      });
    });
  }
});


describe('installing: what package.json names; /admin/ only with the editor', () => {
  it('decap-cms is a dependency with the editor only, at the version markdown-status builds /admin/ with', () => {
    const generator = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    assert.equal(packageOf(sites.s3.lean).engines.node, '>=20.19');
    assert.deepEqual(Object.keys(packageOf(sites.s3.lean).dependencies), ['markdown-status']);
    assert.equal(packageOf(sites.s3.editor).dependencies['decap-cms'], generator.devDependencies['decap-cms']);
  });

  it('deploy and scheduled rebuild can be started by hand (workflow_dispatch)', () => {
    for (const host of HOSTS) {
      for (const file of ['deploy.yml', 'scheduled-rebuild.yml', 'notify.yml']) {
        const w = sites[host].workflows[file];
        if (w) assert.ok('workflow_dispatch' in w.data.on, `${host} ${file}`);
      }
    }
  });
});

describe('pull request template', () => {
  it('exists and shows the commands', () => {
    const text = readFileSync(path.join(sites.s3.lean, '.github/PULL_REQUEST_TEMPLATE.md'), 'utf8');
    assert.match(text, /npm run incident -- update <id>/);
  });
});

describe('dependabot', () => {
  it('follows markdown-status on npm and the actions, weekly', () => {
    const doc = parseDocument(readFileSync(path.join(sites.s3.editor, '.github/dependabot.yml'), 'utf8'), { uniqueKeys: true });
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
    const commands = stepsOf(w).map((s) => s.run ?? s.uses ?? '');
    const at = (text: string) => commands.findIndex((r) => r.includes(text));
    assert.ok(at('npm ci --no-audit --no-fund') >= 0);
    assert.ok(at('/usr/bin/chromium') > at('npm ci') && at('npm test') > at('/usr/bin/chromium'));
    assert.ok('test' in generatorScripts);
    for (const s of stepsOf(w).filter((s) => s.uses?.startsWith('actions/setup-node'))) assert.equal(String(s.with?.['node-version']), '20');
  });
});
