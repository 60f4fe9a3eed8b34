/**
 * @fileoverview The report page's one script, as text (plain ES5, inlined under the page's CSP):
 * WAI-ARIA tabs (arrows, Home, End; the URL hash remembers the tab), the model selector that
 * shows one model's version of every attribution tab, tables that sort, filter and page, and
 * "scroll sideways" hints where a table, chart or the tab strip is wider than the screen.
 * Without it every panel shows, stacked, each table's first page, and the tab links jump.
 */

export const PAGE_SIZE_ATTRIBUTE = 'data-page-size';

export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var doc = document;
  function each(selector, f, root) { Array.prototype.forEach.call((root || doc).querySelectorAll(selector), f); }
  doc.documentElement.className += ' js';

  // ---- "Scroll sideways" hints --------------------------------------------------------------
  function markOverflow() {
    each('.table-wrap, .chart-box, [role="tablist"]', function (el) {
      if (!el.offsetParent) return;
      var over = el.scrollWidth > el.clientWidth + 1;
      el.classList.toggle('overflows', over);
      el.classList.toggle('at-end', el.scrollLeft + el.clientWidth >= el.scrollWidth - 1);
      var hint = el.previousElementSibling;
      if (hint && hint.classList.contains('scroll-hint')) hint.hidden = !over;
    });
  }
  each('.table-wrap, .chart-box, [role="tablist"]', function (el) {
    el.addEventListener('scroll', function () {
      el.classList.toggle('at-end', el.scrollLeft + el.clientWidth >= el.scrollWidth - 1);
    }, { passive: true });
  });
  window.addEventListener('resize', markOverflow);

  // ---- Tables ---------------------------------------------------------------------------------
  function initTable(box) {
    var dataEl = box.querySelector('script.table-data');
    if (!dataEl) return;
    var data = JSON.parse(dataEl.textContent);
    var kinds = data.k;
    var pageSize = Number(box.getAttribute('${PAGE_SIZE_ATTRIBUTE}')) || 50;
    function text(c) { return Array.isArray(c) ? c[0] : c; }
    function value(c) { return Array.isArray(c) ? c[1] : c; }
    var rows = data.r.map(function (cells, i) {
      return { cells: cells, i: i, search: cells.map(text).join('\\u0001').toLowerCase() };
    });
    var tbody = box.querySelector('tbody');
    var filter = box.querySelector('input.filter');
    var count = box.querySelector('.count');
    var pager = box.querySelector('.pager');
    var state = { col: -1, dir: 1, page: 0, query: '' };
    var shown = rows;

    function blank(v) { return v === '' || v === null || v === undefined; }
    function compare(a, b) {
      var x = value(a.cells[state.col]), y = value(b.cells[state.col]);
      // Empty cells last, whichever the direction.
      if (blank(x) || blank(y)) return blank(x) && blank(y) ? a.i - b.i : blank(x) ? 1 : -1;
      var r = typeof x === 'number' && typeof y === 'number' ? x - y
        : String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: 'base' });
      return r * state.dir || a.i - b.i;
    }
    function select() {
      var q = state.query;
      shown = q ? rows.filter(function (r) { return r.search.indexOf(q) >= 0; }) : rows.slice();
      if (state.col >= 0) shown.sort(compare);
    }
    function draw() {
      var pages = Math.max(1, Math.ceil(shown.length / pageSize));
      if (state.page >= pages) state.page = pages - 1;
      if (state.page < 0) state.page = 0;
      var start = state.page * pageSize;
      var frag = doc.createDocumentFragment();
      shown.slice(start, start + pageSize).forEach(function (r) {
        var tr = doc.createElement('tr');
        r.cells.forEach(function (c, j) {
          var td = doc.createElement('td');
          if (kinds[j]) td.className = kinds[j];
          td.textContent = text(c);
          tr.appendChild(td);
        });
        frag.appendChild(tr);
      });
      if (!shown.length) {
        var tr = doc.createElement('tr'), td = doc.createElement('td');
        td.colSpan = kinds.length || 1;
        td.className = 'empty';
        td.textContent = rows.length ? 'No rows match the filter.' : 'No rows';
        tr.appendChild(td);
        frag.appendChild(tr);
      }
      tbody.replaceChildren(frag);
      var total = rows.length.toLocaleString('en-US');
      if (count) count.textContent = (state.query ? shown.length.toLocaleString('en-US') + ' of ' + total : total) + (rows.length === 1 ? ' row' : ' rows');
      if (pager) {
        pager.querySelector('.page').textContent = shown.length
          ? 'Rows ' + (start + 1).toLocaleString('en-US') + '–' + Math.min(start + pageSize, shown.length).toLocaleString('en-US') + ' of ' + shown.length.toLocaleString('en-US')
          : 'No rows';
        pager.querySelector('[data-go="-1"]').disabled = state.page === 0;
        pager.querySelector('[data-go="1"]').disabled = state.page >= pages - 1;
      }
    }
    each('button.sort', function (button) {
      button.addEventListener('click', function () {
        var col = Number(button.getAttribute('data-col'));
        // Numbers start with the largest, text from A.
        if (state.col === col) state.dir = -state.dir;
        else { state.col = col; state.dir = kinds[col] === 'num' ? -1 : 1; }
        each('th', function (th) { th.removeAttribute('aria-sort'); }, box);
        button.parentNode.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
        state.page = 0;
        select();
        draw();
      });
    }, box);
    if (filter) {
      filter.addEventListener('input', function () {
        state.query = filter.value.trim().toLowerCase();
        state.page = 0;
        select();
        draw();
      });
    }
    if (pager) {
      each('button[data-go]', function (button) {
        button.addEventListener('click', function () {
          state.page += Number(button.getAttribute('data-go'));
          draw();
        });
      }, pager);
    }
    box.setAttribute('data-ready', 'true');
  }
  each('.table', initTable);

  // ---- Model selector -------------------------------------------------------------------------
  var modelSelect = doc.getElementById('model-select');
  function showModel() {
    if (!modelSelect) return;
    var m = modelSelect.value;
    each('.variants', function (group) {
      var versions = Array.prototype.slice.call(group.children);
      // A tab computed without this model shows the version its run made.
      var match = versions.filter(function (v) { return v.getAttribute('data-model') === m; })[0] ||
        versions.filter(function (v) { return v.hasAttribute('data-fallback'); })[0];
      versions.forEach(function (v) { v.hidden = v !== match; });
    });
    doc.documentElement.setAttribute('data-model', m);
    markOverflow();
  }
  if (modelSelect) modelSelect.addEventListener('change', showModel);

  // ---- Tabs -----------------------------------------------------------------------------------
  var tabs = Array.prototype.slice.call(doc.querySelectorAll('[role="tab"]'));
  function panelOf(tab) { return doc.getElementById(tab.getAttribute('aria-controls')); }
  function select(tab, focus, keepHash) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      panelOf(t).hidden = !on;
    });
    if (focus) tab.focus();
    if (tab.scrollIntoView && tab.parentNode.scrollWidth > tab.parentNode.clientWidth) tab.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (!keepHash) {
      try { history.replaceState(null, '', '#' + tab.getAttribute('aria-controls')); } catch (e) { /* file: URLs may refuse */ }
    }
    markOverflow();
  }
  function hashTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    return id ? doc.getElementById(id) : null;
  }
  function tabOf(el) {
    var panel = el && el.closest('[role="tabpanel"]');
    if (!panel) return null;
    return tabs.filter(function (t) { return t.getAttribute('aria-controls') === panel.id; })[0] || null;
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener('click', function (e) { e.preventDefault(); select(tab, false); });
    tab.addEventListener('keydown', function (e) {
      var n = null;
      if (e.key === 'ArrowRight') n = (i + 1) % tabs.length;
      else if (e.key === 'ArrowLeft') n = (i - 1 + tabs.length) % tabs.length;
      else if (e.key === 'Home') n = 0;
      else if (e.key === 'End') n = tabs.length - 1;
      else if (e.key === ' ') n = i;
      if (n === null) return;
      e.preventDefault();
      select(tabs[n], true);
    });
  });
  function showHash() {
    var el = hashTarget();
    var tab = tabOf(el);
    if (!tab) return false;
    // A link into another model's version of a tab shows that model.
    var variant = el.closest('.variant');
    if (variant && modelSelect && variant.hidden) {
      modelSelect.value = variant.getAttribute('data-model');
      showModel();
    }
    select(tab, false, true);
    if (el.getAttribute('role') !== 'tabpanel') el.scrollIntoView();
    return true;
  }
  showModel();
  if (tabs.length && !showHash()) select(tabs[0], false, true);
  window.addEventListener('hashchange', showHash);
  markOverflow();
  doc.documentElement.setAttribute('data-ready', 'true');
})();
`;
