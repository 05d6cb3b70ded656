import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SequenceCounter } from './SequenceCounter.ts';
import { splitSpacePackets } from './SpacePacketSplitter.ts';

describe('SequenceCounter (CCSDS 133.0-B-2 §4.1.3.4.3, 14-bit count)', () => {
  it('treats 16383 -> 0 as continuity, not a gap', () => {
    const counter = new SequenceCounter();
    expect(counter.update(5, 16382).status).toBe('first');
    expect(counter.update(5, 16383)).toEqual({ status: 'ok', missing: 0 });
    expect(counter.update(5, 0)).toEqual({ status: 'ok', missing: 0 });
    expect(counter.gaps).toBe(0);
  });

  it('counts the packets lost across the wrap', () => {
    const counter = new SequenceCounter();
    counter.update(5, 16380);
    // 16381, 16382, 16383, 0, 1 are missing.
    expect(counter.update(5, 2)).toEqual({ status: 'gap', missing: 5 });
    expect(counter.update(5, 2)).toEqual({ status: 'repeat', missing: 0 });
    expect(counter.stats()).toEqual([{ apid: 5, packets: 3, gaps: 1, missing: 5, repeats: 1, lastCount: 2 }]);
  });

  it('keeps APIDs apart and ignores idle packets', () => {
    const counter = new SequenceCounter();
    counter.check({ apid: 1, sequenceCount: 10 });
    counter.check({ apid: 2, sequenceCount: 500 });
    expect(counter.check({ apid: 0x7ff, sequenceCount: 9 }).status).toBe('idle');
    expect(counter.check({ apid: 0x7ff, sequenceCount: 3 }).status).toBe('idle');
    expect(counter.check({ apid: 1, sequenceCount: 11 }).status).toBe('ok');
    expect(counter.check({ apid: 2, sequenceCount: 502 })).toEqual({ status: 'gap', missing: 1 });
    expect(counter.expected(2)).toBe(503);
    expect(counter.expected(3)).toBeNull();
    expect(counter.idle).toBe(2);
    counter.reset(2);
    expect(counter.check({ apid: 2, sequenceCount: 0 }).status).toBe('first');
  });

  it('rejects counts and APIDs outside their fields', () => {
    const counter = new SequenceCounter();
    expect(() => counter.update(1, 16384)).toThrow(RangeError);
    expect(() => counter.update(2048, 0)).toThrow(RangeError);
  });

  it('finds in the CTIM capture exactly the gaps an independent per-APID walk finds', () => {
    const { packets } = splitSpacePackets(new Uint8Array(readFileSync(resolve('../shared/data/ccsds-packets/ctim/ccsds_2021_155_14_39_51'))));
    const counter = new SequenceCounter();
    for (const p of packets) counter.check(p.header);
    // Independent count: consecutive counts per APID that do not differ by one modulo 2^14.
    const last = new Map<number, number>();
    let gaps = 0;
    let missing = 0;
    for (const p of packets) {
      const prev = last.get(p.header.apid);
      if (prev !== undefined && p.header.sequenceCount !== prev && (prev + 1) % 16384 !== p.header.sequenceCount) {
        gaps++;
        missing += (((p.header.sequenceCount - prev - 1) % 16384) + 16384) % 16384;
      }
      last.set(p.header.apid, p.header.sequenceCount);
    }
    expect(counter.packets).toBe(1499);
    expect(counter.gaps).toBe(gaps);
    expect(counter.missing).toBe(missing);
  });
});
