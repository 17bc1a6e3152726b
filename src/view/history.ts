import { monthKey } from '../shared/format.ts';
import type { ViewContext } from './context.ts';
import { fill, monthIn } from './i18n.ts';
import type { IncidentLink } from './incident.ts';
import type { MaintenanceLink } from './maintenance.ts';
import { historyUrl } from './urls.ts';

export interface HistoryPage {
  number: number;
  url: string;
  /** Page title: "Incident history" or "Incident history, page 2". */
  title: string;
  /** "Page 2 of 5". */
  position: string;
  /** Incidents and (marked) maintenance, newest first within each month. */
  months: { key: string; label: string; incidents: (IncidentLink | MaintenanceLink)[] }[];
  previous?: string;
  next?: string;
  total: number;
}

export const HISTORY_PAGE_SIZE = 25;

/** One line of the archive and the instant it is filed under (an incident's start, a window's start). */
export interface HistoryEntry {
  link: IncidentLink | MaintenanceLink;
  at: number;
}

/** The archive: every entry, newest first (already sorted), grouped by month, HISTORY_PAGE_SIZE a page. */
export function historyPages(ctx: ViewContext, entries: HistoryEntry[]): HistoryPage[] {
  const { zone, locale } = ctx;
  const m = locale.messages.history;
  const total = Math.max(1, Math.ceil(entries.length / HISTORY_PAGE_SIZE));
  return Array.from({ length: total }, (_, n): HistoryPage => {
    const months: HistoryPage['months'] = [];
    for (const { link, at } of entries.slice(n * HISTORY_PAGE_SIZE, (n + 1) * HISTORY_PAGE_SIZE)) {
      const key = monthKey(at, { zone, locale: 'en' });
      if (months.at(-1)?.key !== key) months.push({ key, label: monthIn(at, zone, locale), incidents: [] });
      months.at(-1)!.incidents.push(link);
    }
    return {
      number: n + 1,
      url: historyUrl(n + 1),
      title: n === 0 ? m.title : fill(m.page, { number: n + 1 }),
      position: fill(m.pageOf, { number: n + 1, total }),
      months,
      previous: n > 0 ? historyUrl(n) : undefined,
      next: n + 1 < total ? historyUrl(n + 2) : undefined,
      total,
    };
  });
}
