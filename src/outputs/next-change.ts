import { iso } from '../shared/format.ts';
import { NEXT_CHANGE_FILE, nextChange, type StatusState } from '../state/index.ts';
import type { OutputFile, Output } from './files.ts';

/** Producer: `next-change.txt`, so a scheduler can read when to rebuild. */
export function nextChangeFiles(state: StatusState): OutputFile[] {
  return [{ path: NEXT_CHANGE_FILE, content: `${iso(nextChange(state.content, state.now).at)}\n` }];
}

/** Output: next-change.txt (served as text, by its extension). */
export const nextChangeOutput: Output = { produce: nextChangeFiles };
