// The client side of the acknowledged TCP framing, for station front-ends and the simulator: it
// keeps every frame until Zenith acknowledges it as durably stored, reconnects after a broken
// connection and resends, in order, what was not acknowledged (with the same sequence and ground
// receipt time, so a frame stored before the break is not stored twice).
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { NAK_BODY_LENGTH, NAK_INVALID, StreamCutter, decodeAckMessage, encodeFrameMessage } from './frameProtocol.ts';
import type { FrameMessage } from './frameProtocol.ts';

export interface TcpTmFrameSenderOptions {
  readonly host?: string;
  readonly port: number;
  /** Sequence of the first frame (default 0); a front-end that restarts continues its own count. */
  readonly firstSequence?: number;
  /** Wait before reconnecting after a refused or broken connection (default 200 ms). */
  readonly reconnectMs?: number;
  /** Ground receipt time of frames sent without one (default: the wall clock). */
  readonly now?: () => number;
}

export interface TcpTmFrameSenderCounters {
  /** Frames written, resends included. */
  sent: number;
  resent: number;
  acknowledged: number;
  /** Frames refused for good (NAK reason 1) and given up. */
  refused: number;
  connects: number;
}

type AckListener = (sequence: number) => void;
type NakListener = (sequence: number, reason: number) => void;

export class TcpTmFrameSender {
  private readonly pendingFrames = new Map<number, FrameMessage>();
  /** Sequences written at least once: writing them again is a resend. */
  private readonly written = new Set<number>();
  private socket: Socket | undefined;
  private connectedNow = false;
  private closed = false;
  private nextSequence: number;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly ackListeners: AckListener[] = [];
  private readonly nakListeners: NakListener[] = [];
  private waiters: { readonly below: number; readonly resolve: () => void }[] = [];
  private connectWaiters: (() => void)[] = [];
  readonly counters: TcpTmFrameSenderCounters = { sent: 0, resent: 0, acknowledged: 0, refused: 0, connects: 0 };
  private readonly now: () => number;
  private readonly reconnectMs: number;

  constructor(private readonly options: TcpTmFrameSenderOptions) {
    this.nextSequence = options.firstSequence ?? 0;
    this.now = options.now ?? Date.now;
    this.reconnectMs = options.reconnectMs ?? 200;
    this.open();
  }

  get connected(): boolean {
    return this.connectedNow;
  }

  /** Frames sent and not yet acknowledged. */
  get unacknowledged(): number {
    return this.pendingFrames.size;
  }

  /** The frames not yet acknowledged, oldest first. */
  pending(): FrameMessage[] {
    return [...this.pendingFrames.values()];
  }

  onAck(listener: AckListener): void {
    this.ackListeners.push(listener);
  }

  onNak(listener: NakListener): void {
    this.nakListeners.push(listener);
  }

  /** Queues a frame (sent now when connected, else on connection) and returns its sequence. */
  send(bytes: Uint8Array, options: { readonly receptionTimeMs?: number; readonly flags?: number } = {}): number {
    if (this.closed) throw new TypeError('this sender is closed');
    const sequence = this.nextSequence++;
    const message: FrameMessage = { sequence, receptionTimeMs: options.receptionTimeMs ?? this.now(), flags: options.flags ?? 0, bytes };
    const encoded = encodeFrameMessage(message); // throws before anything is queued
    this.pendingFrames.set(sequence, message);
    if (this.connectedNow && this.socket !== undefined) {
      this.counters.sent++;
      this.written.add(sequence);
      this.socket.write(encoded);
    }
    return sequence;
  }

  /** Resolves once fewer than `count` frames wait for acknowledgement (0: all acknowledged). */
  whenBelow(count: number): Promise<void> {
    if (TcpTmFrameSender.below(this.pendingFrames.size, count)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ below: count, resolve }));
  }

  /** Resolves once every frame sent so far is acknowledged (or refused). */
  drained(): Promise<void> {
    return this.whenBelow(0);
  }

  /** Resolves once connected. */
  whenConnected(): Promise<void> {
    if (this.connectedNow) return Promise.resolve();
    return new Promise((resolve) => this.connectWaiters.push(resolve));
  }

  /** Closes the connection; frames not acknowledged stay in `pending()`. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    if (socket === undefined || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => {
        resolve();
      });
      socket.destroy();
    });
  }

  private open(): void {
    if (this.closed) return;
    const socket = connect({ host: this.options.host ?? '127.0.0.1', port: this.options.port });
    this.socket = socket;
    socket.setNoDelay(true);
    const cutter = new StreamCutter({ maxLength: NAK_BODY_LENGTH });
    socket.on('connect', () => {
      this.connectedNow = true;
      this.counters.connects++;
      socket.cork();
      for (const message of this.pendingFrames.values()) {
        this.counters.sent++;
        if (this.written.has(message.sequence)) this.counters.resent++;
        else this.written.add(message.sequence);
        socket.write(encodeFrameMessage(message));
      }
      socket.uncork();
      const waiters = this.connectWaiters;
      this.connectWaiters = [];
      for (const w of waiters) w();
    });
    socket.on('data', (chunk: Buffer) => {
      const { messages, error } = cutter.push(chunk);
      for (const body of messages) this.answer(body);
      if (error !== null) socket.destroy();
    });
    socket.on('error', () => {
      // 'close' follows and reconnects.
    });
    socket.on('close', () => {
      this.connectedNow = false;
      if (this.socket === socket) this.socket = undefined;
      if (this.closed) return;
      this.reconnectTimer = setTimeout(() => {
        this.open();
      }, this.reconnectMs);
    });
  }

  private answer(body: Uint8Array): void {
    const m = decodeAckMessage(body);
    if (m === null) return;
    if (m.type === 'ack') {
      if (!this.pendingFrames.delete(m.sequence)) return;
      this.written.delete(m.sequence);
      this.counters.acknowledged++;
      for (const l of this.ackListeners) l(m.sequence);
    } else {
      for (const l of this.nakListeners) l(m.sequence, m.reason);
      if (m.reason === NAK_INVALID) {
        this.written.delete(m.sequence);
        if (this.pendingFrames.delete(m.sequence)) this.counters.refused++;
      } else {
        // Storage failed for now: send it again after a pause, if still connected.
        setTimeout(() => {
          const message = this.pendingFrames.get(m.sequence);
          if (message !== undefined && this.connectedNow && this.socket !== undefined) {
            this.counters.sent++;
            this.counters.resent++;
            this.socket.write(encodeFrameMessage(message));
          }
        }, this.reconnectMs);
      }
    }
    this.wake();
  }

  private static below(size: number, count: number): boolean {
    return count === 0 ? size === 0 : size < count;
  }

  private wake(): void {
    const size = this.pendingFrames.size;
    const ready = this.waiters.filter((w) => TcpTmFrameSender.below(size, w.below));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}
