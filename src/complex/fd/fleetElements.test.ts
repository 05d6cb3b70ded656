// Which set is flown (re-epoched only when asked and too old, to midnight of the clock's day), and
// what an upload brings: fleet sets kept, problems with their line, foreign objects reported.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Propagator, formatTle, parseElements, reEpoch } from '../../core/orbit/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import { describeInForce, elementsInForce, MAX_FOREIGN_LISTED, readUpload } from './fleetElements.ts';

const DAY_MS = 86_400_000;
const fleetText = readFileSync('missions/demo/fleet.tle', 'utf8');
const fleetSets = parseElements(fleetText).elements;
const FLEET = [
  { name: 'ZEN-EO', catalogId: 60989 },
  { name: 'ZEN-CUBE', catalogId: 39161 },
  { name: 'ZEN-GEO', catalogId: 41238 },
];

function set(id: number): ElementSet {
  const es = fleetSets.find((e) => e.catalogId === id);
  if (es === undefined) throw new Error(`no set ${id}`);
  return es;
}

describe('elementsInForce', () => {
  const eo = set(60989);
  it('flies the published set when it is fresh enough or when re-epoching is off', () => {
    expect(elementsInForce('ZEN-EO', eo, eo.epochMs + 2.9 * DAY_MS, 3 * DAY_MS)).toEqual({ spacecraft: 'ZEN-EO', elements: eo, published: eo });
    expect(elementsInForce('ZEN-EO', eo, eo.epochMs + 200 * DAY_MS, undefined).elements).toBe(eo);
  });

  it('brings an old set to midnight UTC of the clock day, the same set all that day', () => {
    const now = Date.parse('2026-11-25T17:45:12.345Z');
    const a = elementsInForce('ZEN-EO', eo, now, 3 * DAY_MS);
    const b = elementsInForce('ZEN-EO', eo, Date.parse('2026-11-25T23:59:59Z'), 3 * DAY_MS);
    const expected = reEpoch(eo, Date.parse('2026-11-25T00:00:00Z'));
    if (!expected.ok) throw expected.error;
    expect(a.elements).toEqual(expected.elements);
    expect(b.elements).toEqual(a.elements);
    expect(a.reEpoch).toEqual({ method: 'mean-elements', fromEpochMs: eo.epochMs, toEpochMs: Date.parse('2026-11-25T00:00:00Z') });
    expect(describeInForce(a)).toMatch(/ZEN-EO: elements of 2026-06-10T11:01:19\.652Z are 168 days .* re-epoched to 2026-11-25T00:00:00\.000Z/);
    // A set epoch far in the future of the clock is as stale.
    expect(elementsInForce('ZEN-EO', eo, eo.epochMs - 10 * DAY_MS, 3 * DAY_MS).reEpoch?.toEpochMs).toBeLessThan(eo.epochMs);
  });

  it('keeps the GEO in its slot and flies a set that decays before the clock as published, saying why', () => {
    expect(elementsInForce('ZEN-GEO', set(41238), Date.parse('2026-11-25T12:00:00Z'), 3 * DAY_MS).reEpoch?.method).toBe('longitude-slot');
    // A made-up heavy drag: SGP4 gives up on the set within a few years.
    const falling = { ...eo, bstar: 0.01 };
    const propagator = Propagator.fromElements(falling);
    // The first midnight at which SGP4 fails: re-epoching to it fails too.
    let t = Math.ceil(falling.epochMs / DAY_MS) * DAY_MS;
    while (propagator.propagateAt(t).ok) t += DAY_MS;
    const r = elementsInForce('X', falling, t, 3 * DAY_MS);
    expect(r.elements).toBe(falling);
    expect(r.problem?.code).toMatch(/^SGP4_/);
    expect(describeInForce(r)).toMatch(/could not be re-epoched/);
  });
});

describe('readUpload', () => {
  it('keeps fleet sets and reports bad records with line and column, and foreign objects with their line', () => {
    const cube = set(39161);
    const fresh = reEpoch(cube, cube.epochMs + 10 * DAY_MS);
    if (!fresh.ok) throw fresh.error;
    const [l1, l2] = formatTle(fresh.elements);
    const [g1, g2] = formatTle(set(41238));
    const broken = `${g2.slice(0, 68)}${String((Number(g2.slice(68)) + 1) % 10)}`;
    const text = ['ZEN-CUBE NEW', l1, l2, 'SOMETHING ELSE', '1 25544U 98067A   22196.51021208  .00006684  00000-0  12517-3 0  9992', '2 25544  51.6398 196.3106 0004941  13.7716  97.3744 15.49958191349577', 'GEO AGAIN', g1, broken].join('\n');
    const r = readUpload(text, FLEET, 'up.tle');
    expect(r.sets.map((e) => [e.catalogId, e.epochMs])).toEqual([[39161, fresh.elements.epochMs]]);
    const codes = r.problems.map((p) => [p.code, p.context.line]);
    expect(codes).toContainEqual(['ELEMENTS_NOT_IN_FLEET', 4]);
    expect(codes).toHaveLength(2);
    const checksum = r.problems.find((p) => p.code === 'TLE_CHECKSUM');
    expect(checksum?.context.line).toBe(9);
    expect(checksum?.context.file).toBe('up.tle');
    expect(checksum?.context.column).toBeTypeOf('number');
    expect(r.problems.find((p) => p.code === 'ELEMENTS_NOT_IN_FLEET')?.message).toMatch(/expected an object of the fleet, 60989 \(ZEN-EO\), 39161 \(ZEN-CUBE\), 41238 \(ZEN-GEO\); found 25544/);
  });

  it('lists at most MAX_FOREIGN_LISTED foreign objects, then counts the rest', () => {
    const geo = readFileSync(resolve('../shared/data/tle/celestrak-geo-2026-05/geo.tle'), 'utf8');
    const r = readUpload(geo, FLEET, 'geo.tle');
    expect(r.sets.map((e) => e.catalogId)).toEqual([41238]);
    expect(r.problems).toHaveLength(MAX_FOREIGN_LISTED + 1);
    expect(r.problems.at(-1)?.message).toMatch(/^and 553 more element sets of objects outside the fleet/);
    expect(readUpload('', FLEET, 'x').problems[0]?.code).toBe('ELEMENTS_EMPTY');
  });
});
