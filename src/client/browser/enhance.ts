/// <reference lib="dom" />
import { API_SUMMARY, type ApiSummary } from '../../outputs/index.ts';
import type { ShownState } from '../../state/index.ts';
import type { ClientSettings } from '../../view/index.ts';
import { startClock } from './clock.ts';
import { jsonAttribute } from './dom.ts';
import { livePage } from './live.ts';
import { poll } from './poll.ts';
import { readerTimes } from './times.ts';

/**
 * The pages' script, an optional enhancement: every page is complete without it. It shows times
 * in the reader's zone (with a toggle back to the site's), does the clock's part between builds,
 * and on the home page keeps the status fresh by re-reading the JSON API. No inline styles: the
 * site's Content-Security-Policy forbids them.
 */

const root = document.documentElement;
const site = jsonAttribute<ClientSettings>(root, 'data-site');
if (site) enhance(site, root.getAttribute('data-base') || '/');

function enhance(site: ClientSettings, base: string) {
  const times = readerTimes(site);

  /** Shows a state on a state label; returns whether its text changed. */
  const setState = (node: Element | null, state: ShownState): boolean => {
    const label = site.t.state[state];
    if (!node || !label) return false;
    const changed = node.textContent !== label;
    node.className = node.className.replace(/\bstate-\S+/, `state-${state}`);
    node.textContent = label;
    return changed;
  };
  const clock = startClock(site, setState);

  const live = document.getElementById('live-incidents');
  if (!live || !('fetch' in window)) return;
  const apply = livePage({ site, base, live, times, setState });
  poll<ApiSummary>({
    url: base + API_SUMMARY,
    every: 60 * 1000,
    now: false,
    onData(summary) {
      apply(clock ? clock.seen(summary) : summary);
      live.setAttribute('data-checked', new Date().toISOString()); // when the status was last confirmed
    },
  });
}
