import { describe, expect, it } from 'vitest';
import { TmFrameDecoder } from '../../core/ccsds/index.ts';
import { encodeCommand } from '../../core/mdb/index.ts';
import { ephemerisFromElements, findPasses } from '../../core/passes/index.ts';
import type { Pass } from '../../core/passes/index.ts';
import { passStationOf } from '../fd/index.ts';
import { TcFramer, finishPacket } from '../tc/index.ts';
import { LinkSimulator, flipBits } from './LinkSimulator.ts';
import type { FrameDownlink } from './LinkSimulator.ts';
import { Rng } from './Rng.ts';
import { Ground, demo, demoSpacecraft, makeSim } from './simTestKit.ts';

const START = Date.parse('2026-06-12T00:00:00Z');
const MIN = 60_000;

class Recorder implements FrameDownlink {
  readonly frames: { bytes: Uint8Array; receptionTimeMs: number }[] = [];
  send(bytes: Uint8Array, options: { readonly receptionTimeMs?: number }): number {
    this.frames.push({ bytes, receptionTimeMs: options.receptionTimeMs ?? Number.NaN });
    return this.frames.length - 1;
  }
}


describe('flipBits', () => {
  it('flips nothing at rate 0 and about rate x bits otherwise', () => {
    const rng = new Rng(7);
    const zeros = new Uint8Array(1000);
    expect(flipBits(zeros, 0, rng)).toBe(0);
    expect(zeros.every((b) => b === 0)).toBe(true);
    const bits = 8 * 200_000;
    const buffer = new Uint8Array(bits / 8);
    const n = flipBits(buffer, 1e-3, rng);
    let set = 0;
    for (const b of buffer) for (let k = 0; k < 8; k++) set += (b >> k) & 1;
    expect(set).toBe(n);
    // Binomial(1.6e6, 1e-3): mean 1600, sigma 40; five sigma.
    expect(Math.abs(n - 1600)).toBeLessThan(200);
  });
});

