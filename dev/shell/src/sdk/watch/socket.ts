/**
 * A watch's WebSocket as the console's WSFactory handles it:
 *
 * - messages are JSON-parsed and buffered; every `flushIntervalMs` (500 in the console) the
 *   buffer goes to the `bulkmessage` handlers in one call; the buffer keeps at most `bufferMax`
 *   (1,000) messages, dropping the oldest;
 * - a closed socket reconnects to the same URL (so a list watch resumes from the resourceVersion
 *   of the list it started from), first after 1 s, then backing off by 1.5 times up to 60 s;
 *   with a `timeout`, it gives up once the delay exceeds it and destroys itself;
 * - `destroy(data)` closes the socket for good and passes `data` to the `destroy` handlers.
 */
export type SocketState = 'init' | 'open' | 'closed' | 'error' | 'destroyed';

export interface WatchSocketOptions {
  /** Path on this host, `ws(s)://` added from the page's protocol. */
  path: string;
  reconnect: boolean;
  bufferMax: number;
  flushIntervalMs: number;
  /** Reconnection gives up once its delay exceeds this (ms). */
  timeout?: number;
}

type Handlers = {
  open: (() => void)[];
  close: ((event: CloseEvent) => void)[];
  destroy: ((data: unknown) => void)[];
  bulkmessage: ((messages: unknown[]) => void)[];
};

const RECONNECT_FIRST_MS = 1000;
const RECONNECT_MAX_MS = 60_000;

const urlOf = (path: string): string =>
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${path}`;

export class WatchSocket {
  state: SocketState = 'init';
  private ws?: WebSocket;
  private buffer: unknown[] = [];
  private readonly flushTimer: ReturnType<typeof setInterval>;
  private connectionAttempt: ReturnType<typeof setTimeout> | null = null;
  private readonly handlers: Handlers = { open: [], close: [], destroy: [], bulkmessage: [] };

  constructor(private readonly options: WatchSocketOptions) {
    this.connect();
    this.flushTimer = setInterval(() => this.flush(), options.flushIntervalMs);
  }

  onopen(fn: () => void): this {
    if (this.state !== 'destroyed') this.handlers.open.push(fn);
    return this;
  }

  onclose(fn: (event: CloseEvent) => void): this {
    if (this.state !== 'destroyed') this.handlers.close.push(fn);
    return this;
  }

  ondestroy(fn: (data: unknown) => void): this {
    if (this.state !== 'destroyed') this.handlers.destroy.push(fn);
    return this;
  }

  onbulkmessage(fn: (messages: unknown[]) => void): this {
    if (this.state !== 'destroyed') this.handlers.bulkmessage.push(fn);
    return this;
  }

  bufferSize(): number {
    return this.buffer.length;
  }

  /** For tests: closes the socket as a network hiccup would (it reconnects by itself). */
  drop(code = 1000): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.close(code);
    return true;
  }

  destroy(data?: unknown): void {
    if (this.state === 'destroyed') return;
    const ws = this.ws;
    if (ws) {
      ws.onopen = null;
      ws.onclose = null;
      ws.onerror = null;
      ws.onmessage = null;
      ws.close();
      this.ws = undefined;
    }
    clearInterval(this.flushTimer);
    if (this.connectionAttempt) clearTimeout(this.connectionAttempt);
    this.invoke('destroy', data);
    this.state = 'destroyed';
    this.buffer = [];
  }

  private connect() {
    this.state = 'init';
    this.buffer = [];
    const ws = new WebSocket(urlOf(this.options.path));
    this.ws = ws;
    ws.onopen = () => {
      this.state = 'open';
      this.invoke('open', undefined);
      if (this.connectionAttempt) {
        clearTimeout(this.connectionAttempt);
        this.connectionAttempt = null;
      }
    };
    ws.onclose = (event) => {
      this.state = 'closed';
      this.invoke('close', event);
      this.reconnect();
    };
    ws.onerror = () => {
      this.state = 'error';
    };
    ws.onmessage = (event: MessageEvent<string>) => {
      if (this.state !== 'destroyed' && this.state !== 'closed') this.state = 'open';
      if (this.state === 'destroyed') return;
      this.buffer.push(JSON.parse(event.data));
      if (this.buffer.length > this.options.bufferMax) this.buffer.shift();
    };
  }

  private reconnect() {
    if (this.connectionAttempt || this.state === 'destroyed') return;
    let delay = RECONNECT_FIRST_MS;
    const attempt = () => {
      if (!this.options.reconnect || this.state === 'open') {
        if (this.connectionAttempt) clearTimeout(this.connectionAttempt);
        this.connectionAttempt = null;
        return;
      }
      if (this.options.timeout && delay > this.options.timeout) {
        if (this.connectionAttempt) clearTimeout(this.connectionAttempt);
        this.connectionAttempt = null;
        this.destroy();
        return;
      }
      this.connect();
      delay = Math.round(Math.min(1.5 * delay, RECONNECT_MAX_MS));
      this.connectionAttempt = setTimeout(attempt, delay);
    };
    this.connectionAttempt = setTimeout(attempt, delay);
  }

  private flush() {
    if (this.buffer.length === 0) return;
    const messages = this.buffer;
    this.buffer = [];
    this.invoke('bulkmessage', messages);
  }

  private invoke<K extends keyof Handlers>(type: K, data: Parameters<Handlers[K][number]>[0]) {
    for (const handler of this.handlers[type] as ((d: typeof data) => void)[]) {
      try {
        handler(data);
      } catch (e) {
        console.error('WS handling failed:', e);
      }
    }
  }
}
