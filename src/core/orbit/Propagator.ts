// SGP4/SDP4 propagation of one element set (Vallado's revision, improved mode, WGS-72) through
// satellite.js. A failure is a value, not an exception: each call says why a time cannot be reached.

import { SatRecError, sgp4, type SatRec } from 'satellite.js';
import type { Vec3 } from '../math/index.ts';
import type { ElementSet } from './ElementSet.ts';
import { elementSetToSatrec } from './elementSetToSatrec.ts';
import { PropagationError, SGP4_NOT_FINITE_NUMBER } from './PropagationError.ts';

/** A state in TEME: position in km, velocity in km/s; or why there is none. */
export type PropagationResult =
  | { readonly ok: true; readonly position: Vec3; readonly velocity: Vec3 }
  | { readonly ok: false; readonly error: PropagationError };

const MS_PER_MINUTE = 60_000;

export class Propagator {
  readonly elements: ElementSet;
  readonly #satrec: SatRec;

  private constructor(elements: ElementSet, satrec: SatRec) {
    this.elements = elements;
    this.#satrec = satrec;
  }

  static fromElements(es: ElementSet): Propagator {
    return new Propagator(es, elementSetToSatrec(es));
  }

  /** 'n' near-earth SGP4 or 'd' deep-space SDP4 (orbital period of 225 min or more). */
  get method(): 'near-earth' | 'deep-space' {
    return this.#satrec.method === 'd' ? 'deep-space' : 'near-earth';
  }

  /** State at `tsinceMin` minutes from the element epoch (negative = before it). */
  propagateMinutes(tsinceMin: number): PropagationResult {
    if (!Number.isFinite(tsinceMin)) {
      throw new RangeError(`minutes since epoch must be finite, found ${tsinceMin}`);
    }
    const satrec = this.#satrec;
    const state = sgp4(satrec, tsinceMin);
    // satellite.js clears `error` at the start of each call, so it belongs to this call alone.
    if (satrec.error !== SatRecError.None) return this.#failure(satrec.error, tsinceMin);
    if (state === null) return this.#failure(SGP4_NOT_FINITE_NUMBER, tsinceMin);
    const { position: r, velocity: v } = state;
    if (
      !Number.isFinite(r.x) || !Number.isFinite(r.y) || !Number.isFinite(r.z) ||
      !Number.isFinite(v.x) || !Number.isFinite(v.y) || !Number.isFinite(v.z)
    ) {
      return this.#failure(SGP4_NOT_FINITE_NUMBER, tsinceMin);
    }
    return { ok: true, position: { x: r.x, y: r.y, z: r.z }, velocity: { x: v.x, y: v.y, z: v.z } };
  }

  /** State at `utcMs` (milliseconds of UTC since 1970). */
  propagateAt(utcMs: number): PropagationResult {
    if (!Number.isFinite(utcMs)) throw new RangeError(`time must be finite ms of UTC, found ${utcMs}`);
    return this.propagateMinutes(this.minutesSinceEpoch(utcMs));
  }

  /** Minutes from the element epoch to `utcMs`. */
  minutesSinceEpoch(utcMs: number): number {
    return (utcMs - this.elements.epochMs) / MS_PER_MINUTE;
  }

  #failure(sgp4Code: number, tsinceMin: number): PropagationResult {
    return { ok: false, error: new PropagationError(sgp4Code, this.elements.catalogId, tsinceMin) };
  }
}
