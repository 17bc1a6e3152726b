// Search over incidents and postmortems on the history page, with the Pagefind index built next
// to the site (same origin, no third party). Without JavaScript the archive below lists everything.
(function () {
  'use strict';
  var box = document.getElementById('search');
  var root = document.documentElement;
  if (!box || !window.fetch || !window.WebAssembly) return;
  var site;
  try {
    site = JSON.parse(root.getAttribute('data-site') || '');
  } catch (e) {
    return;
  }
  var t = site.t.search;
  var base = root.getAttribute('data-base') || '/';
  var fill = function (message, params) {
    return message.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in params ? String(params[name]) : whole;
    });
  };
  var el = function (name, attributes, text) {
    var node = document.createElement(name);
    for (var key in attributes || {}) node.setAttribute(key, attributes[key]);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  var form = el('form', { class: 'search-form', role: 'search' });
  form.appendChild(el('label', { for: 'search-q' }, t.label));
  var row = el('div', { class: 'search-row' });
  var input = el('input', { id: 'search-q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false' });
  row.appendChild(input);
  row.appendChild(el('button', { type: 'submit' }, t.button));
  form.appendChild(row);
  var status = el('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  var results = el('ol', { class: 'search-results' });
  box.appendChild(form);
  box.appendChild(status);
  box.appendChild(results);

  var engine;
  /** Loads the index script on first use only: most visitors never search. */
  function load() {
    if (!engine) {
      engine = import(box.getAttribute('data-index') + 'pagefind.js').then(function (pagefind) {
        return pagefind.options({ baseUrl: base }).then(function () {
          return pagefind.init();
        }).then(function () {
          return pagefind;
        });
      });
    }
    return engine;
  }

  /** Pagefind marks matches with <mark>; keep those and plain text, nothing else. */
  function excerpt(html) {
    var p = el('p', { class: 'excerpt' });
    var doc = new DOMParser().parseFromString('<body>' + html, 'text/html');
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 3) p.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === 'MARK') p.appendChild(el('mark', null, node.textContent));
      else p.appendChild(document.createTextNode(node.textContent || ''));
    });
    return p;
  }

  var latest = 0;
  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      results.textContent = '';
      status.textContent = '';
      return;
    }
    load()
      .then(function (pagefind) {
        return pagefind.search(query);
      })
      .then(function (found) {
        return Promise.all(found.results.slice(0, 25).map(function (r) {
          return r.data();
        }));
      })
      .then(function (pages) {
        if (ticket !== latest) return; // a newer query is on its way
        results.textContent = '';
        status.textContent = pages.length ? fill(t.results, { count: pages.length }) : fill(t.noMatch, { query: query });
        pages.forEach(function (page) {
          var li = el('li');
          li.appendChild(el('a', { href: page.url }, (page.meta && page.meta.title) || page.url));
          if (page.meta && page.meta.started) li.appendChild(el('span', { class: 'meta' }, page.meta.started));
          li.appendChild(excerpt(page.excerpt || ''));
          results.appendChild(li);
        });
      })
      .catch(function () {
        if (ticket !== latest) return;
        results.textContent = '';
        status.textContent = t.failed;
      });
  }

  var timer;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    run();
  }
})();
