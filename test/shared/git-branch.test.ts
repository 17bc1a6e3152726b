import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { StatusError } from '../../src/shared/errors.ts';
import { branchFile, branchFolder, type BranchFileOptions, type BranchFolderOptions } from '../../src/shared/git-branch.ts';
import { git, GIT_ENV, gitRemote } from '../helpers/git-remote.ts';

const NOW = Date.parse('2026-11-20T09:30:00Z');
const env = { ...process.env, ...GIT_ENV };
const open = (cwd: string, extra: Partial<BranchFileOptions> = {}) => branchFile({ cwd, branch: 'status-state', file: 'ledger.json', env, now: NOW, ...extra });
const lines = (text: string | undefined) => (text ?? '').split('\n').filter(Boolean);
const append = (line: string) => (old: string | undefined) => `${old ?? ''}${line}\n`;

describe('branchFile: one file on a branch of the remote', () => {
  const remote = gitRemote();
  after(() => rmSync(remote.root, { recursive: true, force: true }));
  const a = remote.clone('a');
  const b = remote.clone('b');

  it('reads nothing while the branch is missing', async () => {
    assert.equal(await open(a).read(), undefined);
    assert.equal(git(remote.bare, 'branch', '--list', 'status-state'), '');
  });

  it('creates the branch with no parent, as markdown-status at the caller’s now, leaving the checkout alone', async () => {
    const before = { head: git(a, 'rev-parse', 'HEAD'), branch: git(a, 'branch', '--show-current') };
    await open(a).update(append('one'));
    const tip = git(remote.bare, 'rev-parse', 'status-state');
    assert.equal(git(remote.bare, 'rev-list', '--count', tip), '1');
    assert.equal(git(remote.bare, 'log', '-1', '--format=%an <%ae>|%cn|%aI|%cI', tip), 'markdown-status <noreply@markdown-status.invalid>|markdown-status|2026-11-20T09:30:00+00:00|2026-11-20T09:30:00+00:00');
    assert.equal(git(remote.bare, 'ls-tree', '--name-only', tip), 'ledger.json');
    assert.deepEqual({ head: git(a, 'rev-parse', 'HEAD'), branch: git(a, 'branch', '--show-current') }, before);
    assert.equal(git(a, 'status', '--porcelain'), '');
    assert.equal(git(a, 'branch', '--list'), '* main', 'no local branch is made');
  });

  it('reads in another clone what one wrote, and writes on top of it, keeping the other files', async () => {
    assert.deepEqual(lines(await open(b).read()), ['one']);
    await open(b, { file: 'other.txt' }).update(() => 'kept\n');
    await open(b).update(append('two'));
    assert.deepEqual(lines(await open(a).read()), ['one', 'two']);
    assert.equal(await open(a, { file: 'other.txt' }).read(), 'kept\n');
    assert.equal(git(remote.bare, 'rev-list', '--count', 'status-state'), '3');
  });

  it('writes nothing when the change leaves the text as it was', async () => {
    const tip = git(remote.bare, 'rev-parse', 'status-state');
    await open(a).update((old) => old!);
    assert.equal(git(remote.bare, 'rev-parse', 'status-state'), tip);
  });

  it('works in a shallow checkout and keeps it shallow', async () => {
    const shallow = remote.clone('shallow', { shallow: true });
    assert.equal(git(shallow, 'rev-parse', '--is-shallow-repository'), 'true');
    await open(shallow).update(append('three'));
    assert.deepEqual(lines(await open(a).read()), ['one', 'two', 'three']);
    assert.equal(git(shallow, 'rev-parse', '--is-shallow-repository'), 'true');
  });

  it('loses nothing when two clones write at once: the one refused fetches, re-applies and pushes again', async () => {
    let refused = 0;
    const onRefused = () => void refused++;
    const rounds = 5;
    for (let i = 0; i < rounds; i++) {
      await Promise.all([open(a, { onRefused }).update(append(`a${i}`)), open(b, { onRefused }).update(append(`b${i}`))]);
    }
    const got = lines(await open(a).read()).slice(3);
    assert.equal(got.length, rounds * 2);
    assert.deepEqual([...got].sort(), Array.from({ length: rounds }, (_, i) => [`a${i}`, `b${i}`]).flat().sort());
    // Each refusal is a fetch and a second try; how many there are depends on scheduling.
    console.log(`two writers, ${rounds} rounds: ${refused} pushes refused and retried`);
  });

  it('gives up after the attempts when other runs keep pushing first, naming branch and remote', async () => {
    const c = remote.clone('c');
    let n = 0;
    // Each time the change runs, another clone pushes first, synchronously, as a faster run would.
    const interfere = (old: string | undefined) => {
      execFileSync('git', ['-C', b, 'fetch', '--quiet', 'origin', 'status-state'], { env });
      const tree = git(b, 'rev-parse', 'FETCH_HEAD^{tree}');
      const commit = git(b, 'commit-tree', tree, '-p', 'FETCH_HEAD', '-m', `interfere ${n++}`);
      git(b, 'push', '--quiet', 'origin', `${commit}:refs/heads/status-state`);
      return `${old}mine\n`;
    };
    await assert.rejects(open(c, { attempts: 3 }).update(interfere), (error: StatusError) => {
      assert.ok(error instanceof StatusError);
      assert.match(error.message, /ledger\.json on branch status-state of origin: other runs pushed first 3 times in a row — run again/);
      return true;
    });
    assert.equal(n, 3);
    assert.ok(!lines(await open(a).read()).includes('mine'));
  });

  it('says which remote it could not reach, and what to check', async () => {
    git(a, 'remote', 'add', 'gone', path.join(remote.root, 'nowhere.git'));
    await assert.rejects(open(a, { remote: 'gone' }).read(), /could not fetch branch status-state from the remote "gone": .* — check that the remote exists \(git remote -v\) and that this job can read the repository/);
    await assert.rejects(open(a, { remote: 'nope' }).update(append('x')), /from the remote "nope"/);
  });

  it('says the job needs write access when the remote refuses the push', async () => {
    const hook = path.join(remote.bare, 'hooks/pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "protected branch" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    try {
      await assert.rejects(open(a).update(append('x')), /could not push branch status-state to the remote "origin": .* — the job needs write access to the repository \(on GitHub Actions: permissions: contents: write\)/);
    } finally {
      rmSync(hook);
    }
  });

  it('refuses a file name with a folder and a branch name git does not take', async () => {
    assert.throws(() => open(a, { file: 'a/b.json' }), /give a plain file name/);
    await assert.rejects(open(a, { branch: 'bad..name' }).read(), /"bad\.\.name" is not a valid branch name/);
  });

  it('says so when the folder is not in a repository', async () => {
    await assert.rejects(open(remote.root).read(), /is not in a git repository/);
  });
});

