// Text of times, durations and values as operators read them: UTC always, seconds shown.
import type { JsonScalar } from '../api/types.ts';

/** `2026-11-25 21:03:07` (UTC). */
export function utcText(ms: number, withDate = true): string {
  if (!Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return withDate ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(11, 19);
}

export function isoText(iso: string | null | undefined, withDate = true): string {
  return iso === null || iso === undefined ? '—' : utcText(Date.parse(iso), withDate);
}

/** `01:02:03`, or `2d 01:02:03` past a day; negative durations get a minus sign. */
export function durationText(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${sign}${d > 0 ? `${d}d ` : ''}${hh}:${mm}:${ss}`;
}

export function valueText(v: JsonScalar | undefined, units = ''): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'number') {
    const text = Number.isInteger(v) ? String(v) : Math.abs(v) >= 1000 || Math.abs(v) < 0.01 ? v.toPrecision(6) : v.toFixed(3);
    return units === '' ? text : `${text} ${units}`;
  }
  return units === '' || typeof v !== 'string' || !/^-?\d/.test(v) ? String(v) : `${v} ${units}`;
}

/** A datetime-local input's text (UTC) for an instant, and back. */
export function toInputUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function fromInputUtc(text: string): number {
  const t = text.trim();
  if (t === '') return Number.NaN;
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`);
}
