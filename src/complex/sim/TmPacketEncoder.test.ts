import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PacketDecoder, loadMdb } from '../../core/mdb/index.ts';
import { loadDemoDatabase } from './demoDatabase.ts';
import { TmPacketEncoder } from './TmPacketEncoder.ts';

const mdb = loadDemoDatabase(resolve('missions/demo'));
const decoder = new PacketDecoder(mdb);

function decoded(bytes: Uint8Array): Record<string, unknown> {
  const r = decoder.decode(bytes);
  expect(r.error, r.message ?? '').toBeNull();
  return Object.fromEntries<unknown>([['container', r.container?.name], ...r.values.map((v): [string, unknown] => [v.parameter.name, v.eng])]);
}

describe('TmPacketEncoder', () => {
  it('writes a housekeeping packet that PacketDecoder reads back within the encoding resolution', () => {
    const obt = Date.parse('2026-06-15T10:20:30.125Z');
    const values = {
      CCSDS_APID: 100,
      CCSDS_SEQ_FLAGS: 3,
      CCSDS_SEQ_COUNT: 16383,
      PUS_VERSION: 2,
      PUS_TIME_PFIELD: 0x1f,
      PUS_TIME: obt,
      OBC_MODE: 'NOMINAL',
      OBC_UPTIME: 123456,
      CMD_ACCEPTED: 65535,
      ATT_MODE: 'SUN_POINTING',
      RATE_X: -0.123,
      SUN_STATE: 'ECLIPSE',
      BAT_VOLTAGE: 27.6543,
      BAT_CURRENT: -3.2104,
      BAT_SOC: 87.654,
      BAT_TEMP_A: 7.5,
      BAT_TEMP_B: -42.25,
      OBC_TEMP: 21.3,
      HEATER_STATE: 'ON',
      PROP_MASS: 19.75,
    };
    const bytes = new TmPacketEncoder(mdb, 'HK_PLATFORM').encode(values);
    const d = decoded(bytes);
    // The restriction criteria fixed the packet type, header flag, service, subtype and structure.
    expect(d).toMatchObject({ container: 'HK_PLATFORM', CCSDS_TYPE: 0, CCSDS_SEC_HDR_FLAG: 1, PUS_SERVICE: 3, PUS_SUBTYPE: 25, HK_STRUCTURE_ID: 1 });
    expect(d).toMatchObject({ CCSDS_APID: 100, CCSDS_SEQ_COUNT: 16383, OBC_MODE: 'NOMINAL', OBC_UPTIME: 123456, CMD_ACCEPTED: 65535, ATT_MODE: 'SUN_POINTING', SUN_STATE: 'ECLIPSE', HEATER_STATE: 'ON' });
    expect(d['CCSDS_LENGTH']).toBe(bytes.length - 7);
    // CUC fine time is 2^-24 s; the 56-bit count passes through a double (3 bits lost): < 1 µs.
    expect(Math.abs((d['PUS_TIME'] as number) - obt)).toBeLessThan(0.001);
    expect(d['BAT_VOLTAGE']).toBeCloseTo(27.654, 6); // 1 mV steps
    expect(d['BAT_CURRENT']).toBeCloseTo(-3.21, 6); // two's complement, 1 mA steps
    expect(d['BAT_SOC']).toBeCloseTo(87.65, 6);
    expect(d['RATE_X']).toBeCloseTo(-0.123, 6); // float32
    expect(d['PROP_MASS']).toBe(19.75);
    // Thermistors: a spline of 12-bit counts, steps of at most 40/600 °C between 0 and 35 °C.
    expect(Math.abs((d['BAT_TEMP_A'] as number) - 7.5)).toBeLessThan(0.04);
    expect(Math.abs((d['OBC_TEMP'] as number) - 21.3)).toBeLessThan(0.04);
    expect(Math.abs((d['BAT_TEMP_B'] as number) + 42.25)).toBeLessThan(0.1);
  });

  it('saturates values beyond the encoding as a sensor does, and leaves missing values at raw 0', () => {
    const e = new TmPacketEncoder(mdb, 'HK_PLATFORM');
    const d = decoded(e.encode({ BAT_VOLTAGE: 70, BAT_CURRENT: -40, BAT_TEMP_A: 150, OBC_TEMP: -80, BAT_SOC: Number.NaN }));
    expect(d['BAT_VOLTAGE']).toBeCloseTo(65.535, 6);
    expect(d['BAT_CURRENT']).toBeCloseTo(-32.768, 6);
    expect(d['BAT_TEMP_A']).toBe(100); // the spline's hot end
    expect(d['OBC_TEMP']).toBe(-60); // its cold end
    expect(d['BAT_SOC']).toBe(0);
    expect(d['CMD_REJECTED']).toBe(0);
  });

  it('writes verification reports whose request ID the decoder finds', () => {
    const bytes = new TmPacketEncoder(mdb, 'PUS_1_2').encode({ VERIF_REQUEST_TYPE: 1, VERIF_REQUEST_SEC_HDR_FLAG: 1, VERIF_REQUEST_APID: 100, VERIF_REQUEST_SEQ_FLAGS: 3, VERIF_REQUEST_SEQ_COUNT: 42, VERIF_ACCEPTANCE_FAILURE: 'ILLEGAL_SUBTYPE' });
    expect(decoded(bytes)).toMatchObject({ container: 'PUS_1_2', PUS_SERVICE: 1, PUS_SUBTYPE: 2, VERIF_REQUEST_APID: 100, VERIF_REQUEST_SEQ_COUNT: 42, VERIF_ACCEPTANCE_FAILURE: 'ILLEGAL_SUBTYPE' });
    // The request ID is the telecommand's first four octets.
    expect([...bytes.subarray(21, 25)]).toEqual([0x18, 0x64, 0xc0, 42]);
  });

  it('places entries with locations and refuses what it cannot write', () => {
    const { mdb: small } = loadMdb([
      {
        name: 'loc.xml',
        text: `<SpaceSystem name="L" xmlns="http://www.omg.org/spec/XTCE/20180204"><TelemetryMetaData>
          <ParameterTypeSet>
            <IntegerParameterType name="u8" signed="false"><IntegerDataEncoding sizeInBits="8"/></IntegerParameterType>
            <StringParameterType name="s"><StringDataEncoding><SizeInBits><Fixed><FixedValue>16</FixedValue></Fixed></SizeInBits></StringDataEncoding></StringParameterType>
          </ParameterTypeSet>
          <ParameterSet><Parameter name="A" parameterTypeRef="u8"/><Parameter name="B" parameterTypeRef="u8"/><Parameter name="S" parameterTypeRef="s"/></ParameterSet>
          <ContainerSet>
            <SequenceContainer name="LOC"><EntryList>
              <ParameterRefEntry parameterRef="A"><LocationInContainerInBits referenceLocation="containerStart"><FixedValue>16</FixedValue></LocationInContainerInBits></ParameterRefEntry>
              <ParameterRefEntry parameterRef="B"><LocationInContainerInBits referenceLocation="previousEntry"><FixedValue>4</FixedValue></LocationInContainerInBits></ParameterRefEntry>
            </EntryList></SequenceContainer>
            <SequenceContainer name="STR"><EntryList><ParameterRefEntry parameterRef="S"/></EntryList></SequenceContainer>
          </ContainerSet></TelemetryMetaData></SpaceSystem>`,
      },
    ]);
    expect([...new TmPacketEncoder(small, 'LOC').encode({ A: 0xab, B: 0xff })]).toEqual([0, 0, 0xab, 0x0f, 0xf0]);
    expect(() => new TmPacketEncoder(small, 'STR')).toThrow(RangeError);
    expect(() => new TmPacketEncoder(small, 'NOPE')).toThrow(/no container named NOPE/);
  });
});
