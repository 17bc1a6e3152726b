import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { STARTER_DIR } from '../../src/authoring/index.ts';

/* The probe workflow template (src/authoring/starter/probe.yml): a team copies it to run its probes on a schedule. */

interface Step {
  run?: string;
  uses?: string;
}

describe('the probe workflow template', () => {
  const text = readFileSync(path.join(STARTER_DIR, 'probe.yml'), 'utf8');
  const doc = parseDocument(text, { uniqueKeys: true });
  const workflow = doc.toJS() as {
    on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
    permissions: Record<string, string>;
    concurrency: { group: string; 'cancel-in-progress': boolean };
    jobs: Record<string, { 'timeout-minutes': number; steps: Step[] }>;
  };
  const jobs = Object.values(workflow.jobs);
  const steps = jobs.flatMap((j) => j.steps);

  it('is valid YAML that runs every five minutes and by hand, one run at a time', () => {
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(workflow.on.schedule, [{ cron: '*/5 * * * *' }]);
    assert.ok('workflow_dispatch' in workflow.on);
    assert.deepEqual(workflow.concurrency, { group: 'status-probe', 'cancel-in-progress': false });
  });

  it('may push the series to the state branch, and nothing more', () => {
    assert.deepEqual(workflow.permissions, { contents: 'write' });
  });

  it('runs markdown-status probe on the state branch with a deadline inside the job’s time limit', () => {
    const probe = steps.find((s) => /\bnpx markdown-status probe\b/.test(s.run ?? ''));
    assert.ok(probe, 'a probe step');
    assert.match(probe.run!, /--state-branch status-state/);
    const deadline = Number(/--deadline (\d+)/.exec(probe.run!)?.[1]);
    assert.ok(deadline > 0 && deadline < jobs[0]!['timeout-minutes'] * 60);
  });
});
