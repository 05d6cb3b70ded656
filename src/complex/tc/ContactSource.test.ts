import { describe, expect, it } from 'vitest';
import { WindowContactSource } from './ContactSource.ts';

describe('contact windows', () => {
  const source = new WindowContactSource([
    { station: 'MINSK', spacecraft: 'ZEN-EO', aosMs: 1000, losMs: 2000 },
    { station: 'SVALBARD', spacecraft: 'ZEN-EO', aosMs: 5000, losMs: 6000 },
    { station: 'SVALBARD', spacecraft: 'ZEN-EO', aosMs: 3000, losMs: 4000 },
    { station: 'HARTEBEESTHOEK', spacecraft: 'ZEN-GEO', aosMs: 0, losMs: Number.POSITIVE_INFINITY },
  ]);

  it('say who is in contact now, with AOS inside and LOS outside the window', () => {
    expect(source.currentContact('ZEN-EO', 999)).toBeUndefined();
    expect(source.currentContact('ZEN-EO', 1000)?.station).toBe('MINSK');
    expect(source.currentContact('ZEN-EO', 1999)?.station).toBe('MINSK');
    expect(source.currentContact('ZEN-EO', 2000)).toBeUndefined();
    expect(source.currentContact('ZEN-GEO', 9e12)?.station).toBe('HARTEBEESTHOEK');
  });

  it('find the next contact to begin, whatever the order of the list', () => {
    expect(source.nextContact('ZEN-EO', 1000)?.aosMs).toBe(3000);
    expect(source.nextContact('ZEN-EO', 0)?.aosMs).toBe(1000);
    expect(source.nextContact('ZEN-EO', 5000)).toBeUndefined();
    expect(source.nextContact('ZEN-CUBE', 0)).toBeUndefined();
    source.replace([{ station: 'MINSK', spacecraft: 'ZEN-CUBE', aosMs: 10, losMs: 20 }]);
    expect(source.nextContact('ZEN-CUBE', 0)?.station).toBe('MINSK');
    expect(source.currentContact('ZEN-EO', 1500)).toBeUndefined();
    expect(() => new WindowContactSource([{ station: 'A', spacecraft: 'B', aosMs: 5, losMs: 5 }])).toThrow(RangeError);
  });
});
