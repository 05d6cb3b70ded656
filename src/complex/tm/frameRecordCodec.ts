// The payload of `tm.frame.<spacecraft>` messages: a stored frame with its reception metadata, in a
// small binary form (JSON would triple a frame's size in base64 and cost more to parse).
// Layout, big-endian: u8 version 1, f64 reception time, f64 sequence, u32 quality flags, then
// source, station and spacecraft each as u16 length + UTF-8, then the frame octets.
import { ZenithError } from '../../core/errors/index.ts';
import type { FrameRecord } from '../archive/index.ts';

const VERSION = 1;
const FIXED = 1 + 8 + 8 + 4;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeFrameRecord(frame: FrameRecord): Uint8Array {
  const source = encoder.encode(frame.source);
  const station = encoder.encode(frame.station);
  const spacecraft = encoder.encode(frame.spacecraft);
  const out = new Uint8Array(FIXED + 6 + source.length + station.length + spacecraft.length + frame.bytes.length);
  const view = new DataView(out.buffer);
  out[0] = VERSION;
  view.setFloat64(1, frame.receptionTimeMs);
  view.setFloat64(9, frame.sequence);
  view.setUint32(17, frame.qualityFlags >>> 0);
  let pos = FIXED;
  for (const text of [source, station, spacecraft]) {
    view.setUint16(pos, text.length);
    out.set(text, pos + 2);
    pos += 2 + text.length;
  }
  out.set(frame.bytes, pos);
  return out;
}

/** The frame in a `tm.frame` payload; a ZenithError TM_FRAME_MESSAGE when it is not one. */
export function decodeFrameRecord(data: Uint8Array): FrameRecord {
  const bad = (what: string): never => {
    throw new ZenithError('TM_FRAME_MESSAGE', `expected a tm.frame message (version ${VERSION}), found ${what}`);
  };
  if (data.length < FIXED + 6) bad(`${data.length} octets`);
  if (data[0] !== VERSION) bad(`version ${data[0] ?? '?'}`);
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const texts: string[] = [];
  let pos = FIXED;
  for (let i = 0; i < 3; i++) {
    if (pos + 2 > data.length) bad('a truncated name');
    const n = view.getUint16(pos);
    if (pos + 2 + n > data.length) bad('a truncated name');
    try {
      texts.push(decoder.decode(data.subarray(pos + 2, pos + 2 + n)));
    } catch {
      bad('a name that is not UTF-8');
    }
    pos += 2 + n;
  }
  return {
    receptionTimeMs: view.getFloat64(1),
    sequence: view.getFloat64(9),
    qualityFlags: view.getUint32(17),
    source: texts[0] ?? '',
    station: texts[1] ?? '',
    spacecraft: texts[2] ?? '',
    bytes: data.slice(pos),
  };
}
