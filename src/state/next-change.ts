import { DateTime } from 'luxon';
import type { Content } from '../content/index.ts';

/**
 * When the built site goes stale without anyone editing content: an update or postmortem dated
 * in the future appears, a maintenance is announced, starts or ends, or the day ends in the site
 * zone (the 90-day bars move on). A scheduler rebuilds at that instant.
 */
export interface NextChange {
  at: number;
  /** What happens then, for people reading the build log. */
  reason: string;
}

/** The file in the output folder that holds the instant, as one ISO 8601 UTC line. */
export const NEXT_CHANGE_FILE = 'next-change.txt';

/** The start of tomorrow in `zone`: where today's bar ends. */
export const endOfDay = (now: number, zone: string): number => DateTime.fromMillis(now, { zone }).plus({ days: 1 }).startOf('day').toMillis();

/** The first instant after `now` at which the output changes by itself. Linear in the content. */
export function nextChange(content: Content, now: number): NextChange {
  // The end of today always qualifies, so there is always an answer.
  let best: NextChange = {
    at: endOfDay(now, content.site.time_zone),
    reason: `the day ends in ${content.site.time_zone}`,
  };
  const consider = (at: number, reason: string) => {
    if (at > now && at < best.at) best = { at, reason };
  };
  for (const incident of content.incidents) {
    // Updates are oldest first: the first one after `now` is the only candidate.
    const next = incident.updates.find((u) => u.at > now);
    if (next) consider(next.at, `an update to incident ${incident.id} appears`);
    if (incident.postmortem) consider(incident.postmortem.at, `the postmortem of incident ${incident.id} appears`);
  }
  for (const m of content.maintenances ?? []) {
    const next = m.updates.find((u) => u.at > now);
    if (next) consider(next.at, `an update to maintenance ${m.id} appears`);
    consider(m.scheduledFor, `maintenance ${m.id} starts`);
    consider(m.scheduledUntil, `maintenance ${m.id} ends`);
  }
  return best;
}
