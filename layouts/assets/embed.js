// Status embed, served as embed/script.js: other sites include it with one <script src> tag, and it
// shows a small card in a corner of their page while this status page has an unresolved incident
// or a maintenance in progress, and adds nothing at all otherwise. Everything it needs is found from
// its own address. Its styles are a constructable stylesheet in a shadow root, which the host's
// Content-Security-Policy does not govern: the host allows only script-src and connect-src for us.
(function () {
  'use strict';
  // Interface strings; the build writes the site's language here.
  var TEXT = /*texts*/ {
    lang: 'en', dir: 'ltr', heading: '{name} status', dismiss: 'Dismiss', more: '{count} more on the status page',
    update: { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved', update: 'Update' },
    maintenance: { in_progress: 'In progress', verifying: 'Verifying' },
  } /*end*/;

  var script = document.currentScript || document.querySelector('script[src*="/embed/script.js"]');
  if (!script || !window.fetch || !window.ShadowRoot || !('adoptedStyleSheets' in ShadowRoot.prototype)) return;
  var src;
  try {
    src = new URL(script.src, location.href);
  } catch (e) {
    return;
  }
  if (!/^https?:$/.test(src.protocol)) return;
  // The site root is the folder above embed/, so a site under a sub-path works as it is.
  var base = new URL('../', src);
  var summaryUrl = new URL('api/v2/summary.json', base).href;
  var left = script.getAttribute('data-position') === 'bottom-left';
  var MINUTE = 60 * 1000;
  var MAX_DELAY = 15 * MINUTE;
  // As often as the home page re-reads the API, unless the tag asks otherwise (seconds, 1 or more).
  var every = Number(script.getAttribute('data-refresh')) * 1000;
  var interval = every >= 1000 ? every : MINUTE;
  var delay = interval;
  var timer;
  var lastPoll = 0;

  var KEY = 'status-embed:';
  var dismissedHere = {}; // when localStorage is unavailable, a dismissal lasts as long as the page
  var store;
  try {
    store = window.localStorage;
  } catch (e) {
    store = null;
  }

  var host = null; // the one element added to the page, only while something is shown
  var card;
  var shown = '';
  var RANK = { none: 1, minor: 2, major: 3, critical: 4 };

  var fill = function (message, params) {
    return String(message).replace(/\{(\w+)\}/g, function (whole, name) {
      return name in params ? String(params[name]) : whole;
    });
  };
  var latest = function (item) {
    return (item.incident_updates || [])[0] || { id: item.updated_at, status: item.status, display_at: item.updated_at };
  };
  var timeOf = function (update) {
    return Date.parse(update.display_at || update.created_at) || 0;
  };

  /** Unresolved incidents, worst impact first, then maintenance in progress; most recently updated first. */
  function activeItems(summary) {
    var items = [];
    (summary.incidents || []).forEach(function (i) {
      if (i && i.id && i.status !== 'resolved' && i.status !== 'postmortem') items.push({ item: i, rank: RANK[i.impact] || 1 });
    });
    (summary.scheduled_maintenances || []).forEach(function (m) {
      if (m && m.id && (m.status === 'in_progress' || m.status === 'verifying')) items.push({ item: m, rank: 0, maintenance: true });
    });
    return items.sort(function (a, b) {
      return b.rank - a.rank || timeOf(latest(b.item)) - timeOf(latest(a.item));
    });
  }

  /** A dismissal holds for one update of one item: the next update shows the card again. */
  var keyOf = function (pageId, entry) {
    return KEY + pageId + ':' + entry.item.id + ':' + latest(entry.item).id;
  };
  var isDismissed = function (key) {
    try {
      if (store && store.getItem(key)) return true;
    } catch (e) {
      /* storage refused: fall through */
    }
    return !!dismissedHere[key];
  };
  function forgetOthers(pageId, keep) {
    if (!store) return;
    try {
      // Dismissals of items no longer active are of no use: drop them (a bounded walk, newest index first).
      for (var i = store.length - 1; i >= 0; i--) {
        var key = store.key(i);
        if (key && key.indexOf(KEY + pageId + ':') === 0 && keep.indexOf(key) < 0) store.removeItem(key);
      }
    } catch (e) {
      /* storage refused */
    }
  }

  /** A link only to an http(s) address of this status page (the script's origin or the page's own). */
  function safeLink(href, pageUrl) {
    try {
      var url = new URL(String(href));
      var origins = [src.origin];
      try {
        origins.push(new URL(String(pageUrl)).origin);
      } catch (e) {
        /* no page URL: the script's origin only */
      }
      return /^https?:$/.test(url.protocol) && origins.indexOf(url.origin) >= 0 ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function el(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function linkOrText(text, href, className) {
    var node = el('p', className);
    var target = href ? el('a', '', text) : document.createTextNode(text);
    if (href) target.href = href;
    node.appendChild(target);
    return node;
  }

  var timeFormat;
  try {
    timeFormat = new Intl.DateTimeFormat(TEXT.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  } catch (e) {
    timeFormat = null;
  }

  function apply(summary) {
    var page = summary.page || {};
    var pageId = String(page.id || base.href);
    var entries = activeItems(summary);
    var keys = entries.map(function (e) {
      return keyOf(pageId, e);
    });
    forgetOthers(pageId, keys);
    var open = keys.some(function (k) {
      return !isDismissed(k);
    });
    if (!open) return unmount();
    // Nothing changed since the last look: leave the card (and the reader's focus) alone.
    var signature = keys.join('|');
    if (signature === shown && host) return;
    shown = signature;
    mount();

    var top = entries[0];
    var item = top.item;
    var update = latest(item);
    var updates = item.incident_updates || [];
    var label = top.maintenance
      ? TEXT.maintenance[update.status] || TEXT.maintenance[item.status]
      : updates[1] && updates[1].status === update.status ? TEXT.update.update : TEXT.update[update.status];
    var at = new Date(timeOf(update));

    var heading = el('p', 'heading', fill(TEXT.heading, { name: page.name || '' }));
    heading.id = 'heading';
    var meta = el('p', 'meta', (label || String(update.status || '')) + ' · ');
    var time = el('time', '', timeFormat ? timeFormat.format(at) : at.toISOString());
    time.setAttribute('datetime', at.toISOString());
    meta.appendChild(time);
    var parts = [heading, linkOrText(String(item.name || ''), safeLink(item.shortlink, page.url), 'title'), meta];
    if (entries.length > 1) parts.push(linkOrText(fill(TEXT.more, { count: entries.length - 1 }), safeLink(String(page.url || '').replace(/\/?$/, '/'), page.url), 'more'));
    var close = el('button', 'close');
    close.type = 'button';
    close.setAttribute('aria-label', TEXT.dismiss);
    close.appendChild(el('span', '', '×')).setAttribute('aria-hidden', 'true');
    close.addEventListener('click', function () {
      keys.forEach(function (k) {
        dismissedHere[k] = true;
        try {
          if (store) store.setItem(k, '1');
        } catch (e) {
          /* private mode: remembered for this page only */
        }
      });
      unmount();
    });
    parts.push(close);
    card.className = 'card impact-' + (top.maintenance ? 'maintenance' : item.impact || 'none') + (left ? ' left' : '');
    // Filled after the (empty) live region is in the page, so screen readers announce the content.
    var content = function () {
      card.replaceChildren.apply(card, parts);
    };
    if (card.firstChild) content();
    else setTimeout(content, 50);
  }

  function mount() {
    if (host) return;
    host = document.createElement('div');
    host.setAttribute('data-status-embed', '');
    var root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    card = el('section', 'card');
    card.setAttribute('role', 'status');
    card.setAttribute('aria-live', 'polite');
    card.setAttribute('aria-labelledby', 'heading');
    card.lang = TEXT.lang;
    card.dir = TEXT.dir;
    root.appendChild(card);
    document.body.appendChild(host);
  }
  function unmount() {
    if (host && host.parentNode) host.parentNode.removeChild(host);
    host = null;
    shown = '';
  }

  var sheet;
  function styles() {
    if (sheet) return sheet;
    sheet = new CSSStyleSheet();
    // Colours of the status page's own stylesheet; px rather than rem, as the host's root size is unknown.
    sheet.replaceSync([
      // Nothing of the host page's styles is inherited into the card (important wins from inside).
      ':host { all: initial !important; }',
      '.card { --fg: #1b1f24; --muted: #57606a; --bg: #fff; --line: #d8dee4; --link: #0b5cad; --accent: #57606a;',
      '  position: fixed; z-index: 2147483000; box-sizing: border-box; margin: 0;',
      '  bottom: max(16px, env(safe-area-inset-bottom)); right: max(16px, env(safe-area-inset-right));',
      '  width: calc(100vw - 32px - env(safe-area-inset-left) - env(safe-area-inset-right)); max-width: 360px;',
      '  padding-block: 12px; padding-inline: 16px 48px; color: var(--fg); background: var(--bg);',
      '  border: 1px solid var(--line); border-inline-start: 4px solid var(--accent); border-radius: 8px;',
      '  box-shadow: 0 6px 24px rgb(0 0 0 / .18); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;',
      '  text-align: start; overflow-wrap: anywhere; }',
      '.card.left { right: auto; left: max(16px, env(safe-area-inset-left)); }',
      '.impact-minor { --accent: #8a5a00; } .impact-major { --accent: #b3440a; } .impact-critical { --accent: #c21d1d; } .impact-maintenance { --accent: #1c5fb0; }',
      'p { margin: 0; } .heading, .meta { color: var(--muted); font-size: 13px; } .title { font-weight: 600; margin-block: 2px; } .more { margin-top: 4px; }',
      'a { color: var(--link); text-decoration: underline; text-underline-offset: 2px; } .title a { color: var(--fg); }',
      '.close { position: absolute; top: 6px; inset-inline-end: 6px; width: 36px; height: 36px; margin: 0; padding: 0; border: 0;',
      '  border-radius: 6px; background: transparent; color: var(--muted); font: 22px/1 system-ui, sans-serif; cursor: pointer; }',
      '.close:hover { background: rgb(127 127 127 / .18); color: var(--fg); }',
      'a:focus-visible, .close:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; border-radius: 4px; }',
      '@media (prefers-color-scheme: dark) { .card { --fg: #e6edf3; --muted: #9aa5b1; --bg: #161b22; --line: #30363d; --link: #6cb6ff; }',
      '  .impact-minor { --accent: #e3b341; } .impact-major { --accent: #f0883e; } .impact-critical { --accent: #ff7b72; } .impact-maintenance { --accent: #79b8ff; } }',
      '@media (prefers-reduced-motion: no-preference) { .card { animation: enter .2s ease-out; } }',
      '@keyframes enter { from { opacity: 0; transform: translateY(8px); } }',
      '@media (forced-colors: active) { .card { border-color: CanvasText; } }',
    ].join('\n'));
    return sheet;
  }

  /* ---------------------------------------------------------------- refresh, as the home page does */

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
  }
  function poll() {
    if (document.hidden) {
      // Nobody is looking: ask less and less often until the tab is visible again.
      delay = Math.min(delay * 2, MAX_DELAY);
      return schedule();
    }
    lastPoll = Date.now();
    fetch(summaryUrl, { cache: 'no-store', credentials: 'omit', headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (summary) {
        apply(summary || {});
        delay = interval;
      })
      .catch(function () {
        // Offline, mid-deploy or an unexpected answer: keep what is shown and try again later.
        delay = Math.min(delay * 2, MAX_DELAY);
      })
      .then(schedule);
  }
  function start() {
    document.addEventListener('visibilitychange', function () {
      if (document.hidden) return;
      delay = interval;
      if (Date.now() - lastPoll >= interval) poll();
      else schedule();
    });
    poll();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
