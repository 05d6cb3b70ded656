// A station's horizon mask: the lowest usable elevation as a function of azimuth (terrain,
// buildings, antenna limits), given as a table and interpolated linearly, wrapping through north.

const TWO_PI = 2 * Math.PI;

export interface HorizonMaskPoint {
  readonly azimuthRad: number;
  readonly elevationRad: number;
}

export class HorizonMask {
  /** The table sorted by azimuth, azimuths reduced to [0, 2π). */
  readonly points: readonly HorizonMaskPoint[];
  /** The lowest elevation of the table: below it nothing is visible in any direction. */
  readonly minElevationRad: number;
  /** The highest elevation of the table: above it everything is visible. */
  readonly maxElevationRad: number;
  // The table with one point wrapped in front (last − 2π) and one behind (first + 2π).
  readonly #az: Float64Array;
  readonly #el: Float64Array;

  /**
   * Builds a mask from a table of points in any order. Azimuths are reduced to [0, 2π); two points
   * at the same azimuth, a non-finite value or an elevation outside [-π/2, π/2] is misuse.
   */
  constructor(points: readonly HorizonMaskPoint[]) {
    if (points.length === 0) throw new RangeError('HorizonMask: the table needs at least one point');
    const sorted = points
      .map((p) => {
        if (!Number.isFinite(p.azimuthRad) || !Number.isFinite(p.elevationRad)) {
          throw new RangeError(`HorizonMask: non-finite point (${p.azimuthRad}, ${p.elevationRad})`);
        }
        if (Math.abs(p.elevationRad) > Math.PI / 2) {
          throw new RangeError(`HorizonMask: elevation ${p.elevationRad} rad is outside [-π/2, π/2]`);
        }
        return { azimuthRad: reduce(p.azimuthRad), elevationRad: p.elevationRad };
      })
      .sort((a, b) => a.azimuthRad - b.azimuthRad);
    const n = sorted.length;
    this.#az = new Float64Array(n + 2);
    this.#el = new Float64Array(n + 2);
    sorted.forEach((p, i) => {
      if (i > 0 && p.azimuthRad === this.#az[i]) {
        throw new RangeError(`HorizonMask: two points at azimuth ${p.azimuthRad} rad`);
      }
      this.#az[i + 1] = p.azimuthRad;
      this.#el[i + 1] = p.elevationRad;
    });
    const first = sorted[0] ?? { azimuthRad: 0, elevationRad: 0 };
    const last = sorted[n - 1] ?? first;
    this.#az[0] = last.azimuthRad - TWO_PI;
    this.#el[0] = last.elevationRad;
    this.#az[n + 1] = first.azimuthRad + TWO_PI;
    this.#el[n + 1] = first.elevationRad;
    this.points = sorted;
    this.minElevationRad = Math.min(...sorted.map((p) => p.elevationRad));
    this.maxElevationRad = Math.max(...sorted.map((p) => p.elevationRad));
  }

  /** The mask elevation at an azimuth (any real number of radians), interpolated linearly. */
  elevationRadAt(azimuthRad: number): number {
    const az = this.#az;
    const el = this.#el;
    const x = reduce(azimuthRad);
    // az[0] < 0 <= x < 2π <= az[last]: find lo with az[lo] <= x < az[lo + 1].
    let lo = 0;
    let hi = az.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((az[mid] ?? 0) <= x) lo = mid;
      else hi = mid;
    }
    const a0 = az[lo] ?? 0;
    const a1 = az[hi] ?? 0;
    const e0 = el[lo] ?? 0;
    const e1 = el[hi] ?? 0;
    return e0 + ((e1 - e0) * (x - a0)) / (a1 - a0);
  }
}

/** An angle reduced to [0, 2π). */
function reduce(rad: number): number {
  const r = rad % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}
