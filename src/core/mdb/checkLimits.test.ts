import { describe, expect, it } from 'vitest';
import { checkLimits } from './checkLimits.ts';
import type { DataType, StaticAlarm } from './model.ts';

function floatType(alarm: StaticAlarm | null): DataType {
  return {
    kind: 'float',
    name: 'f',
    qualifiedName: '/f',
    role: 'parameter',
    units: [],
    encoding: null,
    alarm,
    validRange: null,
    sizeInBits: 32,
    source: { file: 'x', line: 1, path: 'f' },
  };
}

describe('checkLimits', () => {
  const alarm: StaticAlarm = {
    labels: new Map(),
    ranges: [
      { level: 'watch', min: 10, minInclusive: true, max: 90, maxInclusive: true },
      { level: 'warning', min: 0, minInclusive: false, max: 100, maxInclusive: false },
      { level: 'severe', min: -50, minInclusive: true, max: 150, maxInclusive: true },
    ],
  };
  const type = floatType(alarm);

  it('takes the most severe range the value is outside of', () => {
    expect(checkLimits(type, 50)).toBe('normal');
    expect(checkLimits(type, 10)).toBe('normal');
    expect(checkLimits(type, 9.99)).toBe('watch');
    expect(checkLimits(type, 0)).toBe('warning'); // exclusive bound
    expect(checkLimits(type, 100)).toBe('warning');
    expect(checkLimits(type, 150)).toBe('warning');
    expect(checkLimits(type, 150.5)).toBe('severe');
    expect(checkLimits(type, 200n)).toBe('severe');
  });

  it('says null without alarms or for values it cannot compare, and maps enumeration labels', () => {
    expect(checkLimits(floatType(null), 1e9)).toBeNull();
    expect(checkLimits(type, null)).toBeNull();
    const labels = floatType({ ranges: [], labels: new Map([['FAULT', 'critical']]) });
    expect(checkLimits(labels, 'FAULT')).toBe('critical');
    expect(checkLimits(labels, 'OK')).toBe('normal');
  });
});
