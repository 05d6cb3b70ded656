// Cuts a byte stream of concatenated space packets (CCSDS 133.0-B-2 §4.1) into packets using the
// data length field. Some archives put a private header before every packet (the SUDA .spl files
// carry 4 octets), so a fixed number of octets can be skipped before each one.
import {
  SPACE_PACKET_HEADER_LENGTH,
  SPACE_PACKET_VERSION,
  decodeSpacePacketHeader,
  spacePacketLength,
} from './spacePacketHeader.ts';
import type { SpacePacketHeader } from './spacePacketHeader.ts';

export interface SplitPacket {
  readonly header: SpacePacketHeader;
  /** The whole packet, primary header included (a view into the chunk when it fits in one). */
  readonly bytes: Uint8Array;
  /** Offset of the packet's first octet in the whole stream (after the skipped octets). */
  readonly streamOffset: number;
}

/** Why splitting stopped: a header with a version other than 0, or bytes left over at the end. */
export type SplitError = 'bad-version' | 'truncated';

export interface SplitIssue {
  readonly error: SplitError;
  readonly streamOffset: number;
}

export interface SpacePacketSplitterOptions {
  /** Octets of non-CCSDS header to drop before every packet (default 0). */
  readonly skipHeaderBytes?: number;
}

/**
 * Incremental splitter: feed chunks as they arrive, get back the complete packets. A packet that
 * straddles chunks is kept until its end arrives. A header with a non-zero version means the
 * stream lost sync; the splitter then stops (it cannot know where the next packet begins) and
 * reports the offset. Counters let a pipeline publish what it saw.
 */
export class SpacePacketSplitter {
  readonly skipHeaderBytes: number;
  packets = 0;
  octets = 0;
  private pending: Uint8Array = new Uint8Array(0);
  private pendingOffset = 0;
  private issue: SplitIssue | null = null;

  constructor(options: SpacePacketSplitterOptions = {}) {
    const skip = options.skipHeaderBytes ?? 0;
    if (!Number.isInteger(skip) || skip < 0) throw new RangeError(`skipHeaderBytes must be a non-negative integer, got ${skip}`);
    this.skipHeaderBytes = skip;
  }

  /** The reason splitting stopped, if it did. */
  get error(): SplitIssue | null {
    return this.issue;
  }

  /** Adds a chunk and returns the packets completed by it. */
  push(chunk: Uint8Array): SplitPacket[] {
    const out: SplitPacket[] = [];
    if (this.issue !== null) return out;
    this.octets += chunk.length;
    let buffer: Uint8Array;
    if (this.pending.length === 0) {
      buffer = chunk;
    } else {
      buffer = new Uint8Array(this.pending.length + chunk.length);
      buffer.set(this.pending);
      buffer.set(chunk, this.pending.length);
    }
    const base = this.pendingOffset;
    let pos = 0;
    for (;;) {
      const start = pos + this.skipHeaderBytes;
      if (start + SPACE_PACKET_HEADER_LENGTH > buffer.length) break;
      const header = decodeSpacePacketHeader(buffer, start);
      if (header === null) break;
      if (header.version !== SPACE_PACKET_VERSION) {
        this.issue = { error: 'bad-version', streamOffset: base + start };
        this.pending = new Uint8Array(0);
        return out;
      }
      const end = start + spacePacketLength(header);
      if (end > buffer.length) break;
      out.push({ header, bytes: buffer.subarray(start, end), streamOffset: base + start });
      pos = end;
    }
    this.packets += out.length;
    // Copy the tail so the caller may reuse its chunk buffer.
    this.pending = buffer.slice(pos);
    this.pendingOffset = base + pos;
    return out;
  }

  /** Ends the stream: octets left over are reported as a truncated packet. */
  finish(): SplitIssue | null {
    if (this.issue === null && this.pending.length > 0) {
      this.issue = { error: 'truncated', streamOffset: this.pendingOffset + this.skipHeaderBytes };
      this.pending = new Uint8Array(0);
    }
    return this.issue;
  }
}

export interface SplitResult {
  readonly packets: SplitPacket[];
  /** Null when the whole buffer was consumed by complete packets. */
  readonly error: SplitIssue | null;
}

/** Splits a complete buffer (e.g. a capture file) into packets. */
export function splitSpacePackets(buffer: Uint8Array, options: SpacePacketSplitterOptions = {}): SplitResult {
  const splitter = new SpacePacketSplitter(options);
  const packets = splitter.push(buffer);
  return { packets, error: splitter.finish() };
}
