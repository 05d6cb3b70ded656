import { describe, expect, it } from 'vitest';
import { plotCsv, tableCsv } from './plotCsv.ts';

describe('plotCsv', () => {
  it('writes one row per instant in the window with a column per series, blanks for gaps, CRLF ends', () => {
    const csv = plotCsv(['/SC/A', 'B,"x"'], [100, 200, 300, 400], [[1, null, 3, 4], [null, null, 7.5, 8]], 150, 350);
    expect(csv).toBe('time,/SC/A,"B,""x"""\r\n1970-01-01T00:05:00.000Z,3,7.5\r\n');
  });
});

describe('tableCsv', () => {
  it('quotes what needs quoting and leaves empty cells for missing values', () => {
    expect(tableCsv(['time', 'message'], [['2026-11-25T21:00:00.000Z', 'LOS of "ZEN-EO", at MINSK'], [null, 3]])).toBe(
      'time,message\r\n2026-11-25T21:00:00.000Z,"LOS of ""ZEN-EO"", at MINSK"\r\n,3\r\n',
    );
  });
});
