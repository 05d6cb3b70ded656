// The motion of an object between two samples of its Earth-fixed state, as the quintic Hermite curve
// through position, velocity and acceleration at both ends. Between samples 1/16 of a revolution
// apart it follows SGP4 to about a metre, so the pass search finds its events on it and spends an
// exact propagation only to confirm each one.

/** Slots of a sample: position (km), velocity (km/s), acceleration (km/s²), all Earth-fixed. */
export const SEGMENT_SAMPLE_SIZE = 9;

export class QuinticSegment {
  /** Start and length (ms) of the segment. */
  t0 = 0;
  spanMs = 0;
  // Per axis, the coefficients c0..c5 of p(u) = Σ ck u^k, u = (t − t0) / span.
  readonly #c = new Float64Array(18);

  /**
   * Fits the curve through samples a (at t0) and b (at t1), each SEGMENT_SAMPLE_SIZE slots from
   * its offset.
   */
  fit(t0: number, a: Float64Array, aOffset: number, t1: number, b: Float64Array, bOffset: number): void {
    this.t0 = t0;
    this.spanMs = t1 - t0;
    const h = (t1 - t0) / 1000;
    const h2 = h * h;
    const c = this.#c;
    for (let axis = 0; axis < 3; axis++) {
      const p0 = a[aOffset + axis] ?? 0;
      const v0 = (a[aOffset + 3 + axis] ?? 0) * h;
      const a0 = (a[aOffset + 6 + axis] ?? 0) * h2;
      const p1 = b[bOffset + axis] ?? 0;
      const v1 = (b[bOffset + 3 + axis] ?? 0) * h;
      const a1 = (b[bOffset + 6 + axis] ?? 0) * h2;
      // c3..c5 meet position, rate and curvature at u = 1.
      const rest = p1 - p0 - v0 - 0.5 * a0;
      const dv = v1 - v0 - a0;
      const da = a1 - a0;
      const at = 6 * axis;
      c[at] = p0;
      c[at + 1] = v0;
      c[at + 2] = 0.5 * a0;
      c[at + 3] = 10 * rest - 4 * dv + 0.5 * da;
      c[at + 4] = -15 * rest + 7 * dv - da;
      c[at + 5] = 6 * rest - 3 * dv + 0.5 * da;
    }
  }

  /** Writes position (km) and velocity (km/s) at `t` (ms) into out[offset .. offset+5]. */
  stateAt(t: number, out: Float64Array, offset: number): void {
    const u = (t - this.t0) / this.spanMs;
    const perSecond = 1000 / this.spanMs;
    const c = this.#c;
    for (let axis = 0; axis < 3; axis++) {
      const at = 6 * axis;
      const c1 = c[at + 1] ?? 0;
      const c2 = c[at + 2] ?? 0;
      const c3 = c[at + 3] ?? 0;
      const c4 = c[at + 4] ?? 0;
      const c5 = c[at + 5] ?? 0;
      out[offset + axis] = (c[at] ?? 0) + u * (c1 + u * (c2 + u * (c3 + u * (c4 + u * c5))));
      out[offset + 3 + axis] = (c1 + u * (2 * c2 + u * (3 * c3 + u * (4 * c4 + u * 5 * c5)))) * perSecond;
    }
  }
}
