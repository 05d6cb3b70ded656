import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpacePacketSplitter, splitSpacePackets } from './SpacePacketSplitter.ts';
import { encodeSpacePacket } from './spacePacket.ts';

const CTIM = resolve('../shared/data/ccsds-packets/ctim/ccsds_2021_155_14_39_51');
const SUDA_DIR = resolve('../shared/data/ccsds-packets/suda');

function apidCounts(apids: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const apid of apids) counts[apid] = (counts[apid] ?? 0) + 1;
  return counts;
}

describe('SpacePacketSplitter (CCSDS 133.0-B-2 §4.1.3.5 packet data length)', () => {
  it('walks the real CTIM capture: 1499 packets with the documented APID counts', () => {
    const bytes = new Uint8Array(readFileSync(CTIM));
    const { packets, error } = splitSpacePackets(bytes);
    expect(error).toBeNull();
    expect(packets.length).toBe(1499);
    // data/README.md lists 41:1147, 1:104, 32:104, 42:72, 47:63, 20:6, 39:1, 34:1, which sums to 1498;
    // the 1499th packet is a single APID 33 (confirmed by an independent Python walk of the file).
    expect(apidCounts(packets.map((p) => p.header.apid))).toEqual({ 41: 1147, 1: 104, 32: 104, 42: 72, 47: 63, 20: 6, 39: 1, 34: 1, 33: 1 });
    // Upstream expectation (lasp/space_packet_parser): packet[159] has APID 34.
    expect(packets[159]?.header.apid).toBe(34);
    const total = packets.reduce((sum, p) => sum + p.bytes.length, 0);
    expect(total).toBe(bytes.length);
  });

  it('gives the same packets when the capture arrives in odd-sized chunks', () => {
    const bytes = new Uint8Array(readFileSync(CTIM));
    const whole = splitSpacePackets(bytes).packets;
    const splitter = new SpacePacketSplitter();
    const pieces = [];
    for (let pos = 0, step = 1; pos < bytes.length; pos += step, step = (step * 7 + 3) % 997 + 1) {
      pieces.push(...splitter.push(bytes.subarray(pos, Math.min(bytes.length, pos + step))));
    }
    expect(splitter.finish()).toBeNull();
    expect(pieces.length).toBe(whole.length);
    expect(pieces.map((p) => p.streamOffset)).toEqual(whole.map((p) => p.streamOffset));
    expect(Buffer.from(pieces[1000]!.bytes).equals(Buffer.from(whole[1000]!.bytes))).toBe(true);
    expect(splitter.packets).toBe(1499);
    expect(splitter.octets).toBe(bytes.length);
  });

  it('walks the SUDA files: 13 packets of APID 1425, each after a 4-octet private header', () => {
    const files = readdirSync(SUDA_DIR).filter((name) => name.endsWith('.spl'));
    expect(files.length).toBeGreaterThan(0);
    const packets = files.flatMap((name) => {
      const result = splitSpacePackets(new Uint8Array(readFileSync(resolve(SUDA_DIR, name))), { skipHeaderBytes: 4 });
      expect(result.error).toBeNull();
      return result.packets;
    });
    expect(packets.length).toBe(13);
    expect(new Set(packets.map((p) => p.header.apid))).toEqual(new Set([1425]));
    // Without the skip, the private header is read as a packet header and sync is lost.
    const raw = new Uint8Array(readFileSync(resolve(SUDA_DIR, files[0]!)));
    expect(splitSpacePackets(raw).error).not.toBeNull();
  });

  it('reports left-over octets as truncated and a non-zero version as lost sync (§4.1.3.2)', () => {
    const a = encodeSpacePacket({ apid: 3, sequenceCount: 1, userData: Uint8Array.of(1, 2, 3) });
    const b = encodeSpacePacket({ apid: 3, sequenceCount: 2, userData: Uint8Array.of(4, 5) });
    const both = new Uint8Array([...a, ...b]);
    const cut = splitSpacePackets(both.subarray(0, both.length - 1));
    expect(cut.packets.length).toBe(1);
    expect(cut.error).toEqual({ error: 'truncated', streamOffset: a.length });
    const bad = both.slice();
    bad[a.length] = 0x20;
    expect(splitSpacePackets(bad)).toMatchObject({ packets: [{ streamOffset: 0 }], error: { error: 'bad-version', streamOffset: a.length } });
  });

  it('never throws nor loops on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 0, max: 4 }), (bytes, skip) => {
        const { packets } = splitSpacePackets(bytes, { skipHeaderBytes: skip });
        const used = packets.reduce((sum, p) => sum + p.bytes.length + skip, 0);
        expect(used).toBeLessThanOrEqual(bytes.length);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
