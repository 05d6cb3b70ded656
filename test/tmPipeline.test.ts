// The telemetry pipeline end to end, on SQLite and on PostgreSQL: TM frames built with
// TmFramePacker around packets of the small test database and around real CTIM packets, sent
// over acknowledged TCP, UDP and length-prefixed TCP, then the archive (frames, parameter values,
// alarms, events), the bus messages and the counters checked against values worked out from the
// packets themselves (and, for CTIM, against decoding the same packets directly).
import { readFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TmFramePacker, splitSpacePackets } from '../src/core/ccsds/index.ts';
import { PacketDecoder, loadMdb } from '../src/core/mdb/index.ts';
import type { MissionDatabase } from '../src/core/mdb/index.ts';
import type { Archive, FrameRecord } from '../src/complex/archive/index.ts';
import { MemoryBus } from '../src/complex/bus/memory/index.ts';
import { fromJson } from '../src/complex/bus/index.ts';
import { until } from '../src/complex/links/contract/index.ts';
import { TcpTmFrameLink, TcpTmFrameSender, UdpTmFrameLink } from '../src/complex/links/index.ts';
import { ALARM_ALL, EVENT_ALL, LINK_ALL, TM_PARAM_ALL, TmService, alarmState, replayFrames } from '../src/complex/tm/index.ts';
import type { AlarmMessage, TmParamMessage, TmSpacecraft } from '../src/complex/tm/index.ts';
import { ARCHIVE_KINDS, TEST_SCID, TM_TEST_XTCE, hkPacket, loadTestMdb, nominalHk, openTestArchive, packFrames, testSpacecraft } from './tmSupport/index.ts';
import type { Hk, TestArchive } from './tmSupport/index.ts';

const T0 = Date.UTC(2026, 10, 25, 12);
const CTIM_SCID = 43;
const CTIM_FRAME_LENGTH = 1115;
const CTIM_DIR = resolve('../shared/data/ccsds-packets/ctim');

// The housekeeping scenario: 60 packets one second apart; the battery goes above its warning
// limit (8.4 V) at 10, above the critical one (8.6 V) at 15 and back at 16; the mode is SAFE
// (a warning) at 30 and 31. Packets 0..39 come over TCP, 40..59 over UDP.
function scenario(i: number): Hk {
  const hk = nominalHk(i, T0);
  if (i >= 10 && i <= 14) return { ...hk, battRaw: 850 };
  if (i === 15) return { ...hk, battRaw: 870 };
  if (i === 30 || i === 31) return { ...hk, mode: 0 };
  return hk;
}
const HK = Array.from({ length: 60 }, (_, i) => scenario(i));
const tcpFrames = packFrames(HK.slice(0, 40).map((h) => hkPacket(h)));
const udpFrames = packFrames(HK.slice(40).map((h) => hkPacket(h)));
// TCP frame 3 (data octets 360..479 of the 21-octet packet stream) gets a bad CRC: it ends packet
// 17, holds 18..21 and starts 22, so packets 17..22 are lost.
const BAD_FRAME = 3;
const LOST = [17, 18, 19, 20, 21, 22];
const corrupted = tcpFrames[BAD_FRAME]!.slice();
corrupted[50] = (corrupted[50] ?? 0) ^ 0xff;
tcpFrames[BAD_FRAME] = corrupted;
const DELIVERED = HK.map((_, i) => i).filter((i) => !LOST.includes(i));

// CTIM: the packets of the smaller APIDs of the capture (all of APID 34, 1, 32, ...), in order.
const ctimAll = splitSpacePackets(new Uint8Array(readFileSync(resolve(CTIM_DIR, 'ccsds_2021_155_14_39_51')))).packets;
const CTIM_APIDS = new Set([1, 20, 32, 33, 34, 39]);
const ctimPackets = ctimAll.filter((p) => CTIM_APIDS.has(p.header.apid)).map((p) => p.bytes);
/** A generation time for CTIM packets (their times are counters, not an XTCE absolute time): SHCOARSE s + SHFINE ms. */
function ctimTime(packet: Uint8Array): number {
  const v = new DataView(packet.buffer, packet.byteOffset, packet.length);
  return v.getUint32(6) * 1000 + v.getUint16(10);
}
let ctimMdb: MissionDatabase;

