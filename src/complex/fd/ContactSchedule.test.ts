// The in-memory plan: who a station follows, which station serves a spacecraft now and next, and
// the contact boundaries the AOS/LOS announcements walk through.
import { describe, expect, it } from 'vitest';
import { ContactSchedule } from './ContactSchedule.ts';
import type { Contact } from './ContactSchedule.ts';

function contact(station: string, spacecraft: string, aosMs: number, losMs: number): Contact {
  return { station, spacecraft, aosMs, losMs, maxElevationDeg: 30, cut: false, background: false };
}

describe('ContactSchedule', () => {
  const schedule = new ContactSchedule([
    contact('B', 'EO', 50, 80),
    contact('A', 'EO', 10, 20),
    contact('A', 'GEO', 20, 60),
    contact('C', 'EO', 60, 100),
    contact('A', 'CUBE', 60, 70),
  ]);

  it('says which spacecraft a station follows, LOS excluded', () => {
    expect([5, 10, 19, 20, 59, 60, 70].map((t) => schedule.assignment('A', t))).toEqual([undefined, 'EO', 'EO', 'GEO', 'GEO', 'CUBE', undefined]);
    expect(schedule.assignment('Z', 15)).toBeUndefined();
  });

  it('gives the contact in progress, preferring the station that keeps the spacecraft longest', () => {
    expect(schedule.currentContact('EO', 15)?.station).toBe('A');
    expect(schedule.currentContact('EO', 65)?.station).toBe('C');
    expect(schedule.currentContact('EO', 55)?.station).toBe('B');
    expect(schedule.currentContact('EO', 30)).toBeUndefined();
  });

  it('finds the next contact beginning strictly after a time', () => {
    expect(schedule.nextContact('EO', 10)?.aosMs).toBe(50);
    expect(schedule.nextContact('EO', 9)?.aosMs).toBe(10);
    expect(schedule.nextContact('EO', 60)).toBeUndefined();
    expect(schedule.nextContact('NONE', 0)).toBeUndefined();
  });

  it('lists the boundaries of a station in (after, upto], and the next boundary of all', () => {
    expect(schedule.boundaries('A', 10, 60)).toEqual([20, 60]);
    expect(schedule.boundaries('A', 0, 100)).toEqual([10, 20, 60, 70]);
    expect(schedule.nextBoundary(60)).toBe(70);
    expect(schedule.nextBoundary(100)).toBe(Number.POSITIVE_INFINITY);
    expect(() => new ContactSchedule([contact('A', 'EO', 5, 5)])).toThrow(RangeError);
  });
});
