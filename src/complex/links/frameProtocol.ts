// The wire formats of the TCP telemetry links (docs/telemetry.md, "TCP framing"): frames back to
// back at a fixed length, frames behind a 4-octet length, and Zenith's acknowledged protocol in
// which every frame carries the sender's sequence and ground receipt time and is answered with an
// ACK once durably stored. All integers are big-endian (network order).

/** How frames are cut out of a TCP byte stream. */
export type TcpFraming = 'acknowledged' | 'length-prefixed' | 'fixed-length';
export const TCP_FRAMINGS: readonly TcpFraming[] = ['acknowledged', 'length-prefixed', 'fixed-length'];

/** Message types of the acknowledged protocol (the octet after the length). */
export const MSG_FRAME = 0x01;
export const MSG_ACK = 0x81;
export const MSG_NAK = 0x82;

/** Octets of a FRAME message between its length field and the frame: type, flags, reserved, sequence, time. */
export const FRAME_HEADER_LENGTH = 20;
/** Octets after the length field of an ACK (type + sequence) and of a NAK (+ reason). */
export const ACK_BODY_LENGTH = 9;
export const NAK_BODY_LENGTH = 10;

/** NAK reasons: the frame is refused for good (do not resend) / storing failed (send it again later). */
export const NAK_INVALID = 1;
export const NAK_RETRY = 2;

/** Sequences travel as 64-bit unsigned integers but must stay exact in a double. */
const TWO_32 = 2 ** 32;

export interface FrameMessage {
  /** The sender's counter: with the reception time, the frame's identity in the archive. */
  readonly sequence: number;
  /** Ground receipt time stamped by the station front-end, ms of UTC since 1970. */
  readonly receptionTimeMs: number;
  /** Quality flags of the station front-end (8 bits, passed into the archive). */
  readonly flags: number;
  readonly bytes: Uint8Array;
}

export type AckMessage = { readonly type: 'ack'; readonly sequence: number } | { readonly type: 'nak'; readonly sequence: number; readonly reason: number };

function writeU64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, Math.floor(value / TWO_32));
  view.setUint32(offset + 4, value % TWO_32);
}

function readU64(view: DataView, offset: number): number {
  return view.getUint32(offset) * TWO_32 + view.getUint32(offset + 4);
}

/** One FRAME message, length field included. Throws RangeError for a sequence or time that cannot travel. */
export function encodeFrameMessage(message: FrameMessage): Uint8Array {
  if (!Number.isSafeInteger(message.sequence) || message.sequence < 0) throw new RangeError(`frame sequence must be a whole number in 0..2^53-1, got ${message.sequence}`);
  if (!Number.isFinite(message.receptionTimeMs)) throw new RangeError(`frame reception time must be finite, got ${message.receptionTimeMs}`);
  if (!Number.isInteger(message.flags) || message.flags < 0 || message.flags > 0xff) throw new RangeError(`frame flags must be an octet, got ${message.flags}`);
  const out = new Uint8Array(4 + FRAME_HEADER_LENGTH + message.bytes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, FRAME_HEADER_LENGTH + message.bytes.length);
  out[4] = MSG_FRAME;
  out[5] = message.flags;
  writeU64(view, 8, message.sequence);
  view.setFloat64(16, message.receptionTimeMs);
  out.set(message.bytes, 4 + FRAME_HEADER_LENGTH);
  return out;
}

/** Reads the body of a FRAME message (after the length field); null when it is not one. The frame is copied. */
export function decodeFrameMessage(body: Uint8Array): FrameMessage | null {
  if (body.length < FRAME_HEADER_LENGTH || body[0] !== MSG_FRAME) return null;
  const view = new DataView(body.buffer, body.byteOffset, body.length);
  const sequence = readU64(view, 4);
  const receptionTimeMs = view.getFloat64(12);
  if (!Number.isSafeInteger(sequence) || !Number.isFinite(receptionTimeMs)) return null;
  return { sequence, receptionTimeMs, flags: body[1] ?? 0, bytes: body.slice(FRAME_HEADER_LENGTH) };
}