describe('the link simulator', () => {
  it('lets a station hear a spacecraft only inside the passes findPasses predicts, masks and minimum elevations included', () => {
    const { mission } = demo();
    const sim = makeSim('ZEN-EO', START, { stepMs: 20_000, hkPeriodMs: 20_000 });
    const recorders = new Map(mission.stations.map((s) => [s.name, new Recorder()]));
    const emitted: number[] = [];
    sim.onFrame((_frame, atMs) => emitted.push(atMs));
    const link = new LinkSimulator({ stations: mission.stations, spacecraft: [{ sim, priority: 1 }], assignment: () => 'ZEN-EO', downlinks: recorders });
    const end = START + 12 * 60 * MIN;
    sim.advanceTo(end);
    const { passes, failures } = findPasses([ephemerisFromElements(demoSpacecraft('ZEN-EO').elements)], mission.stations.map(passStationOf), START, end);
    expect(failures).toEqual([]);
    const within = (list: readonly Pass[], t: number, slackMs: number) => list.some((p) => t >= p.aosMs - slackMs && t <= p.losMs + slackMs);
    let heard = 0;
    for (const station of mission.stations) {
      const own = passes.filter((p) => p.stationName === station.name);
      const frames = recorders.get(station.name)?.frames ?? [];
      heard += frames.length;
      expect(own.length, station.name).toBeGreaterThan(0);
      // Every frame heard was sent inside a pass (reception = emission + light time < 15 ms).
      for (const f of frames) expect(within(own, f.receptionTimeMs - 15, 1000), `${station.name} ${new Date(f.receptionTimeMs).toISOString()}`).toBe(true);
      // Every frame sent well inside a pass was heard.
      const expected = emitted.filter((t) => within(own, t, -1000)).length;
      expect(expected, station.name).toBeGreaterThan(0);
      expect(frames.length, station.name).toBeGreaterThanOrEqual(expected);
      expect(frames.length, station.name).toBeLessThanOrEqual(emitted.filter((t) => within(own, t, 1000)).length);
      expect(link.counters(station.name).framesDelivered).toBe(frames.length);
    }
    expect(heard).toBeGreaterThan(50);
  });

  it('applies the horizon mask in the direction of the spacecraft, and the light time', () => {
    const { mission } = demo();
    const minsk = mission.stations.find((s) => s.name === 'MINSK');
    if (minsk === undefined) throw new Error('MINSK');
    const geo = makeSim('ZEN-GEO', START);
    const plain = new LinkSimulator({ stations: [{ ...minsk, horizonMask: [[0, 0], [360, 0]] }], spacecraft: [{ sim: geo, priority: 1 }] });
    const look = plain.look('MINSK', 'ZEN-GEO', START);
    if (look === undefined) throw new Error('no look');
    // Belintersat-1 at 51.5 E seen from Minsk: south-south-east, about 25 degrees up.
    expect(look.azimuthDeg).toBeGreaterThan(130);
    expect(look.azimuthDeg).toBeLessThan(160);
    expect(look.elevationDeg).toBeGreaterThan(20);
    expect(look.elevationDeg).toBeLessThan(30);
    expect(look.visible).toBe(true);
    const az = look.azimuthDeg;
    const masked = (height: number) =>
      new LinkSimulator({
        stations: [{ ...minsk, horizonMask: [[0, 0], [az - 10, 0], [az, height], [az + 10, 0], [360, 0]] }],
        spacecraft: [{ sim: makeSim('ZEN-GEO', START), priority: 1 }],
      }).look('MINSK', 'ZEN-GEO', START);
    expect(masked(look.elevationDeg + 1)).toMatchObject({ visible: false, thresholdDeg: look.elevationDeg + 1 });
    expect(masked(look.elevationDeg - 1)?.visible).toBe(true);
    const recorder = new Recorder();
    const link = new LinkSimulator({ stations: [minsk], spacecraft: [{ sim: geo, priority: 1 }], downlinks: new Map([['MINSK', recorder]]) });
    const emitted: number[] = [];
    geo.onFrame((_f, t) => emitted.push(t));
    geo.advanceTo(START + MIN);
    expect(recorder.frames.length).toBe(emitted.length);
    const range = link.look('MINSK', 'ZEN-GEO', emitted[0] ?? 0)?.rangeKm ?? 0;
    expect(range).toBeGreaterThan(36_000);
    expect((recorder.frames[0]?.receptionTimeMs ?? 0) - (emitted[0] ?? 0)).toBeCloseTo((range / 299_792.458) * 1000, 2);
  });

  it('by default points each antenna at the highest-priority spacecraft in view', () => {
    const { mission } = demo();
    const eo = makeSim('ZEN-EO', START);
    const geo = makeSim('ZEN-GEO', START);
    const cube = makeSim('ZEN-CUBE', START);
    const link = new LinkSimulator({ stations: mission.stations, spacecraft: [{ sim: cube, priority: 3 }, { sim: geo, priority: 2 }, { sim: eo, priority: 1 }] });
    const minsk = mission.stations.filter((s) => s.name === 'MINSK').map(passStationOf);
    const { passes } = findPasses([ephemerisFromElements(demoSpacecraft('ZEN-EO').elements)], minsk, START, START + 24 * 60 * MIN);
    const pass = passes[0];
    if (pass === undefined) throw new Error('no pass of ZEN-EO over MINSK');
    expect(link.highestPriorityVisible('MINSK', pass.tcaMs)).toBe('ZEN-EO');
    expect(link.highestPriorityVisible('MINSK', pass.losMs + 5 * MIN)).toBe('ZEN-GEO');
    // Svalbard cannot see the GEO satellite (78 N): between passes it follows nothing or the CubeSat.
    expect(link.look('SVALBARD', 'ZEN-GEO', START)?.visible).toBe(false);
  });

  it('corrupts frames at the bit error rate (the pipeline finds them by CRC) and loses them at the loss rate', () => {
    const { mission } = demo();
    const minsk = mission.stations.filter((s) => s.name === 'MINSK');
    const geo = makeSim('ZEN-GEO', START, { hkPeriodMs: 100, payloadHkEvery: 1000 });
    const recorder = new Recorder();
    const ber = 2e-5;
    const loss = 0.1;
    const link = new LinkSimulator({ stations: minsk, spacecraft: [{ sim: geo, priority: 1 }], bitErrorRate: ber, frameLossRate: loss, seed: 42, downlinks: new Map([['MINSK', recorder]]) });
    geo.advanceTo(START + 250_000);
    const c = link.counters('MINSK');
    const n = c.framesHeard;
    expect(n).toBeGreaterThan(2400);
    // Loss: Binomial(n, 0.1), five sigma.
    expect(Math.abs(c.framesLost - n * loss)).toBeLessThan(5 * Math.sqrt(n * loss * (1 - loss)));
    const delivered = recorder.frames.length;
    expect(delivered).toBe(n - c.framesLost);
    const decoder = new TmFrameDecoder({ frameLength: 1115, hasFecf: true, scid: geo.spacecraftId });
    for (const f of recorder.frames) decoder.decode(f.bytes);
    const bad = decoder.counters.badCrc;
    // A 1115-octet frame survives with probability (1 - p)^8920.
    const pFrame = 1 - (1 - ber) ** (1115 * 8);
    expect(Math.abs(bad - delivered * pFrame)).toBeLessThan(5 * Math.sqrt(delivered * pFrame * (1 - pFrame)));
    // CRC-16 misses one corrupted frame in 65536: every corrupted frame is caught.
    expect(bad).toBe(c.framesCorrupted);
    expect(decoder.counters.accepted).toBe(delivered - bad);
    const bits = delivered * 1115 * 8 * ber;
    expect(Math.abs(c.bitsFlipped - bits)).toBeLessThan(5 * Math.sqrt(bits));
  });

  it('radiates CLTUs only to the spacecraft an antenna follows in view, and tells spacecraft they are in contact', () => {
    const { mission, mdb } = demo();
    const geo = makeSim('ZEN-GEO', START);
    const eo = makeSim('ZEN-EO', START);
    const ground = Ground.of(geo);
    let target: string | undefined;
    const link = new LinkSimulator({ stations: mission.stations, spacecraft: [{ sim: eo, priority: 1 }, { sim: geo, priority: 2 }], assignment: (station) => (station === 'MINSK' ? target : undefined) });
    const cltu = new TcFramer({ scid: geo.spacecraftId }).frame(finishPacket('ARE_YOU_ALIVE', encodeCommand(mdb, 'ARE_YOU_ALIVE', {}), 3)).cltu;
    expect(link.uplink('MINSK', cltu, START + 1000)).toBe('not-radiating');
    target = 'ZEN-EO';
    const eoVisible = link.look('MINSK', 'ZEN-EO', START + 2000)?.visible;
    expect(eoVisible).toBe(false);
    expect(link.uplink('MINSK', cltu, START + 2000)).toBe('not-radiating');
    target = 'ZEN-GEO';
    link.update(START + 3000);
    expect(link.uplink('MINSK', cltu, START + 3000)).toBe('accept');
    geo.advanceTo(START + 20_000);
    expect(ground.reports(3)).toEqual(['1.1', '1.7']);
    expect(ground.clcw?.noRfAvailable).toBe(false);
    expect(link.counters('MINSK')).toMatchObject({ cltusRadiated: 1, cltusRefused: 2 });
    target = undefined;
    link.update(START + 21_000);
    geo.advanceTo(START + 40_000);
    expect(ground.clcw?.noRfAvailable).toBe(true);
  });
});
