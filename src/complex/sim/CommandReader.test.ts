import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCommand, loadMdb } from '../../core/mdb/index.ts';
import { CommandReader } from './CommandReader.ts';
import { loadDemoDatabase } from './demoDatabase.ts';

const mdb = loadDemoDatabase(resolve('missions/demo'));
const reader = new CommandReader(mdb);

describe('CommandReader', () => {
  it('reads back every demo command as encodeCommand wrote it', () => {
    const at = Date.parse('2026-06-15T12:34:56.789Z');
    const inner = encodeCommand(mdb, 'PAYLOAD_POWER', { state: 'ON' }, { spacePacketLength: true });
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['ARE_YOU_ALIVE', {}, {}],
      ['RESET_COUNTERS', { ack_flags: 0 }, { ack_flags: 0 }],
      ['SET_MODE', { mode: 'MAINTENANCE' }, { mode: 'MAINTENANCE' }],
      ['SET_ATTITUDE_MODE', { mode: 'DETUMBLE' }, { mode: 'DETUMBLE' }],
      ['FIRE_THRUSTER', { thruster: 'THR_4', duration: 1234 }, { thruster: 'THR_4', duration: 1234 }],
      ['PAYLOAD_POWER', { state: 'OFF' }, { state: 'OFF' }],
      ['TAKE_IMAGE', { time: new Date(at).toISOString(), exposure: 15 }, { exposure: 15 }],
      ['TIME_SYNC', { time: new Date(at).toISOString() }, {}],
      ['SCHEDULE_TC', { release_time: new Date(at).toISOString(), request_length: inner.length, request: Buffer.from(inner).toString('hex') }, { request_length: inner.length, request: inner }],
    ];
    for (const [name, args, expected] of cases) {
      const r = reader.read(encodeCommand(mdb, name, args, { spacePacketLength: true }));
      if (!r.ok) throw new Error(`${name}: ${r.error} ${r.detail}`);
      expect(r.command.name).toBe(name);
      expect(r.args, name).toMatchObject({ apid: 100, source_id: 0, ack_flags: 9, ...expected });
      for (const key of ['time', 'release_time']) {
        // CUC fine time is 2^-24 s.
        if (key in r.args) expect(Math.abs((r.args[key] as number) - at), `${name}.${key}`).toBeLessThan(0.001);
      }
    }
  });

  it('knows unknown services and subtypes, and refuses values its types do not allow', () => {
    const packet = encodeCommand(mdb, 'SET_MODE', { mode: 'SAFE' }, { spacePacketLength: true });
    expect(reader.fixedValues('service')).toEqual(new Set(['17', '11', '128', '129']));
    const subtype = packet.slice();
    subtype[8] = 99;
    expect(reader.read(subtype)).toMatchObject({ ok: false, error: 'unknown-command', args: { service: 128, subtype: 99 } });
    const mode = packet.slice();
    mode[11] = 7; // no such enumeration value
    expect(reader.read(mode)).toMatchObject({ ok: false, error: 'bad-data' });
    const burn = encodeCommand(mdb, 'FIRE_THRUSTER', { thruster: 'THR_1', duration: 100 }, { spacePacketLength: true });
    burn[12] = 0xff; // 65535 ms: outside the valid range 10..5000
    expect(reader.read(burn)).toMatchObject({ ok: false, error: 'bad-data' });
    expect(reader.read(packet.subarray(0, 10))).toMatchObject({ ok: false, error: 'bad-data' });
  });

  it('refuses at construction a database whose command containers it cannot read', () => {
    const { mdb: withParameter } = loadMdb([
      {
        name: 'p.xml',
        text: `<SpaceSystem name="P" xmlns="http://www.omg.org/spec/XTCE/20180204">
          <TelemetryMetaData><ParameterTypeSet><IntegerParameterType name="u8"><IntegerDataEncoding sizeInBits="8"/></IntegerParameterType></ParameterTypeSet>
          <ParameterSet><Parameter name="X" parameterTypeRef="u8"/></ParameterSet></TelemetryMetaData>
          <CommandMetaData><MetaCommandSet><MetaCommand name="C"><CommandContainer name="C"><EntryList><ParameterRefEntry parameterRef="X"/></EntryList></CommandContainer></MetaCommand></MetaCommandSet></CommandMetaData>
        </SpaceSystem>`,
      },
    ]);
    expect(() => new CommandReader(withParameter)).toThrow(/cannot read parameter entries/);
  });
});
