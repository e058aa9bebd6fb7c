// The console's only way to the server: the HTTP API, with the token the user signed in with. The token
// lives in sessionStorage, so it goes when the tab closes, and is sent in the Authorization header only,
// never in a URL (URLs end up in logs and in the browser's history).

const TOKEN_KEY = 'alertresponder.token';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function headers(extra = {}) {
  const out = { Accept: 'application/json', ...extra };
  const value = token();
  if (value) out.Authorization = `Bearer ${value}`;
  return out;
}

/** GET or POST a JSON resource; fails with an ApiError carrying the server's problem details. */
export async function call(path, { method = 'GET', body, signal } = {}) {
  const response = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
