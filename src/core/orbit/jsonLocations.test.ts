import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, jsonLocations } from './jsonLocations.ts';

describe('jsonLocations', () => {
  it('finds the objects of a top-level array and their keys, skipping nested ones', () => {
    const text = '[\n  {"A": 1,\n   "B": {"A": 2}},\n  {"C": "x,\\"y:"}\n]';
    const places = jsonLocations(text);
    expect(places.map((p) => [p.line, p.column])).toEqual([
      [2, 3],
      [4, 3],
    ]);
    expect([...(places[0]?.keys ?? new Map())]).toEqual([
      ['A', { line: 2, column: 4 }],
      ['B', { line: 3, column: 4 }],
    ]);
    expect([...(places[1]?.keys.keys() ?? [])]).toEqual(['C']);
  });
  it('treats a top-level object as the one record', () => {
    expect(jsonLocations('{"A": [1, {"B": 2}]}').map((p) => [...p.keys.keys()])).toEqual([['A']]);
  });
});

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['[]', '{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"k": []}] ', '"x"']) {
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      expect(jsonErrorOffset(text), text).toBe(-1);
    }
  });
  it('points at the first character that breaks the grammar', () => {
    expect(jsonErrorOffset('[\n{"a": }\n]')).toBe(8);
    expect(jsonErrorOffset('[1, 2,]')).toBe(6);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[01]')).toBe(2);
    expect(jsonErrorOffset('[1] x')).toBe(4);
    expect(jsonErrorOffset('"abc')).toBe(4);
  });
});
