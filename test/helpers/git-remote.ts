// Real git for the tests of state kept on a branch: a bare repository in a temporary folder as
// the remote, with one commit on main, and as many clones of it as a test needs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** git in `cwd`, with a fixed identity and no global or system configuration of the machine. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...GIT_ENV },
  }).trim();
}

export const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Editor',
  GIT_AUTHOR_EMAIL: 'editor@example.com',
  GIT_COMMITTER_NAME: 'Editor',
  GIT_COMMITTER_EMAIL: 'editor@example.com',
  LC_ALL: 'C',
};

export interface GitRemote {
  root: string;
  /** The bare repository. */
  bare: string;
  /** A new clone of the remote (full, or with --depth=1 as CI checkouts are). */
  clone(name: string, options?: { shallow?: boolean }): string;
}

export function gitRemote(): GitRemote {
  const root = mkdtempSync(path.join(tmpdir(), 'status-git-'));
  const bare = path.join(root, 'remote.git');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  const seed = path.join(root, 'seed');
  git(root, 'clone', '--quiet', bare, seed);
  git(seed, 'checkout', '--quiet', '-b', 'main');
  writeFileSync(path.join(seed, 'README.md'), '# Status\n');
  git(seed, 'add', 'README.md');
  git(seed, 'commit', '--quiet', '-m', 'First');
  writeFileSync(path.join(seed, 'README.md'), '# Status page\n');
  git(seed, 'commit', '--quiet', '-am', 'Second');
  git(seed, 'push', '--quiet', 'origin', 'main');
  return {
    root,
    bare,
    clone(name, options = {}) {
      const dir = path.join(root, name);
      git(root, 'clone', '--quiet', ...(options.shallow ? ['--depth=1', `file://${bare}`] : [bare]), dir);
      return dir;
    },
  };
}
