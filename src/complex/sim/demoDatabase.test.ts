import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PacketDecoder, checkLimits, encodeCommand } from '../../core/mdb/index.ts';
import type { DataType } from '../../core/mdb/index.ts';
import { DEFAULT_PUS_SECONDARY_HEADER_LENGTH, encodePus1Report, readPus1Report } from '../tc/index.ts';
import { loadDemoDatabase } from './demoDatabase.ts';

const MISSION = resolve('missions/demo');
const mdb = loadDemoDatabase(MISSION);

function typeOf(parameter: string): DataType {
  const t = mdb.parameter(parameter)?.type;
  if (t == null) throw new Error(`no type for ${parameter}`);
  return t;
}

const tmp = mkdtempSync(join(tmpdir(), 'zenith-demo-mdb-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('the demo XTCE database', () => {
  it('loads without problems or unsupported constructs and holds the required definitions', () => {
    for (const p of ['BAT_VOLTAGE', 'BAT_CURRENT', 'BAT_SOC', 'SA_CURRENT_1', 'SA_CURRENT_2', 'SA_CURRENT_3', 'BAT_TEMP_A', 'OBC_TEMP', 'PAYLOAD_TEMP', 'HEATER_STATE', 'ATT_MODE', 'RATE_X', 'OBC_MODE', 'OBC_UPTIME', 'CMD_ACCEPTED', 'CMD_REJECTED', 'PUS_TIME', 'PAYLOAD_STATUS', 'VERIF_REQUEST_APID', 'VERIF_REQUEST_SEQ_COUNT']) {
      expect(mdb.parameter(p), p).toBeDefined();
    }
    for (const c of ['PUS_1_1', 'PUS_1_2', 'PUS_1_7', 'PUS_1_8', 'HK_PLATFORM', 'HK_PAYLOAD']) expect(mdb.container(c), c).toBeDefined();
    const concrete = [...mdb.commands.values()].filter((c) => !c.abstract).map((c) => c.name).sort();
    expect(concrete).toEqual(['ARE_YOU_ALIVE', 'FIRE_THRUSTER', 'PAYLOAD_POWER', 'RESET_COUNTERS', 'SCHEDULE_TC', 'SET_ATTITUDE_MODE', 'SET_MODE', 'TAKE_IMAGE', 'TIME_SYNC']);
  });

  it('marks the thruster firing, and only it, critical', () => {
    const critical = [...mdb.commands.values()].filter((c) => c.significance?.consequenceLevel === 'critical').map((c) => c.name);
    expect(critical).toEqual(['FIRE_THRUSTER']);
    expect(mdb.command('FIRE_THRUSTER')?.significance?.reasonForWarning).toMatch(/propellant/);
  });

  it('has the static alarm ranges written in the file (watch, warning, critical)', () => {
    // Worked values against the ranges in demo.xml.
    const cases: [string, number, string][] = [
      ['BAT_VOLTAGE', 27.5, 'normal'],
      ['BAT_VOLTAGE', 25.4, 'watch'],
      ['BAT_VOLTAGE', 24.4, 'warning'],
      ['BAT_VOLTAGE', 23.4, 'critical'],
      ['BAT_VOLTAGE', 29.8, 'watch'],
      ['BAT_VOLTAGE', 30.5, 'critical'],
      ['BAT_SOC', 60, 'normal'],
      ['BAT_SOC', 45, 'watch'],
      ['BAT_SOC', 30, 'warning'],
      ['BAT_SOC', 10, 'critical'],
      ['BAT_TEMP_B', 20, 'normal'],
      ['BAT_TEMP_B', 1, 'watch'],
      ['BAT_TEMP_B', -1, 'warning'],
      ['BAT_TEMP_B', 46, 'critical'],
      ['OBC_TEMP', 55, 'watch'],
      ['PAYLOAD_TEMP', -22, 'warning'],
      ['RATE_Y', -0.06, 'normal'],
      ['RATE_X', 0.7, 'watch'],
      ['RATE_Z', -1.5, 'warning'],
      ['RATE_Z', 2.5, 'critical'],
    ];
    for (const [p, v, level] of cases) expect(checkLimits(typeOf(p), v), `${p}=${v}`).toBe(level);
    expect(checkLimits(typeOf('ATT_MODE'), 'SAFE')).toBe('warning');
    expect(checkLimits(typeOf('ATT_MODE'), 'NADIR_POINTING')).toBe('normal');
    expect(checkLimits(typeOf('OBC_MODE'), 'SAFE')).toBe('warning');
  });

  it('decodes PUS 1 reports built by the command pipeline (15-octet PUS-C header, 4-octet failure code)', () => {
    const decoder = new PacketDecoder(mdb);
    const request = encodeCommand(mdb, 'SET_MODE', { mode: 'NOMINAL' });
    request[2] = 0xc0 | 0x12;
    request[3] = 0x34;
    const ok = decoder.decode(encodePus1Report({ apid: 100, sequenceCount: 7, subtype: 7, request }));
    expect(ok.error).toBeNull();
    expect(ok.container?.name).toBe('PUS_1_7');
    const values = Object.fromEntries(ok.values.map((v) => [v.parameter.name, v.eng]));
    expect(values).toMatchObject({ VERIF_REQUEST_APID: 100, VERIF_REQUEST_SEQ_COUNT: 0x1234, VERIF_REQUEST_TYPE: 1, VERIF_REQUEST_SEQ_FLAGS: 3, PUS_SERVICE: 1, PUS_SUBTYPE: 7 });
    const failed = decoder.decode(encodePus1Report({ apid: 100, sequenceCount: 8, subtype: 8, request, failureCode: 2 }));
    expect(failed.container?.name).toBe('PUS_1_8');
    expect(failed.values.find((v) => v.parameter.name === 'VERIF_EXECUTION_FAILURE')?.eng).toBe('PAYLOAD_OFF');
    // The header the database describes is the one the pipeline assumes.
    const header = mdb.container('PUS_TM')?.entries.reduce((bits, e) => bits + (e.kind === 'parameter' ? (e.parameter.type?.encoding as { sizeInBits: number }).sizeInBits : 0), 0);
    expect(header).toBe(DEFAULT_PUS_SECONDARY_HEADER_LENGTH * 8);
  });

  it('encodes every command as a PUS-C telecommand to APID 100 that the pipeline reads back', () => {
    const at = '2026-06-15T12:00:00.000Z';
    const inner = encodeCommand(mdb, 'SET_MODE', { mode: 'SAFE' }, { spacePacketLength: true });
    const args: Record<string, Record<string, unknown>> = {
      ARE_YOU_ALIVE: {},
      RESET_COUNTERS: {},
      SET_MODE: { mode: 'SAFE' },
      SET_ATTITUDE_MODE: { mode: 'SUN_POINTING' },
      TIME_SYNC: { time: at },
      FIRE_THRUSTER: { thruster: 'THR_2', duration: 500 },
      PAYLOAD_POWER: { state: 'ON' },
      TAKE_IMAGE: { time: at },
      SCHEDULE_TC: { release_time: at, request_length: inner.length, request: Buffer.from(inner).toString('hex') },
    };
    const services: Record<string, [number, number]> = {
      ARE_YOU_ALIVE: [17, 1],
      RESET_COUNTERS: [128, 3],
      SET_MODE: [128, 1],
      SET_ATTITUDE_MODE: [128, 2],
      TIME_SYNC: [128, 4],
      FIRE_THRUSTER: [128, 5],
      PAYLOAD_POWER: [129, 1],
      TAKE_IMAGE: [129, 2],
      SCHEDULE_TC: [11, 4],
    };
    for (const [name, a] of Object.entries(args)) {
      const bytes = encodeCommand(mdb, name, a, { spacePacketLength: true });
      // 000 1 1 + APID 100; flags 11; PUS version 2 with acknowledgement of acceptance and completion.
      expect([bytes[0], bytes[1], (bytes[2] ?? 0) >> 6, bytes[6]], name).toEqual([0x18, 0x64, 3, 0x29]);
      expect([bytes[7], bytes[8]], name).toEqual(services[name]);
      expect((((bytes[4] ?? 0) << 8) | (bytes[5] ?? 0)) + 7, name).toBe(bytes.length);
    }
    const burn = encodeCommand(mdb, 'FIRE_THRUSTER', { thruster: 'THR_2', duration: 500 });
    expect([...burn.subarray(11)]).toEqual([2, 0x01, 0xf4]);
    expect(() => encodeCommand(mdb, 'FIRE_THRUSTER', { thruster: 'THR_2', duration: 9000 })).toThrow(/5000/);
    // The report reader of the command pipeline finds the request ID the spacecraft echoes.
    const report = encodePus1Report({ apid: 100, sequenceCount: 1, subtype: 1, request: burn });
    expect(readPus1Report(report)).toMatchObject({ stage: 'acceptance', ok: true, requestApid: 100 });
  });

  it('fails loading with the file and line of a problem or an unsupported construct', () => {
    expect(() => loadDemoDatabase(join(tmp, 'nowhere'))).toThrow(expect.objectContaining({ code: 'MISSION_UNREADABLE' }));
    const dir = join(tmp, 'mission');
    mkdirSync(join(dir, 'mdb'), { recursive: true });
    writeFileSync(
      join(dir, 'mdb', 'x.xml'),
      '<SpaceSystem name="X" xmlns="http://www.omg.org/spec/XTCE/20180204">\n<TelemetryMetaData><ParameterTypeSet>\n<IntegerParameterType name="t"><IntegerDataEncoding encoding="BCD" sizeInBits="8"/></IntegerParameterType>\n</ParameterTypeSet></TelemetryMetaData></SpaceSystem>',
    );
    expect(() => loadDemoDatabase(dir, ['mdb/x.xml'])).toThrow(expect.objectContaining({ code: 'XTCE_UNSUPPORTED', context: expect.objectContaining({ line: 3 }) as unknown }));
    writeFileSync(join(dir, 'mdb', 'y.xml'), '<SpaceSystem name="Y" xmlns="http://www.omg.org/spec/XTCE/20180204"><TelemetryMetaData><ParameterSet><Parameter name="p" parameterTypeRef="nope"/></ParameterSet></TelemetryMetaData></SpaceSystem>');
    expect(() => loadDemoDatabase(dir, ['mdb/y.xml'])).toThrow(expect.objectContaining({ code: 'XTCE_UNRESOLVED_REF' }));
  });
});
