// Many SGP4/SDP4 element sets as a structure of arrays: the constants satellite.js's sgp4init
// computes, copied out of each SatRec into one field-major Float64Array, plus the deep-space
// resonance integrator state that the batch propagator carries from one call to the next.

import { constants, type SatRec } from 'satellite.js';
import { BLOCK_SIZE } from './keplerShortPeriod.ts';

/**
 * Field order of `Sgp4Batch.constants`: field f of object i is at `constants[f * count + i]`.
 * Names are satellite.js's SatRec names; a few are products precomputed in the order sgp4 multiplies.
 */
export const FIELDS = [
  // near-earth and deep-space secular terms
  'mo', 'mdot', 'argpo', 'argpdot', 'nodeo', 'nodedot', 'nodecf', 'cc1', 'bstarCc4', 't2cof',
  'omgcof', 'eta', 'xmcof', 'delmo', 'd2', 'd3', 'd4', 'bstarCc5', 'sinmao', 't3cof', 't4cof', 't5cof',
  'no', 'ecco', 'inclo', 'aycof', 'xlcof', 'con41', 'x1mth2', 'x7thm1',
  // (xke / no)^(2/3), sin and cos of inclo: constant for near-earth objects
  'amFactor', 'sinio', 'cosio',
  // deep space: resonance
  'd2201', 'd2211', 'd3210', 'd3222', 'd4410', 'd4422', 'd5220', 'd5232', 'd5421', 'd5433',
  'dedt', 'del1', 'del2', 'del3', 'didt', 'dmdt', 'dnodt', 'domdt', 'gsto', 'xfact', 'xlamo',
  // deep space: lunar-solar periodics
  'e3', 'ee2', 'peo', 'pgho', 'pho', 'pinco', 'plo', 'se2', 'se3', 'sgh2', 'sgh3', 'sgh4', 'sh2', 'sh3',
  'si2', 'si3', 'sl2', 'sl3', 'sl4', 'xgh2', 'xgh3', 'xgh4', 'xh2', 'xh3', 'xi2', 'xi3', 'xl2', 'xl3',
  'xl4', 'zmol', 'zmos',
] as const;

export type Sgp4Field = (typeof FIELDS)[number];

/** Index of each field in FIELDS. */
export const F: Readonly<Record<Sgp4Field, number>> = Object.fromEntries(
  FIELDS.map((name, index) => [name, index]),
) as Record<Sgp4Field, number>;

/** What kind of model an object runs, in `Sgp4Batch.kind`. */
export const KIND_NEAR_EARTH = 0;
/** Near-earth with perigee below 220 km: the simplified drag equations (satrec.isimp = 1). */
export const KIND_NEAR_EARTH_SIMPLE = 1;
/** Deep space (period of 225 min or more): SDP4 with lunar-solar terms and resonances. */
export const KIND_DEEP_SPACE = 2;

/** Slots of the resonance integrator state, field-major like the constants. */
export const STATE_ATIME = 0;
export const STATE_XLI = 1;
export const STATE_XNI = 2;
export const STATE_XNDT = 3;
export const STATE_XLDOT = 4;
export const STATE_XNDDT = 5;
export const STATE_SLOTS = 6;

export interface Sgp4Batch {
  readonly count: number;
  /** Catalog ids, for messages; the batch itself does not need them. */
  readonly catalogIds: Float64Array;
  /** Element epoch of each object, ms of UTC since 1970; times since epoch are measured from it. */
  readonly epochMs: Float64Array;
  /** KIND_NEAR_EARTH, KIND_NEAR_EARTH_SIMPLE or KIND_DEEP_SPACE. */
  readonly kind: Uint8Array;
  /** Deep-space resonance: 0 none, 1 one-day (geosynchronous), 2 half-day (Molniya, GPS). */
  readonly irez: Uint8Array;
  /** 1 when the element set asked for AFSPC mode ('a'), which changes one angle fix in the Lyddane branch. */
  readonly afspcMode: Uint8Array;
  readonly constants: Float64Array;
  /**
   * Resonance integrator state per object (field-major, STATE_SLOTS fields): the time of the last
   * 720-min integration step, the integrated mean longitude and mean motion there, and their rates.
   * `stateValid[i]` is 0 until the first call has set them.
   */
  readonly integrator: Float64Array;
  readonly stateValid: Uint8Array;
  /** Working space of the propagator, so that a step allocates nothing: sinCos's three slots... */
  readonly scratch: Float64Array;
  /** ...and a block of steps reduced to mean elements (keplerShortPeriod's W_ rows). */
  readonly block: Float64Array;
}

