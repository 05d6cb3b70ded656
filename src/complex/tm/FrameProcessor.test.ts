import { describe, expect, it } from 'vitest';
import { TmFramePacker } from '../../core/ccsds/index.ts';
import type { FrameRecord } from '../archive/index.ts';
import { TEST_SCID, hkPacket, loadTestMdb, nominalHk, packFrames, testSpacecraft } from '../../../test/tmSupport/index.ts';
import { FrameProcessor, crossedLimit } from './index.ts';
import type { DecodedPacket } from './index.ts';

const T0 = Date.UTC(2026, 10, 25, 12);
const mdb = loadTestMdb();

function records(frames: readonly Uint8Array[], source = 'S1-tm', spacecraft = 'ZEN-T'): FrameRecord[] {
  return frames.map((bytes, i) => ({ source, sequence: i, receptionTimeMs: T0 + 60_000 + i, station: 'S1', spacecraft, qualityFlags: 0, bytes }));
}

function run(p: FrameProcessor, frames: readonly FrameRecord[]): DecodedPacket[] {
  return frames.flatMap((f) => p.process(f));
}

function eng(packet: DecodedPacket, name: string): unknown {
  return packet.parameters.find((v) => v.record.parameter === `/TMTEST/${name}`)?.record.eng;
}

describe('FrameProcessor', () => {
  it('decodes packets spanning frames into values worked out from the packets\' fields', () => {
    const p = new FrameProcessor(testSpacecraft(mdb));
    const hks = Array.from({ length: 20 }, (_, i) => nominalHk(i, T0));
    const frames = packFrames(hks.map((h) => hkPacket(h)));
    const packets = run(p, records(frames));
    expect(packets).toHaveLength(20);
    packets.forEach((packet, i) => {
      const hk = hks[i]!;
      expect(packet).toMatchObject({ spacecraft: 'ZEN-T', source: 'S1-tm', station: 'S1', apid: 100, sequenceCount: i, container: '/TMTEST/HK', error: null });
      expect(packet.generationTimeMs).toBe(hk.timeMs);
      expect(eng(packet, 'BATT_V')).toBeCloseTo(hk.battRaw * 0.01, 12);
      expect(eng(packet, 'TEMP')).toBeCloseTo(hk.tempRaw * 0.1, 12);
      expect(eng(packet, 'MODE')).toBe('NOMINAL');
      expect(eng(packet, 'COUNTER')).toBe(i);
      const batt = packet.parameters.find((v) => v.record.parameter === '/TMTEST/BATT_V')!.record;
      expect(batt).toMatchObject({ raw: hk.battRaw, monitoring: 'normal', generationTimeMs: hk.timeMs });
      expect(packet.parameters).toHaveLength(12);
    });
    expect(p.counters()).toMatchObject({ frames: frames.length, goodFrames: frames.length, badCrc: 0, vcGaps: 0, packets: 20, parameters: 240, outOfLimits: 0, packetGaps: 0 });
  });

  it('sets the monitoring state from the database\'s limits', () => {
    const p = new FrameProcessor(testSpacecraft(mdb));
    // 8.50 V: outside warning 6.5..8.4, inside critical 6.0..8.6; 8.70 V: critical; 45.0 degC: watch; SAFE: warning.
    const cases = [
      { battRaw: 850, tempRaw: 200, mode: 1 },
      { battRaw: 870, tempRaw: 450, mode: 0 },
      { battRaw: 590, tempRaw: -250, mode: 2 },
    ];
    const packets = run(p, records(packFrames(cases.map((c, i) => hkPacket({ ...nominalHk(i, T0), ...c })))));
    const states = packets.map((pk) => pk.parameters.filter((v) => v.record.monitoring !== null).map((v) => [v.record.parameter.slice(8), v.record.monitoring]));
    expect(states).toEqual([
      [['BATT_V', 'warning'], ['TEMP', 'normal'], ['MODE', 'normal']],
      [['BATT_V', 'critical'], ['TEMP', 'watch'], ['MODE', 'warning']],
      [['BATT_V', 'critical'], ['TEMP', 'warning'], ['MODE', 'normal']],
    ]);
    expect(p.counters().outOfLimits).toBe(6);
    const battType = mdb.parameter('/TMTEST/BATT_V')!.type;
    expect(crossedLimit(battType, 'warning', 8.5)).toBe(8.4);
    expect(crossedLimit(battType, 'critical', 5.9)).toBe(6.0);
    expect(crossedLimit(battType, 'normal', 7)).toBeNull();
    expect(crossedLimit(mdb.parameter('/TMTEST/MODE')!.type, 'warning', 'SAFE')).toBeNull();
  });

  it('drops a frame with a bad CRC and counts the gap it leaves and the packets it takes', () => {
    const p = new FrameProcessor(testSpacecraft(mdb));
    const frames = packFrames(Array.from({ length: 30 }, (_, i) => hkPacket(nominalHk(i, T0))));
    const broken = frames.map((f) => f.slice());
    const bad = broken[2]!;
    bad[40] = (bad[40] ?? 0) ^ 0x01;
    const packets = run(p, records(broken));
    // Frame 2 (data octets 240..359 of the packet stream) held the end of packet 11, packets
    // 12..16 and the start of packet 17 (21-octet packets): 11 is cut, 12..16 lost with the
    // frame, and 17 is dropped because its start was in the lost frame.
    const lost = [11, 12, 13, 14, 15, 16, 17];
    expect(packets.map((pk) => pk.sequenceCount)).toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => !lost.includes(i)));
    expect(p.counters()).toMatchObject({ frames: frames.length, goodFrames: frames.length - 1, badCrc: 1, vcGaps: 1, vcFramesMissing: 1, packetGaps: 1, packetsMissing: 7 });
    expect(p.counters().packetErrors).toBeGreaterThanOrEqual(1);
  });

  it('keeps channel state per link, so two stations of one spacecraft do not make gaps', () => {
    const p = new FrameProcessor(testSpacecraft(mdb));
    const frames = packFrames(Array.from({ length: 12 }, (_, i) => hkPacket(nominalHk(i, T0))));
    const a = records(frames, 'A-tm');
    const b = records(frames, 'B-tm');
    const packets = a.flatMap((f, i) => [...p.process(f), ...p.process(b[i]!)]);
    expect(packets).toHaveLength(24);
    expect(p.counters()).toMatchObject({ vcGaps: 0, packetGaps: 0 });
  });

  it('counts frames of another spacecraft and packets the database cannot place', () => {
    const p = new FrameProcessor(testSpacecraft(mdb));
    run(p, records(packFrames([hkPacket(nominalHk(0, T0))], { scid: TEST_SCID + 1 })));
    expect(p.counters()).toMatchObject({ wrongScid: 1, goodFrames: 0 });
    const packer = new TmFramePacker({ scid: TEST_SCID, frameLength: 128 });
    const [packet] = run(p, records(packFrames([hkPacket(nominalHk(0, T0), 200)], { packer })));
    expect(packet).toMatchObject({ apid: 200, container: '/TMTEST/Packet', generationTimeMs: T0 });
    expect(packet?.error).toMatch(/abstract/);
    expect(p.counters().undecodedPackets).toBe(1);
  });

  it('names parameters with the spacecraft\'s prefix and finds them back', () => {
    const p = new FrameProcessor(testSpacecraft(mdb, { parameterPrefix: '/ZEN-T' }));
    const [packet] = run(p, records(packFrames([hkPacket(nominalHk(0, T0))])));
    expect(packet?.parameters.map((v) => v.record.parameter)).toContain('/ZEN-T/TMTEST/BATT_V');
    expect(p.parameterOf('/ZEN-T/TMTEST/BATT_V')?.qualifiedName).toBe('/TMTEST/BATT_V');
    expect(p.parameterOf('/TMTEST/BATT_V')).toBeUndefined();
  });
});
