// The parameter tree and name lookups, with and without per-spacecraft prefixes.
import { describe, expect, it } from 'vitest';
import { apiTestMdb } from './apiTestKit.ts';
import { parameterTree, resolveParameter } from './mdbViews.ts';

const mdb = apiTestMdb();

describe('parameterTree', () => {
  it('is the database`s tree when values are not stored per spacecraft', () => {
    expect(parameterTree({ mdb }).spaceSystems.map((s) => s.qualifiedName)).toEqual(['/dt', '/PUS', '/PUS17', '/ZEN-EO']);
  });

  it('has one branch per spacecraft prefix, every name under it prefixed', () => {
    const tree = parameterTree({ mdb, parameterPrefixes: ['/SAT-A', '/SAT-B'] });
    expect(tree.spaceSystems.map((s) => [s.name, s.qualifiedName, s.parameters.length])).toEqual([
      ['SAT-A', '/SAT-A', 0],
      ['SAT-B', '/SAT-B', 0],
    ]);
    const eps = tree.spaceSystems[1]!.spaceSystems.find((s) => s.name === 'ZEN-EO')!.spaceSystems.find((s) => s.name === 'EPS')!;
    expect(eps.qualifiedName).toBe('/SAT-B/ZEN-EO/EPS');
    expect(eps.parameters.map((p) => p.qualifiedName)).toEqual(['/SAT-B/ZEN-EO/EPS/BATT_V', '/SAT-B/ZEN-EO/EPS/BUS_V']);
  });
});

describe('resolveParameter', () => {
  it('takes qualified and unique short names without prefixes', () => {
    expect(resolveParameter({ mdb }, '/ZEN-EO/EPS/BATT_V', 'name').qualifiedName).toBe('/ZEN-EO/EPS/BATT_V');
    expect(resolveParameter({ mdb }, 'BATT_V', 'name').qualifiedName).toBe('/ZEN-EO/EPS/BATT_V');
  });

  it('takes a prefix followed by a qualified or short name, and gives the stored name', () => {
    const space = { mdb, parameterPrefixes: ['/SAT-A', '/SAT-B'] };
    const r = resolveParameter(space, '/SAT-B/ZEN-EO/EPS/BATT_V', 'name');
    expect(r.qualifiedName).toBe('/SAT-B/ZEN-EO/EPS/BATT_V');
    expect(r.parameter.qualifiedName).toBe('/ZEN-EO/EPS/BATT_V');
    expect(resolveParameter(space, '/SAT-A/BATT_V', 'name').qualifiedName).toBe('/SAT-A/ZEN-EO/EPS/BATT_V');
  });

  it('refuses a name without a known prefix, naming the prefixes and the field', () => {
    const space = { mdb, parameterPrefixes: ['/SAT-A'] };
    for (const name of ['/ZEN-EO/EPS/BATT_V', 'BATT_V', '/SAT-C/ZEN-EO/EPS/BATT_V', '/SAT-A/NOPE', '/SAT-A']) {
      let thrown: unknown;
      try {
        resolveParameter(space, name, 'names');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'UNKNOWN_PARAMETER', statusCode: 404, context: { field: 'names' } });
      expect((thrown as Error).message).toContain('under a spacecraft (/SAT-A/...)');
    }
  });
});
