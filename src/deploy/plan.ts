// What a deploy must do, decided without any I/O: which files to upload and in what order, which
// to delete, and what the manifest says at each step.
import type { Manifest, ManifestEntry } from './manifest.ts';
import { existingKey } from './links.ts';
import type { LocalFile } from './scan.ts';

/** An object as the bucket listing shows it (key relative to the prefix). */
export interface RemoteObject {
  etag: string | null;
  size: number;
}

/** What a HEAD request tells about an object the manifest cannot vouch for. */
export interface RemoteHead {
  sha256?: string;
  contentType?: string;
  cacheControl?: string;
}

export type UploadReason =
  /** Not in the bucket. */
  | 'new'
  /** Different bytes. */
  | 'changed'
  /** Same bytes, but the header table now gives another Content-Type or Cache-Control. */
  | 'headers'
  /** The object is not what the last deploy left there (replaced by hand, or an upload was cut off). */
  | 'unknown';

export interface Upload {
  file: LocalFile;
  reason: UploadReason;
}

export interface Plan {
  /** Groups uploaded one after the other; files inside a group may go in parallel. */
  batches: Upload[][];
  unchanged: LocalFile[];
  /** Managed objects no longer in the build, deleted after every upload succeeded. */
  deletes: string[];
  /** Managed objects no longer in the build, kept because deletion is off. */
  kept: string[];
}

export const uploadsOf = (plan: Plan): Upload[] => plan.batches.flat();

/**
 * Whether the manifest still describes the object: it has a hash for it, and the object has the
 * size and ETag the last upload left. Otherwise the object was replaced, or an upload was cut off.
 */
function trusted(known: ManifestEntry | undefined, remote: RemoteObject): known is ManifestEntry & { sha256: string } {
  return known !== undefined && known.sha256 !== null && remote.size === known.size && (known.etag === null || remote.etag === known.etag);
}

/** Objects the manifest cannot vouch for: HEAD them to read the sha256 each upload stores on it. */
export function keysToInspect(local: readonly LocalFile[], remote: ReadonlyMap<string, RemoteObject>, manifest: Manifest): string[] {
  return local.filter((f) => remote.has(f.key) && !trusted(manifest.files[f.key], remote.get(f.key)!)).map((f) => f.key);
}

function uploadReason(
  file: LocalFile,
  remote: RemoteObject | undefined,
  known: ManifestEntry | undefined,
  head: RemoteHead | undefined,
): UploadReason | undefined {
  if (!remote) return 'new';
  const { contentType, cacheControl } = file.headers;
  const stored = trusted(known, remote) ? known : head?.sha256 ? { ...head, sha256: head.sha256 } : undefined;
  if (!stored) return 'unknown';
  if (stored.sha256 !== file.sha256 || remote.size !== file.size) return 'changed';
  if (stored.contentType !== contentType || stored.cacheControl !== cacheControl) return 'headers';
  return undefined;
}

export function planDeploy(input: {
  local: readonly LocalFile[];
  remote: ReadonlyMap<string, RemoteObject>;
  manifest: Manifest;
  heads?: ReadonlyMap<string, RemoteHead>;
  deleteStale: boolean;
}): Plan {
  const { local, remote, manifest } = input;
  const uploads: Upload[] = [];
  const unchanged: LocalFile[] = [];
  for (const file of local) {
    const reason = uploadReason(file, remote.get(file.key), manifest.files[file.key], input.heads?.get(file.key));
    if (reason) uploads.push({ file, reason });
    else unchanged.push(file);
  }
  const built = new Set(local.map((f) => f.key));
  const stale = Object.keys(manifest.files)
    .filter((k) => !built.has(k) && remote.has(k))
    .sort();
  return {
    batches: orderUploads(uploads, new Set(remote.keys())),
    unchanged,
    deletes: input.deleteStale ? stale : [],
    kept: input.deleteStale ? [] : stale,
  };
}

const BASE_RANK = { asset: 0, page: 1, data: 2 } as const;

/**
 * Orders uploads so that a reader never meets a page that links to a file not yet uploaded:
 * assets first, then pages, then API and feeds; and any file a page links to that is not in the
 * bucket yet goes in an earlier group than that page. Pages that link to each other and are all
 * new (a first deploy: every page links home, home links to them) share a group: no order of
 * single uploads could keep those links whole.
 */
