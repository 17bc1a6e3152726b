import type { ProbeConfig, Site } from '../content/index.ts';
import { iso } from '../shared/format.ts';
import { checkHttp, checkTcp, checkTls, type CheckContext, type CheckResult } from './checks.ts';

/**
 * A probe run: every component's probe of the site file, checked at once up to a limit, all of
 * them ended by one deadline, so a scheduled job of a few minutes never overlaps the next one.
 */

/** One component's check, as printed and as written to its series. */
export interface ProbeResult {
  /** The component's id: the series is probes/<id>.jsonl. */
  id: string;
  /** What was checked, like "http https://example.com/health" or "tls example.com:443". */
  target: string;
  /** The run's now, as an ISO time: every check of a run has the same. */
  at: string;
  ok: boolean;
  ms: number;
  error?: string;
  /** A good answer slower than degraded_ms. */
  slow?: boolean;
}

export interface RunOptions {
  /** The run's now (from --now / STATUS_NOW). */
  now: number;
  /** Checks under way at once; 10 by default. */
  concurrency?: number;
  /** Milliseconds after which every check still running fails; 60 s by default. */
  deadlineMs?: number;
  /** Certificates trusted beside the system's (a private authority; the tests' own). */
  trust?: readonly string[];
}

export const DEFAULT_CONCURRENCY = 10;
export const DEFAULT_DEADLINE_MS = 60_000;

/** The components that have a probe, in the site file's order. */
export const probedComponents = (site: Site) => site.components.flatMap((c) => (c.probe ? [{ id: c.id, probe: c.probe }] : []));

export function probeTarget(probe: ProbeConfig): string {
  return 'http' in probe ? `http ${probe.http}` : 'tcp' in probe ? `tcp ${probe.tcp}` : `tls ${probe.tls}`;
}

function check(probe: ProbeConfig, ctx: CheckContext): Promise<CheckResult> {
  return 'http' in probe ? checkHttp(probe, ctx) : 'tcp' in probe ? checkTcp(probe, ctx) : checkTls(probe, ctx);
}

/** Runs every probe of the site; the results are in the site file's order, one per probed component. */
export async function runProbes(site: Site, options: RunOptions): Promise<ProbeResult[]> {
  const list = probedComponents(site);
  const at = iso(options.now);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('deadline')), options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const ctx: CheckContext = { now: options.now, signal: controller.signal, ...(options.trust ? { trust: options.trust } : {}) };
  const results: ProbeResult[] = new Array(list.length);
  let next = 0;
  // Workers take the next probe until none is left: at most `concurrency` sockets open at once.
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      const { id, probe } = list[i]!;
      const result = await check(probe, ctx);
      results[i] = { id, target: probeTarget(probe), at, ...result };
    }
  };
  try {
    const width = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, list.length));
    await Promise.all(Array.from({ length: width }, worker));
  } finally {
    clearTimeout(timer);
  }
  return results;
}
