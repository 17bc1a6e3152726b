// Files kept on a branch of a git remote, for state every host can keep: a host that builds
// from git has no bucket, but the repository it builds from has branches. Plumbing only — the
// branch is fetched into a private ref and commits are made from objects — so the work tree, the
// index and the checked-out branch are never touched, and a shallow CI checkout works as is.
// Writes are compare-and-swap: a push without force is refused when another run pushed first;
// then the branch is fetched again and the change applied to what that run wrote, a bounded
// number of times.
import { execFile } from 'node:child_process';
import { StatusError } from './errors.ts';

/** The branch of machine-written state (ledger, rebuild claims, probe series, firing alerts) by default: state of the page, not its content. */
export const STATE_BRANCH = 'status-state';

/** Where on which branch, and how to reach it: what every handle here takes. */
export interface BranchOptions {
  /** A folder inside the repository whose remote is written (the checkout CI made). */
  cwd: string;
  /** Remote name, as `git remote -v` lists it. */
  remote?: string;
  branch: string;
  /** Pushes tried before giving up when other runs keep pushing first. */
  attempts?: number;
  /** Environment of every git run (credentials helpers, HOME, PATH); the process's by default. */
  env?: NodeJS.ProcessEnv;
  /** Commit time (ms since the epoch), the caller's `now`, so commits do not depend on the clock. */
  now?: number;
  /** Subject line of each commit. */
  message?: string;
  /** Told each time a push was refused because another run pushed first. */
  onRefused?: (attempt: number) => void;
}

export interface BranchFileOptions extends BranchOptions {
  /** The file's name at the root of the branch. */
  file: string;
}

export interface BranchFolderOptions extends BranchOptions {
  /** A folder at the root of the branch, like probes; its files are plain names. */
  folder: string;
}

export interface BranchFile {
  /** Shown in messages: file, branch and remote. */
  readonly where: string;
  /** The file's text on the remote branch now, or undefined when the branch or the file is missing. */
  read(): Promise<string | undefined>;
  /**
   * Writes `change(old)` as a new commit on the branch (created, with no parent, when missing).
   * `change` may run more than once: again on what another run wrote, when that run pushed first.
   * It returns `old` unchanged (or throws) to write nothing.
   */
  update(change: (old: string | undefined) => string): Promise<void>;
}

export interface BranchFolder {
  /** Shown in messages: folder, branch and remote. */
  readonly where: string;
  /** Each file of the folder on the remote branch now, by name; empty when the branch or the folder is missing. */
  read(): Promise<Map<string, string>>;
  /**
   * Writes the files `change(old)` returns (by name; the folder's other files are kept) as one
   * commit, with the same compare-and-swap as BranchFile: `change` may run again on what another
   * run wrote. Nothing is written when it returns no file whose text differs.
   */
  update(change: (old: ReadonlyMap<string, string>) => ReadonlyMap<string, string>): Promise<void>;
}

const AUTHOR = { name: 'markdown-status', email: 'noreply@markdown-status.invalid' };
/** Ceiling on what git may print: a ledger of years of events is well under 1 MB. */
const MAX_OUTPUT = 64 * 1024 * 1024;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A plain file or folder name: no separator, nothing git keeps for itself. */
const plainName = (name: string) => /^[^/\\\0\n]+$/.test(name) && name !== '.' && name !== '..' && name !== '.git';

/** A tree entry's name, after the tab ls-tree -z puts before it. */
const nameOf = (entry: string) => entry.slice(entry.indexOf('\t') + 1);

export function branchFile(options: BranchFileOptions): BranchFile {
  const { branch, file } = options;
  if (!plainName(file)) {
    throw new StatusError('USAGE', `"${file}" cannot be kept on branch ${branch}: give a plain file name, like ledger.json`);
  }
  const repo = openBranch(options, `${file} on branch ${branch} of ${options.remote ?? 'origin'}`);

  /** The tip's root entries (NUL-separated, as ls-tree -z prints them) and the file's text. */
  const contents = async (tip: string | undefined) => {
    if (!tip) return { entries: [] as string[], text: undefined };
    const entries = await repo.entries(tip);
    const mine = entries.find((e) => nameOf(e) === file);
    if (!mine) return { entries, text: undefined };
    const [, type, oid] = mine.slice(0, mine.indexOf('\t')).split(' ');
    if (type !== 'blob') throw new StatusError('IO', `${repo.where} is not a file (it is a ${type}) — remove it from the branch`);
    return { entries, text: await repo.must(['cat-file', 'blob', oid!]) };
  };

  return {
    where: repo.where,
    async read() {
      return (await contents(await repo.fetch())).text;
    },
    update(change) {
      return repo.commitLoop(`Update ${file}`, async (tip) => {
        const { entries, text } = await contents(tip);
        const next = change(text);
        if (next === text) return undefined;
        const blob = (await repo.must(['hash-object', '-w', '--no-filters', '--stdin'], next)).trim();
        return repo.mktree([...entries.filter((e) => nameOf(e) !== file), `100644 blob ${blob}\t${file}`]);
      });
    },
  };
}

