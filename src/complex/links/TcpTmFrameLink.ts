// A TCP server taking TM transfer frames from station front-ends (or the simulator), in one of
// three framings (frameProtocol.ts). With the acknowledged framing each frame is answered with an
// ACK only once the sink has durably stored it, so a sender that resends what was not acknowledged
// loses nothing across a crash of either side.
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { MAX_TM_FRAME_LENGTH } from '../../core/ccsds/index.ts';
import { ACK_BODY_LENGTH, FRAME_HEADER_LENGTH, NAK_INVALID, NAK_RETRY, StreamCutter, decodeFrameMessage, encodeAck, encodeNak } from './frameProtocol.ts';
import type { TcpFraming } from './frameProtocol.ts';
import { TmFrameLinkBase } from './TmFrameLinkBase.ts';
import type { DeliveryOutcome, TmFrameLinkOptions } from './TmFrameLinkBase.ts';

export interface TcpTmFrameLinkOptions extends TmFrameLinkOptions {
  readonly framing: TcpFraming;
  /** Longest frame accepted by the length-carrying framings (default 2048, 132.0-B-3 §4.1.1). */
  readonly maxFrameLength?: number;
  /**
   * Frames of one connection handed to the sink and not yet stored before the link stops reading
   * from it (TCP flow control then slows the sender). Default 4096.
   */
  readonly maxInFlight?: number;
}

/** One sender's connection: its own stream state, in-flight count and batched acknowledgements. */
class Connection {
  readonly cutter: StreamCutter;
  inFlight = 0;
  paused = false;
  private acks: number[] = [];
  private flushScheduled = false;

  constructor(
    readonly socket: Socket,
    cutter: StreamCutter,
  ) {
    this.cutter = cutter;
  }

  /**
   * Queues an ACK; the ACKs of one batch commit leave in one write. A microtask, not a later turn
   * of the event loop: processing in the same process must not hold acknowledgements back.
   */
  ack(sequence: number): void {
    this.acks.push(sequence);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      const acks = this.acks;
      this.acks = [];
      if (this.socket.destroyed || acks.length === 0) return;
      const size = 4 + ACK_BODY_LENGTH;
      const out = Buffer.allocUnsafe(acks.length * size);
      acks.forEach((sequence, i) => encodeAck(sequence, out, i * size));
      this.socket.write(out);
    });
  }

  nak(sequence: number, reason: number): void {
    if (!this.socket.destroyed) this.socket.write(encodeNak(sequence, reason));
  }
}

export class TcpTmFrameLink extends TmFrameLinkBase {
  readonly transport = 'tcp';
  readonly framing: TcpFraming;
  private server: Server | undefined;
  private readonly connections = new Set<Connection>();
  private readonly maxFrameLength: number;
  private readonly maxInFlight: number;
  /** The link's own frame counter, for framings that carry no sequence. */
  private nextSequence = 0;

  constructor(options: TcpTmFrameLinkOptions) {
    super(options);
    this.framing = options.framing;
    if (options.framing === 'fixed-length' && options.frameLength === undefined) {
      throw new TypeError(`link ${options.name}: the fixed-length framing needs frameLength`);
    }
    this.maxFrameLength = options.maxFrameLength ?? MAX_TM_FRAME_LENGTH;
    this.maxInFlight = options.maxInFlight ?? 4096;
  }

  address(): { readonly host: string; readonly port: number } | undefined {
    const a = this.server?.address();
    return a === null || a === undefined || typeof a === 'string' ? undefined : { host: a.address, port: a.port };
  }

  protected async open(): Promise<void> {
    if (this.server !== undefined) return;
    const server = createServer((socket) => {
      this.accept(socket);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => {
      this.setStatus('failed', `TCP server error: ${error.message}`);
    });
    this.updateStatus();
  }

  protected async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const c of this.connections) c.socket.destroy();
    this.connections.clear();
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }

  private updateStatus(): void {
    if (!this.isActive() || this.server === undefined) return;
    const where = `${this.host}:${this.address()?.port ?? this.options.port}`;
    if (this.connections.size === 0) this.setStatus('unavailable', `listening on ${where}, no sender connected`);
    else {
      const peers = [...this.connections].map((c) => `${c.socket.remoteAddress ?? '?'}:${c.socket.remotePort ?? '?'}`);
      this.setStatus('ok', `${peers.length} sender(s) on ${where}: ${peers.join(', ')}`);
    }
  }

  private accept(socket: Socket): void {
    if (!this.isActive()) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    const cutter =
      this.framing === 'fixed-length'
        ? new StreamCutter({ fixedLength: this.options.frameLength ?? 0, maxLength: this.options.frameLength ?? 0 })
        : this.framing === 'acknowledged'
          ? new StreamCutter({ minLength: FRAME_HEADER_LENGTH + 1, maxLength: FRAME_HEADER_LENGTH + this.maxFrameLength })
          : new StreamCutter({ maxLength: this.maxFrameLength });
    const connection = new Connection(socket, cutter);
    this.connections.add(connection);
    this.count.connections++;
    this.updateStatus();
    socket.on('data', (chunk: Buffer) => {
      this.receive(connection, chunk);
    });
    socket.on('error', () => {
      // 'close' follows; the sender will reconnect and resend what was not acknowledged.
    });
    socket.on('close', () => {
      this.connections.delete(connection);
      this.updateStatus();
    });
  }

  private receive(c: Connection, chunk: Uint8Array): void {
    const { messages, error } = c.cutter.push(chunk);
    for (const body of messages) {
      if (this.framing === 'acknowledged') {
        const message = decodeFrameMessage(body);
        if (message === null) {
          this.protocolError(c, `expected a FRAME message (type 1, 20-octet header), found type ${body[0] ?? '?'}`);
          return;
        }
        const frame = this.tagger.tag(message.bytes, message.receptionTimeMs, message.sequence, message.flags);
        this.track(c, this.deliver(frame), message.sequence);
      } else {
        const frame = this.tagger.tag(new Uint8Array(body), this.clock.nowMs(), this.nextSequence++);
        this.track(c, this.deliver(frame), null);
      }
    }
    if (error !== null) this.protocolError(c, error);
  }

  private track(c: Connection, outcome: Promise<DeliveryOutcome>, sequence: number | null): void {
    c.inFlight++;
    if (c.inFlight >= this.maxInFlight && !c.paused) {
      c.paused = true;
      c.socket.pause();
    }
    void outcome.then((result) => {
      c.inFlight--;
      if (c.paused && c.inFlight <= this.maxInFlight / 2) {
        c.paused = false;
        c.socket.resume();
      }
      if (sequence === null) return;
      if (result === 'stored') c.ack(sequence);
      else c.nak(sequence, result === 'invalid' ? NAK_INVALID : NAK_RETRY);
    });
  }

  private protocolError(c: Connection, message: string): void {
    this.count.protocolErrors++;
    this.count.framesDropped++;
    this.problem(`protocol error from ${c.socket.remoteAddress ?? '?'}: ${message}; connection closed`);
    c.socket.destroy();
  }
}
