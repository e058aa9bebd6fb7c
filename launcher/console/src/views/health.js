import { call } from '../api.js';
import { h, replace, time, lifetime, tableRoles } from '../dom.js';

// The store, the queues and the plugins, read again every ten seconds and whenever a plugin fails.

export function healthView(container, app) {
  const body = h('div');
  const stamp = h('p', { class: 'muted' });
  const life = lifetime();
  replace(container, h('h1', {}, 'Health'), stamp, body);

  async function load() {
    const n = life.begin();
    let health;
    try {
      health = await call('/api/v1/health', { signal: life.signal });
    } catch (e) {
      if (life.current(n)) replace(body, h('p', { class: 'error', role: 'alert' }, `The server did not answer: ${e.message}`));
      return;
    }
    if (!life.current(n)) return;
    stamp.replaceChildren('Read at ', time(new Date().toISOString()));
    const store = health.store;
    replace(body,
      h('section', { class: 'cards', 'aria-label': 'Summary' },
        h('div', { class: `card stat ${store.status === 'ok' ? 'ok' : 'bad'}` },
          h('h2', {}, 'Store'), h('p', { class: 'big' }, store.status === 'ok' ? 'answering' : 'failing'),
          h('p', { class: 'muted' }, store.adapter), store.error ? h('p', { class: 'error-text' }, store.error) : null),
        h('div', { class: 'card stat' }, h('h2', {}, 'Backlog'),
          h('p', { class: 'big' }, String(health.backlog.current)),
          h('p', { class: 'muted' }, `of at most ${Number(health.backlog.limit).toLocaleString('en')} alerts being stored and inspections waiting`))),
      h('section', { 'aria-labelledby': 'queues-title' }, h('h2', { id: 'queues-title' }, 'Queues'),
        h('div', { class: 'table-wrap' }, h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Queue'), h('th', { scope: 'col', class: 'number' }, 'Waiting or in flight'))),
          h('tbody', {}, health.queues.map((q) => h('tr', {},
            h('td', { 'data-label': 'Queue' }, q.name),
            h('td', { 'data-label': 'Depth', class: 'number' }, q.depth === null ? h('span', { class: 'error-text' }, q.error) : String(q.depth)))))))),
      h('section', { 'aria-labelledby': 'plugins-title' }, h('h2', { id: 'plugins-title' }, 'Plugins since start'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'plugins' },
          h('thead', {}, h('tr', {}, ['Kind', 'Name', 'Calls', 'In flight', 'Failed', 'Timed out', 'Dead letters'].map((c, i) =>
            h('th', { scope: 'col', class: i > 1 ? 'number' : null }, c)))),
          h('tbody', {}, health.plugins.map((p) => h('tr', { class: (p.failed || p.timed_out || p.dead_letters) ? 'has-errors' : null },
            h('td', { 'data-label': 'Kind' }, p.kind),
            h('td', { 'data-label': 'Name' }, p.name),
            number('Calls', p.calls), number('In flight', p.in_flight), number('Failed', p.failed),
            number('Timed out', p.timed_out), number('Dead letters', p.dead_letters))))))));
    for (const table of body.querySelectorAll('table')) tableRoles(table);
  }

  function number(label, value) {
    return h('td', { 'data-label': label, class: value ? 'number nonzero' : 'number' }, value === undefined ? '—' : String(value));
  }

  const off = app.live.on((name) => {
    if (name === 'health' || name === 'ready') load();
  });
  const interval = setInterval(() => { load(); }, 10000);
  load();
  return { dispose() { life.end(); off(); clearInterval(interval); } };
}
