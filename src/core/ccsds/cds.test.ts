import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cdsToTaiMs, cdsToUtcMs, decodeCds, decodeCdsPField, encodeCds } from './cds.ts';
import type { CdsFormat } from './cds.ts';
import { CCSDS_EPOCH, CCSDS_EPOCH_UTC, missionEpoch } from './timeCodeEpoch.ts';

interface CdsVectors {
  readonly vectors: {
    readonly t_field_hex: string;
    readonly days_since_1958: number;
    readonly ms_of_day: number;
    readonly us_of_ms: number;
    readonly utc: string;
  }[];
}
const { vectors } = JSON.parse(readFileSync(resolve('../shared/data/test-vectors/cds-time-jpss1.json'), 'utf8')) as CdsVectors;
const JPSS: CdsFormat = { dayOctets: 2, subMs: 'us' };

/** Microseconds since 1970 of `YYYY-MM-DDTHH:MM:SS.ffffffZ`, read without our time code. */
function isoToMicroseconds(text: string): number {
  const match = /^(.*\.\d{3})(\d{3})Z$/.exec(text);
  if (match === null) throw new Error(`not a microsecond time: ${text}`);
  return Date.parse(`${match[1]!}Z`) * 1000 + Number(match[2]);
}

describe('CDS time code (CCSDS 301.0-B-4 §3.3)', () => {
  it.each(vectors)('decodes the JPSS-1 T-field $t_field_hex as $utc', (vector) => {
    expect(vectors.length).toBe(4);
    const bytes = Uint8Array.from(Buffer.from(vector.t_field_hex, 'hex'));
    const decoded = decodeCds(bytes, 0, JPSS);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.time).toMatchObject({ day: vector.days_since_1958, msOfDay: vector.ms_of_day, subMs: vector.us_of_ms, length: 8, epochId: undefined });
    expect(Math.round(cdsToUtcMs(decoded.time, CCSDS_EPOCH_UTC) * 1000)).toBe(isoToMicroseconds(vector.utc));
    expect(Buffer.from(encodeCds(decoded.time, JPSS)).toString('hex').toUpperCase()).toBe(vector.t_field_hex);
  });

  it('reads the P-field (§3.3.2) and refuses other codes and the reserved resolution', () => {
    // 0 100 0 0 01: CDS, 1958 epoch, 16-bit day, microseconds.
    expect(decodeCdsPField(0x41)).toEqual({ format: { dayOctets: 2, subMs: 'us' }, epochId: 'ccsds' });
    // 0 100 1 1 10: agency epoch, 24-bit day, picoseconds.
    expect(decodeCdsPField(0x4e)).toEqual({ format: { dayOctets: 3, subMs: 'ps' }, epochId: 'agency' });
    expect(decodeCdsPField(0x43)).toBeNull(); // resolution '11' is reserved
    expect(decodeCdsPField(0x1c)).toBeNull(); // a CUC P-field
    const withP = Uint8Array.from([0x41, ...Buffer.from(vectors[0]!.t_field_hex, 'hex')]);
    const decoded = decodeCds(withP);
    expect(decoded.ok && decoded.time).toMatchObject({ day: 23109, msOfDay: 7, subMs: 137, length: 9, epochId: 'ccsds' });
    expect(Array.from(encodeCds({ day: 23109, msOfDay: 7, subMs: 137 }, JPSS, { pField: true }))).toEqual(Array.from(withP));
  });

  it('places a leap second on its own TAI instant (§3.3.1: ms of day up to 86 400 999)', () => {
    // 2016-12-31 is day 21549 after 1958-01-01 (4383 days to 1970, 17166 more to 2016-12-31).
    const decoded = decodeCds(encodeCds({ day: 21549, msOfDay: 86_400_500 }, { dayOctets: 2, subMs: 'none' }), 0, { dayOctets: 2, subMs: 'none' });
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    // TAI-UTC was 36 s during that day: 23:59:60.5 UTC = 2016-12-31T23:59:60.5 + 36 s on the TAI count.
    expect(cdsToTaiMs(decoded.time, CCSDS_EPOCH_UTC)).toBe(Date.UTC(2016, 11, 31, 23, 59, 59) + 1500 + 36_000);
    expect(cdsToUtcMs(decoded.time, CCSDS_EPOCH_UTC)).toBe(Date.UTC(2017, 0, 1));
  });

  it('counts days on the TAI scale for a TAI epoch and from a mission epoch', () => {
    const time = { day: 21550, msOfDay: 37_000, subMs: 0, format: { dayOctets: 2, subMs: 'none' } as const, msSinceEpoch: 0, epochId: undefined, length: 6 };
    // TAI 2017-01-01T00:00:37 is UTC 2017-01-01T00:00:00 (TAI-UTC = 37 s).
    expect(cdsToUtcMs(time, CCSDS_EPOCH)).toBe(Date.UTC(2017, 0, 1));
    const epoch2000 = missionEpoch('J2000 day count', { year: 2000, month: 1, day: 1 }, 'UTC');
    expect(cdsToUtcMs({ ...time, day: 366, msOfDay: 3_600_000 }, epoch2000)).toBe(Date.UTC(2001, 0, 1, 1));
  });

  it('reports fields out of range and short buffers instead of throwing', () => {
    const none: CdsFormat = { dayOctets: 2, subMs: 'none' };
    expect(decodeCds(Uint8Array.of(0, 1, 0x05, 0x26, 0x5f, 0xe8), 0, none)).toEqual({ ok: false, error: 'bad-field' }); // 86 401 000 ms
    expect(decodeCds(Uint8Array.of(0, 1, 0, 0, 0, 1, 0x03, 0xe8), 0, JPSS)).toEqual({ ok: false, error: 'bad-field' }); // 1000 µs
    expect(decodeCds(Uint8Array.of(0, 1, 0, 0, 0), 0, none)).toEqual({ ok: false, error: 'short-buffer' });
    expect(decodeCds(new Uint8Array(0))).toEqual({ ok: false, error: 'short-buffer' });
    expect(decodeCds(Uint8Array.of(0x1c, 0, 0, 0, 0, 0, 0))).toEqual({ ok: false, error: 'bad-p-field' });
    expect(() => encodeCds({ day: 65536, msOfDay: 0 }, none)).toThrow(RangeError);
    expect(() => encodeCds({ day: 1, msOfDay: 86_401_000 }, none)).toThrow(RangeError);
    expect(() => encodeCds({ day: 1, msOfDay: 0, subMs: 1 }, none)).toThrow(RangeError);
  });

  it('round-trips every format (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<2 | 3>(2, 3),
        fc.constantFrom<CdsFormat['subMs']>('none', 'us', 'ps'),
        fc.boolean(),
        fc.integer({ min: 0, max: 0xffffff }),
        fc.integer({ min: 0, max: 86_400_999 }),
        fc.integer({ min: 0, max: 999_999_999 }),
        (dayOctets, subMsKind, pField, dayRaw, msOfDay, subRaw) => {
          const format: CdsFormat = { dayOctets, subMs: subMsKind };
          const day = dayOctets === 2 ? dayRaw & 0xffff : dayRaw;
          const subMs = subMsKind === 'none' ? 0 : subMsKind === 'us' ? subRaw % 1000 : subRaw;
          const bytes = encodeCds({ day, msOfDay, subMs }, format, { pField });
          const decoded = pField ? decodeCds(bytes) : decodeCds(bytes, 0, format);
          expect(decoded.ok && decoded.time).toMatchObject({ day, msOfDay, subMs, format, length: bytes.length });
        },
      ),
      { seed: 301, numRuns: 500 },
    );
  });

  it('never throws on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), (bytes) => {
        const decoded = decodeCds(bytes);
        if (decoded.ok) expect(decoded.time.length).toBeLessThanOrEqual(bytes.length);
        else expect(['short-buffer', 'bad-p-field', 'bad-field']).toContain(decoded.error);
      }),
      { seed: 3013, numRuns: 500 },
    );
  });
});
