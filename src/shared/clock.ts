import { DateTime } from 'luxon';
import { StatusError } from './errors.ts';

/**
 * The one place that decides "now": `--now <iso>` beats `STATUS_NOW`, which beats the clock.
 * Everything time-dependent takes the result as an argument, so builds are reproducible.
 */
export function resolveNow(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): number {
  const i = argv.findIndex((a) => a === '--now' || a.startsWith('--now='));
  const fromArgs = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.slice(6) : argv[i + 1];
  const text = fromArgs ?? env.STATUS_NOW;
  if (text === undefined || text === '') return Date.now();
  const dt = DateTime.fromISO(text, { setZone: true });
  if (!dt.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    throw new StatusError('USAGE', `--now / STATUS_NOW must be an ISO time with a zone, like 2026-11-21T00:00:00Z — got "${text}"`);
  }
  return dt.toMillis();
}
