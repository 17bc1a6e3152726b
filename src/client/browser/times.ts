/// <reference lib="dom" />
import { formatIn } from '../../shared/stamp.ts';
import { type ClientSettings, fill, isUtcZone } from '../../view/index.ts';
import { storage } from './dom.ts';

/**
 * Times on the page, shown in the reader's zone (with a button back to the site's) unless the
 * reader chose the site's zone before. The page as built writes them in the site's zone; that
 * text is kept to switch back. Times the script adds (a later update) are written the same way.
 */

const KEY = 'status-page-times';

export interface Times {
  /** Shows every `<time datetime>` in `scope` in the chosen zone. */
  show(scope: ParentNode): void;
  /** A new `<time>` for an instant, written in the site's zone as the build would; `show` it once in the page. */
  create(iso: string): HTMLTimeElement;
}

export function readerTimes(site: ClientSettings): Times {
  const { t } = site;
  let readerZone: string | undefined;
  try {
    readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    readerZone = undefined;
  }
  const sameZone = !readerZone || readerZone === site.zone || (isUtcZone(readerZone) && isUtcZone(site.zone));
  const remembered = () => {
    try {
      return storage()?.getItem(KEY);
    } catch {
      return null;
    }
  };
  let local = !sameZone && remembered() !== 'site';
  const siteText = new WeakMap<Element, string>();

  const showTime = (time: Element) => {
    if (!siteText.has(time)) siteText.set(time, time.textContent ?? '');
    const at = Date.parse(time.getAttribute('datetime') ?? '');
    if (isNaN(at)) return;
    const built = siteText.get(time)!;
    time.textContent = local && readerZone ? formatIn(at, readerZone, site.locale, t.stamp) : built;
    if (local) time.setAttribute('title', built);
    else time.removeAttribute('title');
  };
  const show = (scope: ParentNode) => scope.querySelectorAll('time[datetime]').forEach(showTime);

  const note = document.querySelector('footer .zone-note');
  const noteHtml = note?.innerHTML ?? '';
  let button: HTMLButtonElement | undefined;
  const showMode = () => {
    show(document);
    if (note) {
      if (local) note.textContent = fill(t.live.readerZone, { zone: readerZone ?? '' });
      else note.innerHTML = noteHtml; // the page's own markup, put back as it was
    }
    if (button) button.textContent = local ? fill(t.live.siteTime, { zone: site.zoneLabel }) : t.live.localTime;
  };
  if (!sameZone && note?.parentNode) {
    // Inserted by the script, so readers without JavaScript never see a control that does nothing.
    const toggle = (button = document.createElement('button'));
    toggle.type = 'button';
    toggle.className = 'zone-toggle';
    toggle.addEventListener('click', () => {
      local = !local;
      try {
        storage()?.setItem(KEY, local ? 'local' : 'site');
      } catch {
        /* private mode: the choice lasts for this page only */
      }
      showMode();
    });
    note.after(' ', toggle);
  }
  showMode();

  return {
    show,
    create(iso) {
      const time = document.createElement('time');
      time.setAttribute('datetime', iso);
      time.textContent = formatIn(Date.parse(iso), site.zone, site.locale, t.stamp);
      siteText.set(time, time.textContent);
      return time;
    },
  };
}
