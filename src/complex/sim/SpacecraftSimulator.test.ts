import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCltu, encodeTcFrame } from '../../core/ccsds/index.ts';
import { checkLimits, encodeCommand } from '../../core/mdb/index.ts';
import type { ArgumentValues } from '../../core/mdb/index.ts';
import { Propagator } from '../../core/orbit/index.ts';
import { eclipse } from '../../core/sky/index.ts';
import { TcFramer, finishPacket, readPus1Report } from '../tc/index.ts';
import { Ground, demo, demoSpacecraft, makeSim } from './simTestKit.ts';
import type { SpacecraftSimulator } from './SpacecraftSimulator.ts';

const START = Date.parse('2026-06-12T00:00:00Z');
const MIN = 60_000;
const SUN_STATE = { sunlit: 'SUNLIT', penumbra: 'PENUMBRA', umbra: 'ECLIPSE' } as const;

/** The command pipeline's encoding: finished packet, TC frame (type BD), CLTU. */
class Uplink {
  private readonly framer: TcFramer;
  private sequence = 0;
  constructor(spacecraftId: number) {
    this.framer = new TcFramer({ scid: spacecraftId });
  }

  packet(name: string, args: ArgumentValues = {}): { packet: Uint8Array; sequenceCount: number } {
    const sequenceCount = this.sequence++;
    return { packet: finishPacket(name, encodeCommand(demo().mdb, name, args), sequenceCount), sequenceCount };
  }

  send(sim: SpacecraftSimulator, atMs: number, name: string, args: ArgumentValues = {}): number {
    const { packet, sequenceCount } = this.packet(name, args);
    expect(sim.receiveCltu(this.framer.frame(packet).cltu, atMs)).toBe('accepted');
    return sequenceCount;
  }
}

describe('power and thermal of a simulated spacecraft', () => {
  // Two orbits of nominal flight, shared by the tests below (the run is deterministic).
  let flown: Ground | undefined;
  const nominal = (): Ground => {
    if (flown === undefined) {
      const sim = makeSim('ZEN-EO', START);
      flown = Ground.of(sim);
      sim.advanceTo(START + 200 * MIN);
    }
    return flown;
  };

  it('follows the eclipses core/sky finds on the orbit: arrays dark and the battery discharging in umbra', () => {
    const hk = nominal().of('HK_PLATFORM');
    expect(hk.length).toBe(1200);
    const propagator = Propagator.fromElements(demoSpacecraft('ZEN-EO').elements);
    const stateAt = (t: number) => {
      const s = propagator.propagateAt(t);
      if (!s.ok) throw s.error;
      return SUN_STATE[eclipse(s.position, t).state];
    };
    let umbra = 0;
    let edges = 0;
    let previous: { soc: number; umbra: boolean } | null = null;
    for (const p of hk) {
      const v = p.values as Record<string, number | string>;
      const t = p.generationMs;
      const expected = stateAt(t);
      // A difference is allowed only at the shadow's edges (the simulator interpolates the Sun once a minute).
      if (v['SUN_STATE'] !== expected) {
        edges++;
        expect(stateAt(t - 3000) !== expected || stateAt(t + 3000) !== expected, new Date(t).toISOString()).toBe(true);
      }
      const solar = Number(v['SA_CURRENT_1']) + Number(v['SA_CURRENT_2']) + Number(v['SA_CURRENT_3']);
      const isUmbra = v['SUN_STATE'] === 'ECLIPSE';
      if (isUmbra) {
        umbra++;
        expect(solar).toBeLessThan(0.05);
        expect(Number(v['BAT_CURRENT'])).toBeLessThan(-2);
        if (previous?.umbra === true) expect(Number(v['BAT_SOC'])).toBeLessThan(previous.soc);
      } else if (v['SUN_STATE'] === 'SUNLIT') {
        expect(solar).toBeGreaterThan(Number(v['LOAD_CURRENT']));
        expect(Number(v['BAT_CURRENT'])).toBeGreaterThan(-0.05);
      }
      previous = { soc: Number(v['BAT_SOC']), umbra: isUmbra };
    }
    expect(edges).toBeLessThan(4);
    // Two orbits of ~100 min with about 35 min of umbra each (sun-synchronous, June).
    expect(umbra * 10).toBeGreaterThan(2 * 30 * 60);
    expect(umbra * 10).toBeLessThan(2 * 38 * 60);
  });

  it('stays within every limit in nominal flight, the heater cycling on its thermostat', () => {
    const ground = nominal();
    const heater = new Set<unknown>();
    const outOfLimits: string[] = [];
    const battery: number[] = [];
    for (const p of ground.packets) {
      for (const [name, state] of Object.entries(p.states)) if (state !== null && state !== 'normal') outOfLimits.push(`${name} ${state} at ${new Date(p.generationMs).toISOString()}`);
      if (p.container !== 'HK_PLATFORM') continue;
      heater.add(p.values['HEATER_STATE']);
      battery.push(Number(p.values['BAT_TEMP_B']));
    }
    expect(outOfLimits).toEqual([]);
    // The thermostat keeps thermistor A between 5 and 10 °C; B reads 0.3 °C warmer.
    expect(Math.min(...battery)).toBeGreaterThan(4);
    expect(Math.max(...battery)).toBeLessThan(12);
    expect(heater).toEqual(new Set(['ON', 'OFF']));
    expect(ground.undecoded).toBe(0);
    expect(ground.of('HK_PAYLOAD').length).toBe(400);
  });
});

