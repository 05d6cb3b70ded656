import { afterEach, describe, expect, it } from 'vitest';
import { encodeCommand } from '../../core/mdb/index.ts';
import type { FrameRecord } from '../archive/index.ts';
import { TcpTcCltuLink, TcpTmFrameLink } from '../links/index.ts';
import { ScaledClock } from '../runtime/index.ts';
import { TcFramer, finishPacket } from '../tc/index.ts';
import { Ground, demo } from './simTestKit.ts';
import { SimulationService } from './SimulationService.ts';

const START = Date.parse('2026-06-12T00:00:00Z');

/** Waits (real time) until `condition` holds; fails after `limitMs` with `what`. */
async function until(what: string, condition: () => boolean, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('SimulationService over the real station links', () => {
  it('sends frames through the TCP TM frame link, takes CLTUs from the TCP uplink, and injects faults', async () => {
    const { mission, mdb } = demo();
    const clock = new ScaledClock({ speed: 50, startMs: START });
    const geo = mission.spacecraft.find((s) => s.name === 'ZEN-GEO');
    if (geo === undefined) throw new Error('ZEN-GEO');
    // The telemetry pipeline's side: a TCP frame link with a sink that decodes as the pipeline does.
    const received: FrameRecord[] = [];
    const ground = new Ground(geo.spacecraftId);
    const tm = new TcpTmFrameLink({ name: 'MINSK-tm', station: 'MINSK', port: 0, framing: 'acknowledged', spacecraftIds: new Map([[geo.spacecraftId, geo.name]]), clock });
    tm.attach({
      accept: (frame) => {
        received.push(frame);
        ground.frame(frame.bytes, frame.receptionTimeMs);
        return Promise.resolve();
      },
    });
    await tm.start();
    cleanup.push(() => tm.stop());
    let follow: string | undefined = 'ZEN-GEO';
    const service = new SimulationService({
      mission,
      mdb,
      clock,
      stations: { MINSK: { tmPort: tm.address()?.port ?? 0, tcPort: 0 } },
      assignment: (station) => (station === 'MINSK' ? follow : undefined),
      spacecraftDefaults: { hkPeriodMs: 2000 },
      tickMs: 20,
    });
    await service.start();
    cleanup.push(() => service.stop());

    await until('housekeeping from ZEN-GEO', () => ground.of('HK_PLATFORM').length >= 3);
    const frame = received[0];
    expect(frame).toMatchObject({ station: 'MINSK', spacecraft: 'ZEN-GEO', qualityFlags: 0 });
    // Stamped at emission plus the light time from GEO (> 119 ms), on the simulated clock.
    const hk = ground.of('HK_PLATFORM');
    for (const p of hk) expect(p.frameMs - p.generationMs).toBeGreaterThan(119);
    expect(ground.undecoded).toBe(0);
    expect(ground.frames.counters.badCrc).toBe(0);

    // The command pipeline's uplink connects to the station the simulator runs.
    const address = service.uplinkAddress('MINSK');
    if (address === undefined) throw new Error('no uplink address');
    const tc = new TcpTcCltuLink({ name: 'MINSK-tc', station: 'MINSK', host: address.host, port: address.port, clock, reconnectMs: 50 });
    await tc.start();
    cleanup.push(() => tc.stop());
    await until('the uplink to connect', () => tc.status() === 'ok');
    const framer = new TcFramer({ scid: geo.spacecraftId });
    const cltu = (seq: number, name: string, args = {}) => framer.frame(finishPacket(name, encodeCommand(mdb, name, args), seq)).cltu;
    const sent = await tc.send(cltu(11, 'SET_MODE', { mode: 'SAFE' }));
    expect((await sent.acknowledged).ok).toBe(true);
    await until('the verification of SET_MODE', () => ground.reports(11).length === 2);
    expect(ground.reports(11)).toEqual(['1.1', '1.7']);
    await until('housekeeping in SAFE mode', () => ground.last('HK_PLATFORM').values['OBC_MODE'] === 'SAFE');

    // No spacecraft followed: the station does not radiate.
    follow = undefined;
    const refused = await (await tc.send(cltu(12, 'ARE_YOU_ALIVE'))).acknowledged;
    expect(refused).toMatchObject({ ok: false });
    expect(service.stations().find((s) => s.station === 'MINSK')).toMatchObject({ tracking: null, counters: { cltusRadiated: 1, cltusRefused: 1 }, downlinkConnected: true });
    follow = 'ZEN-GEO';

    // A fault injected through the service trips the battery voltage limits.
    expect(() => service.injectFault('ZEN-GEO', { kind: 'battery-ageing', capacityFactor: 7 })).toThrow(expect.objectContaining({ code: 'SIM_BAD_FAULT', context: { field: 'capacityFactor' } }));
    expect(() => service.injectFault('NOBODY', { kind: 'heater-failure' })).toThrow(expect.objectContaining({ code: 'SIM_UNKNOWN_SPACECRAFT' }));
    expect(service.injectFault('ZEN-GEO', { kind: 'battery-ageing', rampMinutes: 0 }).map((f) => f.fault.kind)).toEqual(['battery-ageing']);
    const injectedAt = clock.nowMs();
    await until('a battery voltage alarm', () => ground.of('HK_PLATFORM').some((p) => p.generationMs > injectedAt + 3000 && p.states['BAT_VOLTAGE'] !== 'normal'));
    expect(service.clearFault('ZEN-GEO')).toEqual([]);
    expect(service.snapshot('ZEN-GEO').faults).toEqual([]);
  }, 60_000);

  it('refuses configuration naming stations or spacecraft the mission does not have', () => {
    const { mission, mdb } = demo();
    const clock = new ScaledClock({ startMs: START });
    expect(() => new SimulationService({ mission, mdb, clock, stations: { NOWHERE: { tmPort: 1 } } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', context: { field: 'simulator.stations.NOWHERE' } }));
    expect(() => new SimulationService({ mission, mdb, clock, spacecraft: { GHOST: {} } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('flies the element sets it is given (flight dynamics` sets in force) and the mission`s where none', () => {
    const { mission, mdb } = demo();
    const geo = mission.spacecraft.find((s) => s.name === 'ZEN-GEO');
    if (geo === undefined) throw new Error('ZEN-GEO');
    const moved = { ...geo.elements, epochMs: START, raanDeg: (geo.elements.raanDeg + 40) % 360 };
    const service = new SimulationService({
      mission,
      mdb,
      clock: new ScaledClock({ speed: 1, startMs: START }),
      elementsFor: (name) => (name === 'ZEN-GEO' ? moved : undefined),
    });
    expect(service.sim('ZEN-GEO').propagator.elements).toEqual(moved);
    const eo = mission.spacecraft.find((s) => s.name === 'ZEN-EO');
    expect(service.sim('ZEN-EO').propagator.elements).toEqual(eo?.elements);
  });
});
