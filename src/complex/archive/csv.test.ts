import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from './index.ts';

/** A reader written from RFC 4180's grammar, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++] ?? '';
      }
    } else while (i < text.length && text[i] !== ',' && text[i] !== '\r') field += text[i++] ?? '';
    fields.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(fields);
      fields = [];
      i += 2;
    }
  }
  return records;
}

describe('CSV', () => {
  it('quotes only the fields RFC 4180 requires, doubling quotes', () => {
    expect(csvField('7.25')).toBe('7.25');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('')).toBe('');
    expect(csvRecord(['x', 'y'])).toBe('x,y\r\n');
  });
  it('reads back as written through an independent reader', () => {
    const rows = [
      ['time', 'parameter', 'eng'],
      ['2026-01-01T00:00:00.000Z', '/SAT/MODE', 'SAFE, "hold"'],
      ['', 'x\r\ny', '"'],
    ];
    expect(parseCsv(rows.map(csvRecord).join(''))).toEqual(rows);
  });
});
