// Writes the sample site's recorded probe series (content/probes/*.jsonl) once, the same bytes every
// run: `npx tsx scripts/sample-probes.ts`. A check every 30 minutes; the API for the 30 days before
// the sample's instant, Form Submissions for its last 10 (as if its probe had been added then),
// with the slow morning of the 2026-11-11 incident, a few failed checks and hours the probe missed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prng } from './bench/prng.ts';

const END = Date.parse('2026-11-21T00:00:00Z');
const STEP = 30 * 60_000;
const DAY = 24 * 3_600_000;
const dir = path.resolve(import.meta.dirname, '../content/probes');

interface Series {
  days: number;
  seed: number;
  base: number;
  /** Spans with no line at all: the probe itself was down. */
  missed: [string, string][];
  /** Spans where checks fail, with the error they record. */
  failing: [string, string, string][];
  /** Spans where answers are slower by the factor. */
  slow: [string, string, number][];
}

const SERIES: Record<string, Series> = {
  api: {
    days: 30,
    seed: 7,
    base: 140,
    missed: [['2026-11-19T02:00:00Z', '2026-11-19T05:00:00Z'], ['2026-11-20T13:00:00Z', '2026-11-20T14:30:00Z']],
    failing: [['2026-11-03T10:30:00Z', '2026-11-03T11:30:00Z', 'HTTP 503'], ['2026-11-20T06:00:00Z', '2026-11-20T06:30:00Z', 'timeout after 10000 ms']],
    slow: [['2026-11-14T08:00:00Z', '2026-11-14T12:00:00Z', 2.2]],
  },
  'form-submissions': {
    days: 10,
    seed: 11,
    base: 260,
    missed: [['2026-11-16T22:00:00Z', '2026-11-17T01:00:00Z']],
    failing: [['2026-11-11T10:00:00Z', '2026-11-11T10:30:00Z', 'HTTP 502']],
    slow: [['2026-11-11T08:30:00Z', '2026-11-11T11:30:00Z', 3.5]],
  },
};

const within = (at: number, [from, to]: [string, string, ...unknown[]]) => at >= Date.parse(from) && at < Date.parse(to);

mkdirSync(dir, { recursive: true });
for (const [id, s] of Object.entries(SERIES)) {
  const random = prng(s.seed);
  const lines: string[] = [];
  for (let at = END - s.days * DAY; at < END; at += STEP) {
    if (s.missed.some((span) => within(at, span))) continue;
    const hour = new Date(at).getUTCHours() + new Date(at).getUTCMinutes() / 60;
    // Busier (slower) during the working day in Africa and South Asia, where most users are.
    const load = 1 + 0.35 * Math.max(0, Math.sin(((hour - 5) / 14) * Math.PI));
    const slow = s.slow.find((span) => within(at, span))?.[2] ?? 1;
    const jitter = random.next() < 0.03 ? 2 + random.next() * 2 : 0.85 + random.next() * 0.35;
    const failing = s.failing.find((span) => within(at, span));
    const ms = Math.round(s.base * load * slow * jitter);
    const line = failing ? { at: new Date(at).toISOString().replace('.000', ''), ok: false, ms: failing[2].startsWith('timeout') ? 10000 : ms, error: failing[2] } : { at: new Date(at).toISOString().replace('.000', ''), ok: true, ms };
    lines.push(JSON.stringify(line));
  }
  writeFileSync(path.join(dir, `${id}.jsonl`), `${lines.join('\n')}\n`);
  console.log(`${id}.jsonl: ${lines.length} lines`);
}
