import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSpacePackets } from '../ccsds/index.ts';
import { loadMdb } from './loadMdb.ts';
import { PacketDecoder } from './PacketDecoder.ts';

const CTIM = resolve('../shared/data/ccsds-packets/ctim');
const SUDA = resolve('../shared/data/ccsds-packets/suda');

/** Bits of a packet as a '0'/'1' string: the by-hand extraction the decoder is checked against. */
function bitString(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
}
function bitsAt(bits: string, offset: number, size: number): number {
  return Number.parseInt(bits.slice(offset, offset + size), 2);
}

/** The CTIM layout read with regular expressions: container -> [parameter, size, kind] in order. */
function ctimLayout(text: string) {
  const typeSize = new Map<string, { size: number; kind: string }>();
  for (const m of text.matchAll(/<xtce:(Integer|Float|String)ParameterType name="(\w+)"[^>]*>([\s\S]*?)<\/xtce:\1ParameterType>/g)) {
    const body = m[3] ?? '';
    const size = /sizeInBits="(\d+)"/.exec(body)?.[1] ?? /<xtce:FixedValue>(\d+)</.exec(body)?.[1];
    typeSize.set(m[2] ?? '', { size: Number(size), kind: m[1] ?? '' });
  }
  const paramType = new Map<string, string>();
  for (const m of text.matchAll(/<xtce:Parameter name="(\w+)" parameterTypeRef="(\w+)"/g)) paramType.set(m[1] ?? '', m[2] ?? '');
  const containers = new Map<string, { apid: number | null; entries: { name: string; size: number; kind: string }[] }>();
  for (const m of text.matchAll(/<xtce:SequenceContainer name="(\w+)"[^>]*>([\s\S]*?)<\/xtce:SequenceContainer>/g)) {
    const body = m[2] ?? '';
    const entries = [...body.matchAll(/ParameterRefEntry parameterRef="(\w+)"/g)].map((e) => {
      const t = typeSize.get(paramType.get(e[1] ?? '') ?? '');
      return { name: e[1] ?? '', size: t?.size ?? -1, kind: t?.kind ?? '' };
    });
    const apid = /parameterRef="PKT_APID" value="(\d+)"/.exec(body)?.[1];
    containers.set(m[1] ?? '', { apid: apid === undefined ? null : Number(apid), entries });
  }
  return containers;
}

