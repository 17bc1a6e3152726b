// The one edit the warm-build figures are measured after: a new update on an incident still open.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The newest incident file whose latest update is not `resolved`, so a new update is allowed. */
export function openIncident(contentDir: string): string {
  const dir = path.join(contentDir, 'incidents');
  const file = readdirSync(dir)
    .sort()
    .reverse()
    .map((f) => path.join(dir, f))
    .find((f) => !/status: resolved$/.test(readFileSync(f, 'utf8').split('\n').find((l) => /^\s+status: /.test(l)) ?? ''));
  if (!file) throw new Error(`no open incident in ${dir} to add an update to`);
  return file;
}

/**
 * The file's text with one more update at the top of `updates:`, a minute after its newest or at
 * `notBefore` (epoch ms) if that is later. Times may be quoted or not (`at: 2026-11-20 17:30`).
 */
export function withNewUpdate(text: string, notBefore = 0): string {
  const newest = Math.max(...[...text.matchAll(/^\s+- at: "?([^"\n]+)"?$/gm)].map((m) => Date.parse(m[1]!)).filter((t) => !Number.isNaN(t)));
  const at = new Date(Math.max(newest + 60_000, notBefore)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return text.replace('updates:\n', `updates:\n  - at: "${at}"\n    status: monitoring\n    body: Still watching, for the benchmark.\n\n`);
}
