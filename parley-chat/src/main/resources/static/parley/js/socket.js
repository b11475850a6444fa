// A JSON WebSocket that reconnects by itself. After a drop it waits 1 s, then 1.5 times longer after
// each failed attempt, up to 30 s; a connection that stayed up for a while starts again at 1 s.
// Listeners learn of every (re)open, so pages can catch up on what they missed (docs/protocol.md,
// "The page client").

const CONNECTING = 'connecting';
const OPEN = 'open';
const RECONNECTING = 'reconnecting';

/** ws:// or wss:// URL of `path` on the page's own host; on `port` if given (the chat port). */
export function socketUrl(path, port) {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const host = port ? `${window.location.hostname}:${port}` : window.location.host;
  return `${scheme}//${host}${path}`;
}

export class ReconnectingSocket {
  constructor(url, { initialDelay = 1000, factor = 1.5, maxDelay = 30000, stableAfter = 5000 } = {}) {
    this.url = url;
    this.initialDelay = initialDelay;
    this.factor = factor;
    this.maxDelay = maxDelay;
    this.stableAfter = stableAfter;
    this.delay = initialDelay;
    this.handlers = new Map();
    this.openListeners = [];
    this.statusListeners = [];
    this.ws = null;
    this.opens = 0;
    this.openedAt = 0;
    this.timer = null;
    this.stopped = false;
    this.status = CONNECTING;

    // Leaving the page closes the socket; that is not a drop worth announcing.
    window.addEventListener('pagehide', () => this.stop());
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) {
        this.stopped = false;
        this.connect();
      }
    });
    // Back on the network: no need to wait out the backoff.
    window.addEventListener('online', () => {
      if (this.timer !== null) {
        this.delay = this.initialDelay;
        this.connect();
      }
    });
  }

  /** Calls `handler(frame)` for each received frame of `type` ('*' for every frame). */
  on(type, handler) {
    if (!this.handlers.has(type)) {
      this.handlers.set(type, []);
    }
    this.handlers.get(type).push(handler);
    return this;
  }

  /** Calls `listener(reconnected)` each time the socket opens; `reconnected` is false the first time. */
  onOpen(listener) {
    this.openListeners.push(listener);
    return this;
  }

  /** Calls `listener(status)` with 'connecting', 'open' or 'reconnecting' now and on every change. */
  onStatus(listener) {
    this.statusListeners.push(listener);
    listener(this.status);
    return this;
  }

  get isOpen() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends `frame` as JSON; false (and nothing sent) while the socket is not open. */
  send(frame) {
    if (!this.isOpen) {
      return false;
    }
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  connect() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || (this.ws !== null && this.ws.readyState <= WebSocket.OPEN)) {
      return;
    }
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      console.error('Cannot open the chat socket', e);
      this.dropped();
      return;
    }
    this.ws = ws;
    ws.addEventListener('open', () => {
      this.openedAt = Date.now();
      const reconnected = this.opens > 0;
      this.opens += 1;
      this.setStatus(OPEN);
      for (const listener of this.openListeners) {
        guarded(() => listener(reconnected));
      }
    });
    ws.addEventListener('message', (event) => this.dispatch(event.data));
    ws.addEventListener('close', () => {
      if (this.ws === ws) {
        this.ws = null;
        this.dropped();
      }
    });
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = null;
    if (this.ws !== null) {
      const ws = this.ws;
      this.ws = null;
      ws.close(1000);
    }
  }

  dropped() {
    if (this.openedAt !== 0 && Date.now() - this.openedAt >= this.stableAfter) {
      this.delay = this.initialDelay;
    }
    this.openedAt = 0;
    if (this.stopped) {
      return;
    }
    this.setStatus(RECONNECTING);
    const wait = this.delay;
    this.delay = Math.min(this.delay * this.factor, this.maxDelay);
    this.timer = setTimeout(() => this.connect(), wait);
  }

  dispatch(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      console.error('Unreadable frame', data);
      return;
    }
    const listeners = [...(this.handlers.get(frame.type) ?? []), ...(this.handlers.get('*') ?? [])];
    for (const handler of listeners) {
      guarded(() => handler(frame));
    }
  }

  setStatus(status) {
    if (status === this.status) {
      return;
    }
    this.status = status;
    for (const listener of this.statusListeners) {
      guarded(() => listener(status));
    }
  }
}

// One failing listener must not keep the others from hearing about a frame.
function guarded(call) {
  try {
    call();
  } catch (e) {
    console.error(e);
  }
}
