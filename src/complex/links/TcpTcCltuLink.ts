// The TCP uplink of one station: Zenith connects to the station front-end (TcpTcCltuReceiver or a
// real one speaking tcProtocol.ts), keeps the connection up, writes CLTUs and matches the
// station's ACK/NAK to them. A CLTU is written once; nothing is ever resent from here.
import { Socket } from 'node:net';
import { ZenithError } from '../../core/errors/index.ts';
import { ScaledClock } from '../runtime/index.ts';
import type { Clock } from '../runtime/index.ts';
import { StreamCutter, decodeAckMessage, NAK_RETRY } from './frameProtocol.ts';
import { zeroTcLinkCounters } from './TcCltuLink.ts';
import type { CltuTransmission, GroundAck, TcCltuLink, TcLinkCounters, TcLinkInfo } from './TcCltuLink.ts';
import { MAX_CLTU_LENGTH, TC_NAK_INVALID, TC_NAK_NOT_RADIATING, encodeCltuMessage } from './tcProtocol.ts';
import type { LinkStatus, LinkStatusListener } from './TmFrameLink.ts';

export interface TcpTcCltuLinkOptions {
  readonly name: string;
  readonly station: string;
  /** The station front-end's address. */
  readonly host: string;
  readonly port: number;
  /** Stamps the send time of CLTUs (default: the wall clock). */
  readonly clock?: Clock;
  /** How long to wait before connecting again after a failure or a drop (default 2000 ms, real time). */
  readonly reconnectMs?: number;
  /** Start disabled (default false). */
  readonly disabled?: boolean;
}

interface Waiting {
  readonly resolve: (ack: GroundAck) => void;
}

function nakReason(code: number): string {
  if (code === TC_NAK_INVALID) return 'the station refused the CLTU as malformed';
  if (code === NAK_RETRY) return 'the station could not take the CLTU now';
  if (code === TC_NAK_NOT_RADIATING) return 'the station is not radiating (no carrier or no contact)';
  return `the station refused the CLTU (reason ${code})`;
}

export class TcpTcCltuLink implements TcCltuLink {
  readonly name: string;
  readonly station: string;
  private readonly clock: Clock;
  private readonly reconnectMs: number;
  private readonly count: TcLinkCounters = zeroTcLinkCounters();
  private readonly listeners: LinkStatusListener[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private socket: Socket | undefined;
  private connected = false;
  private started = false;
  private enabled: boolean;
  private timer: NodeJS.Timeout | undefined;
  private nextSequence = 0;
  private current: LinkStatus = 'unavailable';
  private detail = 'not started';

  constructor(private readonly options: TcpTcCltuLinkOptions) {
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) throw new RangeError(`link ${options.name}: port must be 1..65535, got ${options.port}`);
    this.name = options.name;
    this.station = options.station;
    this.clock = options.clock ?? new ScaledClock();
    this.reconnectMs = options.reconnectMs ?? 2000;
    this.enabled = options.disabled !== true;
  }

  /** Starts connecting; resolves after the first attempt, connected or not (it keeps trying). */
  async start(): Promise<void> {
    this.started = true;
    if (this.enabled) await this.connect();
    else this.setStatus('disabled', 'disabled at start');
  }

  async stop(): Promise<void> {
    this.started = false;
    this.close('stopped');
    this.setStatus('unavailable', 'stopped');
    return Promise.resolve();
  }

  async disable(): Promise<void> {
    this.enabled = false;
    this.close('disabled by operator');
    this.setStatus('disabled', 'disabled by operator');
    return Promise.resolve();
  }

  async enable(): Promise<void> {
    if (this.enabled) return;
    this.enabled = true;
    if (this.started) await this.connect();
    else this.setStatus('unavailable', 'not started');
  }

  status(): LinkStatus {
    return this.current;
  }

  statusDetail(): string {
    return this.detail;
  }

  counters(): Readonly<TcLinkCounters> {
    return { ...this.count };
  }

  info(): TcLinkInfo {
    return { name: this.name, transport: 'tcp', direction: 'uplink', station: this.station, status: this.current, statusDetail: this.detail, counters: this.counters() };
  }

