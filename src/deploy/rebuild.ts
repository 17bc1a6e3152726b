// A rebuild when the clock changes the page, for hosts that build from git (Netlify, Cloudflare
// Pages): the published next-change.txt says when; once that instant has passed, the host's build
// hook is POSTed once for it. Requests are recorded in rebuild.json on a branch of the status
// repository, and the record is written BEFORE the POST, as a claim: the branch takes one push on
// top of a given tip only, so of two scheduled runs that find the same instant due, one claim
// lands and the other run, re-reading the branch, finds it and asks for nothing. Writing after the
// POST instead would let both runs POST before either pushed. A claim whose run died before saying
// how the hook answered lapses after CLAIM_LAPSE_MS: a second build then is cheaper than a page
// that stays stale. A hook that failed is asked again by the next run.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { StatusError } from '../shared/errors.ts';
import { iso } from '../shared/format.ts';
import { branchFile, STATE_BRANCH } from '../shared/git-branch.ts';
import { parseJson } from '../shared/json.ts';
import { retryableStatus, withRetry, type Outcome, type RetryPolicy } from '../shared/retry.ts';
import { NEXT_CHANGE_FILE } from '../state/index.ts';

export const REBUILD_FILE = 'rebuild.json';
/** The variable that holds the build hook's address (a secret: it is never printed). */
export const HOOK_ENV = 'STATUS_BUILD_HOOK_URL';
/** Requests kept in the record: the last few days of them at a handful of changes a day. */
export const KEEP_REQUESTS = 50;
/** A claim older than this, never completed, is taken over (the workflow's job stops after 10 minutes). */
export const CLAIM_LAPSE_MS = 15 * 60_000;

const requestSchema = z.object({
  /** The due instant the build was asked for. */
  for: z.iso.datetime(),
  /** The asking run's now. */
  at: z.iso.datetime(),
  /** The hook's HTTP status; "claimed" while the run is asking; "no answer" when none came. */
  status: z.union([z.number().int(), z.literal('claimed'), z.literal('no answer')]),
  /**
   * The asking run, a random id. Two runs at the same now would otherwise write the same bytes on
   * the same tip, so the same commit, and the second push would "succeed" as a no-op.
   */
  by: z.string().optional(),
});
const recordSchema = z.object({ requested: z.array(requestSchema) });
export type RebuildRequest = z.infer<typeof requestSchema>;

/** POSTs of the hook per run: 3, 10 s each, 1 s and then 2 s apart (jittered). */
export const DEFAULT_HOOK_POLICY: RetryPolicy = { attempts: 3, timeoutMs: 10_000, baseDelayMs: 1_000, maxDelayMs: 20_000, totalMs: 45_000 };

export interface RebuildOptions {
  /** The published site's address; next-change.txt is read at its root. */
  siteUrl: string;
  /** The build hook's address, undefined when not set up. */
  hookUrl: string | undefined;
  /** Name of the variable it came from, for messages. */
  hookEnv?: string;
  now: number;
  /** A folder of the status repository's checkout, and how to reach its state branch. */
  cwd: string;
  remote?: string;
  branch?: string;
  /** Environment of git (never given the hook's variable). */
  env?: NodeJS.ProcessEnv;
  dryRun?: boolean;
  policy?: Partial<RetryPolicy>;
  /** Longest wait for next-change.txt. */
  pageTimeoutMs?: number;
  print: (line: string) => void;
}

export type RebuildOutcome = 'not set up' | 'unknown' | 'not due' | 'already requested' | 'would request' | 'requested' | 'failed';

export interface RebuildReport {
  outcome: RebuildOutcome;
  /** The published next change, when it was read. */
  due?: number;
  /** POSTs made by this run. */
  attempts: number;
}