function ctimSpacecraft(): TmSpacecraft {
  return { name: 'CTIM', spacecraftId: CTIM_SCID, mdb: ctimMdb, frameLength: CTIM_FRAME_LENGTH, packetTime: ctimTime };
}

async function sendUdp(port: number, frames: readonly Uint8Array[]): Promise<void> {
  const socket = createSocket('udp4');
  for (const f of frames) {
    await new Promise<void>((res, rej) => {
      socket.send(f, port, '127.0.0.1', (e) => {
        if (e) rej(e);
        else res();
      });
    });
  }
  await new Promise<void>((res) => {
    socket.close(() => {
      res();
    });
  });
}

function sendLengthPrefixed(port: number, frames: readonly Uint8Array[]): Promise<void> {
  return new Promise((res, rej) => {
    const s = connect({ port, host: '127.0.0.1' }, () => {
      for (const f of frames) {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(f.length);
        s.write(length);
        s.write(f);
      }
      s.end(() => { res(); });
    });
    s.once('error', rej);
  });
}

async function allFrames(archive: Archive, source: string): Promise<FrameRecord[]> {
  const out: FrameRecord[] = [];
  for await (const batch of archive.frames({ fromMs: 0, toMs: 8e15, sources: [source] })) out.push(...batch);
  return out;
}

beforeAll(() => {
  ctimMdb = loadMdb([{ name: 'ctim_xtce_v1.xml', text: readFileSync(resolve(CTIM_DIR, 'ctim_xtce_v1.xml'), 'utf8') }]).mdb;
});

