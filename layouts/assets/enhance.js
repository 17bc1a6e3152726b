// Optional enhancement: the page is complete without it. It shows times in the reader's zone
// (with a toggle back to the site's zone) and, on the home page, keeps the status fresh by
// re-reading the JSON API. No inline styles: the site's Content-Security-Policy forbids them.
(function () {
  'use strict';
  var root = document.documentElement;
  var site;
  try {
    site = JSON.parse(root.getAttribute('data-site') || '');
  } catch (e) {
    return;
  }
  var base = root.getAttribute('data-base') || '/';
  var t = site.t;
  var fill = function (message, params) {
    return message.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in params ? String(params[name]) : whole;
    });
  };

  /* ---------------------------------------------------------------- times */

  var readerZone;
  try {
    readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    readerZone = undefined;
  }
  var isUtc = function (zone) {
    return /^(Etc\/)?(UTC|GMT|Zulu|UCT|Universal)$/.test(zone || '');
  };
  var sameZone = !readerZone || readerZone === site.zone || (isUtc(readerZone) && isUtc(site.zone));
  var KEY = 'status-page-times';
  var remembered = function () {
    try {
      return localStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
  };
  var remember = function (mode) {
    try {
      localStorage.setItem(KEY, mode);
    } catch (e) {
      /* private mode: the choice lasts for this page only */
    }
  };
  // Reader's zone unless they chose the site's zone before.
  var mode = sameZone ? 'site' : remembered() === 'site' ? 'site' : 'local';

  /** "Feb 18, 2021 - 16:18 UTC" in English, as on Statuspage; the locale's medium style elsewhere. */
  function formatStamp(date, zone) {
    var options = {
      year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
      hourCycle: 'h23', timeZoneName: 'short', timeZone: zone,
    };
    var format = new Intl.DateTimeFormat(site.locale, options);
    if (!/^en\b/.test(site.locale) || !format.formatToParts) return format.format(date);
    var p = {};
    format.formatToParts(date).forEach(function (part) {
      p[part.type] = part.value;
    });
    return p.month + ' ' + p.day + ', ' + p.year + ' - ' + p.hour + ':' + p.minute + ' ' + p.timeZoneName;
  }

  var siteText = new WeakMap();
  /** Shows one `<time datetime>` in the chosen zone; the site-zone text from the page is kept to switch back. */
  function showTime(el) {
    if (!siteText.has(el)) siteText.set(el, el.textContent);
    var date = new Date(el.getAttribute('datetime'));
    if (isNaN(date.getTime())) return;
    el.textContent = mode === 'local' ? formatStamp(date, readerZone) : siteText.get(el);
    if (mode === 'local') el.title = siteText.get(el);
    else el.removeAttribute('title');
  }
  function showTimes(scope) {
    var times = (scope || document).querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) showTime(times[i]);
  }

  var note = document.querySelector('footer .zone-note');
  var noteHtml = note ? note.innerHTML : '';
  var button;
  function showMode() {
    showTimes(document);
    if (note) {
      if (mode === 'local') note.textContent = fill(t.live.readerZone, { zone: readerZone });
      else note.innerHTML = noteHtml; // the page's own markup, put back as it was
    }
    if (button) button.textContent = mode === 'local' ? fill(t.live.siteTime, { zone: site.zoneLabel }) : t.live.localTime;
  }
  if (!sameZone && note) {
    // Inserted by the script, so readers without JavaScript never see a control that does nothing.
    button = document.createElement('button');
    button.type = 'button';
    button.className = 'zone-toggle';
    button.addEventListener('click', function () {
      mode = mode === 'local' ? 'site' : 'local';
      remember(mode);
      showMode();
    });
    note.parentNode.insertBefore(button, note.nextSibling);
    note.parentNode.insertBefore(document.createTextNode(' '), button);
  }
  showMode();

  /* ---------------------------------------------------------------- the clock between builds */

  // The build lists what the clock alone changes later (maintenance windows opening and closing, the
  // day ending); the page applies each change when its time comes, so it reads right even when a
  // scheduled rebuild runs hours late. Only one timer is pending at a time.
  var RANK = site.order || ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];
  var worse = function (a, b) {
    return RANK.indexOf(b) > RANK.indexOf(a) ? b : a;
  };
  var clockEl = document.querySelector('[data-clock]');
  var clock = null;
  try {
    clock = clockEl && JSON.parse(clockEl.getAttribute('data-clock') || '');
  } catch (e) {
    clock = null;
  }
  var steps = (clock && clock.steps) || [];
  // setTimeout gives up past 24.8 days; waking up every few hours also catches a computer that slept.
  var MAX_WAIT = 6 * 60 * 60 * 1000;
  var clockTimer;

  /** The latest step due at `now`, or null before the first. */
  function dueStep(now) {
    var due = null;
    for (var i = 0; i < steps.length && steps[i].at <= now; i++) due = steps[i];
    return due;
  }

  /**
   * A state as the build would show it with or without a running maintenance. Under maintenance is
   * only ever shown over operational, so that is what lies under it; anything worse stays.
   */
  function withMaintenance(state, maintained) {
    var under = state === 'under_maintenance' ? 'operational' : state;
    return maintained ? worse(under, 'under_maintenance') : under;
  }

  function stateOf(el) {
    var match = el && /\bstate-(\S+)/.exec(el.className);
    return match ? match[1] : null;
  }

  function setState(el, state) {
    if (!el || !t.state[state]) return false;
    var changed = el.textContent !== t.state[state];
    el.className = el.className.replace(/\bstate-\S+/, 'state-' + state);
    el.textContent = t.state[state];
    return changed;
  }

  function showStep(step) {
    Object.keys(step.maintenances).forEach(function (id) {
      showMaintenance(id, step.maintenances[id]);
    });
    // A maintenance page's steps name its status only.
    if (step.maintained) showComponents(step);
  }

  function showComponents(step) {
    var maintained = {};
    step.maintained.forEach(function (id) {
      maintained[id] = true;
    });
    var rows = document.querySelectorAll('[data-component]');
    for (var i = 0; i < rows.length; i++) {
      var state = rows[i].querySelector('.head .state');
      if (stateOf(state)) setState(state, withMaintenance(stateOf(state), maintained[rows[i].getAttribute('data-component')]));
    }
    // A group shows its worst row (a group page's current status: every row on it).
    var groups = document.querySelectorAll('[data-group], .current > .state');
    for (var g = 0; g < groups.length; g++) {
      var scope = groups[g].hasAttribute('data-group') ? groups[g] : document;
      var worst = 'operational';
      var members = scope.querySelectorAll('[data-component] .head .state');
      for (var m = 0; m < members.length; m++) worst = worse(worst, stateOf(members[m]) || 'operational');
      setState(groups[g].hasAttribute('data-group') ? groups[g].querySelector('summary .state') : groups[g], worst);
      if (worst !== 'operational' && groups[g].hasAttribute('data-group')) groups[g].open = true;
    }
    var banner = document.querySelector('.banner');
    var running = Object.keys(step.maintenances).some(function (id) {
      return step.maintenances[id] === 'in_progress' || step.maintenances[id] === 'verifying';
    });
    var indicator = banner && /\bindicator-(\S+)/.exec(banner.className);
    if (indicator) {
      // Statuspage shows maintenance only when nothing worse is going on.
      var under = indicator[1] === 'maintenance' ? 'none' : indicator[1];
      var shown = under === 'none' && running ? 'maintenance' : under;
      if (shown !== indicator[1]) {
        banner.className = banner.className.replace(/\bindicator-\S+/, 'indicator-' + shown);
        banner.querySelector('p').textContent = t.indicator[shown];
      }
    }
  }

  function showMaintenance(id, status) {
    var items = document.querySelectorAll('[data-maintenance]');
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute('data-maintenance') !== id) continue;
      var label = items[i].querySelector('.window > strong');
      if (label && t.maintenance[status]) label.textContent = t.maintenance[status];
      var affected = items[i].querySelector('.affected');
      if (affected && status === 'completed' && clock.affected) affected.textContent = clock.affected;
      if (items[i].classList.contains('maintenance-card')) moveCard(items[i], status);
    }
  }

  /**
   * A home page card goes where the build would put it: running ones under "Maintenance in
   * progress" (soonest window first), completed ones off the page; a list left empty goes too.
   */
  function moveCard(card, status) {
    var from = card.parentNode;
    if (status === 'completed') from.removeChild(card);
    else if (status !== 'scheduled' && from.getAttribute('data-maintenance-list') !== 'active') {
      var list = activeList();
      var start = function (c) {
        var time = c.querySelector('.window time');
        return time ? Date.parse(time.getAttribute('datetime')) : 0;
      };
      var cards = list.querySelectorAll('.maintenance-card');
      var before = null;
      for (var i = 0; i < cards.length && !before; i++) if (start(cards[i]) > start(card)) before = cards[i];
      list.insertBefore(card, before);
    }
    if (!from.querySelector('.maintenance-card')) from.parentNode.removeChild(from);
  }

  function activeList() {
    var list = document.querySelector('[data-maintenance-list="active"]');
    if (list) return list;
    list = el('section', { 'aria-labelledby': 'maintenance-active-h', 'data-maintenance-list': 'active' });
    list.appendChild(el('h2', { id: 'maintenance-active-h' }, t.maintenance.active));
    var components = document.getElementById('components-h');
    var anchor = components && components.parentNode;
    anchor.parentNode.insertBefore(list, anchor);
    return list;
  }

  /** Once today has ended, the bars are a day behind: say so by the "as of" line. */
  function markStale() {
    var asOf = document.querySelector('.as-of');
    var time = asOf && asOf.querySelector('time');
    if (!time || asOf.classList.contains('stale')) return;
    var parts = t.stale.split('{time}');
    asOf.textContent = '';
    asOf.appendChild(document.createTextNode(parts[0] || ''));
    asOf.appendChild(time);
    asOf.appendChild(document.createTextNode(parts[1] || ''));
    asOf.classList.add('stale');
  }

  var shownStep = null;
  function tick() {
    var now = Date.now();
    var step = dueStep(now);
    if (step && step !== shownStep) showStep((shownStep = step));
    if (clock.dayEnds && clock.dayEnds <= now) markStale();
    var next = null;
    for (var i = 0; i < steps.length && next === null; i++) if (steps[i].at > now) next = steps[i].at;
    if (clock.dayEnds > now && (next === null || clock.dayEnds < next)) next = clock.dayEnds;
    clearTimeout(clockTimer);
    if (next !== null) clockTimer = setTimeout(tick, Math.min(next - now, MAX_WAIT));
  }

  /** The API as built, seen through the step due now, so live refresh and the clock agree. */
  function clockSummary(summary) {
    var step = dueStep(Date.now());
    if (!step) return summary;
    var maintained = {};
    step.maintained.forEach(function (id) {
      maintained[id] = true;
    });
    (summary.components || []).forEach(function (c) {
      if (!c.group) c.status = withMaintenance(c.status, maintained[c.id]);
    });
    var running = Object.keys(step.maintenances).some(function (id) {
      return step.maintenances[id] === 'in_progress' || step.maintenances[id] === 'verifying';
    });
    var status = summary.status || {};
    var under = status.indicator === 'maintenance' ? 'none' : status.indicator;
    if (under) status.indicator = under === 'none' && running ? 'maintenance' : under;
    return summary;
  }

  if (clock) {
    tick();
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) tick();
    });
  }

  /* ---------------------------------------------------------------- live refresh (home page) */

  var live = document.getElementById('live-incidents');
  if (!live || !window.fetch) return;

  var announcer = document.createElement('p');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('role', 'status');
  announcer.setAttribute('aria-live', 'polite');
  live.parentNode.insertBefore(announcer, live);

  var MINUTE = 60 * 1000;
  var MAX_DELAY = 15 * MINUTE;
  var delay = MINUTE;
  var timer;
  var lastPoll = Date.now();
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
    fetch(base + 'api/v2/summary.json', { cache: 'no-store', headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (summary) {
        apply(clock ? clockSummary(summary) : summary);
        live.setAttribute('data-checked', new Date().toISOString()); // when the status was last confirmed
        delay = MINUTE;
      })
      .catch(function () {
        // Offline or mid-deploy: keep what is shown and try again later.
        delay = Math.min(delay * 2, MAX_DELAY);
      })
      .then(schedule);
  }

  document.addEventListener('visibilitychange', function () {
    if (document.hidden) return;
    delay = MINUTE;
    if (Date.now() - lastPoll >= MINUTE) poll();
    else schedule();
  });
  schedule();

  function apply(summary) {
    var changed = false;
    var states = {};
    var names = {};
    (summary.components || []).forEach(function (c) {
      names[c.id] = c.name;
      if (!c.group) states[c.id] = c.status;
    });

    var rows = document.querySelectorAll('[data-component]');
    for (var i = 0; i < rows.length; i++) {
      var state = states[rows[i].getAttribute('data-component')];
      if (state) changed = setState(rows[i].querySelector('.head .state'), state) || changed;
    }
    var groups = document.querySelectorAll('[data-group]');
    for (var g = 0; g < groups.length; g++) {
      var worst = 'operational';
      var members = groups[g].querySelectorAll('[data-component]');
      for (var m = 0; m < members.length; m++) worst = worse(worst, states[members[m].getAttribute('data-component')] || 'operational');
      setState(groups[g].querySelector('summary .state'), worst);
      if (worst !== 'operational') groups[g].open = true;
    }

    var status = summary.status || {};
    var worstAll = Object.keys(states).reduce(function (s, id) {
      return worse(s, states[id]);
    }, 'operational');
    var key = status.indicator === 'minor' && worstAll === 'degraded_performance' ? 'degraded' : status.indicator;
    var description = t.indicator[key] || status.description;
    var banner = document.querySelector('.banner');
    if (banner && description) {
      var text = banner.querySelector('p');
      if (text.textContent !== description) changed = true;
      text.textContent = description;
      banner.className = banner.className.replace(/\bindicator-\S+/, 'indicator-' + (status.indicator || 'none'));
    }

    changed = showGroupLines(summary.components || []) || changed;
    changed = showIncidents(summary.incidents || [], summary.components || []) || changed;
    if (changed) announcer.textContent = fill(t.live.updated, { description: description || '' });
  }

  /**
   * The compact home page: each group line's worst state, and under it the components that are
   * not operational, as the build lists them (so one that fails between builds shows up, and one
   * that recovers goes away). Returns whether anything changed.
   */
  function showGroupLines(components) {
    var lines = document.querySelectorAll('.group-lines > .group-line');
    if (!lines.length) return false;
    var byId = {};
    var ungrouped = [];
    components.forEach(function (c) {
      byId[c.id] = c;
      if (!c.group && !c.group_id) ungrouped.push(c.id);
    });
    var changed = false;
    for (var i = 0; i < lines.length; i++) {
      var link = lines[i].querySelector('.head a');
      var match = /groups\/([^\/]+)\/$/.exec((link && link.getAttribute('href')) || '');
      if (!match) continue;
      var id = decodeURIComponent(match[1]);
      // The API names a group "<id>-group" when a component has its id; a line that is no group
      // in the API is the one of the ungrouped components ("Other components").
      var apiId = byId[id] && !byId[id].group ? id + '-group' : id;
      var group = byId[apiId] && byId[apiId].group ? byId[apiId] : null;
      changed = showGroupLine(lines[i], group ? group.components || [] : ungrouped, byId) || changed;
    }
    return changed;
  }

  function showGroupLine(line, memberIds, byId) {
    // As the build: the worst shown state of the members (maintenance ranks below any outage);
    // members hidden while operational cannot make it worse.
    var worst = 'operational';
    memberIds.forEach(function (id) {
      if (byId[id]) worst = worse(worst, byId[id].status);
    });
    var head = line.querySelector('.head'); // the line's own, before any listed component
    var changed = setState(head && head.querySelector('.state'), worst);

    var list = line.querySelector('ul.attention');
    var listed = {};
    var rows = list ? list.querySelectorAll('li[data-component]') : [];
    for (var r = 0; r < rows.length; r++) listed[rows[r].getAttribute('data-component')] = rows[r];
    var previous = null; // the last row kept or added, to insert the next one after it, in member order
    memberIds.forEach(function (id) {
      var c = byId[id];
      var row = listed[id];
      if (!c || !t.state[c.status]) {
        // Nothing known about it: leave it as the build showed it.
        if (row) previous = row;
        return;
      }
      if (c.status === 'operational') {
        if (row) {
          row.parentNode.removeChild(row);
          changed = true;
        }
        return;
      }
      if (!row) {
        if (!list) {
          list = el('ul', { class: 'attention' });
          line.appendChild(list);
        }
        row = el('li', { 'data-component': id });
        var rowHead = el('div', { class: 'head' });
        rowHead.appendChild(el('a', { href: base + 'components/' + encodeURIComponent(id) + '/' }, c.name));
        rowHead.appendChild(document.createTextNode(' '));
        rowHead.appendChild(el('span', { class: 'state state-' + c.status }, t.state[c.status]));
        row.appendChild(rowHead);
        list.insertBefore(row, previous ? previous.nextSibling : list.firstChild);
        changed = true;
      }
      previous = row;
    });
    // The build writes no empty list.
    if (list && !list.querySelector('li')) list.parentNode.removeChild(list);
    return changed;
  }

  /** Open incidents and the time of their latest update, as a string that changes when either does. */
  function pageSignature() {
    return Array.prototype.map.call(live.querySelectorAll('article'), function (card) {
      var link = card.querySelector('h3 a');
      var time = card.querySelector('.posted time');
      return (link && link.getAttribute('href')) + '@' + (time && Date.parse(time.getAttribute('datetime')));
    }).join('|');
  }
  var shownIncidents = pageSignature();

  function showIncidents(incidents, components) {
    var open = incidents.filter(function (i) {
      return i.status !== 'resolved' && i.status !== 'postmortem';
    });
    var sig = open.map(function (i) {
      var latest = (i.incident_updates || [])[0] || {};
      return base + 'incidents/' + encodeURIComponent(i.id) + '/@' + Date.parse(latest.display_at || latest.created_at);
    }).join('|');
    // The page as built stays until the API says something different.
    if (sig === shownIncidents) return false;
    shownIncidents = sig;

    var groupNames = {};
    var groupOf = {};
    components.forEach(function (c) {
      if (c.group) groupNames[c.id] = c.name;
      else if (c.group_id) groupOf[c.id] = c.group_id;
    });
    var affected = function (list) {
      var parts = [];
      var byGroup = {};
      var order = [];
      list.forEach(function (c) {
        var group = groupOf[c.id];
        if (!group) return parts.push(c.name);
        if (!byGroup[group]) {
          byGroup[group] = [];
          order.push(group);
        }
        byGroup[group].push(c.name);
      });
      order.forEach(function (group) {
        parts.push((groupNames[group] || group) + ' (' + byGroup[group].join(', ') + ')');
      });
      return parts.join(', ');
    };

    live.textContent = '';
    if (!open.length) return true;
    var section = el('section', { 'aria-labelledby': 'open-h' });
    section.appendChild(el('h2', { id: 'open-h' }, t.active));
    open.forEach(function (i) {
      var updates = i.incident_updates || [];
      var latest = updates[0] || { status: i.status, body: '', display_at: i.updated_at };
      var label = updates[1] && updates[1].status === latest.status ? t.update.update : t.update[latest.status] || latest.status;
      var card = el('article', { class: 'incident-card impact-' + (i.impact || 'none') });
      var h3 = el('h3');
      h3.appendChild(el('a', { href: base + 'incidents/' + encodeURIComponent(i.id) + '/' }, i.name));
      card.appendChild(h3);
      var update = el('p', { class: 'update' });
      update.appendChild(el('strong', null, label));
      update.appendChild(document.createTextNode(' – '));
      card.appendChild(update);
      var body = el('div', { class: 'body' });
      // The API carries the Markdown source: shown as text, never as HTML, a paragraph per blank line.
      String(latest.body || '').split(/\n\s*\n/).forEach(function (paragraph) {
        if (paragraph.trim()) body.appendChild(el('p', null, paragraph.trim()));
      });
      card.appendChild(body);
      var posted = el('p', { class: 'posted' });
      var parts = t.posted.split('{time}');
      var time = el('time', { datetime: latest.display_at || latest.created_at });
      time.textContent = formatStamp(new Date(time.getAttribute('datetime')), site.zone);
      siteText.set(time, time.textContent);
      posted.appendChild(document.createTextNode(parts[0] || ''));
      posted.appendChild(time);
      posted.appendChild(document.createTextNode(parts[1] || ''));
      card.appendChild(posted);
      var list = affected(i.components || []);
      if (list) card.appendChild(el('p', { class: 'affects' }, fill(t.affects, { list: list })));
      section.appendChild(card);
    });
    live.appendChild(section);
    showTimes(live);
    return true;
  }

  function el(name, attributes, text) {
    var node = document.createElement(name);
    for (var key in attributes || {}) node.setAttribute(key, attributes[key]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
})();