describe('telecommands on board', () => {
  it('executes commands from CLTUs with PUS 1.1/1.7 reports, and reports failures with 1.2 and 1.8', () => {
    const sim = makeSim('ZEN-EO', START);
    const ground = Ground.of(sim);
    const up = new Uplink(sim.spacecraftId);
    let t = START + MIN;
    const safe = up.send(sim, t, 'SET_MODE', { mode: 'SAFE' });
    const refused = up.send(sim, (t += 1000), 'PAYLOAD_POWER', { state: 'ON' });
    sim.advanceTo((t += 20_000));
    expect(ground.reports(safe)).toEqual(['1.1', '1.7']);
    expect(ground.reports(refused)).toEqual(['1.1', '1.8:WRONG_MODE']);
    const hk = ground.last('HK_PLATFORM');
    expect(hk.values).toMatchObject({ OBC_MODE: 'SAFE', ATT_MODE: 'SAFE', CMD_ACCEPTED: 2, CMD_EXECUTED: 1, CMD_FAILED: 1 });
    expect(hk.states['ATT_MODE']).toBe('warning');
    // The command pipeline's own reader finds the same reports.
    const pus = ground.packets.filter((p) => p.container.startsWith('PUS_1_'));
    expect(pus.length).toBe(4);

    const nominal = up.send(sim, (t += 1000), 'SET_MODE', { mode: 'NOMINAL' });
    const on = up.send(sim, (t += 1000), 'PAYLOAD_POWER', { state: 'ON' });
    const quiet = up.send(sim, (t += 1000), 'SET_ATTITUDE_MODE', { mode: 'SUN_POINTING', ack_flags: 0 });
    const alive = up.send(sim, (t += 1000), 'ARE_YOU_ALIVE');
    sim.advanceTo((t += 20_000));
    expect(ground.reports(nominal)).toEqual(['1.1', '1.7']);
    expect(ground.reports(on)).toEqual(['1.1', '1.7']);
    expect(ground.reports(quiet)).toEqual([]);
    expect(ground.of('PUS_17_2').length).toBe(1);
    expect(ground.reports(alive)).toEqual(['1.1', '1.7']);
    expect(ground.last('HK_PLATFORM').values).toMatchObject({ OBC_MODE: 'NOMINAL', ATT_MODE: 'SUN_POINTING' });
    expect(ground.last('HK_PAYLOAD').values['PAYLOAD_STATUS']).toBe('STANDBY');

    // Acceptance failures: another APID, an unknown subtype, a cut packet.
    const wrongApid = finishPacket('SET_MODE', encodeCommand(demo().mdb, 'SET_MODE', { mode: 'SAFE', apid: 200 }), 900);
    sim.receivePacket(wrongApid, (t += 1000));
    const badSubtype = finishPacket('SET_MODE', encodeCommand(demo().mdb, 'SET_MODE', { mode: 'SAFE' }), 901);
    badSubtype[8] = 77;
    sim.receivePacket(badSubtype, (t += 1000));
    const cut = finishPacket('SET_MODE', encodeCommand(demo().mdb, 'SET_MODE', { mode: 'SAFE' }), 902).subarray(0, 11);
    sim.receivePacket(cut, (t += 1000));
    expect(ground.reports(900)).toEqual(['1.2:ILLEGAL_APID']);
    expect(ground.reports(901)).toEqual(['1.2:ILLEGAL_SUBTYPE']);
    expect(ground.reports(902)).toEqual(['1.2:INVALID_LENGTH']);
    const reset = up.send(sim, (t += 1000), 'RESET_COUNTERS');
    sim.advanceTo((t += 10_000));
    expect(ground.reports(reset)).toEqual(['1.1', '1.7']);
    expect(ground.last('HK_PLATFORM').values).toMatchObject({ CMD_ACCEPTED: 0, CMD_REJECTED: 0, CMD_EXECUTED: 0, CMD_FAILED: 0, OBC_MODE: 'NOMINAL' });
    expect(sim.obc.outcomes.map((o) => o.acceptance)).toContain('ILLEGAL_APID');
  });

  it('writes reports the command pipeline reads (request ID, stage, failure code)', () => {
    const sim = makeSim('ZEN-CUBE', START);
    const raw: Uint8Array[] = [];
    sim.onFrame((frame) => raw.push(frame));
    const ground = Ground.of(sim);
    const up = new Uplink(sim.spacecraftId);
    const seq = up.send(sim, START + 5000, 'TAKE_IMAGE', { time: new Date(START + MIN).toISOString() });
    sim.advanceTo(START + 10_000);
    expect(ground.reports(seq)).toEqual(['1.1', '1.8:PAYLOAD_OFF']);
    const reports = ground.frames.counters.packets;
    expect(reports).toBeGreaterThan(2);
    const read = [] as ReturnType<typeof readPus1Report>[];
    const decoder = new Ground(sim.spacecraftId);
    for (const f of raw) {
      for (const p of decoder.frames.decode(f).packets) {
        const r = readPus1Report(p.bytes);
        if (r !== null) read.push(r);
      }
    }
    expect(read).toEqual([
      { subtype: 1, stage: 'acceptance', ok: true, requestApid: 100, requestSequenceCount: seq, failureCode: undefined },
      { subtype: 8, stage: 'execution', ok: false, requestApid: 100, requestSequenceCount: seq, failureCode: 2 },
    ]);
  });

  it('fires a thruster: propellant goes down, the body rate trips its limit and the controller damps it', () => {
    const sim = makeSim('ZEN-EO', START);
    const ground = Ground.of(sim);
    const up = new Uplink(sim.spacecraftId);
    sim.advanceTo(START + MIN);
    const burn = up.send(sim, START + MIN, 'FIRE_THRUSTER', { thruster: 'THR_1', duration: 3000 });
    sim.advanceTo(START + MIN + 12_000);
    expect(ground.reports(burn)).toEqual(['1.1', '1.7']);
    const after = ground.of('HK_PLATFORM').find((p) => p.generationMs > START + MIN);
    if (after === undefined) throw new Error('no housekeeping after the burn');
    // 3 s at 0.4 deg/s per second: 1.2 deg/s about X, then damped with a 40 s time constant.
    const dtS = (after.generationMs - START - MIN) / 1000;
    expect(Number(after.values['RATE_X'])).toBeCloseTo(1.2 * Math.exp(-dtS / 40), 1);
    expect(after.states['RATE_X']).toBe('warning');
    expect(Number(after.values['PROP_MASS'])).toBeCloseTo(20 - 3 * 0.0005, 5);
    expect(after.values['THRUSTER_FIRINGS']).toBe(1);
    sim.advanceTo(START + 5 * MIN);
    expect(ground.last('HK_PLATFORM').states['RATE_X']).toBe('normal');
  });

  it('runs a minimal FARM-1: type-AD frames in sequence, others rejected, the CLCW telling', () => {
    const sim = makeSim('ZEN-GEO', START);
    const ground = Ground.of(sim);
    const { mdb } = demo();
    const packet = finishPacket('ARE_YOU_ALIVE', encodeCommand(mdb, 'ARE_YOU_ALIVE', {}), 5);
    const ad = (n: number) => encodeCltu(encodeTcFrame({ scid: sim.spacecraftId, vcid: 0, frameSequenceNumber: n, data: packet }));
    sim.setUplinkLock(true);
    // The CLCW travels in the next frame: a housekeeping report follows within 10 s.
    const send = (cltu: Uint8Array, atMs: number) => {
      const r = sim.receiveCltu(cltu, atMs);
      sim.advanceTo(atMs + 10_000);
      return r;
    };
    expect(send(ad(0), START + 1000)).toBe('accepted');
    expect(ground.clcw).toMatchObject({ reportValue: 1, retransmit: false, noRfAvailable: false, noBitLock: false });
    expect(send(ad(5), START + 20_000)).toBe('farm-rejected');
    expect(ground.clcw).toMatchObject({ reportValue: 1, retransmit: true });
    expect(send(ad(1), START + 40_000)).toBe('accepted');
    expect(ground.clcw).toMatchObject({ reportValue: 2, retransmit: false });
    const other = encodeCltu(encodeTcFrame({ bypass: true, scid: 999, vcid: 0, frameSequenceNumber: 0, data: packet }));
    expect(send(other, START + 60_000)).toBe('wrong-spacecraft');
    const broken = ad(2);
    broken[5] = (broken[5] ?? 0) ^ 0x0f; // four bits in one code block: beyond BCH correction
    expect(send(broken, START + 80_000)).toBe('bad-cltu');
    const bypass = encodeCltu(encodeTcFrame({ bypass: true, scid: sim.spacecraftId, vcid: 0, frameSequenceNumber: 77, data: packet }));
    expect(send(bypass, START + 100_000)).toBe('accepted');
    expect(ground.clcw).toMatchObject({ reportValue: 2, farmBCounter: 1 });
    expect(ground.of('PUS_17_2').length).toBe(3);
    sim.setUplinkLock(false);
    sim.advanceTo(START + 130_000);
    expect(ground.clcw).toMatchObject({ noRfAvailable: true, noBitLock: true });
  });
});

