import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSubject, isValidSubject, subjectMatches, subjectsOverlap } from './index.ts';

// An independent reading of the NATS rules: a pattern becomes a regular expression over tokens.
function oracleMatches(pattern: string, subject: string): boolean {
  const parts = pattern.split('.').map((t) => (t === '*' ? '[^.]+' : t === '>' ? '[^.]+(?:\\.[^.]+)*' : t.replace(/[-\\^$+?()|[\]{}]/g, '\\$&')));
  return new RegExp(`^${parts.join('\\.')}$`).test(subject);
}

const pattern = fc.array(fc.constantFrom('a', 'b', '*'), { minLength: 1, maxLength: 3 }).chain((tokens) =>
  fc.boolean().map((tail) => (tail ? [...tokens.slice(0, -1), '>'] : tokens).join('.')),
);
const subject = fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 4 }).map((t) => t.join('.'));

/** Every concrete subject of up to four tokens over a, b and c (c stands for "any other token"). */
function allSubjects(): string[] {
  let level = ['a', 'b', 'c'];
  const out = [...level];
  for (let n = 2; n <= 4; n++) {
    level = level.flatMap((s) => ['a', 'b', 'c'].map((t) => `${s}.${t}`));
    out.push(...level);
  }
  return out;
}

describe('subjects', () => {
  it('accepts tokens with wildcards only where NATS does', () => {
    expect(isValidSubject('tm.frame.S1', false)).toBe(true);
    expect(isValidSubject('tm.*.S1', false)).toBe(false);
    expect(isValidSubject('tm.*.S1', true)).toBe(true);
    expect(isValidSubject('tm.>', true)).toBe(true);
    expect(isValidSubject('tm.>.x', true)).toBe(false);
    expect(isValidSubject('tm..x', true)).toBe(false);
    expect(isValidSubject('tm.x ', true)).toBe(false);
    expect(isValidSubject('tm.a*b', true)).toBe(false);
    expect(isValidSubject('', true)).toBe(false);
    expect(() => {
      assertSubject('a.>', false);
    }).toThrow(/without wildcards, got "a.>"/);
  });

  it('matches like the regular-expression reading of the rules', () => {
    fc.assert(
      fc.property(pattern, subject, (p, s) => {
        expect(subjectMatches(p, s)).toBe(oracleMatches(p, s));
      }),
    );
    expect(subjectMatches('tm.>', 'tm')).toBe(false);
    expect(subjectMatches('tm.*', 'tm.a.b')).toBe(false);
  });

  it('finds two patterns overlapping exactly when some subject matches both', () => {
    const subjects = allSubjects();
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const witness = subjects.some((s) => oracleMatches(a, s) && oracleMatches(b, s));
        expect(subjectsOverlap(a, b)).toBe(witness);
      }),
      { numRuns: 500 },
    );
  });
});
