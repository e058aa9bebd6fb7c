// A small element builder. Text always goes in as text nodes, never as HTML, so nothing an alert carries
// (a description, an attribute value, a finding) can inject markup into the console.

/**
 * h('a', {href: '#/x', class: 'link'}, 'text', child) builds an element. Props starting with "on" are
 * listeners; `false`, `null` and `undefined` props and children are left out; arrays are flattened.
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what `element` holds. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** Tells screen-reader users something that changed on the page without moving their focus. */
export function announce(text) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  // A fresh text node after a tick is what makes screen readers read a repeated message again.
  setTimeout(() => { announcer.textContent = text; }, 50);
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  hour12: false, timeZone: 'UTC', timeZoneName: 'short',
});

/** A time element showing an RFC 3339 instant in UTC (analysts compare times across systems in UTC). */
export function time(instant) {
  if (!instant) return h('span', { class: 'muted' }, '—');
  const date = new Date(instant);
  return h('time', { datetime: instant, title: instant }, Number.isNaN(date.getTime()) ? instant : dateTime.format(date));
}

/** A severity badge; a report not yet reviewed has none. */
export function severityBadge(severity) {
  if (!severity) return h('span', { class: 'badge badge-none' }, 'not reviewed');
  return h('span', { class: `badge severity-${severity}` }, severity);
}

export function statusBadge(status) {
  return h('span', { class: `badge status status-${status}` }, status.replace('_', ' '));
}

/**
 * A view's lifetime: the signal that aborts its requests when it goes, and a way to keep only the
 * latest of overlapping loads (an event and a poll can start two; the older answer must not win).
 */
export function lifetime() {
  const controller = new AbortController();
  let latest = 0;
  return {
    signal: controller.signal,
    /** Starts a load; pass the number to `current` when its answer comes. */
    begin: () => ++latest,
    /** Whether the load numbered `n` is the latest and the view is still shown. */
    current: (n) => n === latest && !controller.signal.aborted,
    end: () => controller.abort(),
  };
}

/**
 * Rebuilds what `container` shows and puts the keyboard focus back on the element that had it (the
 * same link, button or section, found by its data-key, data-id, href or id), so a live update does not
 * throw a keyboard user back to the top of the page.
 */
export function keepingFocus(container, rebuild) {
  const focused = document.activeElement;
  const key = focused && container.contains(focused) ? focusKey(focused) : null;
  rebuild();
  if (!key) return;
  const [attribute, value] = key;
  const again = container.querySelector(`[${attribute}="${CSS.escape(value)}"]`);
  (again || container.querySelector('h1'))?.focus({ preventScroll: true });
}

function focusKey(element) {
  for (const attribute of ['data-key', 'data-id', 'href', 'id']) {
    const value = element.getAttribute(attribute);
    if (value) return [attribute, value];
  }
  return null;
}

/**
 * Gives a table and its parts their roles explicitly: the phone layout displays them as blocks, which
 * makes some browsers stop announcing them as a table.
 */
export function tableRoles(table) {
  table.setAttribute('role', 'table');
  for (const group of table.querySelectorAll('thead, tbody')) group.setAttribute('role', 'rowgroup');
  for (const row of table.querySelectorAll('tr')) row.setAttribute('role', 'row');
  for (const header of table.querySelectorAll('th')) header.setAttribute('role', 'columnheader');
  for (const cell of table.querySelectorAll('td')) cell.setAttribute('role', 'cell');
  return table;
}
