import { StatusError } from '../shared/errors.ts';

/**
 * The few calls of GitHub's REST API that drafting an incident needs: branches (git refs), files
 * (the contents API, one commit per write), pull requests and their comments. Each call is one
 * request; nothing is retried, so a conflict (someone edited the draft meanwhile) is reported and
 * the next alert starts from what is there.
 */

/** Where the repository is and how to reach it; in a workflow run, from GITHUB_API_URL, GITHUB_REPOSITORY and GITHUB_TOKEN. */
export interface GitHubTarget {
  /** The REST API's address: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  api: string;
  /** `owner/name`. */
  repository: string;
  token: string;
}

export interface RepoFile {
  text: string;
  /** The blob's sha, which a change of the file must name. */
  sha: string;
}

export interface PullRequest {
  number: number;
  html_url: string;
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** GitHub answers in well under a second; a workflow step should not hang on a stuck connection. */
const TIMEOUT_MS = 15_000;

/** The target from the environment a workflow run has; a USAGE error naming what is missing. */
export function githubTarget(env: NodeJS.ProcessEnv): GitHubTarget {
  const missing = ['GITHUB_TOKEN', 'GITHUB_REPOSITORY'].filter((name) => !env[name]);
  if (missing.length) throw new StatusError('USAGE', `--draft needs ${missing.join(' and ')} (a workflow run has GITHUB_REPOSITORY; give the step  env: { GITHUB_TOKEN: \${{ github.token }} })`);
  if (!REPOSITORY.test(env.GITHUB_REPOSITORY!)) throw new StatusError('USAGE', `GITHUB_REPOSITORY must be owner/name — got "${env.GITHUB_REPOSITORY}"`);
  const api = env.GITHUB_API_URL || 'https://api.github.com';
  if (!/^https?:\/\//.test(api)) throw new StatusError('USAGE', `GITHUB_API_URL must be an http(s) address — got "${api}"`);
  return { api: api.replace(/\/+$/, ''), repository: env.GITHUB_REPOSITORY!, token: env.GITHUB_TOKEN! };
}

const segments = (text: string) => text.split('/').map(encodeURIComponent).join('/');

export class GitHubRepo {
  readonly owner: string;
  private readonly base: string;

  constructor(private readonly target: GitHubTarget) {
    this.owner = target.repository.split('/')[0]!;
    this.base = `${target.api}/repos/${segments(target.repository)}`;
  }

  /** The commit a branch points at; undefined when there is no such branch. */
  async ref(branch: string): Promise<string | undefined> {
    const found = await this.call<{ object: { sha: string } }>('GET', `/git/ref/heads/${segments(branch)}`, undefined, true);
    return found?.object.sha;
  }

  async createRef(branch: string, sha: string): Promise<void> {
    await this.call('POST', '/git/refs', { ref: `refs/heads/${branch}`, sha });
  }

  /** Points a branch at another commit, whatever it held (only branches the drafts own are moved). */
  async moveRef(branch: string, sha: string): Promise<void> {
    await this.call('PATCH', `/git/refs/heads/${segments(branch)}`, { sha, force: true });
  }

  /** A file on a branch; undefined when it does not exist. */
  async file(path: string, branch: string): Promise<RepoFile | undefined> {
    const found = await this.call<{ type: string; encoding?: string; content?: string; sha: string }>('GET', `/contents/${segments(path)}?ref=${encodeURIComponent(branch)}`, undefined, true);
    if (!found) return undefined;
    if (found.type !== 'file' || found.encoding !== 'base64' || found.content === undefined) throw new StatusError('IO', `GitHub has ${path} on ${branch}, but not as a file this tool can read`);
    return { text: Buffer.from(found.content, 'base64').toString('utf8'), sha: found.sha };
  }

  /** Writes a file on a branch as one commit; `sha` names the version it replaces (absent for a new file). */
  async putFile(path: string, change: { text: string; message: string; branch: string; sha?: string }): Promise<void> {
    const body = { message: change.message, content: Buffer.from(change.text, 'utf8').toString('base64'), branch: change.branch, ...(change.sha ? { sha: change.sha } : {}) };
    await this.call('PUT', `/contents/${segments(path)}`, body);
  }

  /** The open pull request from `branch` of this repository, if there is one. */
  async openPull(branch: string): Promise<PullRequest | undefined> {
    const list = await this.call<PullRequest[]>('GET', `/pulls?head=${encodeURIComponent(`${this.owner}:${branch}`)}&state=open&per_page=10`);
    return list?.[0];
  }

  async createPull(pull: { title: string; head: string; base: string; body: string }): Promise<PullRequest> {
    return (await this.call<PullRequest>('POST', '/pulls', pull))!;
  }

  /** The paths a pull request changes (the first 100). */
  async pullFiles(number: number): Promise<string[]> {
    const list = await this.call<{ filename: string }[]>('GET', `/pulls/${number}/files?per_page=100`);
    return (list ?? []).map((f) => f.filename);
  }

  async comment(number: number, body: string): Promise<void> {
    await this.call('POST', `/issues/${number}/comments`, { body });
  }

  private async call<T>(method: string, path: string, body?: unknown, missingIsUndefined = false): Promise<T | undefined> {
    let answer: Response;
    try {
      answer = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${this.target.token}`,
          'user-agent': 'markdown-status',
          'x-github-api-version': '2022-11-28',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new StatusError('IO', `GitHub could not be reached for ${method} ${path.split('?')[0]}: ${(error as Error).message}`, [], { cause: error });
    }
    if (answer.status === 404 && missingIsUndefined) return undefined;
    const text = await answer.text();
    if (!answer.ok) {
      let said = text.slice(0, 300);
      try {
        said = (JSON.parse(text) as { message?: string }).message ?? said;
      } catch {
        // Not JSON: keep the start of the text.
      }
      const hint = answer.status === 403 && /pull request/i.test(said) ? ' (allow GitHub Actions to create pull requests in the repository settings, or use another token)' : '';
      throw new StatusError('IO', `GitHub answered ${answer.status} to ${method} ${path.split('?')[0]}: ${said.replace(/\s+/g, ' ').trim()}${hint}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
