// The contact planner on worked examples (one rule each) and, with fast-check, on random passes:
// no station ever serves two spacecraft at once, every contact lies inside a real pass, a pass is
// never cut for a lower-priority one, and no station idles for a whole minimum contact during a pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freePieces } from './intervals.ts';
import type { Interval } from './intervals.ts';
import { planContacts } from './planContacts.ts';
import type { PlannedContact, PlanningPass, PlanningRules, PlanningSpacecraft } from './planContacts.ts';

const MIN = 60_000;
const DEG = Math.PI / 180;

function pass(station: string, spacecraft: string, aosMin: number, losMin: number, maxElevationDeg = 30): PlanningPass {
  return { station, spacecraft, aosMs: aosMin * MIN, losMs: losMin * MIN, maxElevationRad: maxElevationDeg * DEG };
}

const FLEET: PlanningSpacecraft[] = [
  { name: 'EO', priority: 1 },
  { name: 'GEO', priority: 2, background: true },
  { name: 'CUBE', priority: 3 },
];
const RULES: PlanningRules = { minContactMs: 2 * MIN };

/** Contacts as [station, spacecraft, startMin, endMin]. */
function plain(contacts: readonly PlannedContact[]): [string, string, number, number][] {
  return contacts.map((c) => [c.station, c.spacecraft, c.startMs / MIN, c.endMs / MIN]);
}

describe('planContacts by rule', () => {
  it('gives a higher-priority pass the station; the lower one keeps what does not conflict', () => {
    const plan = planContacts([pass('A', 'CUBE', 0, 20), pass('A', 'EO', 5, 15)], FLEET, RULES);
    expect(plain(plan.contacts)).toEqual([
      ['A', 'CUBE', 0, 5],
      ['A', 'EO', 5, 15],
      ['A', 'CUBE', 15, 20],
    ]);
    expect(plan.contacts.filter((c) => c.spacecraft === 'CUBE').every((c) => c.cut)).toBe(true);
    expect(plan.contacts.find((c) => c.spacecraft === 'EO')?.cut).toBe(false);
    expect(plan.dropped).toEqual([]);
  });

  it('drops what is left of a pass when it is shorter than the minimum, and says why', () => {
    const cubeShort = pass('A', 'CUBE', 0, 11);
    const cubeTaken = pass('A', 'CUBE', 30, 38);
    const plan = planContacts([cubeShort, pass('A', 'EO', 1, 10), cubeTaken, pass('A', 'EO', 29, 40)], FLEET, RULES);
    expect(plain(plan.contacts)).toEqual([
      ['A', 'EO', 1, 10],
      ['A', 'EO', 29, 40],
    ]);
    expect(plan.dropped).toEqual([
      { pass: cubeShort, reason: 'too-short' },
      { pass: cubeTaken, reason: 'taken' },
    ]);
  });

  it('breaks a tie between equal priorities by the higher maximum elevation', () => {
    const fleet: PlanningSpacecraft[] = [
      { name: 'X', priority: 2 },
      { name: 'Y', priority: 2 },
    ];
    const plan = planContacts([pass('A', 'X', 0, 10, 20), pass('A', 'Y', 5, 15, 60)], fleet, RULES);
    expect(plain(plan.contacts)).toEqual([
      ['A', 'X', 0, 5],
      ['A', 'Y', 5, 15],
    ]);
  });

  it('gives an always-visible background spacecraft only the time nobody else needs, whatever its priority', () => {
    const plan = planContacts([pass('A', 'GEO', 0, 1440), pass('A', 'CUBE', 100, 110), pass('A', 'EO', 500, 501)], FLEET, RULES);
    expect(plain(plan.contacts)).toEqual([
      ['A', 'GEO', 0, 100],
      ['A', 'CUBE', 100, 110],
      // EO's one-minute pass is too short: the station stays with GEO.
      ['A', 'GEO', 110, 1440],
    ]);
    expect(plan.contacts.filter((c) => c.spacecraft === 'GEO').every((c) => c.background)).toBe(true);
  });

  it('keeps a dedicated station for its spacecraft, which is then no background there', () => {
    const plan = planContacts([pass('A', 'GEO', 0, 1440), pass('A', 'EO', 100, 110), pass('B', 'GEO', 0, 1440), pass('B', 'EO', 100, 110)], FLEET, {
      ...RULES,
      dedicatedStations: { A: 'GEO' },
    });
    // GEO has A all day, so it needs B at no time.
    expect(plain(plan.contacts)).toEqual([
      ['A', 'GEO', 0, 1440],
      ['B', 'EO', 100, 110],
    ]);
    expect(plan.contacts[0]?.background).toBe(false);
    expect(plan.dropped.map((d) => [d.pass.station, d.pass.spacecraft, d.reason])).toEqual([
      ['A', 'EO', 'dedicated'],
      ['B', 'GEO', 'elsewhere'],
    ]);
  });

  it('gives a spacecraft one station at a time, handing over where its passes overlap', () => {
    const passes = [pass('A', 'EO', 0, 20, 80), pass('B', 'EO', 10, 30, 20), pass('B', 'CUBE', 0, 30, 50)];
    expect(plain(planContacts(passes, FLEET, RULES).contacts)).toEqual([
      ['A', 'EO', 0, 20],
      ['B', 'CUBE', 0, 20],
      ['B', 'EO', 20, 30],
    ]);
    // Redundant reception when asked for: EO holds both stations from 10 to 20.
    expect(plain(planContacts(passes, FLEET, { ...RULES, oneStationAtATime: false }).contacts)).toEqual([
      ['A', 'EO', 0, 20],
      ['B', 'CUBE', 0, 10],
      ['B', 'EO', 10, 30],
    ]);
  });

  it('plans stations independently and lists passes of spacecraft it does not know', () => {
    const stranger = pass('B', 'OTHER', 0, 10);
    const plan = planContacts([pass('A', 'CUBE', 0, 10), pass('B', 'EO', 0, 10), stranger], FLEET, RULES);
    expect(plain(plan.contacts)).toEqual([
      ['A', 'CUBE', 0, 10],
      ['B', 'EO', 0, 10],
    ]);
    expect(plan.dropped).toEqual([{ pass: stranger, reason: 'unknown-spacecraft' }]);
  });

  it('refuses rules and passes that are not numbers', () => {
    expect(() => planContacts([], FLEET, { minContactMs: Number.NaN })).toThrow(RangeError);
    expect(() => planContacts([], FLEET, { minContactMs: -1 })).toThrow(RangeError);
    expect(() => planContacts([{ ...pass('A', 'EO', 0, 1), losMs: Number.NaN }], FLEET, RULES)).toThrow(RangeError);
    expect(() => planContacts([], [{ name: 'X', priority: Number.NaN }], RULES)).toThrow(RangeError);
  });
});

