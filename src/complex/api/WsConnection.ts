// One client's WebSocket on /api/ws: many subscriptions, each with the client's id, made with
// `{type:'subscribe', id, topic, options}` and ended with `{type:'cancel', id}` (docs/api.md).
// Whatever the client sends, the answer is a message, never a crash; a client that cannot keep
// up is disconnected rather than buffered without bound.
import Type from 'typebox';
import Value from 'typebox/value';
import { isZenithError } from '../../core/errors/index.ts';
import type { LiveFeeds, LiveSubscription } from './LiveFeeds.ts';
import type { LiveSink } from './LiveTopic.ts';

export const MAX_SUBSCRIPTIONS = 64;
/** Past this many bytes waiting to be sent, the client is too slow and is disconnected (close 1013). */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** WebSocket close code "try again later". */
export const CLOSE_TOO_SLOW = 1013;

const ClientMessage = Type.Union([
  Type.Object({
    type: Type.Literal('subscribe'),
    id: Type.String({ minLength: 1, maxLength: 128 }),
    topic: Type.String({ maxLength: 64 }),
    options: Type.Optional(Type.Unknown()),
  }),
  Type.Object({ type: Type.Literal('cancel'), id: Type.String({ minLength: 1, maxLength: 128 }) }),
]);
type ClientMessage = Type.Static<typeof ClientMessage>;

/** What a connection uses of its socket (a `ws` WebSocket). */
export interface WsSocket {
  readonly readyState: number;
  readonly OPEN: number;
  readonly bufferedAmount: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface Entry {
  /** Resolves once the subscription is made (undefined when it was refused). */
  readonly made: Promise<LiveSubscription | undefined>;
  cancelled: boolean;
}

export class WsConnection implements LiveSink {
  private readonly subscriptions = new Map<string, Entry>();
  private closed = false;

  constructor(
    private readonly socket: WsSocket,
    private readonly feeds: LiveFeeds,
    private readonly onError: (error: unknown) => void,
  ) {
    socket.on('message', (data, isBinary) => {
      this.receive(data, isBinary);
    });
    socket.on('close', () => void this.closeAll());
    socket.on('error', (error) => {
      this.onError(error);
    });
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  send(text: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.close(CLOSE_TOO_SLOW, 'too slow: messages piled up');
      void this.closeAll();
      return;
    }
    this.socket.send(text);
  }

  private sendJson(message: unknown): void {
    this.send(JSON.stringify(message));
  }

  private sendError(id: string | null, code: string, message: string): void {
    this.sendJson({ type: 'error', id, error: { code, message } });
  }

  private receive(data: unknown, isBinary: boolean): void {
    if (isBinary) {
      this.sendError(null, 'BAD_MESSAGE', 'expected a text message holding JSON, found a binary message');
      return;
    }
    let text: string;
    if (Buffer.isBuffer(data)) text = data.toString('utf8');
    else if (Array.isArray(data)) text = Buffer.concat(data as Buffer[]).toString('utf8');
    else text = Buffer.from(data as ArrayBuffer).toString('utf8');
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.sendError(null, 'BAD_JSON', `expected a JSON message, found ${JSON.stringify(text.slice(0, 40))}`);
      return;
    }
    if (!Value.Check(ClientMessage, message)) {
      const id = typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'string' ? ((message as { id: string }).id.slice(0, 128)) : null;
      this.sendError(id, 'BAD_MESSAGE', 'expected {"type":"subscribe","id":"..","topic":"..","options":{..}} or {"type":"cancel","id":".."} (id: 1-128 characters)');
      return;
    }
    if (message.type === 'subscribe') this.subscribe(message);
    else void this.cancel(message.id);
  }

  private subscribe(m: Extract<ClientMessage, { type: 'subscribe' }>): void {
    if (this.subscriptions.has(m.id)) {
      this.sendError(m.id, 'DUPLICATE_ID', `a subscription with id ${JSON.stringify(m.id)} is already open; cancel it first`);
      return;
    }
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      this.sendError(m.id, 'TOO_MANY_SUBSCRIPTIONS', `expected at most ${MAX_SUBSCRIPTIONS} subscriptions on one connection`);
      return;
    }
    const frameStart = `{"type":"data","id":${JSON.stringify(m.id)},"data":`;
    const joined = (): void => {
      this.sendJson({ type: 'subscribed', id: m.id, topic: m.topic });
    };
    const made = this.feeds.subscribe(m.topic, frameStart, this, m.options, joined).then(
      (subscription) => subscription,
      (error: unknown) => {
        this.subscriptions.delete(m.id);
        if (isZenithError(error)) this.sendError(m.id, error.code, error.message);
        else {
          this.onError(error);
          this.sendError(m.id, 'INTERNAL', 'the subscription failed; the reason is in the server log');
        }
        return undefined;
      },
    );
    const entry: Entry = { made, cancelled: false };
    this.subscriptions.set(m.id, entry);
    // Cancelled (or the socket closed) while it was being made: end it as soon as it exists.
    void made.then((s) => (entry.cancelled ? s?.cancel() : undefined));
  }

  private async cancel(id: string): Promise<void> {
    const entry = this.subscriptions.get(id);
    if (entry === undefined) {
      this.sendError(id, 'UNKNOWN_SUBSCRIPTION', `expected the id of an open subscription, found ${JSON.stringify(id)}`);
      return;
    }
    this.subscriptions.delete(id);
    entry.cancelled = true;
    const subscription = await entry.made;
    await subscription?.cancel();
    this.sendJson({ type: 'cancelled', id });
  }

  private async closeAll(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const entries = [...this.subscriptions.values()];
    this.subscriptions.clear();
    for (const e of entries) e.cancelled = true;
    await Promise.all(entries.map(async (e) => (await e.made)?.cancel()));
  }
}
