import { call, query } from '../api.js';
import { h, replace, time, announce, lifetime, tableRoles } from '../dom.js';

// Deliveries that used up their attempts. Replaying one sends it again with fresh attempts; it needs
// a token with the write scope.

export function deadLettersView(container, app, params) {
  const canWrite = app.session.scopes.includes('write');
  const cursor = params.get('cursor') || '';
  const status = h('p', { class: 'summary', role: 'status', tabindex: -1 });
  const life = lifetime();
  const list = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of dead letters' });
  replace(container, h('h1', {}, 'Dead letters'),
    canWrite ? null : h('p', { class: 'notice' }, 'Your token has the read scope only: replaying needs the write scope.'),
    status, list, pager);

  async function load() {
    const n = life.begin();
    let page;
    try {
      page = await call(`/api/v1/dead-letters${query({ cursor, limit: 50 })}`, { signal: life.signal });
    } catch (e) {
      if (life.current(n)) status.textContent = `Could not load dead letters: ${e.message}`;
      return;
    }
    if (!life.current(n)) return;
    if (status.textContent.startsWith('Could not load')) status.textContent = '';
    if (page.items.length === 0) {
      replace(list, h('p', { class: 'empty' }, 'No dead letters: every delivery went through or is still being tried.'));
    } else {
      replace(list, tableRoles(h('table', { class: 'dead-letters' },
        h('caption', { class: 'visually-hidden' }, 'Dead letters, oldest first'),
        h('thead', {}, h('tr', {}, ['Emitter', 'Report', 'Attempts', 'Last error', 'Failed at'].map((c) =>
          h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Action')))),
        h('tbody', {}, page.items.map((delivery) => row(delivery))))));
    }
    replace(pager,
      cursor ? h('a', { href: '#/dead-letters' }, '← First page') : null,
      page.next_cursor ? h('a', { href: `#/dead-letters${query({ cursor: page.next_cursor })}` }, 'More →') : null);
  }

  function row(delivery) {
    const button = h('button', {
      type: 'button', class: 'primary', disabled: !canWrite,
      'aria-label': `Replay the delivery of report ${delivery.report_id} version ${delivery.version} to ${delivery.emitter}`,
      onclick: async () => {
        button.disabled = true;
        button.textContent = 'Replaying…';
        try {
          const replayed = await call(`/api/v1/dead-letters/${encodeURIComponent(delivery.id)}/replay`, { method: 'POST' });
          if (life.signal.aborted) return;
          const text = `Replayed: the delivery to ${replayed.emitter} is ${replayed.status}.`;
          status.textContent = text;
          announce(text);
          // The button goes with its row: the focus goes to what happened instead.
          status.focus();
          load();
        } catch (e) {
          status.textContent = `Replay failed: ${e.message}`;
          button.disabled = false;
          button.textContent = 'Replay';
        }
      },
    }, 'Replay');
    return h('tr', { 'data-id': delivery.id },
      h('td', { 'data-label': 'Emitter' }, delivery.emitter),
      h('td', { 'data-label': 'Report' }, h('a', { href: `#/reports/${encodeURIComponent(delivery.report_id)}` },
        h('span', { class: 'mono' }, delivery.report_id.slice(0, 12)), ` v${delivery.version}`)),
      h('td', { 'data-label': 'Attempts', class: 'number' }, String(delivery.attempts)),
      h('td', { 'data-label': 'Last error', class: 'error-text' }, delivery.last_error || ''),
      h('td', { 'data-label': 'Failed at' }, time(delivery.updated_at)),
      h('td', {}, button));
  }

  const off = app.live.on((name) => {
    if (name === 'dead-letters' || name === 'ready') load();
  });
  load();
  return { dispose() { life.end(); off(); } };
}