describe('freePieces', () => {
  it('takes busy intervals out of a window', () => {
    const busy = [
      { startMs: 0, endMs: 5 },
      { startMs: 8, endMs: 9 },
      { startMs: 12, endMs: 30 },
    ];
    expect(freePieces({ startMs: 2, endMs: 20 }, busy)).toEqual([
      { startMs: 5, endMs: 8 },
      { startMs: 9, endMs: 12 },
    ]);
    expect(freePieces({ startMs: 30, endMs: 40 }, busy)).toEqual([{ startMs: 30, endMs: 40 }]);
    expect(freePieces({ startMs: 13, endMs: 14 }, busy)).toEqual([]);
  });
});

// ---- properties ------------------------------------------------------------------------------

const STATIONS = ['A', 'B', 'C'];
const NAMES = ['S1', 'S2', 'S3', 'S4', 'S5'];

const fleetArb = fc.tuple(
  fc.array(fc.integer({ min: 1, max: 4 }), { minLength: NAMES.length, maxLength: NAMES.length }),
  fc.array(fc.boolean(), { minLength: NAMES.length, maxLength: NAMES.length }),
).map(([priorities, background]) =>
  NAMES.map((name, i): PlanningSpacecraft => ({ name, priority: priorities[i] ?? 1, background: (background[i] ?? false) && i % 2 === 0 })),
);

const passArb = fc
  .record({
    station: fc.constantFrom(...STATIONS),
    spacecraft: fc.constantFrom(...NAMES),
    aosMin: fc.integer({ min: 0, max: 600 }),
    lengthMin: fc.integer({ min: 0, max: 120 }),
    // Few distinct elevations, so that ties happen.
    elevationDeg: fc.constantFrom(5, 20, 45, 80),
  })
  .map((p) => pass(p.station, p.spacecraft, p.aosMin, p.aosMin + p.lengthMin, p.elevationDeg));

const caseArb = fc.record({
  fleet: fleetArb,
  passes: fc.array(passArb, { maxLength: 40 }),
  minContactMin: fc.integer({ min: 0, max: 15 }),
  dedicated: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
  oneStation: fc.boolean(),
});

function rulesOf(c: { minContactMin: number; dedicated: string | undefined; oneStation: boolean }): PlanningRules {
  return {
    minContactMs: c.minContactMin * MIN,
    oneStationAtATime: c.oneStation,
    ...(c.dedicated === undefined ? {} : { dedicatedStations: { C: c.dedicated } }),
  };
}

/** Contacts of the spacecraft of `p` at stations other than p's (what one-station-at-a-time keeps p from). */
function elsewhere(c: { oneStation: boolean }, contacts: readonly PlannedContact[], p: PlanningPass): Interval[] {
  return c.oneStation ? contacts.filter((x) => x.spacecraft === p.spacecraft && x.station !== p.station).map(span) : [];
}

