import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Markdown } from '../shared/markdown.ts';
import type { StatusState } from '../state/index.ts';

/** A file the build writes besides the HTML pages: feeds, API, badges, calendars. */
export interface OutputFile {
  /** Path inside the output folder, without a leading slash. */
  path: string;
  content: string | Uint8Array;
}

/**
 * A file that costs more to make than its inputs cost to hash (a feed, an incident page): with a
 * build cache, an unchanged key means the file from the last build is still right, so it is not made.
 */
export interface KeyedFile {
  path: string;
  /** A hash of everything the file is made from; only asked for when a cache is in use. */
  key(): string;
  make(): string | Uint8Array;
}

/** What producers share within one build. */
export interface OutputTools {
  /** Rendered Markdown, the same the pages used. */
  markdown: Markdown;
  /** The status embed's bundled script, with EMBED_TEXTS_SLOT where its strings go (made by src/client/, asked for only when written). */
  embedScript: () => string;
}

/**
 * One kind of output: what makes its files from the derived state, and the paths among them that
 * subscribers' readers, scripts and widgets fetch, with their content types (hosting headers give
 * those a short cache and CORS; see headers.ts). A producer checks what it must when called, and
 * may hand back a lazy list: the large ones (API, feeds: 20,000 files and 250 MB on a large site)
 * make each file only as it is written, so they are never all in memory.
 */
export interface Output {
  produce(state: StatusState, tools: OutputTools): Iterable<OutputFile | KeyedFile>;
  serves?: readonly { path: string; type: string }[];
}

/** Files as plain path and content, making the keyed ones (for callers without a cache). */
export function* madeFiles(files: Iterable<OutputFile | KeyedFile>): Generator<OutputFile> {
  for (const file of files) yield 'make' in file ? { path: file.path, content: file.make() } : file;
}

/**
 * Where an asset is written: `assets/<name>.<hash of its bytes><ext>`, so its URL changes with its
 * bytes and CDNs may keep it forever (see CACHE_CONTROL.immutable in headers.ts).
 */
export function assetPath(name: string, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const ext = path.extname(name);
  return `assets/${path.basename(name, ext)}.${hash}${ext}`;
}
