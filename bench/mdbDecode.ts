// XTCE packet decoding: the CTIM capture (1499 real packets, ~860 parameters each) through
// PacketDecoder, beside a peer that reads the same fields at offsets fixed in advance (what a
// hand-written decoder for this one mission would do). Prints parameters per second and the
// ratio peer/ours (1.0 = the generic decoder costs nothing over the hand-written one).
// Run: npx tsx bench/mdbDecode.ts
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { splitSpacePackets } from '../src/core/ccsds/index.ts';
import { PacketDecoder, loadMdb } from '../src/core/mdb/index.ts';

const DIR = resolve('../shared/data/ccsds-packets/ctim');
const ROUNDS = 5;

const t0 = performance.now();
const { mdb } = loadMdb([{ name: 'ctim_xtce_v1.xml', text: readFileSync(`${DIR}/ctim_xtce_v1.xml`, 'utf8') }]);
const loadMs = performance.now() - t0;
const decoder = new PacketDecoder(mdb);
const { packets } = splitSpacePackets(new Uint8Array(readFileSync(`${DIR}/ccsds_2021_155_14_39_51`)));

// The peer's table: per APID, the (offset, size) of each field, taken once from a decoded packet.
const layouts = new Map<number, { name: string; offset: number; size: number }[]>();
for (const p of packets) {
  if (layouts.has(p.header.apid)) continue;
  layouts.set(p.header.apid, decoder.decode(p.bytes).values.map((v) => ({ name: v.parameter.name, offset: v.bitOffset, size: v.sizeInBits })));
}

function peerDecode(bytes: Uint8Array, apid: number): { name: string; raw: number }[] {
  const out: { name: string; raw: number }[] = [];
  for (const f of layouts.get(apid) ?? []) {
    let v = 0;
    for (let i = 0; i < f.size; i++) {
      const bit = f.offset + i;
      v = v * 2 + (((bytes[bit >>> 3] ?? 0) >>> (7 - (bit & 7))) & 1);
    }
    out.push({ name: f.name, raw: v });
  }
  return out;
}

function rate(run: () => number): number {
  let best = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    const n = run();
    best = Math.max(best, n / ((performance.now() - start) / 1000));
  }
  return best;
}

const ours = rate(() => packets.reduce((n, p) => n + decoder.decode(p.bytes).values.length, 0));
const peer = rate(() => packets.reduce((n, p) => n + peerDecode(p.bytes, p.header.apid).length, 0));
console.log(`load ctim_xtce_v1.xml (1.7 MB, 9493 parameters): ${loadMs.toFixed(0)} ms`);
console.log(`PacketDecoder: ${(ours / 1e6).toFixed(2)} M parameters/s`);
console.log(`fixed-offset peer: ${(peer / 1e6).toFixed(2)} M parameters/s`);
console.log(`ratio peer/ours: ${(peer / ours).toFixed(2)}`);
