import type { StatusState } from './state.ts';

/** A file the build writes besides the HTML pages: feeds, API, badges, calendars. */
export interface OutputFile {
  /** Path inside the output folder, without a leading slash. */
  path: string;
  content: string | Uint8Array;
}

/** Each producer turns the derived state into files; add new producers here. */
export type Producer = (state: StatusState) => OutputFile[];

const producers: Producer[] = [];

export function generatedFiles(state: StatusState): OutputFile[] {
  return producers.flatMap((produce) => produce(state));
}
