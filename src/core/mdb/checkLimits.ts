// Monitoring state of an engineering value against the static alarm ranges of its type
// (XTCE 1.2 §3.4.3.4 DefaultAlarm/StaticAlarmRanges): each range bounds the acceptable values of
// one level, and a value outside several ranges takes the most severe one.
import type { AlarmLevel, AlarmRange, DataType } from './model.ts';

function outside(r: AlarmRange, v: number): boolean {
  if (r.min !== null && (r.minInclusive ? v < r.min : v <= r.min)) return true;
  if (r.max !== null && (r.maxInclusive ? v > r.max : v >= r.max)) return true;
  return false;
}

const ORDER: readonly AlarmLevel[] = ['normal', 'watch', 'warning', 'distress', 'critical', 'severe'];

/** 'normal' .. 'severe', or null when the type defines no alarm (or the value cannot be checked). */
export function checkLimits(type: DataType, eng: unknown): AlarmLevel | null {
  const alarm = type.alarm;
  if (alarm === null) return null;
  if (typeof eng === 'string') {
    if (alarm.labels.size === 0) return null;
    return alarm.labels.get(eng) ?? 'normal';
  }
  let v: number;
  if (typeof eng === 'number') v = eng;
  else if (typeof eng === 'bigint') v = Number(eng);
  else return null;
  if (alarm.ranges.length === 0) return null;
  let level: AlarmLevel = 'normal';
  for (const r of alarm.ranges) {
    if (outside(r, v) && ORDER.indexOf(r.level) > ORDER.indexOf(level)) level = r.level;
  }
  return level;
}
