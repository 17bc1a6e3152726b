import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { DISPATCH_EVENT } from '../../src/alerts/index.ts';
import { STARTER_DIR } from '../../src/authoring/index.ts';

/* The alert workflow template (src/authoring/starter/alert.yml): what the relay's dispatch starts. */

interface Step {
  run?: string;
  uses?: string;
}

describe('the alert workflow template', () => {
  const text = readFileSync(path.join(STARTER_DIR, 'alert.yml'), 'utf8');
  const doc = parseDocument(text, { uniqueKeys: true });
  const workflow = doc.toJS() as { on: { repository_dispatch: { types: string[] } }; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  it('is valid YAML that runs on the relay’s dispatch event, with the permissions drafts need and no more', () => {
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(workflow.on.repository_dispatch.types, [DISPATCH_EVENT]);
    assert.deepEqual(workflow.permissions, { contents: 'write', 'pull-requests': 'write' });
  });

  it('drafts incidents with the run’s own token', () => {
    const step = steps.find((s) => /\bnpx markdown-status alert --draft\b/.test(s.run ?? '')) as Step & { env?: Record<string, string> };
    assert.ok(step, 'a step runs markdown-status alert --draft');
    assert.deepEqual(step.env, { GITHUB_TOKEN: '${{ github.token }}' });
  });

  it('runs markdown-status alert, which reads the event file itself: no alert text is pasted into a shell', () => {
    assert.ok(steps.some((s) => /\bnpx markdown-status alert\b/.test(s.run ?? '')));
    for (const s of steps) assert.doesNotMatch(s.run ?? '', /\$\{\{\s*github\.event/);
  });
});
