// XTCE calibrators (XTCE 1.2 §3.4.3.2.5): polynomial and spline, raw -> engineering, and back for
// command encoding. Outside a non-extrapolating spline there is no engineering value: null, never NaN.
import type { Calibrator } from './model.ts';

export function calibrate(cal: Calibrator, raw: number): number | null {
  if (cal.kind === 'polynomial') {
    const c = cal.coefficients;
    let v = 0;
    for (let i = c.length - 1; i >= 0; i--) v = v * raw + (c[i] ?? 0);
    return Number.isFinite(v) ? v : null;
  }
  const pts = cal.points;
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first === undefined || last === undefined) return null;
  if ((raw < first.raw || raw > last.raw) && !cal.extrapolate) return null;
  let k = 0;
  while (k < pts.length - 2 && raw > (pts[k + 1]?.raw ?? 0)) k++;
  const a = pts[k];
  const b = pts[k + 1];
  if (a === undefined || b === undefined) return null;
  if (cal.order === 0) return raw >= b.raw ? b.calibrated : a.calibrated;
  if (b.raw === a.raw) return a.calibrated;
  return a.calibrated + ((raw - a.raw) * (b.calibrated - a.calibrated)) / (b.raw - a.raw);
}

/** The raw value that calibrates to `eng`: exact for degree <= 1 and monotonic linear splines; else null. */
export function uncalibrate(cal: Calibrator, eng: number): number | null {
  if (cal.kind === 'polynomial') {
    const c0 = cal.coefficients[0] ?? 0;
    const c1 = cal.coefficients[1] ?? 0;
    if (cal.coefficients.slice(2).some((x) => x !== 0) || c1 === 0) return null;
    return (eng - c0) / c1;
  }
  const pts = cal.points;
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k];
    const b = pts[k + 1];
    if (a === undefined || b === undefined) continue;
    const lo = Math.min(a.calibrated, b.calibrated);
    const hi = Math.max(a.calibrated, b.calibrated);
    if (eng >= lo && eng <= hi) {
      if (a.calibrated === b.calibrated) return a.raw;
      return a.raw + ((eng - a.calibrated) * (b.raw - a.raw)) / (b.calibrated - a.calibrated);
    }
  }
  return null;
}
