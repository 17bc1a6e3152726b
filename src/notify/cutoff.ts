import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NEXT_CHANGE_FILE } from './upstream.ts';

/**
 * The instant a run after a deploy notifies as of: never past the built site's next change by
 * itself, so no message speaks of an update dated in the future that the uploaded pages do not
 * show yet.
 */
export function notifyAsOf(now: number, builtDir: string): number {
  try {
    const next = Date.parse(readFileSync(path.join(builtDir, NEXT_CHANGE_FILE), 'utf8').trim());
    return Number.isNaN(next) ? now : Math.min(now, next - 1);
  } catch {
    return now;
  }
}