describe('time on board', () => {
  it('executes time-tagged telecommands (TC[11,4]) at their on-board time', () => {
    // The on-board clock runs 5 s ahead of UTC: a release at OBT X happens at UTC X - 5 s.
    const sim = makeSim('ZEN-EO', START, { clockOffsetMs: 5000 });
    const ground = Ground.of(sim);
    const up = new Uplink(sim.spacecraftId);
    const inner = up.packet('SET_ATTITUDE_MODE', { mode: 'SUN_POINTING' });
    const releaseObt = START + 10 * MIN + 250;
    const hex = Buffer.from(inner.packet).toString('hex');
    const schedule = up.send(sim, START + MIN, 'SCHEDULE_TC', { release_time: new Date(releaseObt).toISOString(), request_length: inner.packet.length, request: hex });
    const late = up.send(sim, START + MIN + 1000, 'SCHEDULE_TC', { release_time: new Date(START).toISOString(), request_length: inner.packet.length, request: hex });
    sim.advanceTo(START + 2 * MIN);
    expect(ground.reports(schedule)).toEqual(['1.1', '1.7']);
    expect(ground.reports(late)).toEqual(['1.1', '1.8:TIME_IN_PAST']);
    expect(ground.reports(inner.sequenceCount)).toEqual([]);
    expect(ground.last('HK_PLATFORM').values).toMatchObject({ TIMETAG_QUEUE: 1, ATT_MODE: 'NADIR_POINTING' });
    sim.advanceTo(START + 12 * MIN);
    expect(ground.reports(inner.sequenceCount)).toEqual(['1.1', '1.7']);
    const done = ground.packets.find((p) => p.container === 'PUS_1_7' && p.values['VERIF_REQUEST_SEQ_COUNT'] === inner.sequenceCount);
    // Its report carries the on-board time of execution; the packet left at UTC = OBT - 5 s.
    expect(Math.abs((done?.generationMs ?? 0) - releaseObt)).toBeLessThan(1);
    expect(done?.frameMs).toBe(releaseObt - 5000);
    expect(ground.last('HK_PLATFORM').values).toMatchObject({ TIMETAG_QUEUE: 0, ATT_MODE: 'SUN_POINTING' });
  });

  it('takes an image at the time asked, and synchronises its clock on TIME_SYNC', () => {
    const sim = makeSim('ZEN-EO', START, { clockOffsetMs: -2500, clockDriftPpm: 50 });
    const ground = Ground.of(sim);
    const up = new Uplink(sim.spacecraftId);
    const at = START + 6 * MIN + 123;
    up.send(sim, START + 1000, 'PAYLOAD_POWER', { state: 'ON' });
    const image = up.send(sim, START + 2000, 'TAKE_IMAGE', { time: new Date(at).toISOString(), exposure: 40 });
    sim.advanceTo(START + 3 * MIN);
    expect(ground.reports(image)).toEqual(['1.1', '1.7']);
    expect(ground.last('HK_PAYLOAD').values).toMatchObject({ IMAGES_PENDING: 1, IMAGES_TAKEN: 0 });
    // Before the sync, on-board time is off by the offset and the drift.
    const before = ground.last('HK_PLATFORM');
    const offset = before.generationMs - before.frameMs;
    expect(offset).toBeCloseTo(-2500 + ((before.frameMs - START) * 50) / 1e6, 0);
    const sync = up.send(sim, START + 3 * MIN + 500, 'TIME_SYNC', { time: new Date(START + 3 * MIN + 500).toISOString() });
    sim.advanceTo(START + 10 * MIN);
    expect(ground.reports(sync)).toEqual(['1.1', '1.7']);
    const after = ground.last('HK_PLATFORM');
    expect(Math.abs(after.generationMs - after.frameMs)).toBeLessThan(((after.frameMs - START) * 50) / 1e6);
    const payload = ground.last('HK_PAYLOAD').values;
    expect(payload).toMatchObject({ IMAGES_PENDING: 0, IMAGES_TAKEN: 1, IMAGES_FAILED: 0, STORAGE_USED: 3 });
    expect(Math.abs(Number(payload['LAST_IMAGE_TIME']) - at)).toBeLessThan(1);
  });
});