describe.each(ARCHIVE_KINDS)('telemetry pipeline on %s', (kind) => {
  let store: TestArchive;
  let bus: MemoryBus;
  let service: TmService;
  let tcp: TcpTmFrameLink;
  let udp: UdpTmFrameLink;
  let raw: TcpTmFrameLink;
  const params: TmParamMessage[] = [];
  const alarms: AlarmMessage[] = [];
  const events: { source: string; type: string; severity: string }[] = [];
  const linkMessages: { name: string; status: string }[] = [];
  const mdb = loadTestMdb();

  beforeAll(async () => {
    store = await openTestArchive(kind);
    bus = new MemoryBus();
    bus.subscribe(TM_PARAM_ALL, (m) => {
      params.push(fromJson(m.data) as TmParamMessage);
    });
    bus.subscribe(ALARM_ALL, (m) => {
      alarms.push(fromJson(m.data) as AlarmMessage);
    });
    bus.subscribe(EVENT_ALL, (m) => {
      events.push(fromJson(m.data) as { source: string; type: string; severity: string });
    });
    bus.subscribe(LINK_ALL, (m) => {
      linkMessages.push(fromJson(m.data) as { name: string; status: string });
    });
    const spacecraftIds = new Map([
      [TEST_SCID, 'ZEN-T'],
      [CTIM_SCID, 'CTIM'],
    ]);
    tcp = new TcpTmFrameLink({ name: 'S1-tm', station: 'S1', port: 0, framing: 'acknowledged', spacecraftIds });
    udp = new UdpTmFrameLink({ name: 'S2-tm', station: 'S2', port: 0, spacecraft: 'ZEN-T', spacecraftIds });
    raw = new TcpTmFrameLink({ name: 'S3-tm', station: 'S3', port: 0, framing: 'length-prefixed', spacecraft: 'CTIM', frameLength: CTIM_FRAME_LENGTH });
    service = new TmService({ archive: store.archive, bus, spacecraft: [testSpacecraft(mdb), ctimSpacecraft()], links: [tcp, udp, raw], frameBatch: 16 });
    await service.start();
  });

  afterAll(async () => {
    await service.stop();
    await bus.close();
    await store.dispose();
  });

  it('takes housekeeping frames over acknowledged TCP and UDP through to archive, alarms and bus', async () => {
    const sender = new TcpTmFrameSender({ port: tcp.address()?.port ?? 0, firstSequence: 5000 });
    const acked: number[] = [];
    sender.onAck((s) => acked.push(s));
    tcpFrames.forEach((f, i) => sender.send(f, { receptionTimeMs: T0 + 100_000 + i }));
    await sender.drained();
    await sender.close();
    await service.idle();
    await sendUdp(udp.address()?.port ?? 0, udpFrames);
    await until(() => udp.counters().framesStored === udpFrames.length, 'the UDP frames stored');
    await service.idle();

    // Raw frames: every frame sent, the bad one too, with the sender's sequence and receipt time.
    const s1 = await allFrames(store.archive, 'S1-tm');
    expect(acked.sort((a, b) => a - b)).toEqual(tcpFrames.map((_, i) => 5000 + i));
    expect(s1.map((f) => [f.sequence, f.receptionTimeMs, f.station, f.spacecraft])).toEqual(tcpFrames.map((_, i) => [5000 + i, T0 + 100_000 + i, 'S1', 'ZEN-T']));
    expect(s1.map((f) => f.bytes)).toEqual(tcpFrames);
    const s2 = await allFrames(store.archive, 'S2-tm');
    expect(s2.map((f) => f.bytes)).toEqual(udpFrames);
    expect(new Set(s2.map((f) => f.station))).toEqual(new Set(['S2']));

    // Parameter values: one per packet that arrived, worked out from the packet fields.
    const batt = await store.archive.parameterValues('/TMTEST/BATT_V', { fromMs: T0, toMs: T0 + 61_000 });
    expect(batt.map((v) => v.generationTimeMs)).toEqual(DELIVERED.map((i) => HK[i]!.timeMs));
    batt.forEach((v, k) => {
      const hk = HK[DELIVERED[k]!]!;
      expect(v.raw).toBe(hk.battRaw);
      expect(v.eng).toBeCloseTo(hk.battRaw * 0.01, 12);
      expect(v.monitoring).toBe(hk.battRaw === 850 ? 'warning' : hk.battRaw === 870 ? 'critical' : 'normal');
    });
    const mode = await store.archive.parameterValues('/TMTEST/MODE', { fromMs: T0, toMs: T0 + 61_000 });
    expect(mode.filter((v) => v.eng === 'SAFE').map((v) => v.generationTimeMs)).toEqual([HK[30]!.timeMs, HK[31]!.timeMs]);

    // Alarms: the battery latched (cleared, not acknowledged), the mode too.
    const stored = await store.archive.alarms({});
    expect(stored.map((a) => [a.subject, a.raisedMs, a.severity, a.maxSeverity, a.triggerValue, a.limit, a.clearedMs, alarmState(a)])).toEqual([
      ['/TMTEST/BATT_V', HK[10]!.timeMs, 'critical', 'critical', 8.5, 8.4, HK[16]!.timeMs, 'cleared'],
      ['/TMTEST/MODE', HK[30]!.timeMs, 'warning', 'warning', 'SAFE', null, HK[32]!.timeMs, 'cleared'],
    ]);
    const battAlarm = stored[0]!;
    const acknowledged = await service.acknowledgeAlarm(battAlarm.id, 'flight-director', 'battery heater test');
    expect(alarmState(acknowledged)).toBe('closed');
    await service.idle();
    await until(() => alarms.some((a) => a.change === 'acknowledged'), 'the acknowledgement on the bus');
    expect(alarms.map((a) => [a.parameter, a.change, a.state, a.severity])).toEqual([
      ['/TMTEST/BATT_V', 'raised', 'raised', 'warning'],
      ['/TMTEST/BATT_V', 'updated', 'raised', 'critical'],
      ['/TMTEST/BATT_V', 'cleared', 'cleared', 'critical'],
      ['/TMTEST/MODE', 'raised', 'raised', 'warning'],
      ['/TMTEST/MODE', 'cleared', 'cleared', 'warning'],
      ['/TMTEST/BATT_V', 'acknowledged', 'closed', 'critical'],
    ]);
    expect(alarms.at(-1)).toMatchObject({ spacecraft: 'ZEN-T', acknowledgedBy: 'flight-director', comment: 'battery heater test' });

    // Live messages: one per delivered packet, after its values were stored.
    await until(() => params.filter((p) => p.spacecraft === 'ZEN-T').length === DELIVERED.length, 'the parameter messages');
    const live = params.filter((p) => p.spacecraft === 'ZEN-T');
    expect(live.map((p) => p.sequenceCount)).toEqual(DELIVERED);
    const p15 = live.find((p) => p.sequenceCount === 15)!;
    expect(p15).toMatchObject({ source: 'S1-tm', station: 'S1', apid: 100, container: '/TMTEST/HK', generationTimeMs: HK[15]!.timeMs });
    expect(p15.parameters.find((v) => v.name === '/TMTEST/BATT_V')).toEqual({ name: '/TMTEST/BATT_V', raw: 870, eng: expect.closeTo(8.7, 12) as unknown, state: 'critical' });

    // Events: alarms raised and cleared, in the archive and on the bus.
    const storedEvents = await store.archive.events({ fromMs: T0, toMs: T0 + 61_000 });
    expect(storedEvents.map((e) => [e.type, e.severity, e.timeMs])).toEqual([
      ['alarm-raised', 'warning', HK[10]!.timeMs],
      ['alarm-cleared', 'info', HK[16]!.timeMs],
      ['alarm-raised', 'warning', HK[30]!.timeMs],
      ['alarm-cleared', 'info', HK[32]!.timeMs],
    ]);
    await until(() => events.filter((e) => e.source === 'alarms').length === 4, 'the alarm events on the bus');
    expect(events.some((e) => e.source === 'S1-tm' && e.type === 'link-status')).toBe(true);
    expect(linkMessages.some((l) => l.name === 'S1-tm' && l.status === 'ok')).toBe(true);

    // Counters.
    const c = service.counters();
    expect(c.spacecraft['ZEN-T']).toMatchObject({
      frames: tcpFrames.length + udpFrames.length,
      badCrc: 1,
      vcGaps: 1,
      vcFramesMissing: 1,
      packets: DELIVERED.length,
      packetGaps: 1,
      packetsMissing: LOST.length,
      parameters: DELIVERED.length * 12,
    });
    expect(c.frameStore).toMatchObject({ stored: tcpFrames.length + udpFrames.length, published: tcpFrames.length + udpFrames.length });
    expect(c.links.find((l) => l.name === 'S1-tm')?.counters).toMatchObject({ framesReceived: tcpFrames.length, framesStored: tcpFrames.length, connections: 1 });
    expect(c.parameterStoreFailures).toBe(0);
    expect(c.activeAlarms).toBe(1); // the mode alarm, latched
  });

  it('decodes real CTIM packets sent as frames over length-prefixed TCP exactly as a direct decode does', async () => {
    const frames = packFrames(ctimPackets, { packer: new TmFramePacker({ scid: CTIM_SCID, frameLength: CTIM_FRAME_LENGTH }) });
    await sendLengthPrefixed(raw.address()?.port ?? 0, frames);
    await until(() => raw.counters().framesStored === frames.length, 'the CTIM frames stored');
    await service.idle();
    expect(service.counters().spacecraft['CTIM']).toMatchObject({ frames: frames.length, badCrc: 0, vcGaps: 0, packets: ctimPackets.length, undecodedPackets: 0 });

    // The same packets decoded directly, with the same generation-time rule.
    const direct = new PacketDecoder(ctimMdb, { generationTime: ctimTime });
    const expected = new Map<string, { eng: unknown; count: number }>();
    for (const packet of ctimPackets) {
      const r = direct.decode(packet);
      expect(r.error).toBeNull();
      for (const v of r.values) {
        const key = `${v.parameter.qualifiedName}@${r.generationTimeMs ?? '?'}`;
        const seen = expected.get(key);
        expected.set(key, { eng: v.eng, count: (seen?.count ?? 0) + 1 });
      }
    }
    const names = new Set([...expected.keys()].map((k) => k.slice(0, k.lastIndexOf('@'))));
    let compared = 0;
    for (const name of names) {
      for (const v of await store.archive.parameterValues(name, { fromMs: -8e15, toMs: 8e15 })) {
        const e = expected.get(`${name}@${v.generationTimeMs}`);
        expect(e, `${name} at ${v.generationTimeMs}`).toBeDefined();
        // A value stored once for a key that two packets share: which one the archive kept is not checked.
        if (e?.count !== 1) continue;
        expect(v.eng).toEqual(e.eng);
        compared++;
      }
    }
    const unique = [...expected.values()].filter((e) => e.count === 1).length;
    expect(compared).toBe(unique);
    expect(unique).toBeGreaterThan(5000);

    // The upstream expectation for this capture: packet 159 has APID 34 and SHCOARSE = 481168702.
    const p159 = ctimAll[159]!;
    expect(p159.header.apid).toBe(34);
    const shcoarse = await store.archive.parameterValues('/CTIM/SHCOARSE', { fromMs: ctimTime(p159.bytes), toMs: ctimTime(p159.bytes) + 1 });
    expect(shcoarse.map((v) => v.eng)).toEqual([481_168_702]);
  });

  it('replays stored frames through a changed database on the replay subject, and refills lost values', async () => {
    const changed = loadMdb([{ name: 'changed.xml', text: readFileSync(TM_TEST_XTCE, 'utf8').replace('coefficient="0.01"', 'coefficient="0.02"') }]).mdb;
    const replayed: TmParamMessage[] = [];
    let end: unknown;
    const sub = bus.subscribe('replay.r1.>', (m) => {
      if (m.subject === 'replay.r1.end') end = fromJson(m.data);
      else replayed.push(fromJson(m.data) as TmParamMessage);
    });
    const liveBefore = params.length;
    const result = await replayFrames({ archive: store.archive, bus, spacecraft: [testSpacecraft(changed)], replayId: 'r1', fromMs: T0, toMs: T0 + 200_000, sources: ['S1-tm'] });
    await until(() => end !== undefined, 'the end of the replay');
    await sub.unsubscribe();
    const tcpDelivered = DELIVERED.filter((i) => i < 40);
    expect(result).toMatchObject({ frames: tcpFrames.length, skippedFrames: 0, storedValues: 0, aborted: false });
    expect(result.counters).toMatchObject({ badCrc: 1, packets: tcpDelivered.length });
    expect(replayed.map((p) => p.sequenceCount)).toEqual(tcpDelivered);
    replayed.forEach((p, k) => {
      expect(p.parameters.find((v) => v.name === '/TMTEST/BATT_V')?.eng).toBeCloseTo(HK[tcpDelivered[k]!]!.battRaw * 0.02, 12);
    });
    expect(params.length).toBe(liveBefore); // nothing on the realtime subjects
    const kept = await store.archive.parameterValues('/TMTEST/BATT_V', { fromMs: T0, toMs: T0 + 1000 });
    expect(kept[0]?.eng).toBeCloseTo(HK[0]!.battRaw * 0.01, 12);

    // Values lost (here: removed by retention) are written again by a storing replay.
    await store.archive.deleteOlderThan('parameters', T0 + 1e9);
    const again = await replayFrames({ archive: store.archive, bus, spacecraft: [testSpacecraft(mdb)], replayId: 'r2', fromMs: 0, toMs: 8e15, spacecraftName: 'ZEN-T', store: true });
    expect(again.frames).toBe(tcpFrames.length + udpFrames.length);
    expect(again.storedValues).toBe(DELIVERED.length * 12);
    const refilled = await store.archive.parameterValues('/TMTEST/BATT_V', { fromMs: T0, toMs: T0 + 61_000 });
    expect(refilled.map((v) => v.eng)).toEqual(DELIVERED.map((i) => expect.closeTo(HK[i]!.battRaw * 0.01, 12) as unknown));
  });
});
