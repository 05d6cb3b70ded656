// Sine and cosine of one angle from one argument reduction, about twice as fast as Math.sin plus
// Math.cos in V8. The batch propagator needs a few of these per step; Math.* is where satellite.js
// spends most of its time.

// π/2 split so that k * PIO2_HI is exact for |k| < 2^20 (the fdlibm split, 33 significant bits).
const PIO2_HI = 1.5707963267341256;
const PIO2_LO = 6.077100506506192e-11;
const TWO_OVER_PI = 0.6366197723675814;
const PIO4 = 0.7853981633974483;
/** Above this |x| the two-part reduction loses accuracy: fall back to Math.sin/Math.cos. */
const REDUCTION_LIMIT = 1.0e6;

// fdlibm __kernel_sin / __kernel_cos minimax coefficients on [-π/4, π/4].
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

// Rotation by k·π/2 (k mod 4) as a table, so the quadrant costs no unpredictable branch.
const QUADRANT_COS = new Float64Array([1, 0, -1, 0]);
const QUADRANT_SIN = new Float64Array([0, 1, 0, -1]);

/**
 * Reads the angle x at buf[offset + 2] and writes sin(x) to buf[offset], cos(x) to buf[offset + 1].
 * Within 2 ulp of the exact values for |x| <= 1e6 rad (the tests compare with Math.sin/Math.cos);
 * larger or non-finite x goes to Math. The angle travels in the buffer, not as an argument, because a
 * double passed to a call that V8 does not inline is boxed: one allocation per call in the hot loop.
 */
export function sinCos(buf: Float64Array, offset: number): void {
  const x = buf[offset + 2] ?? 0;
  if (Math.abs(x) <= PIO4) {
    const z = x * x;
    buf[offset] = x + x * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
    buf[offset + 1] = 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    return;
  }
  if (!(Math.abs(x) <= REDUCTION_LIMIT)) {
    buf[offset] = Math.sin(x);
    buf[offset + 1] = Math.cos(x);
    return;
  }
  const k = Math.round(x * TWO_OVER_PI);
  const r = x - k * PIO2_HI - k * PIO2_LO;
  const z = r * r;
  const s = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
  const c = 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const q = k & 3;
  const qc = QUADRANT_COS[q] ?? 0;
  const qs = QUADRANT_SIN[q] ?? 0;
  buf[offset] = s * qc + c * qs;
  buf[offset + 1] = c * qc - s * qs;
}

/**
 * Below this |x| the hot loops use the short series x + x z (SIN3 + z (SIN5 + z (SIN7 + z SIN9))) and
 * 1 - z/2 + z^2 (COS4 + z (COS6 + z COS8)), z = x^2, written out where they are needed: V8 inlines
 * only so much into one function, and a call that is not inlined boxes its double argument.
 * Truncation error below 3e-16 (2 ulp) at x = 1/8.
 */
export const SMALL_ANGLE = 0.125;
export const SIN3 = S1;
export const SIN5 = S2;
export const SIN7 = S3;
export const SIN9 = S4;
export const COS4 = C1;
export const COS6 = C2;
export const COS8 = C3;