function union(intervals: readonly Interval[]): Interval[] {
  return [...intervals].sort((a, b) => a.startMs - b.startMs);
}

/** `window` minus the intervals (any order, may overlap). */
function minus(window: Interval, intervals: readonly Interval[]): Interval[] {
  let pieces = freePieces(window, []);
  for (const cut of union(intervals)) pieces = pieces.flatMap((p) => freePieces(p, [cut]));
  return pieces;
}

const window = (p: PlanningPass): Interval => ({ startMs: p.aosMs, endMs: p.losMs });
const span = (c: PlannedContact): Interval => ({ startMs: c.startMs, endMs: c.endMs });

describe('planContacts properties', () => {
  it('never gives a station to two spacecraft at once (nor a spacecraft two stations, when asked), and keeps every contact inside a real pass of its own', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const plan = planContacts(c.passes, c.fleet, rulesOf(c));
        for (const station of STATIONS) {
          const at = plan.contacts.filter((x) => x.station === station);
          for (let i = 1; i < at.length; i++) expect(at[i]?.startMs).toBeGreaterThanOrEqual(at[i - 1]?.endMs ?? 0);
        }
        for (const x of plan.contacts) {
          expect(c.passes).toContain(x.pass);
          expect([x.pass.station, x.pass.spacecraft]).toEqual([x.station, x.spacecraft]);
          expect(x.startMs).toBeGreaterThanOrEqual(x.pass.aosMs);
          expect(x.endMs).toBeLessThanOrEqual(x.pass.losMs);
          expect(x.endMs - x.startMs).toBeGreaterThanOrEqual(c.minContactMin * MIN);
          expect(x.endMs).toBeGreaterThan(x.startMs);
        }
        if (c.oneStation) {
          for (const name of NAMES) {
            const held = plan.contacts.filter((x) => x.spacecraft === name);
            for (let i = 1; i < held.length; i++) expect(held[i]?.startMs).toBeGreaterThanOrEqual(held[i - 1]?.endMs ?? 0);
          }
        }
        // Each pass is either planned or dropped, once.
        const planned = new Set(plan.contacts.map((x) => x.pass));
        expect(plan.dropped.filter((d) => planned.has(d.pass))).toEqual([]);
        expect(planned.size + plan.dropped.length).toBe(c.passes.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never cuts a pass for a lower-priority one: what it lacks is held by higher or equal priority, or too short', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const plan = planContacts(c.passes, c.fleet, rulesOf(c));
        const minMs = c.minContactMin * MIN;
        const priority = new Map(c.fleet.map((s) => [s.name, s.priority]));
        const background = new Set(c.fleet.filter((s) => s.background === true).map((s) => s.name));
        for (const p of c.passes) {
          if (background.has(p.spacecraft) || p.station === 'C') continue;
          const rank = priority.get(p.spacecraft) ?? 0;
          // Contacts at the station that may take time from p: foreground, priority at least p's.
          const stronger = plan.contacts.filter(
            (x) => x.station === p.station && x.pass !== p && !x.background && (priority.get(x.spacecraft) ?? 0) <= rank,
          );
          const own = plan.contacts.filter((x) => x.pass === p).map(span);
          for (const piece of minus(window(p), [...stronger.map(span), ...elsewhere(c, plan.contacts, p)])) {
            if (piece.endMs - piece.startMs < minMs) continue;
            expect(minus(piece, own)).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no station idle for a minimum contact while a spacecraft it may serve is in view', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const plan = planContacts(c.passes, c.fleet, rulesOf(c));
        const minMs = c.minContactMin * MIN;
        for (const p of c.passes) {
          if (p.station === 'C' && c.dedicated !== undefined && p.spacecraft !== c.dedicated) {
            expect(plan.contacts.some((x) => x.pass === p)).toBe(false);
            continue;
          }
          const all = [...plan.contacts.filter((x) => x.station === p.station).map(span), ...elsewhere(c, plan.contacts, p)];
          for (const idle of minus(window(p), all)) expect(idle.endMs - idle.startMs).toBeLessThan(Math.max(minMs, 1));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the passes', () => {
    fc.assert(
      fc.property(caseArb, fc.infiniteStream(fc.nat()), (c, randoms) => {
        const shuffled = [...c.passes];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (randoms.next().value as number) % (i + 1);
          const a = shuffled[i];
          const b = shuffled[j];
          if (a === undefined || b === undefined) continue;
          shuffled[i] = b;
          shuffled[j] = a;
        }
        const key = (x: PlannedContact): string => `${x.station}/${x.spacecraft}/${x.startMs}/${x.endMs}`;
        expect(planContacts(shuffled, c.fleet, rulesOf(c)).contacts.map(key)).toEqual(planContacts(c.passes, c.fleet, rulesOf(c)).contacts.map(key));
      }),
      { numRuns: 200 },
    );
  });
});
