import { apiFiles } from './api.ts';
import { badgeFiles } from './badges.ts';
import { calendarFiles } from './calendar.ts';
import { cmsFiles } from './cms.ts';
import { embedFiles } from './embed.ts';
import { feedFiles } from './feeds.ts';
import { hostFiles } from './headers.ts';
import { nextChangeFiles } from './next-change.ts';
import type { StatusState } from './state.ts';

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

/**
 * Each producer turns the derived state into files; add new producers here. A producer checks what
 * it must when called, and may hand back a lazy list: the large ones (API, feeds: 20,000 files and
 * 250 MB on a large site) make each file only as it is written, so they are never all in memory.
 */
export type Producer = (state: StatusState) => Iterable<OutputFile | KeyedFile>;

const producers: Producer[] = [hostFiles, feedFiles, apiFiles, badgeFiles, calendarFiles, nextChangeFiles, cmsFiles, embedFiles];

/** Files as plain path and content, making the keyed ones (for callers without a cache). */
export function* madeFiles(files: Iterable<OutputFile | KeyedFile>): Generator<OutputFile> {
  for (const file of files) yield 'make' in file ? { path: file.path, content: file.make() } : file;
}

/** Every producer's files, in order; can be walked more than once. */
export function generatedFiles(state: StatusState): Iterable<OutputFile | KeyedFile> {
  const lists = producers.map((produce) => produce(state));
  return {
    *[Symbol.iterator]() {
      for (const list of lists) yield* list;
    },
  };
}
