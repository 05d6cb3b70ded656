// The station side of the TCP uplink, for the simulator and for station front-ends written in
// Node: listens for Zenith's CLTU messages (tcProtocol.ts), checks each CLTU's structure
// (CCSDS 231.0-B-4 §5.3) and hands it on, then answers ACK or NAK with the message's sequence.
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { decodeCltu } from '../../core/ccsds/index.ts';
import { ScaledClock } from '../runtime/index.ts';
import type { Clock } from '../runtime/index.ts';
import { StreamCutter, encodeAck, encodeNak } from './frameProtocol.ts';
import { CLTU_HEADER_LENGTH, MAX_CLTU_LENGTH, TC_NAK_INVALID, TC_NAK_NOT_RADIATING, decodeCltuMessage } from './tcProtocol.ts';

export interface ReceivedCltu {
  readonly sequence: number;
  /** Zenith's send time, and the time it arrived here (this side's clock). */
  readonly sentTimeMs: number;
  readonly receivedMs: number;
  readonly cltu: Uint8Array;
}

/** What the handler decided: radiate (ACK), or refuse because the station cannot radiate now. */
export type CltuDecision = 'accept' | 'not-radiating';

export interface TcpTcCltuReceiverOptions {
  /** Address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Port to listen on; 0 picks a free one (see `address()`). */
  readonly port: number;
  /** Called for every well-formed CLTU, in order; its answer (default accept) decides ACK or NAK. */
  readonly onCltu?: (cltu: ReceivedCltu) => CltuDecision | undefined | Promise<CltuDecision | undefined>;
  readonly clock?: Clock;
}

export interface TcReceiverCounters {
  received: number;
  acknowledged: number;
  /** Malformed CLTUs (start sequence, BCH code blocks or tail wrong). */
  malformed: number;
  notRadiating: number;
  protocolErrors: number;
}

export class TcpTcCltuReceiver {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly clock: Clock;
  readonly counters: TcReceiverCounters = { received: 0, acknowledged: 0, malformed: 0, notRadiating: 0, protocolErrors: 0 };

  constructor(private readonly options: TcpTcCltuReceiverOptions) {
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new RangeError(`receiver port must be 0..65535, got ${options.port}`);
    this.clock = options.clock ?? new ScaledClock();
  }

  start(): Promise<void> {
    const server = createServer((socket) => {
      this.serve(socket);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  address(): { readonly host: string; readonly port: number } | undefined {
    const a = this.server?.address();
    if (a === null || a === undefined || typeof a === 'string') return undefined;
    return { host: a.address, port: a.port };
  }

  /** Closes the listener and every connection (the uplink sees the station go away). */
  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server === undefined) return Promise.resolve();
    return new Promise((resolve) => server.close(() => { resolve(); }));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const cutter = new StreamCutter({ maxLength: CLTU_HEADER_LENGTH + MAX_CLTU_LENGTH, minLength: CLTU_HEADER_LENGTH + 1 });
    // Answers go out in arrival order even when the handler is asynchronous.
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      const { messages, error } = cutter.push(chunk);
      for (const body of messages) {
        const message = decodeCltuMessage(body);
        if (message === null) {
          this.counters.protocolErrors++;
          socket.destroy();
          return;
        }
        const received: ReceivedCltu = { ...message, receivedMs: this.clock.nowMs() };
        chain = chain.then(() => this.handle(received)).then((answer) => {
          if (!socket.destroyed) socket.write(answer);
        });
      }
      if (error !== null) {
        this.counters.protocolErrors++;
        socket.destroy();
      }
    });
    socket.on('error', () => {
      // The uplink went away; its close follows.
    });
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(received: ReceivedCltu): Promise<Uint8Array> {
    this.counters.received++;
    const structure = decodeCltu(received.cltu, 0, { correct: false });
    if (!structure.ok) {
      this.counters.malformed++;
      return encodeNak(received.sequence, TC_NAK_INVALID);
    }
    let decision: CltuDecision | undefined;
    try {
      decision = await this.options.onCltu?.(received);
    } catch {
      decision = 'not-radiating';
    }
    if (decision === 'not-radiating') {
      this.counters.notRadiating++;
      return encodeNak(received.sequence, TC_NAK_NOT_RADIATING);
    }
    this.counters.acknowledged++;
    return encodeAck(received.sequence);
  }
}
