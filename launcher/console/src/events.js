import { headers } from './api.js';

// The server's live events (GET /api/v1/events, text/event-stream). EventSource cannot send an
// Authorization header, so the stream is read with fetch and parsed here; it reconnects after a loss,
// waiting longer each time up to 15 s, and tells its listener whether it is live. A refused token
// (401) ends it and is told as the event 'unauthorized'.

export class LiveEvents {
  constructor() {
    this.listeners = new Set();
    this.statusListeners = new Set();
    this.controller = null;
    this.retry = null;
    this.generation = 0;
    this.delay = 1000;
    this.live = false;
    this.stopped = true;
  }

  /** listener(name, data) for every event; returns a function that removes it. */
  on(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** listener(live) now and whenever the stream connects or drops; returns a function that removes it. */
  onStatus(listener) {
    this.statusListeners.add(listener);
    listener(this.live);
    return () => this.statusListeners.delete(listener);
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.delay = 1000;
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.generation += 1;
    clearTimeout(this.retry);
    this.retry = null;
    this.controller?.abort();
    this.setLive(false);
  }

  setLive(live) {
    this.live = live;
    for (const listener of this.statusListeners) listener(live);
  }

  async connect() {
    if (this.stopped) return;
    // A connection belongs to one start: one that outlives a stop() must not act on what it reads.
    const generation = ++this.generation;
    const current = () => !this.stopped && generation === this.generation;
    this.controller = new AbortController();
    try {
      const response = await fetch('/api/v1/events', {
        headers: headers({ Accept: 'text/event-stream' }),
        signal: this.controller.signal,
        cache: 'no-store',
      });
      if (response.status === 401) {
        if (current()) {
          this.stop();
          this.emit('unauthorized', {});
        }
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done || !current()) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // A lost connection; reconnect below.
    }
    if (!current()) return;
    this.setLive(false);
    this.retry = setTimeout(() => this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, 15000);
  }

  dispatch(block) {
    let name = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (name === 'message' && !data) return;
    let parsed = {};
    try {
      parsed = data ? JSON.parse(data) : {};
    } catch {
      return;
    }
    if (name === 'ready') {
      this.delay = 1000;
      this.setLive(true);
    }
    this.emit(name, parsed);
  }

  emit(name, data) {
    for (const listener of this.listeners) listener(name, data);
  }
}
