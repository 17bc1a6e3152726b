import type { Problem } from '../../shared/errors.ts';

/** What a problem says and which entry says it: a Problem without its place (file and line). */
export type Said = Omit<Problem, 'file' | 'line'>;

/**
 * One entry of the catalogue. Called with the details of one occurrence (the id, the key, the
 * value written), it gives the message and the hint, with its code and severity.
 */
export interface Entry<D extends unknown[] = never> {
  (...details: D): Said;
  /** Stable: tools and tests may key on it; the wording may change, the code does not. */
  readonly code: string;
  readonly severity: Problem['severity'];
}

/** Makes an entry: `say` turns the details into what is wrong and what to write instead. */
export function entry<D extends unknown[]>(
  code: string,
  say: (...details: D) => { message: string; hint: string },
  severity: Problem['severity'] = 'error',
): Entry<D> {
  return Object.assign((...details: D): Said => ({ code, severity, ...say(...details) }), { code, severity });
}

/** An entry for a value of a known format: the schema carries `hint` as its issue's text, so a problem can find its entry by it. */
export interface FormatEntry extends Entry<[where: string, written: string]> {
  readonly hint: string;
}

export const format = (code: string, hint: string): FormatEntry =>
  Object.assign(entry(code, (where: string, written: string) => ({ message: `${where} is not valid: ${written}`, hint })), { hint });

/** "did you mean …?" when there is a close guess, else the fallback. */
export const guessOr = (guess: string | undefined, otherwise: string) => (guess ? `did you mean "${guess}"?` : otherwise);

/** `{name} {time}`, as placeholders are written. */
export const braced = (names: readonly string[]) => names.map((p) => `{${p}}`).join(' ');
