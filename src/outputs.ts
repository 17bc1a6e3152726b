import { apiFiles } from './api.ts';
import { badgeFiles } from './badges.ts';
import { calendarFiles } from './calendar.ts';
import { cmsFiles } from './cms.ts';
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
 * Each producer turns the derived state into files; add new producers here. A producer checks what
 * it must when called, and may hand back a lazy list: the large ones (API, feeds: 20,000 files and
 * 250 MB on a large site) make each file only as it is written, so they are never all in memory.
 */
export type Producer = (state: StatusState) => Iterable<OutputFile>;

const producers: Producer[] = [hostFiles, feedFiles, apiFiles, badgeFiles, calendarFiles, nextChangeFiles, cmsFiles];

/** Every producer's files, in order; can be walked more than once. */
export function generatedFiles(state: StatusState): Iterable<OutputFile> {
  const lists = producers.map((produce) => produce(state));
  return {
    *[Symbol.iterator]() {
      for (const list of lists) yield* list;
    },
  };
}