describe('time tags under any clock error', () => {
  it('releases each tag once, when the drifting, offset on-board clock reaches it (fixed seed)', () => {
    const up = new Uplink(demoSpacecraft('ZEN-EO').spacecraftId);
    fc.assert(
      fc.property(fc.integer({ min: -3_600_000, max: 3_600_000 }), fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: 1, max: 900_000, noNaN: true }), (offset, drift, delayMs) => {
        const sim = makeSim('ZEN-EO', START, { clockOffsetMs: offset, clockDriftPpm: drift, hkPeriodMs: 3_600_000, stepMs: 60_000 });
        const inner = up.packet('RESET_COUNTERS');
        const release = sim.obc.obtMs(START + 1000) + delayMs;
        const hex = Buffer.from(inner.packet).toString('hex');
        sim.receivePacket(up.packet('SCHEDULE_TC', { release_time: new Date(release).toISOString(), request_length: inner.packet.length, request: hex }).packet, START + 1000);
        sim.advanceTo(START + 1000 + 2 * delayMs + Math.abs(offset) + 10_000);
        const runs = sim.obc.outcomes.filter((o) => o.requestSequenceCount === inner.sequenceCount);
        expect(runs.length).toBe(1);
        // The ISO text of the release time has whole milliseconds: the tag is that instant.
        const tag = Date.parse(new Date(release).toISOString());
        const obtAtRun = sim.obc.obtMs(runs[0]?.executedMs ?? 0);
        expect(obtAtRun).toBeGreaterThanOrEqual(tag - 0.001);
        expect(obtAtRun - tag).toBeLessThan(1.001);
      }),
      { seed: 20260612, numRuns: 40 },
    );
  });
});