describe('branchFolder: several files of one folder, written in one commit', () => {
  const remote = gitRemote();
  after(() => rmSync(remote.root, { recursive: true, force: true }));
  const a = remote.clone('a');
  const b = remote.clone('b');
  const folder = (cwd: string, extra: Partial<BranchFolderOptions> = {}) => branchFolder({ cwd, branch: 'status-state', folder: 'probes', env, now: NOW, ...extra });
  const appendAll = (lines: Record<string, string>) => (old: ReadonlyMap<string, string>) =>
    new Map(Object.entries(lines).map(([name, line]) => [name, `${old.get(name) ?? ''}${line}\n`]));

  it('reads an empty folder while the branch is missing, then writes two files in one commit beside a root file', async () => {
    assert.deepEqual(await folder(a).read(), new Map());
    await open(a).update(() => 'ledger\n');
    await folder(a).update(appendAll({ 'api.jsonl': 'a1', 'web.jsonl': 'w1 — “déjà vu” ✓' }));
    assert.equal(git(remote.bare, 'rev-list', '--count', 'status-state'), '2');
    assert.equal(git(remote.bare, 'ls-tree', '-r', '--name-only', 'status-state'), 'ledger.json\nprobes/api.jsonl\nprobes/web.jsonl');
    assert.deepEqual(await folder(b).read(), new Map([['api.jsonl', 'a1\n'], ['web.jsonl', 'w1 — “déjà vu” ✓\n']]));
    assert.equal(await open(b).read(), 'ledger\n');
  });

  it('keeps the files a change leaves out, and writes nothing when nothing changes', async () => {
    await folder(b).update(appendAll({ 'api.jsonl': 'a2' }));
    assert.deepEqual([...(await folder(a).read())], [['api.jsonl', 'a1\na2\n'], ['web.jsonl', 'w1 — “déjà vu” ✓\n']]);
    const tip = git(remote.bare, 'rev-parse', 'status-state');
    await folder(a).update((old) => new Map(old));
    await folder(a).update(() => new Map());
    assert.equal(git(remote.bare, 'rev-parse', 'status-state'), tip);
  });

  it('loses nothing when two clones write at once', async () => {
    const rounds = 4;
    for (let i = 0; i < rounds; i++) {
      await Promise.all([folder(a).update(appendAll({ 'api.jsonl': `a${i}` })), folder(b).update(appendAll({ 'api.jsonl': `b${i}`, 'new.jsonl': `n${i}` }))]);
    }
    const files = await folder(a).read();
    assert.deepEqual(lines(files.get('api.jsonl')).slice(2).sort(), Array.from({ length: rounds }, (_, i) => [`a${i}`, `b${i}`]).flat().sort());
    assert.deepEqual(lines(files.get('new.jsonl')), Array.from({ length: rounds }, (_, i) => `n${i}`));
  });

  it('refuses a folder or file name with a separator', async () => {
    assert.throws(() => folder(a, { folder: 'a/b' }), /give a plain folder name/);
    await assert.rejects(folder(a).update(() => new Map([['../x', 'y']])), /give a plain file name/);
  });
});
