// batchFromElements: the constants of the records Propagator uses (elementSetToSatrec), bit for bit,
// though near-earth records are initialised once; and a bad element set is refused.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elementSetToSatrec, parseElements } from '../index.ts';
import { batchFromElements } from './batchFromElements.ts';
import { createSgp4Batch, KIND_DEEP_SPACE } from './Sgp4Batch.ts';

const CATALOG = resolve('../shared/data/tle/spacetrack-full-catalog-2022-07/3le.txt');

describe('batchFromElements', () => {
  it('holds the same bytes as a batch of elementSetToSatrec records', () => {
    const elements = parseElements(readFileSync(CATALOG, 'utf8'), { file: CATALOG }).elements.filter((_, i) => i % 10 === 0);
    const fast = batchFromElements(elements);
    const reference = createSgp4Batch(
      elements.map((es) => elementSetToSatrec(es)),
      elements.map((es) => es.epochMs),
      elements.map((es) => es.catalogId),
    );
    expect(fast.kind.filter((k) => k === KIND_DEEP_SPACE).length).toBeGreaterThan(100);
    // Equal as numbers (the interpolation of elementSetToSatrec turns a few -0 into 0).
    let unequal = 0;
    fast.constants.forEach((x, k) => {
      if (x !== reference.constants[k]) unequal++;
    });
    expect(unequal).toBe(0);
    expect([...fast.kind]).toEqual([...reference.kind]);
    expect([...fast.irez]).toEqual([...reference.irez]);
    expect([...fast.epochMs]).toEqual(elements.map((es) => es.epochMs));
    expect([...fast.catalogIds]).toEqual(elements.map((es) => es.catalogId));
  });

  it('refuses an element set with a non-finite field, as elementSetToSatrec does', () => {
    const [es] = parseElements(readFileSync(CATALOG, 'utf8').split('\n').slice(0, 3).join('\n')).elements;
    expect(() => batchFromElements([{ ...es!, bstar: NaN }])).toThrow(RangeError);
  });
});
