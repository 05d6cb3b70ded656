// The wire format of the TCP uplink (docs/commanding.md, "Uplink protocol"): Zenith sends each
// CLTU (CCSDS 231.0-B-4 §5) behind a 4-octet length with its sequence and send time; the station
// front-end answers with the telemetry links' ACK or NAK (frameProtocol.ts) once it has the CLTU.
// All integers are big-endian (network order).

/** Message type of a CLTU sent to a station (the octet after the length; TM frames use 0x01). */
export const MSG_CLTU = 0x02;
/** Octets of a CLTU message between its length field and the CLTU: type, flags, reserved, sequence, time. */
export const CLTU_HEADER_LENGTH = 20;
/** The longest CLTU that can carry a 1024-octet TC frame is 1186 octets; leave room for others. */
export const MAX_CLTU_LENGTH = 4096;

/** NAK reasons of the uplink (1 and 2 are the telemetry links' invalid and retry). */
export const TC_NAK_INVALID = 1;
/** The station cannot radiate now (no carrier, not in contact); the CLTU was not sent. */
export const TC_NAK_NOT_RADIATING = 3;

export interface CltuMessage {
  /** The link's counter; the station's ACK or NAK carries it back. */
  readonly sequence: number;
  /** When Zenith handed the CLTU to the link, ms of UTC since 1970 (the complex's clock). */
  readonly sentTimeMs: number;
  readonly cltu: Uint8Array;
}

/** One CLTU message, length field included. Throws RangeError for a sequence or time that cannot travel. */
export function encodeCltuMessage(message: CltuMessage): Uint8Array {
  if (!Number.isSafeInteger(message.sequence) || message.sequence < 0) throw new RangeError(`CLTU sequence must be a whole number in 0..2^53-1, got ${message.sequence}`);
  if (!Number.isFinite(message.sentTimeMs)) throw new RangeError(`CLTU send time must be finite, got ${message.sentTimeMs}`);
  if (message.cltu.length === 0 || message.cltu.length > MAX_CLTU_LENGTH) throw new RangeError(`a CLTU must be 1..${MAX_CLTU_LENGTH} octets, got ${message.cltu.length}`);
  const out = new Uint8Array(4 + CLTU_HEADER_LENGTH + message.cltu.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, CLTU_HEADER_LENGTH + message.cltu.length);
  out[4] = MSG_CLTU;
  view.setBigUint64(8, BigInt(message.sequence));
  view.setFloat64(16, message.sentTimeMs);
  out.set(message.cltu, 4 + CLTU_HEADER_LENGTH);
  return out;
}

/** Reads the body of a CLTU message (after the length field); null when it is not one. The CLTU is copied. */
export function decodeCltuMessage(body: Uint8Array): CltuMessage | null {
  if (body.length <= CLTU_HEADER_LENGTH || body[0] !== MSG_CLTU) return null;
  const view = new DataView(body.buffer, body.byteOffset, body.length);
  const sequence = Number(view.getBigUint64(4));
  const sentTimeMs = view.getFloat64(12);
  if (!Number.isSafeInteger(sequence) || !Number.isFinite(sentTimeMs)) return null;
  return { sequence, sentTimeMs, cltu: body.slice(CLTU_HEADER_LENGTH) };
}