const MS_PER_DAY = 86_400_000;
const JD_UNIX_EPOCH = 2440587.5;

/**
 * Copies initialised satellite.js records into a batch. `epochMs[i]` is the epoch times are measured
 * from (the ElementSet's); when absent it is derived from `satrec.jdsatepoch`.
 */
export function createSgp4Batch(
  satrecs: readonly SatRec[],
  epochMs?: ArrayLike<number>,
  catalogIds?: ArrayLike<number>,
): Sgp4Batch {
  const n = satrecs.length;
  if (epochMs !== undefined && epochMs.length !== n) {
    throw new RangeError(`epochMs has ${epochMs.length} values for ${n} records`);
  }
  if (catalogIds !== undefined && catalogIds.length !== n) {
    throw new RangeError(`catalogIds has ${catalogIds.length} values for ${n} records`);
  }
  const batch: Sgp4Batch = {
    count: n,
    catalogIds: new Float64Array(n),
    epochMs: new Float64Array(n),
    kind: new Uint8Array(n),
    irez: new Uint8Array(n),
    afspcMode: new Uint8Array(n),
    constants: new Float64Array(FIELDS.length * n),
    integrator: new Float64Array(STATE_SLOTS * n),
    stateValid: new Uint8Array(n),
    scratch: new Float64Array(3),
    block: new Float64Array(BLOCK_SIZE),
  };
  const c = batch.constants;
  for (let i = 0; i < n; i++) {
    const s = satrecs[i];
    if (s === undefined) throw new TypeError(`record ${i} is missing`);
    // Only sgp4init sets `method`; a record built by hand would propagate garbage.
    if (!['n', 'd'].includes(s.method)) {
      throw new TypeError(`record ${i} (${s.satnum}) is not initialised by sgp4init`);
    }
    batch.epochMs[i] = epochMs?.[i] ?? (s.jdsatepoch - JD_UNIX_EPOCH) * MS_PER_DAY;
    batch.catalogIds[i] = catalogIds?.[i] ?? Number(s.satnum);
    batch.kind[i] = s.method === 'd' ? KIND_DEEP_SPACE : s.isimp === 1 ? KIND_NEAR_EARTH_SIMPLE : KIND_NEAR_EARTH;
    batch.irez[i] = s.irez;
    batch.afspcMode[i] = s.operationmode === 'a' ? 1 : 0;
    const set = (field: Sgp4Field, value: number): void => {
      c[F[field] * n + i] = value;
    };
    for (const field of FIELDS) {
      const value = (s as unknown as Record<string, unknown>)[field];
      if (typeof value === 'number') set(field, value);
    }
    // Products sgp4 forms as (bstar * cc4) * t and (bstar * cc5) * (...): same rounding when precomputed.
    set('bstarCc4', s.bstar * s.cc4);
    set('bstarCc5', s.bstar * s.cc5);
    set('amFactor', (constants.xke / s.no) ** constants.x2o3);
    set('sinio', Math.sin(s.inclo));
    set('cosio', Math.cos(s.inclo));
    // sgp4init sets the sidereal angle at epoch for every record; only the deep-space model reads it.
    if (s.method === 'n') set('gsto', 0);
  }
  return batch;
}
