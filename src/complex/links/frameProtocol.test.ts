import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FRAME_HEADER_LENGTH,
  MSG_ACK,
  MSG_FRAME,
  StreamCutter,
  decodeAckMessage,
  decodeFrameMessage,
  encodeAck,
  encodeFrameMessage,
  encodeNak,
} from './frameProtocol.ts';

describe('acknowledged framing messages', () => {
  it('lays a FRAME message out as documented: length, type, flags, reserved, u64 sequence, f64 time, frame', () => {
    const bytes = Uint8Array.of(0xaa, 0xbb, 0xcc);
    const m = encodeFrameMessage({ sequence: 0x0102030405, receptionTimeMs: 1.5, flags: 0x81, bytes });
    // 1.5 as IEEE-754 double is 0x3FF8000000000000.
    expect([...m]).toEqual([
      0, 0, 0, FRAME_HEADER_LENGTH + 3,
      MSG_FRAME, 0x81, 0, 0,
      0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05,
      0x3f, 0xf8, 0, 0, 0, 0, 0, 0,
      0xaa, 0xbb, 0xcc,
    ]);
    expect(decodeFrameMessage(m.subarray(4))).toEqual({ sequence: 0x0102030405, receptionTimeMs: 1.5, flags: 0x81, bytes });
  });

  it('carries every sequence up to 2^53 - 1 and any finite time exactly', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.uint8Array({ minLength: 1, maxLength: 64 }), (sequence, t, bytes) => {
        const back = decodeFrameMessage(encodeFrameMessage({ sequence, receptionTimeMs: t, flags: 0, bytes }).subarray(4));
        expect(back?.sequence).toBe(sequence);
        expect(Object.is(back?.receptionTimeMs, t)).toBe(true);
        expect(back?.bytes).toEqual(bytes);
      }),
      { seed: 4242, numRuns: 200 },
    );
  });

  it('refuses what cannot travel (API misuse) and reads only FRAME messages', () => {
    expect(() => encodeFrameMessage({ sequence: 2 ** 53, receptionTimeMs: 0, flags: 0, bytes: new Uint8Array(1) })).toThrow(RangeError);
    expect(() => encodeFrameMessage({ sequence: -1, receptionTimeMs: 0, flags: 0, bytes: new Uint8Array(1) })).toThrow(RangeError);
    expect(() => encodeFrameMessage({ sequence: 1, receptionTimeMs: Number.NaN, flags: 0, bytes: new Uint8Array(1) })).toThrow(RangeError);
    expect(() => encodeFrameMessage({ sequence: 1, receptionTimeMs: 0, flags: 256, bytes: new Uint8Array(1) })).toThrow(RangeError);
    const body = encodeFrameMessage({ sequence: 1, receptionTimeMs: 0, flags: 0, bytes: new Uint8Array(4) }).subarray(4);
    body[0] = MSG_ACK;
    expect(decodeFrameMessage(body)).toBeNull();
    expect(decodeFrameMessage(new Uint8Array(FRAME_HEADER_LENGTH - 1))).toBeNull();
    // A NaN time from a broken sender is not a frame.
    const nan = encodeFrameMessage({ sequence: 1, receptionTimeMs: 0, flags: 0, bytes: new Uint8Array(4) });
    new DataView(nan.buffer).setFloat64(16, Number.NaN);
    expect(decodeFrameMessage(nan.subarray(4))).toBeNull();
  });

  it('encodes ACK and NAK with the sequence and reads them back', () => {
    expect([...encodeAck(258)]).toEqual([0, 0, 0, 9, 0x81, 0, 0, 0, 0, 0, 0, 1, 2]);
    expect([...encodeNak(3, 2)]).toEqual([0, 0, 0, 10, 0x82, 0, 0, 0, 0, 0, 0, 0, 3, 2]);
    expect(decodeAckMessage(encodeAck(2 ** 53 - 1).subarray(4))).toEqual({ type: 'ack', sequence: 2 ** 53 - 1 });
    expect(decodeAckMessage(encodeNak(7, 1).subarray(4))).toEqual({ type: 'nak', sequence: 7, reason: 1 });
    expect(decodeAckMessage(Uint8Array.of(0x81, 0))).toBeNull();
    // Several ACKs written into one buffer, as the link batches them.
    const out = new Uint8Array(26);
    encodeAck(1, out, 0);
    encodeAck(2, out, 13);
    expect(decodeAckMessage(out.subarray(17, 26))).toEqual({ type: 'ack', sequence: 2 });
  });
});

describe('StreamCutter', () => {
  const messages = [Uint8Array.of(1), Uint8Array.of(2, 3, 4), new Uint8Array(300).fill(9), Uint8Array.of(5, 6)];
  const stream = new Uint8Array(messages.reduce((n, m) => n + 4 + m.length, 0));
  let at = 0;
  for (const m of messages) {
    new DataView(stream.buffer).setUint32(at, m.length);
    stream.set(m, at + 4);
    at += 4 + m.length;
  }

  it('cuts length-prefixed messages whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 20 }), (cuts) => {
        const cutter = new StreamCutter({ maxLength: 1000 });
        const got: number[][] = [];
        let from = 0;
        for (const to of [...cuts.sort((a, b) => a - b), stream.length]) {
          const r = cutter.push(stream.slice(from, to));
          expect(r.error).toBeNull();
          for (const m of r.messages) got.push([...m]);
          from = to;
        }
        expect(got).toEqual(messages.map((m) => [...m]));
        expect(cutter.buffered).toBe(0);
      }),
      { seed: 77, numRuns: 200 },
    );
  });

  it('cuts fixed-length frames and keeps the tail for the next chunk', () => {
    const cutter = new StreamCutter({ fixedLength: 4, maxLength: 4 });
    const a = cutter.push(Uint8Array.of(1, 2, 3, 4, 5, 6));
    expect(a.messages.map((m) => [...m])).toEqual([[1, 2, 3, 4]]);
    expect(cutter.buffered).toBe(2);
    const b = cutter.push(Uint8Array.of(7, 8, 9, 10, 11, 12));
    expect(b.messages.map((m) => [...m])).toEqual([
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ]);
  });

  it('reports a length out of range after the good messages before it', () => {
    const cutter = new StreamCutter({ maxLength: 10, minLength: 2 });
    const r = cutter.push(Uint8Array.of(0, 0, 0, 2, 7, 7, 0, 0, 0, 11, 1));
    expect(r.messages.map((m) => [...m])).toEqual([[7, 7]]);
    expect(r.error).toBe('expected a message length in 2..10, found 11');
    expect(new StreamCutter({ maxLength: 10, minLength: 2 }).push(Uint8Array.of(0, 0, 0, 1, 5)).error).toBe('expected a message length in 2..10, found 1');
  });

  it('copies on slice even when the chunk is a Buffer', () => {
    const chunk = Buffer.from([0, 0, 0, 2, 1, 2]);
    const [m] = new StreamCutter({ maxLength: 10 }).push(chunk).messages;
    const copy = m!.slice();
    chunk[4] = 99;
    expect([...copy]).toEqual([1, 2]);
  });
});
