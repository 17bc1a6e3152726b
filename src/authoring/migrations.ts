import type { Document } from 'yaml';

/**
 * Changes to the site file's format, applied by `upgrade` in order. Each works on the parsed YAML
 * document, so comments, key order and keys it does not know stay as they were; it changes only
 * what its format change needs. None so far: every site file written since the first version
 * loads as it is.
 */

export interface SiteMigration {
  /** The markdown-status version whose site file format needs this change. */
  version: string;
  /** What it does, in a line for the person upgrading: "renamed feed_limit to feed.limit". */
  describe: string;
  /**
   * Changes the document in place and says whether it changed anything. It must leave a file
   * already in the new format alone: when the version a page was made with is unknown, every
   * migration up to the target runs.
   */
  apply(doc: Document): boolean;
}

export const SITE_MIGRATIONS: readonly SiteMigration[] = [];

/**
 * Applies, in version order, the migrations after `from` (all of them when unknown) up to and
 * including `to`; returns the describe line of each that changed the document.
 */
export function migrateSite(doc: Document, from: string | undefined, to: string, migrations: readonly SiteMigration[] = SITE_MIGRATIONS): string[] {
  const due = migrations
    .filter((m) => (from === undefined || compareVersions(m.version, from) > 0) && compareVersions(m.version, to) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  return due.filter((m) => m.apply(doc)).map((m) => m.describe);
}

/**
 * Orders two versions like 1.2.3 or 1.3.0-beta.2: by number, part by part, and a pre-release
 * before its release. Text that is not a version (a tarball path, a git URL) sorts as 0.0.0.
 */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(v.trim());
    return m ? { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4]?.split('.') } : { nums: [0, 0, 0], pre: undefined };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i]! - y.nums[i]!;
  if (!x.pre || !y.pre) return x.pre ? -1 : y.pre ? 1 : 0;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const [p, q] = [x.pre[i], y.pre[i]];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const [np, nq] = [/^\d+$/.test(p), /^\d+$/.test(q)];
    if (np && nq) return Number(p) - Number(q);
    if (np !== nq) return np ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}
