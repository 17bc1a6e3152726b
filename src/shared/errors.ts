/**
 * One problem found in the content, pointing at the line to fix. Everything but the place comes
 * from one entry of the catalogue (src/content/problems/), named by `code`.
 */
export interface Problem {
  file: string;
  line: number;
  /** The catalogue entry's stable code, like `unknown-component`. */
  code: string;
  message: string;
  /** What to write instead. */
  hint: string;
  severity: 'error' | 'warning';
}

export type ErrorCode = 'CONTENT' | 'USAGE' | 'IO';

/** The one error class of the project; only entry points print it and exit. */
export class StatusError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];
  constructor(code: ErrorCode, message: string, problems: Problem[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StatusError';
    this.code = code;
    this.problems = problems;
  }
}

export function formatProblem(p: Problem): string {
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return `${p.file}:${p.line}: ${tag}${p.message}${p.hint ? ` — ${p.hint}` : ''}`;
}

/** Closest candidate by edit distance, for "did you mean …" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 2)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