export function encodeAck(sequence: number, target?: Uint8Array, offset = 0): Uint8Array {
  const out = target ?? new Uint8Array(4 + ACK_BODY_LENGTH);
  const view = new DataView(out.buffer, out.byteOffset + offset, 4 + ACK_BODY_LENGTH);
  view.setUint32(0, ACK_BODY_LENGTH);
  view.setUint8(4, MSG_ACK);
  writeU64(view, 5, sequence);
  return out;
}

export function encodeNak(sequence: number, reason: number): Uint8Array {
  const out = new Uint8Array(4 + NAK_BODY_LENGTH);
  const view = new DataView(out.buffer);
  view.setUint32(0, NAK_BODY_LENGTH);
  out[4] = MSG_NAK;
  writeU64(view, 5, sequence);
  out[13] = reason;
  return out;
}

/** Reads the body of an ACK or NAK; null when it is neither. */
export function decodeAckMessage(body: Uint8Array): AckMessage | null {
  const view = new DataView(body.buffer, body.byteOffset, body.length);
  if (body.length === ACK_BODY_LENGTH && body[0] === MSG_ACK) return { type: 'ack', sequence: readU64(view, 1) };
  if (body.length === NAK_BODY_LENGTH && body[0] === MSG_NAK) return { type: 'nak', sequence: readU64(view, 1), reason: body[9] ?? 0 };
  return null;
}

/**
 * Cuts a TCP byte stream into messages: each is a 4-octet length and that many octets
 * (`lengthPrefixed`), or `fixedLength` octets. Chunks may split messages anywhere; the bodies
 * returned are views valid until the next `push`. A length outside 1..maxLength is an error after
 * which the stream cannot be trusted (no resynchronisation: the connection is closed).
 */
export class StreamCutter {
  private pending: Uint8Array = new Uint8Array(0);
  private readonly fixedLength: number | undefined;
  private readonly maxLength: number;
  private readonly minLength: number;

  constructor(options: { readonly fixedLength?: number; readonly maxLength: number; readonly minLength?: number }) {
    this.fixedLength = options.fixedLength;
    this.maxLength = options.maxLength;
    this.minLength = options.minLength ?? 1;
  }

  /** Octets held back as the start of an incomplete message. */
  get buffered(): number {
    return this.pending.length;
  }

  /** Appends a chunk and returns the complete messages, or an error message when a length is out of range. */
  push(chunk: Uint8Array): { readonly messages: Uint8Array[]; readonly error: string | null } {
    let data: Uint8Array;
    // A plain view even of a Buffer, so that `slice` copies (Buffer's `slice` would not).
    if (this.pending.length === 0) data = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    else {
      data = new Uint8Array(this.pending.length + chunk.length);
      data.set(this.pending, 0);
      data.set(chunk, this.pending.length);
    }
    const messages: Uint8Array[] = [];
    let pos = 0;
    const fixed = this.fixedLength;
    if (fixed !== undefined) {
      while (data.length - pos >= fixed) {
        messages.push(data.subarray(pos, pos + fixed));
        pos += fixed;
      }
    } else {
      while (data.length - pos >= 4) {
        const length = ((data[pos] ?? 0) * 0x1000000 + (((data[pos + 1] ?? 0) << 16) | ((data[pos + 2] ?? 0) << 8) | (data[pos + 3] ?? 0))) >>> 0;
        if (length < this.minLength || length > this.maxLength) {
          this.pending = new Uint8Array(0);
          return { messages, error: `expected a message length in ${this.minLength}..${this.maxLength}, found ${length}` };
        }
        if (data.length - pos - 4 < length) break;
        messages.push(data.subarray(pos + 4, pos + 4 + length));
        pos += 4 + length;
      }
    }
    // Keep a copy of the tail: the caller may reuse the chunk's memory.
    this.pending = pos === data.length ? new Uint8Array(0) : data.slice(pos);
    return { messages, error: null };
  }
}
