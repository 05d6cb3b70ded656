// Where the objects of a JSON element file and their keys are written, so that a problem in the
// third object's ECCENTRICITY can name its line; JSON.parse gives values but no positions.

export interface JsonObjectPlace {
  readonly line: number;
  readonly column: number;
  /** The line and column of each key of the object (its first occurrence). */
  readonly keys: Map<string, { readonly line: number; readonly column: number }>;
}

/**
 * The places of the objects that are the records of `text`: the elements of a top-level array, or
 * the top-level object itself. Assumes `text` is valid JSON (call after JSON.parse succeeded).
 */
export function jsonLocations(text: string): JsonObjectPlace[] {
  const places: JsonObjectPlace[] = [];
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  let recordDepth = 1; // becomes 2 when the top level is an array
  let current: JsonObjectPlace | undefined;
  let pendingKey: { text: string; line: number; column: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 34) {
      // a string: read to its closing quote, minding escapes
      const start = i;
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (current !== undefined && depth === recordDepth) {
        pendingKey = { text: JSON.parse(text.slice(start, j + 1)) as string, line, column: start - lineStart + 1 };
      }
      i = j;
    } else if (c === 58) {
      if (pendingKey !== undefined && current !== undefined && !current.keys.has(pendingKey.text)) {
        current.keys.set(pendingKey.text, { line: pendingKey.line, column: pendingKey.column });
      }
      pendingKey = undefined;
    } else if (c === 44) {
      pendingKey = undefined;
    } else if (c === 123 || c === 91) {
      if (depth === 0 && c === 91) recordDepth = 2;
      depth++;
      if (c === 123 && depth === recordDepth) {
        current = { line, column: i - lineStart + 1, keys: new Map() };
        places.push(current);
      }
    } else if (c === 125 || c === 93) {
      if (depth === recordDepth) current = undefined;
      depth--;
    }
  }
  return places;
}

class JsonFault extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}

/**
 * The offset of the first JSON syntax error in `text`, or -1 when there is none. Node's JSON.parse
 * says what is wrong but (in Node 20) not where; this walks the grammar of RFC 8259 to find it.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const space = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text.charAt(i))) i++;
  };
  const fail = (): never => {
    throw new JsonFault(i);
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') {
          i += 2;
        } else {
          i++;
          fail();
        }
      } else {
        i++;
      }
    }
  };
  const number = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null) fail();
    else i += m[0].length;
  };
  const value = (): void => {
    space();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      space();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text.charAt(i) !== '"') fail();
        string();
        space();
        if (text.charAt(i) !== ':') fail();
        i++;
        value();
        space();
        if (text.charAt(i) === ',') i++;
        else if (text.charAt(i) === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      space();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text.charAt(i) === ',') i++;
        else if (text.charAt(i) === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch (error) {
    if (error instanceof JsonFault) return error.offset;
    throw error;
  }
}