describe('faults', () => {
  interface Trip {
    readonly parameter: string;
    readonly minutes: number | null;
    readonly values: readonly number[];
  }

  /** Runs 5 min, injects, then up to 60 min; when `parameter` first leaves its limits (checkLimits on the ground values). */
  function run(fault: Parameters<SpacecraftSimulator['injectFault']>[0] | null, parameter: string): Trip {
    const sim = makeSim('ZEN-EO', START);
    const ground = Ground.of(sim);
    sim.advanceTo(START + 5 * MIN);
    if (fault !== null) sim.injectFault(fault);
    const from = ground.packets.length;
    const type = demo().mdb.parameter(parameter)?.type;
    if (type == null) throw new Error(parameter);
    let minutes: number | null = null;
    for (let t = START + 5 * MIN; t <= START + 65 * MIN && minutes === null; t += MIN) {
      sim.advanceTo(t);
      const trip = ground.packets.slice(from).find((p) => p.container === 'HK_PLATFORM' && checkLimits(type, p.values[parameter]) !== 'normal');
      if (trip !== undefined) {
        minutes = (trip.generationMs - (START + 5 * MIN)) / MIN;
        // The pipeline's decoder sets the same state.
        expect(trip.states[parameter]).toBe(checkLimits(type, trip.values[parameter]));
      }
    }
    const values = ground.packets.slice(from).filter((p) => p.container === 'HK_PLATFORM').map((p) => Number(p.values[parameter]));
    return { parameter, minutes, values };
  }

  it('battery ageing pulls the battery voltage out of limits within minutes', () => {
    expect(run(null, 'BAT_VOLTAGE').minutes).toBeNull();
    const trip = run({ kind: 'battery-ageing' }, 'BAT_VOLTAGE');
    expect(trip.minutes).not.toBeNull();
    expect(trip.minutes).toBeLessThan(15);
  });

  it('a stuck battery thermistor freezes its reading and lets the battery drift out of limits', () => {
    const nominal = run(null, 'BAT_TEMP_B');
    expect(nominal.minutes).toBeNull();
    const trip = run({ kind: 'stuck-sensor' }, 'BAT_TEMP_B');
    expect(trip.minutes).not.toBeNull();
    expect(trip.minutes).toBeLessThan(40);
    const frozen = run({ kind: 'stuck-sensor' }, 'BAT_TEMP_A').values;
    // The simulator's own noise no longer reaches the reading: one value throughout.
    expect(new Set(frozen).size).toBe(1);
    expect(new Set(nominal.values).size).toBeGreaterThan(10);
  });

  it('a heater failure lets the battery cool out of limits within minutes, and clearing it restores the heater', () => {
    const trip = run({ kind: 'heater-failure' }, 'BAT_TEMP_B');
    expect(trip.minutes).not.toBeNull();
    expect(trip.minutes).toBeLessThan(40);
    expect(Math.min(...trip.values)).toBeLessThan(2);
    const sim = makeSim('ZEN-EO', START);
    sim.injectFault({ kind: 'heater-failure' });
    expect(sim.faults().map((f) => f.fault.kind)).toEqual(['heater-failure']);
    sim.clearFault('heater-failure');
    expect(sim.faults()).toEqual([]);
    expect(sim.physics.heaterBroken).toBe(false);
  });

  it('sticks a named sensor at a given value and refuses unknown parameters', () => {
    const sim = makeSim('ZEN-EO', START);
    const ground = Ground.of(sim);
    sim.injectFault({ kind: 'stuck-sensor', parameter: 'SA_CURRENT_2', value: 9.5 });
    sim.advanceTo(START + 2 * MIN);
    expect(new Set(ground.of('HK_PLATFORM').map((p) => p.values['SA_CURRENT_2']))).toEqual(new Set([9.5]));
    expect(() => {
      sim.injectFault({ kind: 'stuck-sensor', parameter: 'NO_SUCH' });
    }).toThrow(expect.objectContaining({ code: 'SIM_BAD_FAULT', context: { field: 'parameter' } }));
    sim.clearFault('stuck-sensor');
    sim.advanceTo(START + 4 * MIN);
    expect(ground.last('HK_PLATFORM').values['SA_CURRENT_2']).not.toBe(9.5);
  });
});
