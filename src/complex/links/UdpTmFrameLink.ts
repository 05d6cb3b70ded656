// A UDP socket taking one TM transfer frame per datagram, as station front-ends commonly send
// them. UDP has no acknowledgement: a frame is stored as soon as the archive takes it, and frames
// arriving while too many wait for storage are dropped and counted, never queued without bound.
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { TmFrameLinkBase } from './TmFrameLinkBase.ts';
import type { TmFrameLinkOptions } from './TmFrameLinkBase.ts';

export interface UdpTmFrameLinkOptions extends TmFrameLinkOptions {
  /** The status falls back from ok to unavailable after this long without a datagram (default 10 000 ms). */
  readonly idleTimeoutMs?: number;
  /** Frames waiting for storage beyond which datagrams are dropped (default 8192). */
  readonly maxInFlight?: number;
}

export class UdpTmFrameLink extends TmFrameLinkBase {
  readonly transport = 'udp';
  private socket: Socket | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly idleTimeoutMs: number;
  private readonly maxInFlight: number;
  private nextSequence = 0;

  constructor(options: UdpTmFrameLinkOptions) {
    super(options);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 10_000;
    this.maxInFlight = options.maxInFlight ?? 8192;
  }

  address(): { readonly host: string; readonly port: number } | undefined {
    if (this.socket === undefined) return undefined;
    try {
      const a = this.socket.address();
      return { host: a.address, port: a.port };
    } catch {
      return undefined; // not bound yet
    }
  }

  protected async open(): Promise<void> {
    if (this.socket !== undefined) return;
    const socket = createSocket(isIP(this.host) === 6 ? 'udp6' : 'udp4');
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.options.port, this.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', (error) => {
      this.setStatus('failed', `UDP socket error: ${error.message}`);
    });
    socket.on('message', (datagram: Buffer) => {
      this.receive(datagram);
    });
    this.setIdle();
  }

  protected close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => {
      try {
        socket.close(() => {
          resolve();
        });
      } catch {
        resolve(); // never bound: nothing to close
      }
    });
  }

  private setIdle(): void {
    const a = this.address();
    this.setStatus('unavailable', `listening on ${this.host}:${a?.port ?? this.options.port}, no datagram for ${this.idleTimeoutMs} ms`);
  }

  private receive(datagram: Buffer): void {
    if (!this.isActive()) return;
    if (this.inFlight >= this.maxInFlight) {
      this.count.framesReceived++;
      this.count.framesDropped++;
      return;
    }
    const frame = this.tagger.tag(new Uint8Array(datagram), this.clock.nowMs(), this.nextSequence++);
    void this.deliver(frame);
    if (this.status() !== 'ok') this.setStatus('ok', `receiving on ${this.host}:${this.address()?.port ?? this.options.port}`);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.isActive() && this.socket !== undefined) this.setIdle();
    }, this.idleTimeoutMs);
    this.idleTimer.unref();
  }
}
