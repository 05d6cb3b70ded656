import { describe, expect, it } from 'vitest';
import { checkVerifier, verifierMatches } from './parameterVerifier.ts';
import type { ParameterSnapshot, ParameterVerifier } from './parameterVerifier.ts';

const snapshot: ParameterSnapshot = {
  spacecraft: 'ZEN-EO',
  receptionTimeMs: 0,
  parameters: [
    { name: '/ZEN/MODE', raw: 0, eng: 'SAFE' },
    { name: '/ZEN/EPS/BATT_V', raw: 1812, eng: 7.25 },
    { name: '/ZEN/HEATER_ON', raw: 1, eng: true },
  ],
};

const v = (comparisons: ParameterVerifier['comparisons']): ParameterVerifier => ({ stage: 'execution', comparisons, windowMs: 1000 });

describe('parameter verifiers', () => {
  it('compare engineering or raw values, numbers as numbers and the rest as text', () => {
    expect(verifierMatches(v([{ parameter: '/ZEN/MODE', operator: '==', value: 'SAFE' }]), snapshot)).toBe(true);
    expect(verifierMatches(v([{ parameter: '/ZEN/MODE', operator: '==', value: 0, useRaw: true }]), snapshot)).toBe(true);
    expect(verifierMatches(v([{ parameter: '/ZEN/MODE', operator: '!=', value: 'NOMINAL' }]), snapshot)).toBe(true);
    // 7.25 > 7 as numbers; as text "7.25" > "10" would hold too, "7.25" > "10" numerically does not.
    expect(verifierMatches(v([{ parameter: '/ZEN/EPS/BATT_V', operator: '>', value: 10 }]), snapshot)).toBe(false);
    expect(verifierMatches(v([{ parameter: '/ZEN/EPS/BATT_V', operator: '>', value: '10' }]), snapshot)).toBe(false);
    expect(verifierMatches(v([{ parameter: '/ZEN/EPS/BATT_V', operator: '<=', value: 7.25 }]), snapshot)).toBe(true);
    expect(verifierMatches(v([{ parameter: '/ZEN/EPS/BATT_V', operator: '>=', value: 7.26 }]), snapshot)).toBe(false);
    expect(verifierMatches(v([{ parameter: '/ZEN/EPS/BATT_V', operator: '<', value: 8 }]), snapshot)).toBe(true);
    expect(verifierMatches(v([{ parameter: '/ZEN/HEATER_ON', operator: '==', value: true }]), snapshot)).toBe(true);
    expect(verifierMatches(v([{ parameter: '/ZEN/MODE', operator: '==', value: 3 }]), snapshot)).toBe(false);
  });

  it('need every comparison to hold, and the parameter to be in the packet', () => {
    const both = v([
      { parameter: '/ZEN/MODE', operator: '==', value: 'SAFE' },
      { parameter: '/ZEN/EPS/BATT_V', operator: '>', value: 7 },
    ]);
    expect(verifierMatches(both, snapshot)).toBe(true);
    expect(verifierMatches(v([...both.comparisons, { parameter: '/ZEN/OTHER', operator: '!=', value: 1 }]), snapshot)).toBe(false);
  });

  it('are checked when configured, naming the key', () => {
    expect(() => { checkVerifier({ stage: 'Complete', comparisons: v([]).comparisons, windowMs: 1 }, 'verifiers.X[0]'); }).toThrow(/verifiers\.X\[0\]\.stage/);
    expect(() => { checkVerifier({ stage: 'sent', comparisons: [{ parameter: 'a', operator: '==', value: 1 }], windowMs: 1 }, 'k'); }).toThrow(/k\.stage/);
    expect(() => { checkVerifier({ stage: 'complete', comparisons: [], windowMs: 1 }, 'k'); }).toThrow(/k\.comparisons/);
    expect(() => { checkVerifier({ stage: 'complete', comparisons: [{ parameter: 'a', operator: '==', value: 1 }], windowMs: 0 }, 'k'); }).toThrow(/k\.windowMs/);
    expect(() => { checkVerifier({ stage: 'complete', comparisons: [{ parameter: 'a', operator: '=~' as '==', value: 1 }], windowMs: 5 }, 'k'); }).toThrow(/k\.comparisons\[0\]\.operator/);
    expect(() => { checkVerifier({ stage: 'complete', comparisons: [{ parameter: 'a', operator: '==', value: 1 }], windowMs: 5 }, 'k'); }).not.toThrow();
  });
});
