// Guesses for the pass search's root finding from the cubic Hermite curve through two samples
// (value and rate at each end): a crossing of zero, or the extremum where the rate changes sign.

/**
 * Fraction u in [0, 1] of the interval where the Hermite cubic through (0, v0, r0) and (1, v1, r1)
 * crosses zero; v0 and v1 must have opposite signs. `r0`, `r1` are rates times the interval length.
 */
export function hermiteZero(v0: number, r0: number, v1: number, r1: number): number {
  const a = 2 * v0 + r0 - 2 * v1 + r1;
  const b = -3 * v0 - 2 * r0 + 3 * v1 - r1;
  let lo = 0;
  let hi = 1;
  const rising = v0 <= 0;
  let u = v0 / (v0 - v1);
  for (let i = 0; i < 40; i++) {
    const p = ((a * u + b) * u + r0) * u + v0;
    if (p > 0 !== rising) lo = u;
    else hi = u;
    const dp = (3 * a * u + 2 * b) * u + r0;
    const newton = dp !== 0 ? u - p / dp : NaN;
    if (Math.abs(newton - u) < 1e-10) return newton;
    u = newton > lo && newton < hi ? newton : (lo + hi) / 2;
  }
  return u;
}

/**
 * Fraction u in [0, 1] where the rate of the Hermite cubic through (0, v0, r0) and (1, v1, r1)
 * is zero; r0 and r1 must have opposite signs, so exactly one such point lies between.
 */
export function hermiteExtremum(v0: number, r0: number, v1: number, r1: number): number {
  // p'(u) = 3a u² + 2b u + r0
  const qa = 3 * (2 * v0 + r0 - 2 * v1 + r1);
  const qb = 2 * (-3 * v0 - 2 * r0 + 3 * v1 - r1);
  const qc = r0;
  let u: number;
  if (Math.abs(qa) < 1e-14 * (Math.abs(qb) + Math.abs(qc))) {
    u = -qc / qb;
  } else {
    // The root between 0 and 1, computed without cancellation.
    const disc = Math.sqrt(Math.max(0, qb * qb - 4 * qa * qc));
    const q = -0.5 * (qb + (qb >= 0 ? disc : -disc));
    const u1 = q / qa;
    const u2 = q !== 0 ? qc / q : u1;
    u = u1 >= 0 && u1 <= 1 ? u1 : u2;
  }
  return u >= 0 && u <= 1 ? u : 0.5;
}
