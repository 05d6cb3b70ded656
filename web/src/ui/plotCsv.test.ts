import { describe, expect, it } from 'vitest';
import { plotCsv } from './plotCsv.ts';

describe('plotCsv', () => {
  it('writes one row per instant in the window with a column per series, blanks for gaps, CRLF ends', () => {
    const csv = plotCsv(['/SC/A', 'B,"x"'], [100, 200, 300, 400], [[1, null, 3, 4], [null, null, 7.5, 8]], 150, 350);
    expect(csv).toBe('time,/SC/A,"B,""x"""\r\n1970-01-01T00:05:00.000Z,3,7.5\r\n');
  });
});
