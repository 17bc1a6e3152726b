// File output for the build: fingerprinted assets, writing many files quickly, and (with a build
// cache) rewriting only the files that changed since the last build.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assetPath, type KeyedFile, type OutputFile } from '../outputs/index.ts';

/** Asset files named by a hash of their bytes, so CDNs may cache them forever. */
export function fingerprintAssets(files: readonly { name: string; bytes: Buffer }[]): Record<string, { bytes: Buffer; path: string }> {
  return Object.fromEntries(files.map(({ name, bytes }) => [name, { bytes, path: assetPath(name, bytes) }]));
}

/** One written file: its size, a hash of its bytes ("" where never compared) and, if keyed, its key. */
interface Written {
  size: number;
  hash: string;
  key?: string;
}

/** What one build wrote. */
export interface OutputManifest {
  /** The output folder, absolute. */
  dir: string;
  files: Map<string, Written>;
  /** For folders a tool writes whole (the search index): a hash of what it was made from. */
  folders: Map<string, string>;
}

const hashOf = (content: string | Uint8Array) => createHash('sha1').update(content).digest('base64');
const sizeOf = (content: string | Uint8Array) => (typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength);

/** Whether the folder still holds what the manifest says (same files, same sizes): then it can be updated in place. */
export function outputMatches(manifest: OutputManifest, dir: string): boolean {
  if (manifest.dir !== path.resolve(dir)) return false;
  try {
    for (const [file, { size }] of manifest.files) if (lstatSync(path.join(dir, file)).size !== size) return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the build's files. Given the previous build's manifest it works in place: a file whose
 * bytes are unchanged is not written again, and files the build no longer makes are removed.
 */
export class OutputWriter {
  readonly files = new Map<string, Written>();
  private readonly folders = new Map<string, string>();
  /** Files written (not skipped), for the build's report. */
  written = 0;

  constructor(
    readonly dir: string,
    private readonly previous?: OutputManifest,
    /** Hash what is written, for the next build's manifest. */
    private readonly track = previous !== undefined,
  ) {}

  get inPlace(): boolean {
    return this.previous !== undefined;
  }

  /**
   * Writes files from several lists, a few writes in flight at once, making each folder once. A
   * keyed file whose key is the one the last build wrote it with is neither made nor written.
   */
  async write(lists: Iterable<OutputFile | KeyedFile>[]): Promise<void> {
    const made = new Set<string>();
    const queue = (function* () {
      for (const list of lists) yield* list;
    })();
    const worker = async () => {
      for (let next = queue.next(); !next.done; next = queue.next()) {
        const file = next.value;
        let content: string | Uint8Array;
        if ('make' in file) {
          const key = this.track ? file.key() : undefined;
          const before = this.previous?.files.get(file.path);
          if (key !== undefined && before?.key === key) {
            this.files.set(file.path, before);
            continue;
          }
          content = file.make();
          if (key !== undefined) this.files.set(file.path, { size: sizeOf(content), hash: '', key });
        } else {
          content = file.content;
          if (this.track) {
            const entry = { size: sizeOf(content), hash: hashOf(content) };
            this.files.set(file.path, entry);
            const before = this.previous?.files.get(file.path);
            if (before && before.hash === entry.hash && before.size === entry.size) continue;
          }
        }
        const target = path.join(this.dir, file.path);
        const dir = path.dirname(target);
        if (!made.has(dir)) {
          made.add(dir);
          mkdirSync(dir, { recursive: true });
        }
        this.written++;
        await writeFile(target, content);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }

  /** Notes a file another tool wrote (Eleventy's pages, the search index). */
  record(file: string, content?: string | Uint8Array): void {
    if (!this.track) return;
    const size = content === undefined ? statSync(path.join(this.dir, file)).size : sizeOf(content);
    this.files.set(file, { size, hash: content === undefined ? '' : hashOf(content) });
  }

  /**
   * A folder another tool writes whole (the search index): made again only when what it is made
   * from changed, else the previous build's files stay as they are.
   */
  async folder(folder: string, inputs: () => string, make: () => Promise<unknown>): Promise<void> {
    const key = this.track ? createHash('sha1').update(inputs()).digest('base64') : undefined;
    if (key !== undefined) this.folders.set(folder, key);
    if (key !== undefined && this.previous?.folders.get(folder) === key) {
      for (const [file, entry] of this.previous.files) if (file.startsWith(`${folder}/`)) this.files.set(file, entry);
      return;
    }
    if (this.inPlace) rmSync(path.join(this.dir, folder), { recursive: true, force: true });
    await make();
    if (!this.track) return;
    for (const entry of readdirSync(path.join(this.dir, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) this.record(path.relative(this.dir, path.join(entry.parentPath, entry.name)));
    }
  }

  /** In place: removes what the previous build wrote and this one did not, and folders left empty. */
  removeStale(): number {
    let removed = 0;
    for (const file of this.previous?.files.keys() ?? []) {
      if (this.files.has(file)) continue;
      rmSync(path.join(this.dir, file), { force: true });
      removed++;
      for (let dir = path.dirname(file); dir !== '.'; dir = path.dirname(dir)) {
        try {
          rmdirSync(path.join(this.dir, dir));
        } catch {
          break; // not empty
        }
      }
    }
    return removed;
  }

  /** The manifest for the next build, which will find these files in `finalDir`. */
  manifest(finalDir = this.dir): OutputManifest {
    return { dir: path.resolve(finalDir), files: this.files, folders: this.folders };
  }
}
