/// <reference lib="dom" />
import { API_SUMMARY, type ApiIncident, apiIncidentOpen, type ApiMaintenance, type ApiSummary, type ApiUpdate } from '../../outputs/index.ts';
import { impactSeverity, maintenanceRuns, updateLabel } from '../../state/index.ts';
import { EMBED_SCRIPT_URL, type EmbedTexts, fill } from '../../view/index.ts';
import { EMBED_STYLE } from './embed-style.ts';
import { storage } from './dom.ts';
import { poll } from './poll.ts';

/**
 * Status embed, served as embed/script.js: other sites include it with one <script src> tag, and it
 * shows a small card in a corner of their page while this status page has an unresolved incident
 * or a maintenance in progress, and adds nothing at all otherwise. Everything it needs is found from
 * its own address. Its styles are a constructable stylesheet in a shadow root, which the host's
 * Content-Security-Policy does not govern: the host allows only script-src and connect-src for us.
 */

/** The site's strings: the build writes them in place of this name (src/outputs/embed.ts). */
declare const __STATUS_EMBED_TEXTS__: EmbedTexts;
const TEXT = __STATUS_EMBED_TEXTS__;

type Item = ApiIncident | ApiMaintenance;
interface Entry {
  item: Item;
  /** Worse impact first; maintenance after every incident. */
  rank: number;
  maintenance: boolean;
}

const script =
  document.currentScript instanceof HTMLScriptElement ? document.currentScript : document.querySelector<HTMLScriptElement>(`script[src*="${EMBED_SCRIPT_URL}"]`);
let src: URL | undefined;
try {
  src = script ? new URL(script.src, location.href) : undefined;
} catch {
  src = undefined;
}
if (script && src && /^https?:$/.test(src.protocol) && 'fetch' in window && 'ShadowRoot' in window && 'adoptedStyleSheets' in ShadowRoot.prototype) embed(script, src);