/** Where the published next-change.txt is, for a site address with or without a trailing slash. */
export function nextChangeUrl(siteUrl: string): URL {
  let base: URL;
  try {
    base = new URL(siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
  } catch {
    throw new StatusError('USAGE', `--site-url "${siteUrl}" is not an address — give the published page's, like https://status.example.com/`);
  }
  if (!/^https?:$/.test(base.protocol)) throw new StatusError('USAGE', `--site-url "${siteUrl}" is not an http(s) address — give the published page's, like https://status.example.com/`);
  return new URL(NEXT_CHANGE_FILE, base);
}

/** A parsed record; a file this version does not understand is an error to fix, not to overwrite. */
export function parseRebuildRecord(text: string | undefined, where: string): RebuildRequest[] {
  if (text === undefined) return [];
  const record = parseJson(recordSchema, text);
  if (!record) throw new StatusError('IO', `${where} is not a record of rebuilds this version understands — delete the file from the branch`);
  return record.requested;
}

export const serializeRebuildRecord = (requested: readonly RebuildRequest[]) => `${JSON.stringify({ requested: requested.slice(-KEEP_REQUESTS) }, null, 1)}\n`;

/** Whether `r` stands for a build asked for (or being asked for) as of `now`: no need to ask again. */
export function settles(r: RebuildRequest, now: number): boolean {
  if (typeof r.status === 'number') return r.status >= 200 && r.status < 300;
  return r.status === 'claimed' && Date.parse(r.at) + CLAIM_LAPSE_MS > now;
}

const networkReason = (error: unknown, timeoutMs: number) => {
  const e = error as Error & { cause?: { code?: string } };
  // Only a code: a message may quote the address, and the hook's is a secret.
  return e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e.cause?.code ?? e.name);
};

/** The published next change, or why it could not be read. */
async function readNextChange(url: URL, now: number, timeoutMs: number): Promise<{ at: number } | { reason: string }> {
  // A query of its own keeps a cache in front of the page from answering with an old copy.
  const fresh = new URL(url);
  fresh.searchParams.set('t', String(Math.floor(now / 1000)));
  let text: string;
  try {
    const response = await fetch(fresh, { headers: { 'cache-control': 'no-cache', 'user-agent': 'markdown-status-rebuild/1' }, signal: AbortSignal.timeout(timeoutMs) });
    text = (await response.text()).slice(0, 200);
    if (!response.ok) return { reason: `HTTP ${response.status}` };
  } catch (error) {
    return { reason: networkReason(error, timeoutMs) };
  }
  const line = text.split('\n')[0]!.trim();
  const at = Date.parse(line);
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(line) || Number.isNaN(at)) return { reason: 'not an ISO 8601 time' };
  return { at };
}

/** POSTs the hook, again on a network failure, a timeout, 408, 429 or 5xx, as the policy bounds it. */
async function postHook(hook: URL, policy: RetryPolicy, print: (line: string) => void): Promise<Outcome & { status: number | 'no answer' }> {
  /** The last answer's status, for the record. */
  let status: number | 'no answer' = 'no answer';
  const outcome = await withRetry(
    policy,
    async () => {
      try {
        // A build hook takes an empty POST (Netlify answers 200, Cloudflare Pages 200 with JSON).
        const response = await fetch(hook, { method: 'POST', headers: { 'user-agent': 'markdown-status-rebuild/1' }, redirect: 'manual', signal: AbortSignal.timeout(policy.timeoutMs) });
        await response.arrayBuffer().catch(() => undefined);
        status = response.status;
        if (response.ok) return { ok: true, detail: `HTTP ${response.status}` };
        const redirect = response.status >= 300 && response.status < 400 ? ' (a redirect: use the hook address exactly as the host shows it)' : '';
        return { ok: false, retryable: retryableStatus(response.status), reason: `HTTP ${response.status}${redirect}` };
      } catch (error) {
        status = 'no answer';
        return { ok: false, retryable: true, reason: networkReason(error, policy.timeoutMs) };
      }
    },
    (reason, wait) => print(`the build hook answered ${reason}; trying again in ${(wait / 1000).toFixed(1)} s`),
  );
  return { ...outcome, status };
}

