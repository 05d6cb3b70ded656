// One live topic of the WebSocket (parameters, alarms, ...): a source that runs only while someone
// subscribes, and the subscriptions it fans out to. Each item is turned into JSON once, however
// many subscribers receive it.

/** Where a subscription's messages go (a WebSocket connection). */
export interface LiveSink {
  /** Sends one text message. */
  send(text: string): void;
}

export interface LiveItem {
  /** The data as the REST shape; serialised once per item. */
  readonly view: unknown;
}

export interface LiveSubscriber<Item extends LiveItem> {
  /** `{"type":"data","id":"<id>","data":` — the message is this, the item's JSON and `}`. */
  readonly frameStart: string;
  readonly sink: LiveSink;
  accepts(item: Item): boolean;
}

/** Starts the source with a function to emit items; returns how to stop it. */
export type LiveSource<Item extends LiveItem> = (emit: (items: readonly Item[]) => void) => () => Promise<void>;

export class LiveTopic<Item extends LiveItem> {
  private readonly subscribers = new Set<LiveSubscriber<Item>>();
  private stopSource: (() => Promise<void>) | undefined;
  /** Items emitted since the topic was made (for counters and benchmarks). */
  emitted = 0;

  constructor(
    readonly name: string,
    private readonly source: LiveSource<Item>,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  add(subscriber: LiveSubscriber<Item>): void {
    this.subscribers.add(subscriber);
    if (this.stopSource === undefined) this.stopSource = this.source((items) => { this.emit(items); });
  }

  async remove(subscriber: LiveSubscriber<Item>): Promise<void> {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) await this.stop();
  }

  emit(items: readonly Item[]): void {
    for (const item of items) {
      this.emitted++;
      let json: string | undefined;
      for (const s of this.subscribers) {
        if (!s.accepts(item)) continue;
        json ??= JSON.stringify(item.view);
        s.sink.send(`${s.frameStart}${json}}`);
      }
    }
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await this.stop();
  }

  private async stop(): Promise<void> {
    const stop = this.stopSource;
    this.stopSource = undefined;
    if (stop !== undefined) await stop();
  }
}