function embed(script: HTMLScriptElement, src: URL) {
  // The site root is the folder above embed/, so a site under a sub-path works as it is.
  const base = new URL('../', src);
  const left = script.getAttribute('data-position') === 'bottom-left';
  // As often as the home page re-reads the API, unless the tag asks otherwise (seconds, 1 or more).
  const every = Number(script.getAttribute('data-refresh')) * 1000;
  const KEY = 'status-embed:';
  const dismissedHere = new Set<string>(); // when localStorage is unavailable, a dismissal lasts as long as the page
  const store = storage();

  let host: HTMLElement | null = null; // the one element added to the page, only while something is shown
  let card: HTMLElement | undefined;
  let shown = '';
  let sheet: CSSStyleSheet | undefined;

  const latest = (item: Item): Pick<ApiUpdate, 'status'> & Partial<ApiUpdate> =>
    item.incident_updates?.[0] ?? { id: item.updated_at, status: item.status as ApiUpdate['status'], display_at: item.updated_at };
  const timeOf = (u: Partial<ApiUpdate>) => Date.parse(u.display_at || u.created_at || '') || 0;

  /** Unresolved incidents, worst impact first, then maintenance in progress; most recently updated first. */
  function activeItems(summary: Partial<ApiSummary>): Entry[] {
    const items: Entry[] = [];
    for (const i of summary.incidents ?? []) if (i?.id && apiIncidentOpen(i.status)) items.push({ item: i, rank: Math.max(0, impactSeverity(i.impact)), maintenance: false });
    for (const m of summary.scheduled_maintenances ?? []) if (m?.id && maintenanceRuns(m.status)) items.push({ item: m, rank: -1, maintenance: true });
    return items.sort((a, b) => b.rank - a.rank || timeOf(latest(b.item)) - timeOf(latest(a.item)));
  }

  /** A dismissal holds for one update of one item: the next update shows the card again. */
  const keyOf = (pageId: string, entry: Entry) => `${KEY}${pageId}:${entry.item.id}:${latest(entry.item).id}`;
  const isDismissed = (key: string) => {
    try {
      if (store?.getItem(key)) return true;
    } catch {
      /* storage refused: fall through */
    }
    return dismissedHere.has(key);
  };
  function forgetOthers(pageId: string, keep: string[]) {
    if (!store) return;
    try {
      // Dismissals of items no longer active are of no use: drop them (a bounded walk, newest index first).
      for (let i = store.length - 1; i >= 0; i--) {
        const key = store.key(i);
        if (key?.startsWith(`${KEY}${pageId}:`) && !keep.includes(key)) store.removeItem(key);
      }
    } catch {
      /* storage refused */
    }
  }

  /** A link only to an http(s) address of this status page (the script's origin or the page's own). */
  function safeLink(href: unknown, pageUrl: unknown): string | null {
    try {
      const url = new URL(String(href));
      const origins = [src.origin];
      try {
        origins.push(new URL(String(pageUrl)).origin);
      } catch {
        /* no page URL: the script's origin only */
      }
      return /^https?:$/.test(url.protocol) && origins.includes(url.origin) ? url.href : null;
    } catch {
      return null;
    }
  }

  function el(name: string, className?: string, text?: string): HTMLElement {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function linkOrText(text: string, href: string | null, className: string) {
    const node = el('p', className);
    if (href) {
      const link = el('a', '', text) as HTMLAnchorElement;
      link.href = href;
      node.appendChild(link);
    } else node.appendChild(document.createTextNode(text));
    return node;
  }

  let timeFormat: Intl.DateTimeFormat | null;
  try {
    timeFormat = new Intl.DateTimeFormat(TEXT.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  } catch {
    timeFormat = null;
  }

  function apply(summary: Partial<ApiSummary> | null) {
    const page: Partial<ApiSummary['page']> = summary?.page ?? {};
    const pageId = String(page.id || base.href);
    const entries = activeItems(summary ?? {});
    const keys = entries.map((e) => keyOf(pageId, e));
    forgetOthers(pageId, keys);
    const top = entries[0];
    if (!top || !keys.some((k) => !isDismissed(k))) return unmount();
    // Nothing changed since the last look: leave the card (and the reader's focus) alone.
    const signature = keys.join('|');
    if (signature === shown && host) return;
    shown = signature;
    const shownCard = mount();

    const { item } = top;
    const update = latest(item);
    const label = top.maintenance
      ? TEXT.maintenance[update.status as keyof EmbedTexts['maintenance']] || TEXT.maintenance[item.status as keyof EmbedTexts['maintenance']]
      : updateLabel<string>(update.status, item.incident_updates?.[1]?.status, TEXT.update, TEXT.update.update);
    const at = new Date(timeOf(update));

    const heading = el('p', 'heading', fill(TEXT.heading, { name: page.name || '' }));
    heading.id = 'heading';
    const meta = el('p', 'meta', `${label || String(update.status || '')} · `);
    const time = el('time', '', timeFormat ? timeFormat.format(at) : at.toISOString());
    time.setAttribute('datetime', at.toISOString());
    meta.appendChild(time);
    const parts = [heading, linkOrText(String(item.name || ''), safeLink(item.shortlink, page.url), 'title'), meta];
    if (entries.length > 1) parts.push(linkOrText(fill(TEXT.more, { count: entries.length - 1 }), safeLink(String(page.url || '').replace(/\/?$/, '/'), page.url), 'more'));
    const close = el('button', 'close') as HTMLButtonElement;
    close.type = 'button';
    close.setAttribute('aria-label', TEXT.dismiss);
    close.appendChild(el('span', '', '×')).setAttribute('aria-hidden', 'true');
    close.addEventListener('click', () => {
      for (const k of keys) {
        dismissedHere.add(k);
        try {
          store?.setItem(k, '1');
        } catch {
          /* private mode: remembered for this page only */
        }
      }
      unmount();
    });
    parts.push(close);
    shownCard.className = `card impact-${top.maintenance ? 'maintenance' : item.impact || 'none'}${left ? ' left' : ''}`;
    // Filled after the (empty) live region is in the page, so screen readers announce the content.
    const content = () => shownCard.replaceChildren(...parts);
    if (shownCard.firstChild) content();
    else setTimeout(content, 50);
  }

  function mount(): HTMLElement {
    if (host && card) return card;
    host = document.createElement('div');
    host.setAttribute('data-status-embed', '');
    const root = host.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(EMBED_STYLE);
    }
    root.adoptedStyleSheets = [sheet];
    card = el('section', 'card');
    card.setAttribute('role', 'status');
    card.setAttribute('aria-live', 'polite');
    card.setAttribute('aria-labelledby', 'heading');
    card.lang = TEXT.lang;
    card.dir = TEXT.dir;
    root.appendChild(card);
    document.body.appendChild(host);
    return card;
  }
  function unmount() {
    host?.remove();
    host = null;
    shown = '';
  }

  const start = () => poll<Partial<ApiSummary> | null>({ url: new URL(API_SUMMARY, base).href, every: every >= 1000 ? every : 60 * 1000, now: true, onData: apply });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