  onStatus(listener: LinkStatusListener): void {
    this.listeners.push(listener);
  }

  send(cltu: Uint8Array): Promise<CltuTransmission> {
    const socket = this.socket;
    if (!this.connected || socket === undefined) {
      return Promise.reject(new ZenithError('TC_LINK_DOWN', `uplink ${this.name} to ${this.station} is ${this.current}: ${this.detail}`, { field: 'link', link: this.name }));
    }
    if (cltu.length === 0 || cltu.length > MAX_CLTU_LENGTH) return Promise.reject(new RangeError(`a CLTU must be 1..${MAX_CLTU_LENGTH} octets, got ${cltu.length}`));
    const sequence = this.nextSequence++;
    const sentTimeMs = this.clock.nowMs();
    const acknowledged = new Promise<GroundAck>((resolve) => this.waiting.set(sequence, { resolve }));
    this.count.cltusSent++;
    this.count.octetsSent += cltu.length;
    this.count.lastSentMs = sentTimeMs;
    return new Promise((resolve) => {
      // Once write is called the octets may reach the station even if the callback reports an
      // error, so the CLTU counts as sent either way; the acknowledgement tells the rest.
      socket.write(encodeCltuMessage({ sequence, sentTimeMs, cltu }), () => {
        resolve({ sequence, sentTimeMs, acknowledged });
      });
    });
  }

  private connect(): Promise<void> {
    clearTimeout(this.timer);
    const socket = new Socket();
    this.socket = socket;
    socket.setNoDelay(true);
    const cutter = new StreamCutter({ maxLength: 64 });
    return new Promise((resolve) => {
      let settled = false;
      const settle = (): void => {
        if (!settled) {
          settled = true;
          resolve();
        }
      };
      socket.once('connect', () => {
        this.connected = true;
        this.count.connections++;
        this.setStatus('ok', `connected to ${this.options.host}:${this.options.port}`);
        settle();
      });
      socket.on('data', (chunk: Buffer) => {
        const { messages, error } = cutter.push(chunk);
        for (const body of messages) this.answer(body);
        if (error !== null) socket.destroy(new Error(`broken acknowledgement stream: ${error}`));
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        const refused = error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET';
        this.setStatus(refused ? 'unavailable' : 'failed', `${this.options.host}:${this.options.port}: ${error.message}`);
      });
      socket.on('close', () => {
        if (this.socket === socket) {
          this.connected = false;
          this.socket = undefined;
          this.dropWaiting('the connection to the station closed before it answered');
          if (this.current === 'ok') this.setStatus('unavailable', `connection to ${this.options.host}:${this.options.port} closed`);
          this.scheduleReconnect();
        }
        settle();
      });
      socket.connect(this.options.port, this.options.host);
    });
  }

  private answer(body: Uint8Array): void {
    const ack = decodeAckMessage(body);
    if (ack === null) return;
    const waiting = this.waiting.get(ack.sequence);
    if (waiting === undefined) return;
    this.waiting.delete(ack.sequence);
    const timeMs = this.clock.nowMs();
    if (ack.type === 'ack') {
      this.count.acknowledged++;
      waiting.resolve({ ok: true, timeMs });
    } else {
      this.count.refused++;
      waiting.resolve({ ok: false, timeMs, reason: nakReason(ack.reason) });
    }
  }

  private dropWaiting(reason: string): void {
    const timeMs = this.clock.nowMs();
    for (const w of this.waiting.values()) {
      this.count.unanswered++;
      w.resolve({ ok: false, timeMs, reason });
    }
    this.waiting.clear();
  }

  private scheduleReconnect(): void {
    if (!this.started || !this.enabled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.started && this.enabled && this.socket === undefined) void this.connect();
    }, this.reconnectMs);
    this.timer.unref();
  }

  private close(reason: string): void {
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    this.connected = false;
    socket?.destroy();
    this.dropWaiting(`the link was ${reason} before the station answered`);
  }

  private setStatus(status: LinkStatus, detail: string): void {
    const changed = status !== this.current;
    this.current = status;
    this.detail = detail;
    if (changed) for (const listener of this.listeners) listener(status, detail);
  }
}
