// What every TM frame link shares: the sink it feeds, its counters, its status and the
// enable/disable switch, and re-opening a transport that failed (a port still held by a previous
// process frees up). Subclasses only open and close their transport.
import { isZenithError } from '../../core/errors/index.ts';
import type { FrameRecord } from '../archive/index.ts';
import { ScaledClock } from '../runtime/index.ts';
import type { Clock } from '../runtime/index.ts';
import { FrameTagger } from './FrameTagger.ts';
import type { FrameTagOptions } from './FrameTagger.ts';
import { zeroLinkCounters } from './TmFrameLink.ts';
import type { LinkCounters, LinkInfo, LinkProblemListener, LinkStatus, LinkStatusListener, TmFrameLink, TmFrameSink } from './TmFrameLink.ts';

export interface TmFrameLinkOptions extends FrameTagOptions {
  /** Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface). */
  readonly host?: string;
  /** Port to listen on; 0 picks a free one (see `address()`). */
  readonly port: number;
  /** Stamps the ground receipt time of frames that do not carry one (default: the wall clock). */
  readonly clock?: Clock;
  /** Start disabled (default false). */
  readonly disabled?: boolean;
  /** How long to wait before opening a failed transport again (default 5000 ms). */
  readonly retryMs?: number;
}

/** Outcome of handing one frame to the sink, for the subclass to acknowledge. */
export type DeliveryOutcome = 'stored' | 'invalid' | 'failed';

export abstract class TmFrameLinkBase implements TmFrameLink {
  abstract readonly transport: 'tcp' | 'udp';
  readonly name: string;
  readonly station: string;
  readonly spacecraft: string | undefined;
  protected readonly tagger: FrameTagger;
  protected readonly clock: Clock;
  protected readonly host: string;
  protected readonly count: LinkCounters = zeroLinkCounters();
  /** Frames handed to the sink and not yet stored or refused. */
  protected inFlight = 0;
  private sink: TmFrameSink | undefined;
  private current: LinkStatus = 'unavailable';
  private detail = 'not started';
  private readonly listeners: LinkStatusListener[] = [];
  private readonly problemListeners: LinkProblemListener[] = [];
  private started = false;
  private enabled: boolean;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly retryMs: number;

  constructor(protected readonly options: TmFrameLinkOptions) {
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new RangeError(`link ${options.name}: port must be 0..65535, got ${options.port}`);
    this.name = options.name;
    this.station = options.station;
    this.spacecraft = options.spacecraft;
    this.tagger = new FrameTagger(options);
    this.clock = options.clock ?? new ScaledClock();
    this.host = options.host ?? '127.0.0.1';
    this.enabled = options.disabled !== true;
    this.retryMs = options.retryMs ?? 5000;
  }

  attach(sink: TmFrameSink): void {
    this.sink = sink;
  }

  async start(): Promise<void> {
    if (this.sink === undefined) throw new TypeError(`link ${this.name}: attach a sink before start`);
    this.started = true;
    if (this.enabled) await this.tryOpen();
    else this.setStatus('disabled', 'disabled at start');
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.retryTimer);
    await this.close();
    this.setStatus('unavailable', 'stopped');
  }

  async disable(): Promise<void> {
    this.enabled = false;
    clearTimeout(this.retryTimer);
    if (this.started) await this.close();
    this.setStatus('disabled', 'disabled by operator');
  }

  async enable(): Promise<void> {
    if (this.enabled) return;
    this.enabled = true;
    if (this.started) await this.tryOpen();
    else this.setStatus('unavailable', 'not started');
  }

  status(): LinkStatus {
    return this.current;
  }

  statusDetail(): string {
    return this.detail;
  }

  counters(): Readonly<LinkCounters> {
    return { ...this.count };
  }

  info(): LinkInfo {
    return {
      name: this.name,
      transport: this.transport,
      station: this.station,
      spacecraft: this.spacecraft,
      status: this.current,
      statusDetail: this.detail,
      counters: this.counters(),
    };
  }

  onStatus(listener: LinkStatusListener): void {
    this.listeners.push(listener);
  }

  onProblem(listener: LinkProblemListener): void {
    this.problemListeners.push(listener);
  }

  protected problem(message: string): void {
    for (const listener of this.problemListeners) listener(`${this.name}: ${message}`);
  }

  abstract address(): { readonly host: string; readonly port: number } | undefined;

  /** Opens the transport and sets the status; throws when it cannot be opened. */
  protected abstract open(): Promise<void>;
  /** Closes the transport (idempotent). */
  protected abstract close(): Promise<void>;

  protected isActive(): boolean {
    return this.started && this.enabled;
  }

  protected setStatus(status: LinkStatus, detail: string): void {
    const changed = status !== this.current;
    this.current = status;
    this.detail = detail;
    if (changed) for (const listener of this.listeners) listener(status, detail);
  }

  private async tryOpen(): Promise<void> {
    try {
      await this.open();
    } catch (error) {
      await this.close();
      this.setStatus('failed', `cannot open ${this.transport} ${this.host}:${this.options.port}: ${(error as Error).message}`);
      if (this.isActive()) {
        this.retryTimer = setTimeout(() => {
          if (this.isActive()) void this.tryOpen();
        }, this.retryMs);
        this.retryTimer.unref();
      }
    }
  }

  /** Counts a frame off the wire and hands it to the sink; resolves with what became of it (never rejects). */
  protected deliver(frame: FrameRecord): Promise<DeliveryOutcome> {
    const sink = this.sink;
    this.count.framesReceived++;
    this.count.octetsReceived += frame.bytes.length;
    this.count.lastFrameMs = frame.receptionTimeMs;
    if (sink === undefined) return Promise.resolve('failed');
    this.inFlight++;
    return sink.accept(frame).then(
      () => {
        this.inFlight--;
        this.count.framesStored++;
        return 'stored';
      },
      (error: unknown) => {
        this.inFlight--;
        this.count.framesRefused++;
        return isZenithError(error) && error.code === 'ARCHIVE_INPUT' ? 'invalid' : 'failed';
      },
    );
  }
}