describe('PacketDecoder on the CTIM capture (1499 real packets)', () => {
  const xml = readFileSync(`${CTIM}/ctim_xtce_v1.xml`, 'utf8');
  const { mdb } = loadMdb([{ name: 'ctim_xtce_v1.xml', text: xml }]);
  const decoder = new PacketDecoder(mdb);
  const { packets, error } = splitSpacePackets(new Uint8Array(readFileSync(`${CTIM}/ccsds_2021_155_14_39_51`)));
  const layout = ctimLayout(xml);
  const header = layout.get('CCSDSTelemetryPacket')?.entries ?? [];
  const byApid = new Map([...layout.entries()].filter(([, c]) => c.apid !== null).map(([name, c]) => [c.apid, { name, entries: c.entries }]));

  it('decodes every packet to a leaf container without error', () => {
    expect(error).toBeNull();
    expect(packets).toHaveLength(1499);
    for (const p of packets) {
      const r = decoder.decode(p.bytes);
      expect(r.error).toBeNull();
      expect(r.leaf).toBe(true);
      expect(r.container?.name).toBe(`APID_${p.header.apid}_Packet`);
      expect(r.generationTimeMs).toBeNull(); // the CTIM database defines no absolute time
    }
  });

  it('matches the upstream expectation for packet 159', () => {
    const r = decoder.decode(packets[159]?.bytes ?? new Uint8Array(0));
    const value = (n: string) => r.values.find((v) => v.parameter.name === n)?.raw;
    expect(value('PKT_APID')).toBe(34);
    expect(value('SHCOARSE')).toBe(481168702);
  });

  it('reads every integer field at the offset and with the value worked out from the XML and the bytes', () => {
    let checked = 0;
    for (let i = 0; i < packets.length; i += 20) {
      const p = packets[i]!;
      const expected = [...header, ...(byApid.get(p.header.apid)?.entries ?? [])];
      const r = decoder.decode(p.bytes);
      expect(r.values.map((v) => v.parameter.name)).toEqual(expected.map((e) => e.name));
      const bits = bitString(p.bytes);
      let offset = 0;
      for (const [k, e] of expected.entries()) {
        const v = r.values[k]!;
        expect(v.bitOffset).toBe(offset);
        expect(v.sizeInBits).toBe(e.size);
        if (e.kind === 'Integer') {
          expect(v.raw).toBe(bitsAt(bits, offset, e.size));
          checked++;
        }
        offset += e.size;
      }
      // The database leaves bits of some packets undescribed (APID 1 is 11 bits short); the
      // decoder reports exactly what it read.
      expect(r.bitsDecoded).toBe(offset);
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('leaves no bit undecoded except where the database itself is shorter than the packet', () => {
    const short = new Map<string, number>();
    for (const p of packets) {
      const r = decoder.decode(p.bytes);
      const rest = r.bitsTotal - r.bitsDecoded;
      if (rest !== 0) short.set(`${r.container?.name}:${rest}`, (short.get(`${r.container?.name}:${rest}`) ?? 0) + 1);
    }
    const apid1 = [...header, ...(byApid.get(1)?.entries ?? [])].reduce((s, e) => s + e.size, 0);
    const apid1Bits = (packets.find((p) => p.header.apid === 1)?.bytes.length ?? 0) * 8;
    expect(apid1Bits - apid1).toBe(11);
    expect(Object.fromEntries(short)).toEqual({ 'APID_1_Packet:11': 104, 'APID_20_Packet:128': 1 });
  });
});

describe('PacketDecoder on the SUDA capture (4-octet header before each packet)', () => {
  const { mdb } = loadMdb([{ name: 'suda.xml', text: readFileSync(`${SUDA}/suda_combined_science_definition.xml`, 'utf8') }]);
  const decoder = new PacketDecoder(mdb);
  const { packets, error } = splitSpacePackets(new Uint8Array(readFileSync(`${SUDA}/sciData_2022_130_17_41_53.spl`)), { skipHeaderBytes: 4 });

  it('decodes all 13 packets completely, down to the leaf chosen by the packet type', () => {
    expect(error).toBeNull();
    expect(packets).toHaveLength(13);
    for (const p of packets) {
      const r = decoder.decode(p.bytes);
      expect(r.error).toBeNull();
      expect(r.leaf).toBe(true);
      expect(r.bitsDecoded).toBe(r.bitsTotal);
      expect(r.chain.map((c) => c.name).slice(0, 3)).toEqual(['CCSDSPacket', 'CCSDSTelemetryPacket', 'IDX_SCIFETCH']);
      // Octet 6+6+4 (primary header, SHCOARSE/SHFINE, AID) holds the type that picks the leaf.
      const type = p.bytes[16]!;
      expect(r.container?.name).toBe(type === 1 ? 'SciFetchTypeZero' : 'SciFetchTypeNonZero');
      const get = (n: string) => r.values.find((v) => v.parameter.name === n);
      expect(get('IDX__SCIFETCHTYPE')?.raw).toBe(type);
      expect(get('SHCOARSE')?.raw).toBe(((p.bytes[6]! << 24) >>> 0) + (p.bytes[7]! << 16) + (p.bytes[8]! << 8) + p.bytes[9]!);
      if (type !== 1) {
        // The waveform's size comes from the packet length: PKT_LEN * 8 - 328 bits.
        const raw = get('IDX__SCIFETCHRAW')?.raw as Uint8Array;
        const pktLen = (p.bytes[4]! << 8) | p.bytes[5]!;
        expect(raw.length * 8).toBe(pktLen * 8 - 328);
        // It ends where the 16-bit sync and CRC words begin.
        const end = p.bytes.length - 4;
        expect([...raw]).toEqual([...p.bytes.subarray(end - raw.length, end)]);
        expect(get('IDX__CRCSCIFETCHPKT')?.raw).toBe((p.bytes[p.bytes.length - 2]! << 8) | p.bytes[p.bytes.length - 1]!);
      }
    }
  });
});

describe('PacketDecoder on the Yamcs PUS database (split over six files)', () => {
  const files = ['dt', 'pus', 'pus5', 'pus11', 'pus17', 'landing'].map((n) => ({
    name: `${n}.xml`,
    text: readFileSync(resolve(`../shared/data/xtce/yamcs-pus-example/${n}.xml`), 'utf8'),
  }));
  const decoder = new PacketDecoder(loadMdb(files).mdb);

  it('follows TM(3,25) with hkid 1 down to /SIMULATOR/Power, reading the CUC time of the PUS header', () => {
    const p = new Uint8Array(41);
    p.set([0x08, 0x64, 0xc0, 0x07, 0x00, 41 - 7]); // APID 100, sequence count 7
    // PUS header: type 3, subtype 25, counter 9, destination 0, P-field 0x2F (4+3 octets), coarse, fine.
    p.set([0x20, 3, 25, 0, 9, 0, 0, 0x2f, 0x12, 0x34, 0x56, 0x78, 0x80, 0x00, 0x00, 0, 0, 0, 1], 6);
    for (let i = 25; i < 41; i++) p[i] = i;
    const r = decoder.decode(p);
    expect(r.error).toBeNull();
    expect(r.chain.map((c) => c.qualifiedName)).toEqual(['/PUS/ccsds', '/PUS/pus-tm', '/PUS/hk', '/PUS/hk25', '/SIMULATOR/Power']);
    const get = (n: string) => r.values.find((v) => v.parameter.name === n);
    expect(get('apid')?.raw).toBe(100);
    expect(get('seqcount')?.raw).toBe(7);
    // pus-time overlaps time-type, coarse and fine: 0x12345678 s + 0x800000 / 2^24 s.
    expect(get('pus-time')?.raw).toBe(0x12345678 + 0.5);
    expect(get('pus-time')?.eng).toBeNull(); // agency-defined epoch: no UTC without time correlation
    expect(get('hkid')?.raw).toBe(1);
    // Power's entries sit at fixed offsets from the packet start (containerStart 128 = octet 16).
    expect(get('BusStatus')?.raw).toBe(p[16]);
    expect(get('BatteryVoltage2')).toMatchObject({ bitOffset: 192, raw: p[24], eng: 1 + 2 * p[24]! });
    expect(get('BatteryCapacity2')?.eng).toBeCloseTo(0.2 * ((p[26]! << 8) | p[27]!), 9);
  });
});

const XTCE12 = 'http://www.omg.org/spec/XTCE/20180204';

function synthetic(entries: string, types: string, params: string) {
  const text = `<SpaceSystem name="T" xmlns="${XTCE12}"><TelemetryMetaData>
    <ParameterTypeSet>${types}</ParameterTypeSet><ParameterSet>${params}</ParameterSet>
    <ContainerSet><SequenceContainer name="P"><EntryList>${entries}</EntryList></SequenceContainer></ContainerSet>
  </TelemetryMetaData></SpaceSystem>`;
  const r = loadMdb([{ name: 't.xml', text }]);
  expect(r.problems.map((p) => p.describe())).toEqual([]);
  expect(r.unsupported).toEqual([]);
  return new PacketDecoder(r.mdb);
}

describe('PacketDecoder encodings, calibrators and alarms (worked examples)', () => {
  const types = `
    <IntegerParameterType name="s12" signed="true"><IntegerDataEncoding sizeInBits="12" encoding="twosComplement"/></IntegerParameterType>
    <IntegerParameterType name="sm12" signed="true"><IntegerDataEncoding sizeInBits="12" encoding="signMagnitude"/></IntegerParameterType>
    <IntegerParameterType name="le16"><IntegerDataEncoding sizeInBits="16" byteOrder="leastSignificantByteFirst"/></IntegerParameterType>
    <IntegerParameterType name="u64" sizeInBits="64" signed="false"><IntegerDataEncoding sizeInBits="64"/></IntegerParameterType>
    <FloatParameterType name="f32"><FloatDataEncoding sizeInBits="32"/>
      <DefaultAlarm><StaticAlarmRanges><WarningRange minInclusive="0" maxInclusive="10"/><CriticalRange minInclusive="-5" maxInclusive="20"/></StaticAlarmRanges></DefaultAlarm></FloatParameterType>
    <FloatParameterType name="f64le"><FloatDataEncoding sizeInBits="64" byteOrder="leastSignificantByteFirst"/></FloatParameterType>
    <FloatParameterType name="poly"><IntegerDataEncoding sizeInBits="8"><DefaultCalibrator><PolynomialCalibrator>
      <Term exponent="0" coefficient="-3"/><Term exponent="1" coefficient="0.5"/><Term exponent="2" coefficient="0.01"/></PolynomialCalibrator></DefaultCalibrator></IntegerDataEncoding></FloatParameterType>
    <FloatParameterType name="spl"><IntegerDataEncoding sizeInBits="8"><DefaultCalibrator><SplineCalibrator>
      <SplinePoint raw="0" calibrated="100"/><SplinePoint raw="100" calibrated="200"/><SplinePoint raw="200" calibrated="0"/></SplineCalibrator></DefaultCalibrator></IntegerDataEncoding></FloatParameterType>
    <EnumeratedParameterType name="en"><IntegerDataEncoding sizeInBits="7"/><EnumerationList>
      <Enumeration value="1" label="ONE"/><Enumeration value="2" maxValue="5" label="SOME"/></EnumerationList>
      <DefaultAlarm><EnumerationAlarmList><EnumerationAlarm alarmLevel="critical" enumerationLabel="SOME"/></EnumerationAlarmList></DefaultAlarm></EnumeratedParameterType>
    <BooleanParameterType name="b"><IntegerDataEncoding sizeInBits="1"/></BooleanParameterType>
    <StringParameterType name="str0"><StringDataEncoding><SizeInBits><TerminationChar>00</TerminationChar></SizeInBits></StringDataEncoding></StringParameterType>
    <StringParameterType name="strl"><StringDataEncoding><Variable maxSizeInBits="800"><LeadingSize sizeInBitsOfSizeTag="8"/></Variable></StringDataEncoding></StringParameterType>
    <AbsoluteTimeParameterType name="t"><Encoding scale="1" offset="0"><IntegerDataEncoding sizeInBits="32"/></Encoding>
      <ReferenceTime><Epoch>TAI</Epoch></ReferenceTime></AbsoluteTimeParameterType>`;
  const names = ['s12', 'sm12', 'le16', 'u64', 'f32', 'f64le', 'poly', 'spl', 'en', 'b', 'str0', 'strl', 't'];
  const params = names.map((n) => `<Parameter name="${n}" parameterTypeRef="${n}"/>`).join('');
  const decoder = synthetic(names.map((n) => `<ParameterRefEntry parameterRef="${n}"/>`).join(''), types, params);

  it('decodes each field to its raw, engineering value and monitoring state', () => {
    const view = new DataView(new ArrayBuffer(64));
    // s12 = -2 (0xFFE), sm12 = -5 (sign bit + 5) straddling octets: write bits by hand.
    const bits = '111111111110' + '100000000101';
    for (let i = 0; i < bits.length; i += 8) view.setUint8(i / 8, Number.parseInt(bits.slice(i, i + 8).padEnd(8, '0'), 2));
    // 24 bits so far -> octet 3.
    view.setUint16(3, 0x3412, true);
    view.setBigUint64(5, 0xfedcba9876543210n);
    view.setFloat32(13, 25.5);
    view.setFloat64(17, -1.25, true);
    view.setUint8(25, 10); // poly: -3 + 5 + 1 = 3
    view.setUint8(26, 150); // spline: 200 + (50/100) * -200 = 100
    view.setUint8(27, 0b0000100_1); // en = 4 (SOME) in 7 bits, b = 1
    const text = [0x41, 0x42, 0x00, 3, 0x78, 0x79, 0x7a];
    for (const [i, c] of text.entries()) view.setUint8(28 + i, c);
    view.setUint32(35, 2_000_000_000); // seconds since 1958-01-01 TAI
    const packet = new Uint8Array(view.buffer, 0, 39);
    const r = decoder.decode(packet);
    expect(r.message).toBeNull();
    expect(r.bitsDecoded).toBe(r.bitsTotal);
    const out = Object.fromEntries(r.values.map((v) => [v.parameter.name, { raw: v.raw, eng: v.eng, state: v.state }]));
    expect(out['s12']?.raw).toBe(-2);
    expect(out['sm12']?.raw).toBe(-5);
    expect(out['le16']?.raw).toBe(0x3412);
    expect(out['u64']?.raw).toBe(0xfedcba9876543210n);
    expect(out['f32']).toEqual({ raw: 25.5, eng: 25.5, state: 'critical' });
    expect(out['f64le']?.eng).toBe(-1.25);
    expect(out['poly']?.eng).toBeCloseTo(3, 12);
    expect(out['spl']?.eng).toBeCloseTo(100, 12);
    expect(out['en']).toEqual({ raw: 4, eng: 'SOME', state: 'critical' });
    expect(out['b']).toEqual({ raw: 1, eng: true, state: null });
    expect(out['str0']?.raw).toBe('AB');
    expect(out['strl']?.raw).toBe('xyz');
    // 2e9 s after 1958-01-01 TAI = 2021-05-18T03:33:20 TAI; TAI-UTC was 37 s then.
    expect(out['t']?.eng).toBe(Date.UTC(2021, 4, 18, 3, 33, 20) - 37_000);
    expect(r.generationTimeMs).toBe(out['t']?.eng);
  });

  it('states warning inside the critical range but outside the warning range', () => {
    const view = new DataView(new ArrayBuffer(64));
    view.setFloat32(13, 15);
    const r = decoder.decode(new Uint8Array(view.buffer, 0, 39));
    expect(r.values.find((v) => v.parameter.name === 'f32')?.state).toBe('warning');
    view.setFloat32(13, 5);
    expect(decoder.decode(new Uint8Array(view.buffer, 0, 39)).values.find((v) => v.parameter.name === 'f32')?.state).toBe('normal');
  });

  it('reports truncation with the entry instead of throwing', () => {
    const r = decoder.decode(new Uint8Array(10));
    expect(r.error).toBe('truncated');
    expect(r.message).toContain('/T/u64');
    expect(r.values.map((v) => v.parameter.name)).toEqual(['s12', 'sm12', 'le16']);
  });
});

describe('PacketDecoder robustness', () => {
  it('builds a decoder for every reference database and survives random packets (fixed seed)', () => {
    const dir = resolve('../shared/data/xtce');
    const sets = [
      [`${dir}/ccsds-green-book/ccsds-green-book.xml`],
      ['dt', 'pus', 'pus5', 'pus11', 'pus17', 'landing'].map((n) => `${dir}/yamcs-pus-example/${n}.xml`),
      [`${dir}/bogussat/BogusSAT-1.xml`],
      [`${dir}/bogussat/BogusSAT-2.xml`],
    ];
    for (const set of sets) {
      const { mdb } = loadMdb(set.map((p) => ({ name: p, text: readFileSync(p, 'utf8') })));
      const d = new PacketDecoder(mdb);
      expect(d.roots.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          const r = d.decode(bytes);
          expect(r.bitsTotal).toBe(bytes.length * 8);
          expect(r.error === null || typeof r.message === 'string').toBe(true);
        }),
        { seed: 660, numRuns: 200 },
      );
    }
  });


  const { mdb } = loadMdb([{ name: 'suda.xml', text: readFileSync(`${SUDA}/suda_combined_science_definition.xml`, 'utf8') }]);
  const decoder = new PacketDecoder(mdb);
  const good = splitSpacePackets(new Uint8Array(readFileSync(`${SUDA}/sciData_2022_130_17_41_53.spl`)), { skipHeaderBytes: 4 }).packets;

  // One run with a fixed seed, one with a fresh seed that is logged so a failure can be replayed.
  const seeds = [20260515, Math.floor(Math.random() * 2 ** 31)];
  it.each(seeds)('never throws on random, truncated or bit-flipped packets (seed %i)', (seed) => {
    console.log(`PacketDecoder robustness seed: ${seed}`);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: good.length - 1 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.nat(),
        fc.uint8Array({ maxLength: 64 }),
        (k, flips, cut, noise) => {
          const bytes = good[k]!.bytes.slice();
          for (const f of flips) bytes[f % bytes.length]! ^= 1 << (f % 8);
          const truncated = bytes.subarray(0, cut % (bytes.length + 1));
          for (const input of [truncated, noise, bytes]) {
            const r = decoder.decode(input);
            expect(r.bitsDecoded).toBeLessThanOrEqual(r.bitsTotal);
            if (r.error === null) expect(r.container).not.toBeNull();
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});