export async function requestRebuild(options: RebuildOptions): Promise<RebuildReport> {
  const { now, print } = options;
  const hookEnv = options.hookEnv ?? HOOK_ENV;
  const policy = { ...DEFAULT_HOOK_POLICY, ...options.policy };
  const page = nextChangeUrl(options.siteUrl);
  let hook: URL | undefined;
  if (options.hookUrl) {
    try {
      hook = new URL(options.hookUrl);
    } catch {
      hook = undefined;
    }
    if (!hook || !/^https?:$/.test(hook.protocol)) throw new StatusError('USAGE', `${hookEnv} is not an http(s) address — copy the build hook's address from the host's settings`);
  } else if (!options.dryRun) {
    print(`not set up yet: the variable ${hookEnv} (the host's build hook) is not set, so no build is started`);
    return { outcome: 'not set up', attempts: 0 };
  }

  const read = await readNextChange(page, now, options.pageTimeoutMs ?? 10_000);
  if ('reason' in read) {
    print(`nothing to rebuild: no next-change time at ${page.href} (${read.reason}) — not published yet, or out of reach`);
    return { outcome: 'unknown', attempts: 0 };
  }
  const due = read.at;
  const dueIso = iso(due);
  if (due > now) {
    print(`not due: the page next changes by itself at ${dueIso}`);
    return { outcome: 'not due', due, attempts: 0 };
  }

  const state = branchFile({
    cwd: options.cwd,
    remote: options.remote,
    branch: options.branch ?? STATE_BRANCH,
    file: REBUILD_FILE,
    // git gets no secret it does not need.
    env: Object.fromEntries(Object.entries(options.env ?? process.env).filter(([name]) => name !== hookEnv)),
    now,
    message: `Ask for a build for ${dueIso}`,
  });
  const said = (r: RebuildRequest) => `a build for ${dueIso} was asked for at ${r.at} (${typeof r.status === 'number' ? `HTTP ${r.status}` : r.status})`;
  if (options.dryRun) {
    const held = parseRebuildRecord(await state.read(), state.where).find((r) => r.for === dueIso && settles(r, now));
    print(held ? `already requested: ${said(held)}` : `would start a build: the page was due to change at ${dueIso}${hook ? '' : ` (${hookEnv} is not set)`}`);
    return { outcome: held ? 'already requested' : 'would request', due, attempts: 0 };
  }

  // The claim: written only when no run asked (or is asking) for this instant. `change` runs again
  // on what another run pushed first, and then finds that run's claim.
  const mine: RebuildRequest = { for: dueIso, at: iso(now), status: 'claimed', by: randomUUID() };
  let held: RebuildRequest | undefined;
  await state.update((old) => {
    const requested = parseRebuildRecord(old, state.where);
    held = requested.find((r) => r.for === dueIso && settles(r, now));
    return held ? old! : serializeRebuildRecord([...requested.filter((r) => r.for !== dueIso), mine]);
  });
  if (held) {
    print(`already requested: ${said(held)}`);
    return { outcome: 'already requested', due, attempts: 0 };
  }

  const answer = await postHook(hook!, policy, print);
  try {
    await state.update((old) => {
      const requested = parseRebuildRecord(old, state.where);
      const i = requested.findIndex((r) => r.by === mine.by && r.status === 'claimed');
      if (i < 0) return old ?? serializeRebuildRecord([]);
      return serializeRebuildRecord(requested.map((r, k) => (k === i ? { ...r, status: answer.status } : r)));
    });
  } catch (error) {
    // The build was asked for all the same; the claim lapses, so at worst one more build is asked.
    print(`warning: could not record the answer in ${state.where}: ${(error as Error).message}`);
  }
  if (answer.ok) {
    print(`started a build: the page was due to change at ${dueIso}; the build hook answered HTTP ${answer.status}`);
    return { outcome: 'requested', due, attempts: answer.attempts };
  }
  print(`error: the build hook answered ${answer.reason} after ${answer.attempts} ${answer.attempts === 1 ? 'try' : 'tries'}; the next run asks again — check ${hookEnv} against the host's build hooks`);
  return { outcome: 'failed', due, attempts: answer.attempts };
}