export function orderUploads(uploads: readonly Upload[], present: ReadonlySet<string>): Upload[][] {
  const byKey = new Map(uploads.map((u) => [u.file.key, u]));
  const keys = new Set(byKey.keys());
  const deps = new Map<string, string[]>();
  for (const u of uploads) {
    const targets = new Set<string>();
    for (const link of u.file.links) {
      const key = existingKey(link, keys);
      if (key !== undefined && key !== u.file.key && !present.has(key)) targets.add(key);
    }
    deps.set(u.file.key, [...targets].sort());
  }

  // Strongly connected components (Tarjan, with an explicit stack: a first deploy of a large
  // site chains thousands of pages); each comes out after every component it depends on.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  const components: string[][] = [];
  const open = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
  };
  for (const root of [...keys].sort()) {
    if (index.has(root)) continue;
    open(root);
    const work = [{ v: root, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = deps.get(frame.v)!;
      if (frame.next < edges.length) {
        const w = edges[frame.next++]!;
        if (!index.has(w)) {
          open(w);
          work.push({ v: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (low.get(frame.v) === index.get(frame.v)) {
        const members: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.set(w, components.length);
          members.push(w);
        } while (w !== frame.v);
        components.push(members);
      }
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(frame.v)!));
    }
  }

  const rankOf = new Map<string, number>();
  components.forEach((members, c) => {
    let rank = 0;
    for (const m of members) {
      rank = Math.max(rank, BASE_RANK[byKey.get(m)!.file.headers.kind]);
      for (const d of deps.get(m)!) if (component.get(d) !== c) rank = Math.max(rank, rankOf.get(d)! + 1);
    }
    for (const m of members) rankOf.set(m, rank);
  });

  // API and feeds point at pages: unless a page needs one of them first, they go after every page.
  const needed = new Set<string>();
  for (const targets of deps.values()) for (const t of targets) needed.add(t);
  const lastPage = uploads.reduce((max, u) => (u.file.headers.kind === 'page' ? Math.max(max, rankOf.get(u.file.key)!) : max), -1);
  for (const u of uploads) {
    if (u.file.headers.kind === 'data' && !needed.has(u.file.key)) rankOf.set(u.file.key, Math.max(rankOf.get(u.file.key)!, lastPage + 1));
  }

  const groups = new Map<number, Upload[]>();
  for (const u of uploads) {
    const rank = rankOf.get(u.file.key)!;
    const group = groups.get(rank);
    if (group) group.push(u);
    else groups.set(rank, [u]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, group]) => group.sort((a, b) => (a.file.key < b.file.key ? -1 : 1)));
}

const entryFor = (file: LocalFile, etag: string | null): ManifestEntry => ({
  sha256: file.sha256,
  etag,
  size: file.size,
  contentType: file.headers.contentType,
  cacheControl: file.headers.cacheControl,
});

/**
 * Written before the first upload when new files are coming: they are recorded as managed (with
 * no hash yet), so that if the deploy is cut off, a later one still knows it may delete them.
 */
export function manifestBeforeUploads(old: Manifest, plan: Plan): Manifest | undefined {
  const fresh = uploadsOf(plan).filter((u) => !old.files[u.file.key]);
  if (fresh.length === 0) return undefined;
  const files = { ...old.files };
  for (const { file } of fresh) files[file.key] = { ...entryFor(file, null), sha256: null };
  return { version: 1, files };
}

/**
 * The manifest once every upload succeeded: every built file with the ETag the server gave it.
 * Files still to delete (or kept) stay listed, so they remain ours until they are gone.
 */
export function manifestAfterUploads(
  old: Manifest,
  plan: Plan,
  remote: ReadonlyMap<string, RemoteObject>,
  uploadedEtags: ReadonlyMap<string, string | null>,
): Manifest {
  const files: Record<string, ManifestEntry> = {};
  for (const file of plan.unchanged) files[file.key] = entryFor(file, remote.get(file.key)?.etag ?? null);
  for (const { file } of uploadsOf(plan)) files[file.key] = entryFor(file, uploadedEtags.get(file.key) ?? null);
  for (const key of [...plan.deletes, ...plan.kept]) files[key] = old.files[key]!;
  return { version: 1, files };
}

export function withoutKeys(manifest: Manifest, keys: readonly string[]): Manifest {
  const files = { ...manifest.files };
  for (const key of keys) delete files[key];
  return { version: 1, files };
}

/** Paths to invalidate in a CDN: files that were replaced or deleted (new ones were never cached). */
export function invalidationPaths(plan: Plan, prefix: string, limit = 1000): string[] {
  const keys = [...uploadsOf(plan).filter((u) => u.reason !== 'new').map((u) => u.file.key), ...plan.deletes];
  const paths = new Set<string>();
  for (const key of keys) {
    const encoded = `/${prefix}${key}`.split('/').map(encodeURIComponent).join('/');
    paths.add(encoded);
    // Pages are read at their folder URL.
    if (key === 'index.html' || key.endsWith('/index.html')) paths.add(encoded.slice(0, -'index.html'.length));
  }
  // Past the limit one wildcard is cheaper and stays within CloudFront's quota.
  if (paths.size > limit) return [`/${prefix}*`];
  return [...paths].sort();
}
