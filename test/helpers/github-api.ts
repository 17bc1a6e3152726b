// A stand-in for the parts of GitHub's REST API the incident drafts use, on 127.0.0.1 at a free
// port, shaped from GitHub's public REST documentation: git refs (get, create, update), repository
// contents (get, create or update a file, base64, with the blob sha a change must name), pull
// requests (list by head, create, list files) and issue comments. It keeps a small repository in
// memory — commits as snapshots of their files — and records every call.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  /** The path without the query, decoded: /repos/acme/status/contents/content/incidents/x.md */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

export interface StandInPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  html_url: string;
  comments: string[];
}

export interface GitHubStandIn {
  /** The API's base address, like http://127.0.0.1:41234 (GITHUB_API_URL). */
  url: string;
  token: string;
  repository: string;
  calls: ApiCall[];
  pulls: StandInPull[];
  /** A file's text on a branch, or undefined. */
  fileOn(branch: string, path: string): string | undefined;
  /** The commits made on a branch through the contents API, in order. */
  commitsOn(branch: string): number;
  close(): Promise<void>;
}

type Files = Map<string, string>;

const blobSha = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};

/** A repository `owner/name` whose branch `main` holds `files` (path → text). */
export async function startGitHubStandIn(files: Record<string, string> = {}, repository = 'acme/status', token = 'test-token'): Promise<GitHubStandIn> {
  const commits = new Map<string, Files>();
  const refs = new Map<string, string>();
  const commitCount = new Map<string, number>();
  let counter = 0;
  const commit = (snapshot: Files) => {
    const sha = createHash('sha1').update(`commit ${++counter}`).digest('hex');
    commits.set(sha, snapshot);
    return sha;
  };
  refs.set('main', commit(new Map(Object.entries(files))));
  const pulls: StandInPull[] = [];
  const calls: ApiCall[] = [];
  const prefix = `/repos/${repository}`;
  let url = '';

  const handle = (method: string, path: string, query: Record<string, string>, body: Record<string, unknown>): [number, unknown] => {
    if (!path.startsWith(`${prefix}/`)) return [404, { message: 'Not Found' }];
    const rest = path.slice(prefix.length);
    let m: RegExpExecArray | null;
    // Git refs: GET /git/ref/heads/{branch}, POST /git/refs, PATCH /git/refs/heads/{branch}
    if (method === 'GET' && (m = /^\/git\/ref\/heads\/(.+)$/.exec(rest))) {
      const sha = refs.get(m[1]!);
      return sha ? [200, { ref: `refs/heads/${m[1]}`, object: { sha, type: 'commit' } }] : [404, { message: 'Not Found' }];
    }
    if (method === 'POST' && rest === '/git/refs') {
      const ref = String(body.ref ?? '');
      if (!ref.startsWith('refs/heads/') || !commits.has(String(body.sha))) return [422, { message: 'Reference update failed' }];
      if (refs.has(ref.slice(11))) return [422, { message: 'Reference already exists' }];
      refs.set(ref.slice(11), String(body.sha));
      return [201, { ref, object: { sha: body.sha, type: 'commit' } }];
    }
    if (method === 'PATCH' && (m = /^\/git\/refs\/heads\/(.+)$/.exec(rest))) {
      if (!refs.has(m[1]!)) return [422, { message: 'Reference does not exist' }];
      if (!commits.has(String(body.sha)) || body.force !== true) return [422, { message: 'Update is not a fast forward' }];
      refs.set(m[1]!, String(body.sha));
      return [200, { ref: `refs/heads/${m[1]}`, object: { sha: body.sha, type: 'commit' } }];
    }
    // Contents: GET and PUT /contents/{path}
    if ((m = /^\/contents\/(.+)$/.exec(rest))) {
      const file = m[1]!;
      const branch = method === 'GET' ? (query.ref ?? 'main') : String(body.branch ?? 'main');
      const head = refs.get(branch);
      if (!head) return [404, { message: `No commit found for the ref ${branch}` }];
      const snapshot = commits.get(head)!;
      const text = snapshot.get(file);
      if (method === 'GET') {
        if (text === undefined) return [404, { message: 'Not Found' }];
        // GitHub wraps the base64 at 60 characters.
        const content = Buffer.from(text, 'utf8').toString('base64').replace(/.{60}/g, '$&\n');
        return [200, { type: 'file', encoding: 'base64', size: Buffer.byteLength(text), name: file.split('/').at(-1), path: file, content, sha: blobSha(text) }];
      }
      if (method === 'PUT') {
        if (typeof body.message !== 'string' || typeof body.content !== 'string') return [422, { message: 'Invalid request: message and content are required' }];
        if (text !== undefined && body.sha === undefined) return [422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' }];
        if (text !== undefined && body.sha !== blobSha(text)) return [409, { message: `${file} does not match ${String(body.sha)}` }];
        const next = new Map(snapshot);
        const written = Buffer.from(body.content, 'base64').toString('utf8');
        next.set(file, written);
        const sha = commit(next);
        refs.set(branch, sha);
        commitCount.set(branch, (commitCount.get(branch) ?? 0) + 1);
        return [text === undefined ? 201 : 200, { content: { path: file, sha: blobSha(written) }, commit: { sha, message: body.message } }];
      }
    }
    // Pull requests: GET /pulls?head=owner:branch&state=open, POST /pulls, GET /pulls/{n}/files
    if (method === 'GET' && rest === '/pulls') {
      const [owner, branch] = (query.head ?? ':').split(':');
      const state = query.state ?? 'open';
      const list = pulls.filter((p) => (!query.head || (owner === repository.split('/')[0] && p.head === branch)) && (state === 'all' || p.state === state));
      return [200, list.map(({ comments: _, head, base, ...p }) => ({ ...p, head: { ref: head, label: `${repository.split('/')[0]}:${head}` }, base: { ref: base } }))];
    }
    if (method === 'POST' && rest === '/pulls') {
      const head = String(body.head ?? '');
      const base = String(body.base ?? '');
      if (!body.title || !refs.has(head) || !refs.has(base)) return [422, { message: 'Validation Failed' }];
      if (pulls.some((p) => p.head === head && p.state === 'open')) return [422, { message: `A pull request already exists for ${repository.split('/')[0]}:${head}.` }];
      const number = pulls.length + 1;
      const pull: StandInPull = { number, title: String(body.title), body: String(body.body ?? ''), head, base, state: 'open', html_url: `https://github.example/${repository}/pull/${number}`, comments: [] };
      pulls.push(pull);
      return [201, { number, html_url: pull.html_url, state: 'open', title: pull.title, body: pull.body, head: { ref: head }, base: { ref: base } }];
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/files$/.exec(rest))) {
      const pull = pulls[Number(m[1]) - 1];
      if (!pull) return [404, { message: 'Not Found' }];
      const head = commits.get(refs.get(pull.head)!)!;
      const base = commits.get(refs.get(pull.base)!)!;
      const changed = [...head].filter(([file, text]) => base.get(file) !== text);
      return [200, changed.map(([filename, text]) => ({ filename, status: base.has(filename) ? 'modified' : 'added', sha: blobSha(text) }))];
    }
    // Issue comments: POST /issues/{n}/comments (a pull request is an issue)
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const pull = pulls[Number(m[1]) - 1];
      if (!pull) return [404, { message: 'Not Found' }];
      if (typeof body.body !== 'string' || !body.body) return [422, { message: 'Validation Failed' }];
      pull.comments.push(body.body);
      return [201, { id: pull.comments.length, body: body.body }];
    }
    return [404, { message: 'Not Found' }];
  };

  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const address = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      const call: ApiCall = { method: req.method ?? 'GET', path: decodeURIComponent(address.pathname), query: Object.fromEntries(address.searchParams), body: text ? body : undefined, status: 0 };
      const [status, answer] = req.headers.authorization !== `Bearer ${token}` ? [401, { message: 'Bad credentials' }]
        : req.headers.accept !== 'application/vnd.github+json' ? [415, { message: 'Unsupported Media Type' }]
        : handle(call.method, call.path, call.query, body);
      call.status = status;
      calls.push(call);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    token,
    repository,
    calls,
    pulls,
    fileOn: (branch, path) => {
      const head = refs.get(branch);
      return head ? commits.get(head)!.get(path) : undefined;
    },
    commitsOn: (branch) => commitCount.get(branch) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
