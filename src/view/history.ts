import type { IncidentState } from '../state/index.ts';
import { monthKey } from '../shared/format.ts';
import type { ViewContext } from './context.ts';
import { fill, monthIn } from './i18n.ts';
import type { IncidentLink } from './incident.ts';
import { historyUrl } from './urls.ts';

export interface HistoryPage {
  number: number;
  url: string;
  /** Page title: "Incident history" or "Incident history, page 2". */
  title: string;
  /** "Page 2 of 5". */
  position: string;
  months: { key: string; label: string; incidents: IncidentLink[] }[];
  previous?: string;
  next?: string;
  total: number;
}

export const HISTORY_PAGE_SIZE = 25;

/** The archive: every incident, newest first, grouped by month, HISTORY_PAGE_SIZE a page. */
export function historyPages(ctx: ViewContext, links: IncidentLink[], incidents: IncidentState[]): HistoryPage[] {
  const { zone, locale } = ctx;
  const m = locale.messages.history;
  const startedAt = new Map(incidents.map((i) => [i.incident.id, i.startedAt]));
  const total = Math.max(1, Math.ceil(links.length / HISTORY_PAGE_SIZE));
  return Array.from({ length: total }, (_, n): HistoryPage => {
    const months: HistoryPage['months'] = [];
    for (const l of links.slice(n * HISTORY_PAGE_SIZE, (n + 1) * HISTORY_PAGE_SIZE)) {
      const ms = startedAt.get(l.id)!;
      const key = monthKey(ms, { zone, locale: 'en' });
      if (months.at(-1)?.key !== key) months.push({ key, label: monthIn(ms, zone, locale), incidents: [] });
      months.at(-1)!.incidents.push(l);
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
