import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TmFramePacker, splitSpacePackets } from '../core/ccsds/index.ts';

const SUDA = resolve('../shared/data/ccsds-packets/suda');
const CTIM = resolve('../shared/data/ccsds-packets/ctim');
const SUDA_ARGS = ['--mdb', `${SUDA}/suda_combined_science_definition.xml`];

function zenith(...args: string[]) {
  return spawnSync('node', ['bin/zenith.js', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

type Line = Record<string, unknown> & { parameters: Record<string, { raw: unknown; eng: unknown; state: unknown }> };

describe('zenith tm decode', () => {
  it('prints one JSON object per SUDA packet, skipping the 4-octet headers', () => {
    const r = zenith('tm', 'decode', ...SUDA_ARGS, '--input', `${SUDA}/sciData_2022_130_17_41_53.spl`, '--packets', '--skip-header', '4', '--format', 'jsonl');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(13);
    const bytes = readFileSync(`${SUDA}/sciData_2022_130_17_41_53.spl`);
    for (const [i, line] of lines.entries()) {
      expect(Object.keys(line)).toEqual(['apid', 'sequenceCount', 'container', 'generationTime', 'parameters']);
      expect(line['apid']).toBe(1425);
      expect(line['generationTime']).toBeNull();
      expect(line.parameters['PKT_APID']).toEqual({ raw: 1425, eng: 1425, state: null });
      if (i === 0) {
        // The first packet starts after 4 octets: its sequence count is octets 6-7 of the file, 14 bits.
        expect(line['sequenceCount']).toBe(((bytes[6]! & 0x3f) << 8) | bytes[7]!);
      }
      if (line['container'] === '/IDEX/SciFetchTypeNonZero') expect(line.parameters['IDX__SCIFETCHRAW']?.raw).toMatch(/^([0-9a-f]{2})+$/);
    }
  });

  it('decodes the CTIM capture; packet 159 has APID 34 and SHCOARSE 481168702', () => {
    const r = zenith('tm', 'decode', '--mdb', `${CTIM}/ctim_xtce_v1.xml`, '--input', `${CTIM}/ccsds_2021_155_14_39_51`, '--packets');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1499);
    const p159 = JSON.parse(lines[159] ?? '{}') as Line;
    expect(p159['apid']).toBe(34);
    expect(p159['container']).toBe('/CTIM/APID_34_Packet');
    expect(p159.parameters['SHCOARSE']?.raw).toBe(481168702);
  });

  it('extracts packets from TM frames with --frames', () => {
    const { packets } = splitSpacePackets(new Uint8Array(readFileSync(`${SUDA}/sciData_2022_130_17_41_53.spl`)), { skipHeaderBytes: 4 });
    const packer = new TmFramePacker({ frameLength: 1115, scid: 42 });
    const frames: Uint8Array[] = [];
    for (const p of packets) frames.push(...packer.push(1, p.bytes));
    frames.push(...packer.flush(1));
    const dir = mkdtempSync(join(tmpdir(), 'zenith-tm-'));
    const file = join(dir, 'frames.bin');
    writeFileSync(file, Buffer.concat(frames));
    const r = zenith('tm', 'decode', ...SUDA_ARGS, '--input', file, '--frames', '--frame-length', '1115');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(13);
    expect(lines.map((l) => l['sequenceCount'])).toEqual(packets.map((p) => p.header.sequenceCount));
  });

  it('refuses a call without --packets or --frames', () => {
    const r = zenith('tm', 'decode', ...SUDA_ARGS, '--input', `${SUDA}/sciData_2022_130_17_41_53.spl`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\[CLI_USAGE\] expected --packets or --frames, found neither/);
  });

  it('reports undecodable packets and exits 3 when the header skip is wrong', () => {
    const r = zenith('tm', 'decode', ...SUDA_ARGS, '--input', `${SUDA}/sciData_2022_130_17_41_53.spl`, '--packets');
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/\[TM_STREAM\]|\[TM_UNDECODED\]/);
  });
});
