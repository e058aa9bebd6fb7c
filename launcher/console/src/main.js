import './styles.css';
import { call, setToken, token, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { LiveEvents } from './events.js';
import { reportsView } from './views/reports.js';
import { reportView } from './views/report.js';
import { deadLettersView } from './views/dead-letters.js';
import { healthView } from './views/health.js';
import { signInView } from './views/sign-in.js';

// The console is one page: the part of the address after '#' says which view shows (#/reports,
// #/reports/<id>, #/dead-letters, #/health), so views can be bookmarked and the back button works.

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const sessionBox = document.getElementById('session');
const live = new LiveEvents();
const app = { session: null, live };
let current = null;
let stopWatchingLive = null;

function route() {
  const hash = location.hash.replace(/^#/, '') || '/reports';
  const [path, search = ''] = hash.split('?');
  const params = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'reports' && parts[1]) {
    let id;
    try {
      id = decodeURIComponent(parts[1]);
    } catch {
      id = parts[1]; // A malformed escape: no report has such an id, and the view says so.
    }
    return { section: 'reports', view: reportView, args: [id, params] };
  }
  if (parts[0] === 'dead-letters') return { section: 'dead-letters', view: deadLettersView, args: [params] };
  if (parts[0] === 'health') return { section: 'health', view: healthView, args: [params] };
  return { section: 'reports', view: reportsView, args: [params] };
}

async function show({ focus } = { focus: true }) {
  current?.dispose?.();
  current = null;
  if (!app.session) return;
  const { section, view, args } = route();
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const container = h('div', { class: 'view' });
  replace(main, container);
  current = view(container, app, ...args);
  if (focus) main.focus({ preventScroll: true });
}

function renderSession() {
  stopWatchingLive?.();
  stopWatchingLive = null;
  if (!app.session) {
    replace(sessionBox);
    return;
  }
  const liveBadge = h('span', { class: 'live', role: 'status' });
  stopWatchingLive = live.onStatus((isLive) => {
    liveBadge.className = isLive ? 'live live-on' : 'live live-off';
    liveBadge.textContent = isLive ? 'Live' : 'Reconnecting…';
  });
  const who = app.session.auth === 'none' ? 'no sign-in needed' : `signed in as ${app.session.token}`;
  replace(sessionBox, liveBadge,
    h('span', { class: 'who' }, `${who} · ${app.session.scopes.join(', ')}`),
    app.session.auth === 'none' ? null : h('button', { type: 'button', class: 'link-button', onclick: () => signOut() }, 'Sign out'));
}

function signOut(message) {
  current?.dispose?.();
  current = null;
  setToken(null);
  app.session = null;
  live.stop();
  nav.hidden = true;
  renderSession();
  askForToken(typeof message === 'string' ? message : undefined);
}

// The token was revoked or the server's tokens changed while the console was open.
live.on((name) => {
  if (name === 'unauthorized') signOut('The server no longer accepts your token; sign in again.');
});

function askForToken(message) {
  replace(main, signInView(message, async (value) => {
    setToken(value);
    return start();
  }));
  main.querySelector('input')?.focus();
}

async function start() {
  const presented = token();
  try {
    app.session = await call('/api/v1/session');
  } catch (error) {
    setToken(null);
    if (error instanceof ApiError && error.status === 401) {
      askForToken(presented ? 'The server does not accept this token. Check it and try again.' : null);
      return false;
    }
    askForToken(`The server did not answer: ${error.message}`);
    return false;
  }
  nav.hidden = false;
  renderSession();
  live.start();
  // Focus moves to the view when the user goes somewhere, not when the page first loads, so that the
  // first Tab of a fresh page reaches the skip link.
  await show({ focus: false });
  return true;
}

// The views live in the address's fragment, so the skip link must move focus itself: following its
// #main would change the view.
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => show());
start();
