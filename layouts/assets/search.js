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
  /**
   * Loads the index on first use only: most visitors never search. The index comes in parts, one
   * per year (newest first); the newest part's script loads and the others are merged into it.
   */
  function load() {
    if (!engine) {
      var parts = (box.getAttribute('data-indexes') || '').split(' ').filter(Boolean);
      if (!parts.length) return Promise.reject(new Error('no search index'));
      engine = import(parts[0] + 'pagefind.js').then(function (pagefind) {
        return pagefind.options({ baseUrl: base }).then(function () {
          return Promise.all(parts.slice(1).map(function (part) {
            return pagefind.mergeIndex(part, { baseUrl: base });
          }));
        }).then(function () {
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

  /**
   * Pagefind answers a word it does not know with pages holding its longest known beginning
   * ("intermittent" → "in"). With one index part per year, a word from one year would bring every
   * page of the others. Keep a page only if each searched word shares most of its beginning with a
   * word of the page: "errors" still finds "error" (Pagefind stems), "intermittent" no longer "in".
   */
  function matches(query) {
    var split;
    try {
      split = new RegExp('[^\\p{L}\\p{N}]+', 'u');
    } catch (e) {
      return function () { return true; };
    }
    var terms = query.toLowerCase().split(split).filter(Boolean);
    // Scripts written without spaces (Japanese, Chinese…) have no word beginnings to compare.
    var unspaced = /[^\u0000-\u024f\u0370-\u04ff\u0590-\u06ff]/;
    return function (page) {
      var text = (page.content || '').toLowerCase();
      var words = text.split(split);
      return terms.every(function (term) {
        if (unspaced.test(term)) return text.indexOf(term) >= 0;
        var need = Math.min(term.length, Math.max(3, term.length - 3));
        var start = term.slice(0, need);
        return words.some(function (word) { return word.slice(0, need) === start; });
      });
    };
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
        return Promise.all(found.results.slice(0, 50).map(function (r) {
          return r.data();
        }));
      })
      .then(function (all) {
        return all.filter(matches(query)).slice(0, 25);
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
