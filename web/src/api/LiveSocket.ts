// The one WebSocket of the API (/api/ws) shared by every view: subscriptions by topic, re-made after
// a reconnection; data handed to callbacks outside React's render loop.

export type LiveStatus = 'connecting' | 'open' | 'closed';
type Topic = 'parameters' | 'alarms' | 'events' | 'commands' | 'positions' | 'clock';

interface LiveSubscription {
  readonly topic: Topic;
  readonly options: unknown;
  readonly onData: (data: unknown) => void;
  readonly onError?: (message: string) => void;
}

interface ServerMessage {
  readonly type?: string;
  readonly id?: string | null;
  readonly data?: unknown;
  readonly error?: { readonly code?: string; readonly message?: string };
}

const RECONNECT_MS = [500, 1000, 2000, 5000];
/** The server closes a socket whose session ended (logout, expiry, revoked token) with this code. */
export const CLOSE_CREDENTIALS_ENDED = 1008;

export class LiveSocket {
  private socket: WebSocket | undefined;
  private readonly subscriptions = new Map<string, LiveSubscription>();
  private nextId = 1;
  private attempts = 0;
  private closedByUs = false;
  private readonly statusListeners = new Set<(s: LiveStatus) => void>();
  status: LiveStatus = 'closed';
  /** Called instead of reconnecting when the server says the session ended. */
  onCredentialsEnded: (() => void) | undefined;

  constructor(private readonly url: string) {}

  start(): void {
    this.closedByUs = false;
    if (this.socket === undefined) this.open();
  }

  stop(): void {
    this.closedByUs = true;
    this.socket?.close();
    this.socket = undefined;
  }

  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  /** Subscribes now (or once connected); the returned function cancels. */
  subscribe(topic: Topic, options: unknown, onData: (data: unknown) => void, onError?: (message: string) => void): () => void {
    const id = `s${this.nextId++}`;
    const sub: LiveSubscription = { topic, options, onData, ...(onError === undefined ? {} : { onError }) };
    this.subscriptions.set(id, sub);
    if (this.status === 'open') this.send({ type: 'subscribe', id, topic, options });
    return () => {
      if (!this.subscriptions.delete(id)) return;
      if (this.status === 'open') this.send({ type: 'cancel', id });
    };
  }

  private setStatus(s: LiveStatus): void {
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }

  private send(message: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private open(): void {
    this.setStatus('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempts = 0;
      this.setStatus('open');
      for (const [id, s] of this.subscriptions) this.send({ type: 'subscribe', id, topic: s.topic, options: s.options });
    };
    socket.onmessage = (event: MessageEvent<string>) => {
      if (this.socket !== socket) return;
      let message: ServerMessage;
      try {
        message = JSON.parse(event.data) as ServerMessage;
      } catch {
        return;
      }
      const sub = typeof message.id === 'string' ? this.subscriptions.get(message.id) : undefined;
      if (message.type === 'data' && sub !== undefined) sub.onData(message.data);
      else if (message.type === 'error') {
        const text = `${message.error?.code ?? 'ERROR'}: ${message.error?.message ?? ''}`;
        if (sub?.onError !== undefined) sub.onError(text);
        else console.warn(`live feed: ${text}`);
      }
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.setStatus('closed');
      if (this.closedByUs) return;
      if (event.code === CLOSE_CREDENTIALS_ENDED && this.onCredentialsEnded !== undefined) {
        this.onCredentialsEnded();
        return;
      }
      const delay = RECONNECT_MS[Math.min(this.attempts, RECONNECT_MS.length - 1)] ?? 5000;
      this.attempts++;
      setTimeout(() => {
        if (!this.closedByUs) this.open();
      }, delay);
    };
  }
}

export function liveUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/ws`;
}
