import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cucToTaiMs, cucToUtcMs, decodeCuc, decodeCucPField, encodeCuc, encodeCucFields } from './cuc.ts';
import type { CucFormat } from './cuc.ts';
import { CCSDS_EPOCH, missionEpoch } from './timeCodeEpoch.ts';

describe('CUC time code (CCSDS 301.0-B-4 §3.2)', () => {
  it('reads a P-field and T-field worked out by hand', () => {
    // P-field 0x1E = 0 001 11 10: level 1 (1958 TAI), 4 coarse octets, 2 fine octets.
    const decoded = decodeCuc(Uint8Array.of(0x1e, 0x00, 0x00, 0x00, 0x0a, 0x80, 0x00));
    expect(decoded).toEqual({
      ok: true,
      time: { coarse: 10, fine: 0x8000, format: { coarseOctets: 4, fineOctets: 2 }, seconds: 10.5, epochId: 'tai1958', length: 7 },
    });
  });

  it('reads the P-field extension octet (§3.2.2: up to 7 coarse and 10 fine octets)', () => {
    // 1 010 11 11 | 0 10 101 00: agency epoch, 4+2 coarse, 3+5 fine.
    expect(decodeCucPField(Uint8Array.of(0xaf, 0x54))).toEqual({ format: { coarseOctets: 6, fineOctets: 8 }, epochId: 'agency', length: 2 });
    expect(decodeCucPField(Uint8Array.of(0xaf, 0xd4))).toBeNull(); // a second extension is reserved
    expect(decodeCucPField(Uint8Array.of(0x4c))).toBeNull(); // time code ID 100 is CDS
    expect(decodeCucPField(Uint8Array.of(0x9c))).toBeNull(); // extension octet missing
  });

  it('converts TAI seconds since 1958 to UTC across the 2016-12-31 leap second', () => {
    // 1958-01-01 to 2017-01-01 is 21 550 days; TAI-UTC was 37 s after the leap second.
    const utc2017 = 21_550 * 86_400 + 37;
    const at = (coarse: number) => {
      const d = decodeCuc(encodeCucFields(coarse, 0, { coarseOctets: 4, fineOctets: 0 }), 0, { coarseOctets: 4, fineOctets: 0 });
      if (!d.ok) throw new Error(d.error);
      return d.time;
    };
    expect(cucToUtcMs(at(utc2017), CCSDS_EPOCH)).toBe(Date.UTC(2017, 0, 1));
    expect(cucToUtcMs(at(utc2017 - 2), CCSDS_EPOCH)).toBe(Date.UTC(2016, 11, 31, 23, 59, 59));
    // utc2017 - 1 is 23:59:60: as a UTC count it stays at the first instant after the leap second.
    expect(cucToUtcMs(at(utc2017 - 1), CCSDS_EPOCH)).toBe(Date.UTC(2017, 0, 1));
    expect(cucToTaiMs(at(utc2017 - 1), CCSDS_EPOCH) - cucToTaiMs(at(utc2017 - 2), CCSDS_EPOCH)).toBe(1000);
  });

  it('counts from a mission epoch: GPS seconds 1 167 264 018 are 2017-01-01T00:00:00Z', () => {
    // GPS time runs from 1980-01-06T00:00:00 UTC in SI seconds; GPS-UTC was 18 s in 2017.
    const gps = missionEpoch('GPS', { year: 1980, month: 1, day: 6 }, 'UTC');
    const d = decodeCuc(encodeCuc(1_167_264_018.25, { coarseOctets: 4, fineOctets: 2 }, { pField: true, epochId: 'agency' }));
    expect(d.ok && d.time.epochId).toBe('agency');
    if (!d.ok) return;
    expect(cucToUtcMs(d.time, gps)).toBe(Date.UTC(2017, 0, 1) + 250);
    expect(() => missionEpoch('bad', { year: 2021, month: 2, day: 30 })).toThrow(RangeError);
  });

  it('rounds a fraction to the fine resolution and carries into the seconds', () => {
    expect(Array.from(encodeCuc(1.9999999, { coarseOctets: 1, fineOctets: 1 }))).toEqual([2, 0]);
    expect(Array.from(encodeCuc(1.5, { coarseOctets: 1, fineOctets: 1 }))).toEqual([1, 0x80]);
    expect(() => encodeCuc(256, { coarseOctets: 1, fineOctets: 0 })).toThrow(RangeError);
    expect(() => encodeCuc(-1, { coarseOctets: 1, fineOctets: 0 })).toThrow(RangeError);
    expect(() => encodeCuc(Number.NaN, { coarseOctets: 1, fineOctets: 0 })).toThrow(RangeError);
    expect(() => encodeCucFields(0, 0, { coarseOctets: 8, fineOctets: 0 })).toThrow(RangeError);
  });

  it('reports short buffers and foreign P-fields instead of throwing', () => {
    expect(decodeCuc(Uint8Array.of(0x1e, 0, 0))).toEqual({ ok: false, error: 'short-buffer' });
    expect(decodeCuc(Uint8Array.of(0x40, 0, 0))).toEqual({ ok: false, error: 'bad-p-field' });
    expect(decodeCuc(new Uint8Array(0))).toEqual({ ok: false, error: 'short-buffer' });
    expect(decodeCuc(Uint8Array.of(1, 2), 0, { coarseOctets: 4, fineOctets: 0 })).toEqual({ ok: false, error: 'short-buffer' });
  });

  it('round-trips every format with and without a P-field (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        fc.constantFrom<'tai1958' | 'agency'>('tai1958', 'agency'),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (coarseOctets, fineOctets, pField, epochId, a, b) => {
          const format: CucFormat = { coarseOctets, fineOctets };
          const coarse = Math.floor(a * 256 ** coarseOctets);
          const fine = Math.floor(b * 256 ** fineOctets);
          const bytes = encodeCucFields(coarse, fine, format, { pField, epochId });
          const decoded = pField ? decodeCuc(bytes) : decodeCuc(bytes, 0, format);
          expect(decoded.ok).toBe(true);
          if (!decoded.ok) return;
          expect(decoded.time).toMatchObject({ coarse, fine, format, length: bytes.length, epochId: pField ? epochId : undefined });
          expect(decoded.time.seconds).toBeCloseTo(coarse + fine / 256 ** fineOctets, 3);
        },
      ),
      { seed: 3012, numRuns: 500 },
    );
  });

  it('never throws on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), (bytes) => {
        const decoded = decodeCuc(bytes);
        if (decoded.ok) expect(decoded.time.length).toBeLessThanOrEqual(bytes.length);
        else expect(['short-buffer', 'bad-p-field', 'bad-field']).toContain(decoded.error);
      }),
      { seed: 3013, numRuns: 500 },
    );
  });
});
