import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { affectedText, CALENDAR_FILE, maintenanceUrl } from '../view/index.ts';

export { CALENDAR_FILE };
import { stamp, type Clock } from '../shared/format.ts';
import { absoluteUrl } from '../shared/ids.ts';
import { Markdown } from '../shared/markdown.ts';
import type { OutputFile, Output } from './files.ts';
import { MAINTENANCE_LABELS, type StatusState } from '../state/index.ts';
import { cleanText } from '../shared/text.ts';

/** Scheduled maintenance as an iCalendar feed people can subscribe to in their calendar app. */

/** UID of a maintenance's event: calendar apps match later versions of the event by it. */
export const maintenanceUid = (siteUrl: string, id: string) => `maintenance-${id}@${new URL(siteUrl).hostname}`;

/** Producer: `maintenance.ics` with every announced maintenance, past and future. */
export function calendarFiles(state: StatusState, markdown = new Markdown()): OutputFile[] {
  const { site } = state.content;
  const clock: Clock = { zone: site.time_zone, locale: site.locale };
  const calendar = ical({
    prodId: { company: 'markdown-status', product: 'maintenance calendar', language: 'EN' },
    name: cleanText(`${site.name} maintenance`),
    description: cleanText(`Scheduled maintenance on the ${site.name} status page.`),
    url: absoluteUrl(site.url, `/${CALENDAR_FILE}`),
    // Calendar apps poll subscriptions; once an hour is plenty for planned work.
    ttl: 3600,
  });
  for (const m of state.maintenances) {
    const latest = m.updates.at(-1);
    const affected = affectedText(site, m.componentIds);
    const description = [
      `Status: ${MAINTENANCE_LABELS[m.status]}`,
      affected && `Affected: ${affected}`,
      m.maintenance.description && markdown.text(m.maintenance.description),
      latest && `${latest.label} (${stamp(latest.at, clock)}): ${markdown.text(latest.body)}`,
    ].filter(Boolean);
    calendar.createEvent({
      id: maintenanceUid(site.url, m.maintenance.id),
      start: new Date(m.maintenance.scheduledFor),
      end: new Date(m.maintenance.scheduledUntil),
      // Times of the content, not of the build, so an unchanged maintenance gives the same bytes.
      stamp: new Date(m.updatedAt),
      created: new Date(m.createdAt),
      lastModified: new Date(m.updatedAt),
      sequence: m.updates.filter((u) => !u.automatic).length,
      summary: cleanText(`${m.maintenance.title} (maintenance)`),
      description: cleanText(description.join('\n\n')),
      url: absoluteUrl(site.url, maintenanceUrl(m.maintenance.id)),
      status: ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return [{ path: CALENDAR_FILE, content: calendar.toString() }];
}

/** Output: the maintenance calendar people subscribe to. */
export const calendarOutput: Output = {
  produce: (state, { markdown }) => calendarFiles(state, markdown),
  serves: [{ path: `/${CALENDAR_FILE}`, type: 'text/calendar; charset=utf-8' }],
};
