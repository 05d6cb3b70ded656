// A new plan continues the one before: history cut where the new planning starts, a contact cut
// there joined to its continuation; and contacts round-trip through their archive records.
import { describe, expect, it } from 'vitest';
import type { Contact } from './ContactSchedule.ts';
import { contactOf, contactRecordOf, contactViewOf, continuePlan } from './contactRecords.ts';

function contact(station: string, spacecraft: string, aosMs: number, losMs: number, extra: Partial<Contact> = {}): Contact {
  return { station, spacecraft, aosMs, losMs, maxElevationDeg: 30, cut: false, background: false, ...extra };
}

describe('continuePlan', () => {
  it('keeps recent history, cuts it at the new start and joins a contact across it', () => {
    const previous = [
      contact('A', 'EO', 0, 10),
      contact('A', 'CUBE', 40, 60),
      contact('B', 'GEO', 20, 200, { background: true, maxElevationDeg: 40 }),
      contact('A', 'EO', 120, 130),
    ];
    const next = [contact('B', 'GEO', 100, 150, { background: true, maxElevationDeg: 41 }), contact('A', 'EO', 121, 131)];
    expect(continuePlan(previous, next, 100, 5)).toEqual([
      contact('A', 'EO', 0, 10),
      contact('B', 'GEO', 20, 150, { background: true, maxElevationDeg: 41 }),
      contact('A', 'CUBE', 40, 60),
      contact('A', 'EO', 121, 131),
    ]);
    // Nothing older than keepAfterMs, and an empty previous plan.
    expect(continuePlan(previous, [], 100, 60)).toEqual([contact('B', 'GEO', 20, 100, { background: true, maxElevationDeg: 40 })]);
    expect(continuePlan([], next, 100, 0)).toEqual(next);
  });
});

describe('contact records and views', () => {
  it('round-trip through the archive record and show their state on the clock', () => {
    const c = contact('A', 'EO', 1000, 2000, { cut: true, maxElevationDeg: 12.5 });
    expect(contactOf(contactRecordOf(c))).toEqual(c);
    expect(contactOf({ station: 'A', spacecraft: 'EO', startMs: 1, endMs: 2 })).toEqual(contact('A', 'EO', 1, 2, { maxElevationDeg: 0 }));
    expect([999, 1000, 2000].map((t) => contactViewOf(c, t).state)).toEqual(['planned', 'active', 'done']);
    expect(contactViewOf(c, 0).id).toBe('EO:A:1000');
  });
});
