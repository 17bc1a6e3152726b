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

/** Each producer turns the derived state into files; add new producers here. */
export type Producer = (state: StatusState) => OutputFile[];

const producers: Producer[] = [hostFiles, feedFiles, apiFiles, badgeFiles, calendarFiles, nextChangeFiles, cmsFiles];

export function generatedFiles(state: StatusState): OutputFile[] {
  return producers.flatMap((produce) => produce(state));
}
