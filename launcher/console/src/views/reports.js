import { call, query } from '../api.js';
import { h, replace, time, severityBadge, statusBadge, announce, lifetime, tableRoles } from '../dom.js';

// The reports list: filters that live in the address (so a filtered list can be shared), a table of
// report headers, and live updates: when the server says reports changed, the page shown is read again
// and the rows that are new or changed are marked.

const FILTERS = ['status', 'severity', 'detector', 'since', 'until', 'attribute'];

export function reportsView(container, app, params) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || '']));
  const cursor = params.get('cursor') || '';
  const seen = new Set();
  let first = true;
  let timer = null;
  let lastLoad = 0;
  const life = lifetime();

  const summary = h('p', { class: 'summary', id: 'reports-summary', 'aria-live': 'polite' });
  const body = h('tbody');
  const table = h('table', { class: 'reports', 'aria-describedby': 'reports-summary' },
    h('caption', { class: 'visually-hidden' }, 'Reports, newest first'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Severity'),
      h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Detector / rule'),
      h('th', { scope: 'col' }, 'Alert key'),
      h('th', { scope: 'col', class: 'number' }, 'Alerts'),
      h('th', { scope: 'col' }, 'First seen'),
      h('th', { scope: 'col' }, 'Last updated'))),
    body);
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of reports' });
  const error = h('p', { class: 'error', role: 'alert' });
  // A search reads up to a thousand reports: it is not run again for every change, the user is offered it.
  const stale = h('p', { class: 'notice', hidden: true }, 'Reports changed since this search. ',
    h('button', { type: 'button', onclick: () => { stale.hidden = true; load(); } }, 'Search again'));

  replace(container,
    h('h1', {}, 'Reports'),
    filterForm(filters),
    error, stale, summary,
    h('div', { class: 'table-wrap' }, table),
    pager);

  async function load() {
    lastLoad = Date.now();
    const n = life.begin();
    const path = `/api/v1/reports${query({ ...filters, since: toInstant(filters.since), until: toInstant(filters.until), cursor, limit: 50 })}`;
    let page;
    try {
      page = await call(path, { signal: life.signal });
    } catch (e) {
      if (life.current(n)) error.textContent = `Could not load reports: ${e.message}`;
      return;
    }
    if (!life.current(n)) return;
    error.textContent = '';
    render(page);
  }

  function render(page) {
    const focused = document.activeElement?.closest?.('tr')?.dataset.id;
    const changed = [];
    replace(body, page.items.map((report) => {
      const key = `${report.id}@${report.revision}`;
      const fresh = !first && !seen.has(key);
      seen.add(key);
      if (fresh) changed.push(report);
      return row(report, fresh);
    }));
    if (page.items.length === 0) {
      replace(body, h('tr', {}, h('td', { colspan: 7, class: 'empty' },
        hasFilters(filters) ? 'No report matches these filters.' : 'No reports yet. Alerts posted to /api/v1/alerts appear here as they arrive.')));
    }
    tableRoles(table);
    const searched = page.scanned === undefined ? '' : ` (searched ${page.scanned} report${page.scanned === 1 ? '' : 's'} for "${filters.attribute}")`;
    const text = `${page.items.length} report${page.items.length === 1 ? '' : 's'} shown${searched}.`;
    // A live region speaks whenever it is written: only when the count changes.
    if (summary.textContent !== text) summary.textContent = text;
    replace(pager,
      cursor ? h('a', { href: `#/reports${query(filters)}` }, '← Newest') : null,
      page.next_cursor ? h('a', { href: `#/reports${query({ ...filters, cursor: page.next_cursor })}`, rel: 'next' }, 'Older reports →') : null);
    if (focused) body.querySelector(`tr[data-id="${CSS.escape(focused)}"] a`)?.focus();
    if (changed.length > 0) announce(`${changed.length} report${changed.length === 1 ? '' : 's'} new or updated.`);
    first = false;
  }

  // Events come at most twice a second; reading the list at most once a second keeps a busy engine
  // from turning every browser into a load generator.
  function schedule() {
    if (timer) return;
    const wait = Math.max(0, 1000 - (Date.now() - lastLoad));
    timer = setTimeout(() => {
      timer = null;
      load();
    }, wait);
  }

  const searching = Boolean(filters.attribute);
  const off = app.live.on((name) => {
    if (name !== 'reports' && name !== 'ready') return;
    if (searching) stale.hidden = false;
    else schedule();
  });
  // Events come from the server this browser is connected to; with several servers on one store, the
  // changes the others make show at the latest at the next of these.
  const poll = searching ? null : setInterval(schedule, 30000);
  load();
  return {
    dispose() {
      life.end();
      off();
      clearTimeout(timer);
      clearInterval(poll);
    },
  };
}

function row(report, fresh) {
  const result = report.result;
  const rule = report.rule_name || report.rule_id;
  return h('tr', { 'data-id': report.id, class: fresh ? 'fresh' : null },
    h('td', { 'data-label': 'Severity' }, severityBadge(result?.severity)),
    h('td', { 'data-label': 'Status' }, statusBadge(report.status)),
    h('td', { 'data-label': 'Detector / rule', class: 'rule' },
      h('a', { href: `#/reports/${encodeURIComponent(report.id)}` },
        h('span', { class: 'detector' }, report.detector), ' / ', h('span', {}, rule)),
      report.rule_name && report.rule_name !== report.rule_id ? h('span', { class: 'muted rule-id' }, report.rule_id) : null),
    h('td', { 'data-label': 'Alert key', class: 'mono' }, report.alert_key),
    h('td', { 'data-label': 'Alerts', class: 'number' }, String(report.alert_count)),
    h('td', { 'data-label': 'First seen' }, time(report.created_at)),
    h('td', { 'data-label': 'Last updated' }, time(report.updated_at)));
}

function filterForm(filters) {
  const select = (name, label, options) => h('div', { class: 'field' },
    h('label', { for: `filter-${name}` }, label),
    h('select', { id: `filter-${name}`, name },
      h('option', { value: '' }, 'any'),
      options.map((option) => h('option', { value: option, selected: filters[name] === option }, option))));
  const input = (name, label, type, extra = {}) => h('div', { class: 'field' },
    h('label', { for: `filter-${name}` }, label),
    h('input', { id: `filter-${name}`, name, type, value: filters[name], ...extra }));
  const form = h('form', {
    class: 'filters', role: 'search', 'aria-label': 'Filter reports',
    onsubmit: (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const next = Object.fromEntries(FILTERS.map((name) => [name, (data.get(name) || '').toString().trim()]));
      location.hash = `#/reports${query(next)}`;
    },
  },
  select('status', 'Status', ['open', 'reviewing', 'published']),
  select('severity', 'Severity', ['urgent', 'unclassified', 'safe']),
  input('detector', 'Detector', 'text', { placeholder: 'guardduty', autocomplete: 'off' }),
  input('since', 'Created from (UTC)', 'datetime-local', { step: 1 }),
  input('until', 'Created until (UTC)', 'datetime-local', { step: 1 }),
  input('attribute', 'Attribute value', 'search', { placeholder: '198.51.100.7, example.com, alice', autocomplete: 'off' }),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, 'Apply'),
    hasFilters(filters) ? h('a', { href: '#/reports', class: 'button' }, 'Clear') : null));
  return form;
}

function hasFilters(filters) {
  return FILTERS.some((name) => filters[name]);
}

/** A datetime-local value, read as UTC, as RFC 3339; empty stays empty. */
function toInstant(value) {
  if (!value) return '';
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}Z`;
}
