import { h } from '../dom.js';
import { ApiError } from '../api.js';

/** The sign-in form: an API token (read scope to look, write scope to replay dead letters). */
export function signInView(message, submit) {
  const error = h('p', { class: 'error', id: 'sign-in-error', role: 'alert' }, message || '');
  const input = h('input', {
    id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true,
    minlength: 16, 'aria-describedby': 'token-help sign-in-error', spellcheck: 'false',
  });
  const form = h('form', {
    class: 'card sign-in',
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      try {
        await submit(input.value.trim());
      } catch (e) {
        error.textContent = e instanceof ApiError ? e.message : `Sign-in failed: ${e.message}`;
      }
    },
  },
  h('h1', {}, 'Sign in'),
  h('label', { for: 'token' }, 'API token'),
  input,
  h('p', { id: 'token-help', class: 'help' },
    'A token from this server\'s http.auth.tokens. A token with the read scope shows reports; the write scope also replays dead letters. It is kept in this tab only.'),
  error,
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  return form;
}
