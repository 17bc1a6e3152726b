/// <reference lib="dom" />
import { type ClientSettings, fill } from '../../view/index.ts';
import { el, jsonAttribute } from './dom.ts';

/**
 * Search over incidents and postmortems on the history page, with the Pagefind index built next
 * to the site (same origin, no third party). Without JavaScript the archive below lists everything.
 */

/** The parts of Pagefind's browser API used here. */
interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  mergeIndex(url: string, options: { baseUrl: string }): Promise<void>;
  init(): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<FoundPage> }[] }>;
}
interface FoundPage {
  url: string;
  content?: string;
  excerpt?: string;
  meta?: { title?: string; started?: string };
}

const box = document.getElementById('search');
const site = jsonAttribute<ClientSettings>(document.documentElement, 'data-site');
if (box && site && 'fetch' in window && 'WebAssembly' in window) search(box, site, document.documentElement.getAttribute('data-base') || '/');

function search(box: HTMLElement, site: ClientSettings, base: string) {
  const t = site.t.search;
  const form = el('form', { class: 'search-form', role: 'search' });
  form.appendChild(el('label', { for: 'search-q' }, t.label));
  const row = el('div', { class: 'search-row' });
  const input = el('input', { id: 'search-q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false' });
  row.append(input, el('button', { type: 'submit' }, t.button));
  form.appendChild(row);
  const status = el('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const results = el('ol', { class: 'search-results' });
  box.append(form, status, results);

  let engine: Promise<Pagefind> | undefined;
  /**
   * Loads the index on first use only: most visitors never search. The index comes in parts, one
   * per year (newest first); the newest part's script loads and the others are merged into it.
   */
  function load(): Promise<Pagefind> {
    if (!engine) {
      const parts = (box.getAttribute('data-indexes') || '').split(' ').filter(Boolean);
      if (!parts.length) return Promise.reject(new Error('no search index'));
      engine = (import(parts[0] + 'pagefind.js') as Promise<Pagefind>).then(async (pagefind) => {
        await pagefind.options({ baseUrl: base });
        await Promise.all(parts.slice(1).map((part) => pagefind.mergeIndex(part, { baseUrl: base })));
        await pagefind.init();
        return pagefind;
      });
    }
    return engine;
  }

  let latest = 0;
  function run() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      results.textContent = '';
      status.textContent = '';
      return;
    }
    load()
      .then((pagefind) => pagefind.search(query))
      .then((found) => Promise.all(found.results.slice(0, 50).map((r) => r.data())))
      .then((all) => all.filter(matches(query)).slice(0, 25))
      .then((pages) => {
        if (ticket !== latest) return; // a newer query is on its way
        results.textContent = '';
        status.textContent = pages.length ? fill(t.results, { count: pages.length }) : fill(t.noMatch, { query });
        for (const page of pages) {
          const li = el('li');
          li.appendChild(el('a', { href: page.url }, page.meta?.title || page.url));
          if (page.meta?.started) li.appendChild(el('span', { class: 'meta' }, page.meta.started));
          li.appendChild(excerpt(page.excerpt || ''));
          results.appendChild(li);
        }
      })
      .catch(() => {
        if (ticket !== latest) return;
        results.textContent = '';
        status.textContent = t.failed;
      });
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    run();
  }
}

/** Pagefind marks matches with <mark>; keep those and plain text, nothing else. */
function excerpt(html: string): HTMLParagraphElement {
  const p = el('p', { class: 'excerpt' });
  const doc = new DOMParser().parseFromString(`<body>${html}`, 'text/html');
  doc.body.childNodes.forEach((node) => {
    p.appendChild(node.nodeName === 'MARK' ? el('mark', null, node.textContent ?? '') : document.createTextNode(node.textContent ?? ''));
  });
  return p;
}

/**
 * Pagefind answers a word it does not know with pages holding its longest known beginning
 * ("intermittent" → "in"). With one index part per year, a word from one year would bring every
 * page of the others. Keep a page only if each searched word shares most of its beginning with a
 * word of the page: "errors" still finds "error" (Pagefind stems), "intermittent" no longer "in".
 */
function matches(query: string): (page: FoundPage) => boolean {
  let split: RegExp;
  try {
    split = new RegExp('[^\\p{L}\\p{N}]+', 'u');
  } catch {
    return () => true;
  }
  const terms = query.toLowerCase().split(split).filter(Boolean);
  // Scripts written without spaces (Japanese, Chinese…) have no word beginnings to compare.
  const unspaced = /[^\u0000-\u024f\u0370-\u04ff\u0590-\u06ff]/;
  return (page) => {
    const text = (page.content || '').toLowerCase();
    const words = text.split(split);
    return terms.every((term) => {
      if (unspaced.test(term)) return text.includes(term);
      const need = Math.min(term.length, Math.max(3, term.length - 3));
      const start = term.slice(0, need);
      return words.some((word) => word.slice(0, need) === start);
    });
  };
}