/** Several files in one folder of a branch, written together in one commit: a probe run's series. */
export function branchFolder(options: BranchFolderOptions): BranchFolder {
  const { branch, folder } = options;
  if (!plainName(folder)) {
    throw new StatusError('USAGE', `"${folder}" cannot be kept on branch ${branch}: give a plain folder name, like probes`);
  }
  const repo = openBranch(options, `${folder}/ on branch ${branch} of ${options.remote ?? 'origin'}`);

  /** The root's entries, the folder's entries, and the text of each of its files. */
  const contents = async (tip: string | undefined) => {
    const root = tip ? await repo.entries(tip) : [];
    const mine = root.find((e) => nameOf(e) === folder);
    if (!mine) return { root, entries: [] as string[], files: new Map<string, string>() };
    const [, type, oid] = mine.slice(0, mine.indexOf('\t')).split(' ');
    if (type !== 'tree') throw new StatusError('IO', `${repo.where} is not a folder (it is a ${type}) — remove it from the branch`);
    const entries = await repo.entries(oid!);
    const blobs = entries.filter((e) => e.split(' ')[1] === 'blob');
    return { root, entries, files: await repo.blobs(blobs.map((e) => [nameOf(e), e.split(' ')[2]!.split('\t')[0]!])) };
  };

  return {
    where: repo.where,
    async read() {
      return (await contents(await repo.fetch())).files;
    },
    update(change) {
      return repo.commitLoop(`Update ${folder}/`, async (tip) => {
        const { root, entries, files } = await contents(tip);
        const next = [...change(files)].filter(([name, text]) => files.get(name) !== text);
        if (!next.length) return undefined;
        const written = new Map<string, string>();
        for (const [name, text] of next) {
          if (!plainName(name)) throw new StatusError('USAGE', `"${name}" cannot be kept in ${repo.where}: give a plain file name`);
          written.set(name, `100644 blob ${(await repo.must(['hash-object', '-w', '--no-filters', '--stdin'], text)).trim()}\t${name}`);
        }
        const sub = await repo.mktree([...entries.filter((e) => !written.has(nameOf(e))), ...written.values()]);
        return repo.mktree([...root.filter((e) => nameOf(e) !== folder), `040000 tree ${sub}\t${folder}`]);
      });
    },
  };
}

