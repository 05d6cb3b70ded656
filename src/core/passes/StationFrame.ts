// A ground station prepared for the hot loop of the pass search: its Earth-fixed position and the
// rotation to its local east-north-up frame, so each look angle costs a few multiplications.

import type { Vec3 } from '../math/index.ts';

const TWO_PI = 2 * Math.PI;

/** Slots of the look-angle buffer that StationFrame.look() fills. */
export const LOOK_ELEVATION = 0;
export const LOOK_ELEVATION_RATE = 1;
export const LOOK_AZIMUTH = 2;
export const LOOK_RANGE = 3;
export const LOOK_RANGE_RATE = 4;
export const LOOK_SIZE = 5;

/** Slots of the buffer that StationFrame.sineLook() fills. */
export const SINE_ELEVATION = 0;
export const SINE_ELEVATION_RATE = 1;

export class StationFrame {
  readonly #x: number;
  readonly #y: number;
  readonly #z: number;
  // Rows of the ITRF -> east/north/up rotation.
  readonly #ex: number;
  readonly #ey: number;
  readonly #nx: number;
  readonly #ny: number;
  readonly #nz: number;
  readonly #ux: number;
  readonly #uy: number;
  readonly #uz: number;

  /** `latitudeRad`/`longitudeRad` geodetic (WGS-84); `itrfKm` the station's Earth-fixed position. */
  constructor(latitudeRad: number, longitudeRad: number, itrfKm: Vec3) {
    const sinLat = Math.sin(latitudeRad);
    const cosLat = Math.cos(latitudeRad);
    const sinLon = Math.sin(longitudeRad);
    const cosLon = Math.cos(longitudeRad);
    this.#x = itrfKm.x;
    this.#y = itrfKm.y;
    this.#z = itrfKm.z;
    this.#ex = -sinLon;
    this.#ey = cosLon;
    this.#nx = -sinLat * cosLon;
    this.#ny = -sinLat * sinLon;
    this.#nz = cosLat;
    this.#ux = cosLat * cosLon;
    this.#uy = cosLat * sinLon;
    this.#uz = sinLat;
  }

  /**
   * Look angles of an object whose ITRF position (km) and velocity (km/s, Earth-fixed) are
   * state[offset .. offset+5]: writes elevation (rad), its rate (rad/s), azimuth (rad, from north
   * through east, in [0, 2π)), range (km) and range rate (km/s) into out[0 .. 4]. Allocates nothing.
   */
  look(state: Float64Array, offset: number, out: Float64Array): void {
    const dx = (state[offset] ?? 0) - this.#x;
    const dy = (state[offset + 1] ?? 0) - this.#y;
    const dz = (state[offset + 2] ?? 0) - this.#z;
    const vx = (state[offset + 3] ?? 0);
    const vy = (state[offset + 4] ?? 0);
    const vz = (state[offset + 5] ?? 0);
    const e = this.#ex * dx + this.#ey * dy;
    const n = this.#nx * dx + this.#ny * dy + this.#nz * dz;
    const u = this.#ux * dx + this.#uy * dy + this.#uz * dz;
    const uDot = this.#ux * vx + this.#uy * vy + this.#uz * vz;
    const horizontal = Math.sqrt(e * e + n * n);
    const range = Math.sqrt(horizontal * horizontal + u * u);
    const rangeRate = (dx * vx + dy * vy + dz * vz) / range;
    let azimuth = Math.atan2(e, n);
    if (azimuth < 0) azimuth += TWO_PI;
    out[LOOK_ELEVATION] = Math.atan2(u, horizontal);
    // d/dt asin(u/ρ) = (u̇ρ - uρ̇) / (ρ · horizontal); straight overhead the elevation is at its peak.
    out[LOOK_ELEVATION_RATE] = horizontal > 0 ? (uDot * range - u * rangeRate) / (range * horizontal) : 0;
    out[LOOK_AZIMUTH] = azimuth;
    out[LOOK_RANGE] = range;
    out[LOOK_RANGE_RATE] = rangeRate;
  }

  /**
   * The sine of the elevation and its rate (1/s) of an object whose ITRF state is
   * state[offset .. offset+5], into out[0 .. 1]: the pass search's cheap look, with no arc
   * tangent. Straight at the station (range 0) the sine is taken as 1, still.
   */
  sineLook(state: Float64Array, offset: number, out: Float64Array): void {
    const dx = (state[offset] ?? 0) - this.#x;
    const dy = (state[offset + 1] ?? 0) - this.#y;
    const dz = (state[offset + 2] ?? 0) - this.#z;
    const vx = state[offset + 3] ?? 0;
    const vy = state[offset + 4] ?? 0;
    const vz = state[offset + 5] ?? 0;
    const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (!(range > 0)) {
      out[SINE_ELEVATION] = 1;
      out[SINE_ELEVATION_RATE] = 0;
      return;
    }
    const inverse = 1 / range;
    const sine = (this.#ux * dx + this.#uy * dy + this.#uz * dz) * inverse;
    // d/dt (u/ρ) = (u̇ − (u/ρ) ρ̇) / ρ, with ρ̇ = (d·v)/ρ.
    const upRate = this.#ux * vx + this.#uy * vy + this.#uz * vz;
    const rangeRate = (dx * vx + dy * vy + dz * vz) * inverse;
    out[SINE_ELEVATION] = sine;
    out[SINE_ELEVATION_RATE] = (upRate - sine * rangeRate) * inverse;
  }

  /**
   * The second derivative (1/s²) of the sine of the elevation of an object whose ITRF state is
   * state[offset .. offset+5] and Earth-fixed acceleration (km/s²) acceleration[at .. at+2]: from
   * s ρ = u, twice differentiated, s'' = (u'' − 2 s' ρ' − s ρ'') / ρ with ρ'' = (v·v + d·a − ρ'²) / ρ.
   * 0 straight at the station.
   */
  sineElevationAcceleration(state: Float64Array, offset: number, acceleration: Float64Array, at: number): number {
    const dx = (state[offset] ?? 0) - this.#x;
    const dy = (state[offset + 1] ?? 0) - this.#y;
    const dz = (state[offset + 2] ?? 0) - this.#z;
    const vx = state[offset + 3] ?? 0;
    const vy = state[offset + 4] ?? 0;
    const vz = state[offset + 5] ?? 0;
    const ax = acceleration[at] ?? 0;
    const ay = acceleration[at + 1] ?? 0;
    const az = acceleration[at + 2] ?? 0;
    const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (!(range > 0)) return 0;
    const inverse = 1 / range;
    const sine = (this.#ux * dx + this.#uy * dy + this.#uz * dz) * inverse;
    const rangeRate = (dx * vx + dy * vy + dz * vz) * inverse;
    const sineRate = (this.#ux * vx + this.#uy * vy + this.#uz * vz - sine * rangeRate) * inverse;
    const rangeAcceleration = (vx * vx + vy * vy + vz * vz + dx * ax + dy * ay + dz * az - rangeRate * rangeRate) * inverse;
    const upAcceleration = this.#ux * ax + this.#uy * ay + this.#uz * az;
    return (upAcceleration - 2 * sineRate * rangeRate - sine * rangeAcceleration) * inverse;
  }
}
