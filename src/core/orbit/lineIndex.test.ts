import { describe, expect, it } from 'vitest';
import { lineIndex } from './lineIndex.ts';

describe('lineIndex', () => {
  it('maps offsets to lines and columns across LF, CRLF and CR', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const at = lineIndex(text);
    expect(at(0)).toEqual({ line: 1, column: 1 });
    expect(at(text.indexOf('d'))).toEqual({ line: 2, column: 2 });
    expect(at(text.indexOf('e'))).toEqual({ line: 3, column: 1 });
    expect(at(text.indexOf('h'))).toEqual({ line: 4, column: 2 });
  });
});