/** What both handles share: git with a fixed identity, the fetch into a private ref, the pushes. */
function openBranch(options: BranchOptions, where: string) {
  const { cwd, branch } = options;
  const remote = options.remote ?? 'origin';
  const attempts = Math.max(1, options.attempts ?? 5);
  const privateRef = `refs/markdown-status/${remote}/${branch}`;
  const stamp = options.now === undefined ? undefined : `@${Math.floor(options.now / 1000)} +0000`;
  const env: NodeJS.ProcessEnv = {
    ...(options.env ?? process.env),
    // Messages git prints are matched below: in English, and never a prompt that would hang CI.
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: AUTHOR.name,
    GIT_AUTHOR_EMAIL: AUTHOR.email,
    GIT_COMMITTER_NAME: AUTHOR.name,
    GIT_COMMITTER_EMAIL: AUTHOR.email,
    ...(stamp ? { GIT_AUTHOR_DATE: stamp, GIT_COMMITTER_DATE: stamp } : {}),
  };

  const run = <T extends string | Buffer>(args: string[], input: string | undefined, encoding: 'utf8' | 'buffer') =>
    new Promise<{ code: number; stdout: T; stderr: string }>((resolve, reject) => {
      const child = execFile('git', args, { cwd, env, encoding, maxBuffer: MAX_OUTPUT }, (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        if (typeof code !== 'number') {
          reject(new StatusError('IO', `could not run git for ${where}: ${(error as Error).message} — install git and put it on PATH`, [], { cause: error }));
        } else resolve({ code, stdout: stdout as T, stderr: String(stderr) });
      });
      // A git that exits before reading all of its input is reported by its exit code, not EPIPE.
      child.stdin?.on('error', () => {});
      child.stdin?.end(input);
    });
  const git = (args: string[], input?: string): Promise<Run> => run<string>(args, input, 'utf8');
  const lastLine = (r: Run) => r.stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit code ${r.code}`;
  /** A plumbing step that must work; a failure here is local (disk, repository), not the remote's. */
  const must = async (args: string[], input?: string) => {
    const r = await git(args, input);
    if (r.code !== 0) throw new StatusError('IO', `git ${args[0]} failed for ${where}: ${lastLine(r)}`);
    return r.stdout;
  };

  let checked: Promise<boolean> | undefined;
  /** Once per handle: a repository here, a valid branch name; whether the checkout is shallow. */
  const prepare = () =>
    (checked ??= (async () => {
      const inside = await git(['rev-parse', '--is-shallow-repository']);
      if (inside.code !== 0) throw new StatusError('IO', `${cwd} is not in a git repository, so ${where} cannot be reached — run from the status repository's checkout`);
      if ((await git(['check-ref-format', `refs/heads/${branch}`])).code !== 0) throw new StatusError('USAGE', `"${branch}" is not a valid branch name — use letters, digits, "-" and "/", like status-state`);
      return inside.stdout.trim() === 'true';
    })());

  /** The branch's tip on the remote, fetched into the private ref; undefined when there is no branch. */
  const fetch = async (): Promise<string | undefined> => {
    const shallow = await prepare();
    const r = await git([
      'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--no-recurse-submodules', '--no-auto-gc',
      // A shallow checkout stays shallow; a full one gets the branch's (small) history.
      ...(shallow ? ['--depth=1'] : []),
      remote, `+refs/heads/${branch}:${privateRef}`,
    ]);
    if (r.code === 0) return (await must(['rev-parse', '--verify', `${privateRef}^{commit}`])).trim();
    if (/couldn't find remote ref/i.test(r.stderr)) return undefined;
    throw new StatusError('IO', `could not fetch branch ${branch} from the remote "${remote}": ${lastLine(r)} — check that the remote exists (git remote -v) and that this job can read the repository`);
  };

  return {
    where,
    fetch,
    must,
    /** A tree's entries, NUL-separated as ls-tree -z prints them: "<mode> <type> <oid>\t<name>". */
    entries: async (treeish: string) => (await must(['ls-tree', '-z', treeish])).split('\0').filter(Boolean),
    /** A tree made of entries in ls-tree's form. */
    mktree: async (entries: string[]) => (await must(['mktree', '-z'], entries.map((e) => `${e}\0`).join(''))).trim(),
    /** The text of many blobs from one git run (one process per file would be 50 for 50 probes). */
    async blobs(list: [name: string, oid: string][]): Promise<Map<string, string>> {
      const files = new Map<string, string>();
      if (!list.length) return files;
      const r = await run<Buffer>(['cat-file', '--batch'], list.map(([, oid]) => `${oid}\n`).join(''), 'buffer');
      if (r.code !== 0) throw new StatusError('IO', `git cat-file failed for ${where}: ${r.stderr.trim() || `exit code ${r.code}`}`);
      // Each answer is "<oid> <type> <size>\n", the bytes, then "\n".
      let at = 0;
      for (const [name] of list) {
        const eol = r.stdout.indexOf(10, at);
        const size = Number(r.stdout.subarray(at, eol).toString('latin1').split(' ')[2]);
        if (eol < 0 || !Number.isInteger(size)) throw new StatusError('IO', `git cat-file gave an answer that could not be read for ${where}`);
        files.set(name, r.stdout.subarray(eol + 1, eol + 1 + size).toString('utf8'));
        at = eol + 1 + size + 1;
      }
      return files;
    },
    /**
     * Commits the tree `build(tip)` makes on top of the remote tip and pushes it without force: the
     * remote takes it only on top of `tip`, the compare-and-swap. Refused because another run pushed
     * first, it fetches and builds again, `attempts` times at most. `build` returns undefined to write nothing.
     */
    async commitLoop(subject: string, build: (tip: string | undefined) => Promise<string | undefined>): Promise<void> {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const tip = await fetch();
        const tree = await build(tip);
        if (tree === undefined) return;
        const commit = (await must(['commit-tree', '--no-gpg-sign', tree, ...(tip ? ['-p', tip] : []), '-m', options.message ?? subject])).trim();
        // No hooks: a repository's pre-push checks are for its code, not for this branch.
        const pushed = await git(['push', '--porcelain', '--no-verify', remote, `${commit}:refs/heads/${branch}`]);
        if (pushed.code === 0) {
          await git(['update-ref', privateRef, commit]);
          return;
        }
        // Refused as not on top of the remote's tip ("[rejected] (fetch first)"), or, when both pushes
        // reached the remote together, by its ref lock ("[remote rejected] … cannot lock ref").
        if (!/\[rejected\]|cannot lock ref|failed to update ref|incorrect old value/.test(pushed.stdout + pushed.stderr)) {
          throw new StatusError('IO', `could not push branch ${branch} to the remote "${remote}": ${lastLine(pushed)} — the job needs write access to the repository (on GitHub Actions: permissions: contents: write), and the branch must not be protected`);
        }
        options.onRefused?.(attempt);
        // Another run pushed first. A short, jittered pause keeps two runs from meeting again in step.
        if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 25 * attempt * (1 + Math.random())));
      }
      throw new StatusError('IO', `could not write ${where}: other runs pushed first ${attempts} times in a row — run again later; nothing written by them is lost`);
    },
  };
}
