import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSpacePacket } from '../../core/ccsds/index.ts';
import { PacketDecoder, loadMdb } from '../../core/mdb/index.ts';
import { encodePus1Report, readPus1Report } from './pus1Report.ts';

// An independent reading of the same octets: the Yamcs PUS example's XTCE definition of TM[1,x]
// (`/PUS/pus-tc-ack` and its failure containers) through Zenith's generic packet decoder. The
// example decodes its time field with a Yamcs Java algorithm, which no XTCE decoder can run; that
// overlapping entry is taken out, leaving the layout of every other field as the file gives it.
const dir = resolve('../shared/data/xtce/yamcs-pus-example');
const pusText = readFileSync(resolve(dir, 'pus.xml'), 'utf8').replace(/<ParameterRefEntry parameterRef="pus-time">[\s\S]*?<\/ParameterRefEntry>/, '');
const { mdb, problems } = loadMdb([
  { name: 'dt.xml', text: readFileSync(resolve(dir, 'dt.xml'), 'utf8') },
  { name: 'pus.xml', text: pusText },
]);
const decoder = new PacketDecoder(mdb);

function xtceValues(packet: Uint8Array): Record<string, unknown> {
  const r = decoder.decode(packet);
  return { container: r.container?.name, ...Object.fromEntries(r.values.map((v) => [v.parameter.name, v.raw])) };
}

/** A telecommand's first four octets: version 0, type TC, secondary header, APID, unsegmented, count. */
function request(apid: number, count: number): Uint8Array {
  return Uint8Array.of(0x18 | (apid >> 8), apid & 0xff, 0xc0 | (count >> 8), count & 0xff, 0, 4, 0x27, 200, 1, 0, 0);
}

const TAIL = Uint8Array.of(0, 7, 0, 0, 0x2e, 0x12, 0x34, 0x56, 0x78, 0, 0, 0);

describe('PUS service 1 reports', () => {
  it('are laid out as the Yamcs PUS example database reads them', () => {
    expect(problems).toEqual([]);
    const cases = [
      { subtype: 1, container: 'pus-tc-ack', code: undefined },
      { subtype: 2, container: 'pus-tc-ack-acceptance-failure', code: 0x0102_0304 },
      { subtype: 7, container: 'pus-tc-ack', code: undefined },
      { subtype: 8, container: 'pus-tc-ack-completion-failure', code: 4 },
    ];
    for (const c of cases) {
      const packet = encodePus1Report({ apid: 1, sequenceCount: 77, subtype: c.subtype, request: request(0x4d2, 0x1a2b), headerTail: TAIL, ...(c.code === undefined ? {} : { failureCode: c.code }) });
      const x = xtceValues(packet);
      expect(x).toMatchObject({ container: c.container, apid: 1, seqcount: 77, type: 1, subtype: c.subtype, counter: 7, 'obt-coarse': 0x1234_5678, 'tc-ack-apid': 0x4d2, 'tc-ack-seq': 0x1a2b });
      if (c.subtype === 2) expect(x['tc-ack-acceptance-failure-code']).toBe(c.code);
      if (c.subtype === 8) expect(x['tc-ack-completion-failure-code']).toBe(c.code);
      const report = readPus1Report(packet);
      expect(report).toEqual({
        subtype: c.subtype,
        stage: c.subtype <= 2 ? 'acceptance' : 'execution',
        ok: c.subtype % 2 === 1,
        requestApid: 0x4d2,
        requestSequenceCount: 0x1a2b,
        failureCode: c.code,
      });
    }
  });

  it('read start, progress and routing reports, and other layouts', () => {
    const req = request(100, 5);
    expect(readPus1Report(encodePus1Report({ apid: 1, sequenceCount: 0, subtype: 3, request: req }))).toMatchObject({ stage: 'start', ok: true });
    expect(readPus1Report(encodePus1Report({ apid: 1, sequenceCount: 0, subtype: 4, request: req, failureCode: 9 }))).toMatchObject({ stage: 'start', ok: false, failureCode: 9 });
    // Progress reports carry a step ID (one octet here) before the failure notice.
    expect(readPus1Report(encodePus1Report({ apid: 1, sequenceCount: 0, subtype: 6, request: req, failureCode: 258 }))).toMatchObject({ stage: 'progress', ok: false, failureCode: 258 });
    expect(readPus1Report(encodePus1Report({ apid: 1, sequenceCount: 0, subtype: 10, request: req, failureCode: 1 }))).toMatchObject({ stage: 'acceptance', ok: false });
    const layout = { secondaryHeaderLength: 10, failureCodeLength: 2 };
    const small = encodePus1Report({ apid: 2, sequenceCount: 1, subtype: 8, request: req, failureCode: 0xbeef }, layout);
    expect(small.length).toBe(6 + 10 + 4 + 2);
    expect(readPus1Report(small, layout)).toMatchObject({ requestApid: 100, requestSequenceCount: 5, failureCode: 0xbeef });
  });

  it('are not found in other packets', () => {
    const req = request(100, 5);
    const ok = encodePus1Report({ apid: 1, sequenceCount: 0, subtype: 1, request: req });
    expect(readPus1Report(ok.subarray(0, ok.length - 1))).toBeNull();
    const hk = ok.slice();
    hk[7] = 3;
    expect(readPus1Report(hk)).toBeNull();
    const unknownSubtype = ok.slice();
    unknownSubtype[8] = 9;
    expect(readPus1Report(unknownSubtype)).toBeNull();
    const tc = ok.slice();
    tc[0] = (tc[0] ?? 0) | 0x10;
    expect(readPus1Report(tc)).toBeNull();
    const noSecondary = encodeSpacePacket({ apid: 1, sequenceCount: 0, userData: new Uint8Array(30) });
    expect(readPus1Report(noSecondary)).toBeNull();
    expect(readPus1Report(new Uint8Array(0))).toBeNull();
  });
});
