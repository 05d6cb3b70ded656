// The pass search's position sources on the batch propagator: one batch for many element sets, each
// object a source that propagates one time at a time (the search asks for the next time only after
// the last one) and turns TEME into ITRF as ephemerisFromElements does. Each source also carries a
// bound on how far and how fast the object can move, which lets the search skip ahead while the
// object is far below a station's horizon.

import { NO_EARTH_ORIENTATION, eopAt, type EopTable } from '../frames/index.ts';
import { PropagationError, SGP4_NOT_FINITE_NUMBER } from '../orbit/index.ts';
import type { ElementSet } from '../orbit/index.ts';
import {
  batchFromElements,
  createStateBuffers,
  F,
  propagateAt,
  propagateGrid,
  SGP4_NOT_FINITE,
  sinCos as sinCosImported,
  type FullStateBuffers,
  type Sgp4Batch,
} from '../orbit/batch/index.ts';
import { EARTH_ROTATION_RAD_PER_S, gmstRad } from '../time/index.ts';
import type { EphemerisSource, MotionBound } from './EphemerisSource.ts';
import type { ElementsEphemerisOptions } from './ephemerisFromElements.ts';
import { scanStepMsFor } from './ephemerisFromElements.ts';

const MS_PER_MINUTE = 60_000;
// Imported values copied to module constants: under tsx an imported binding may be read through a
// getter at every use, which costs as much as the rest of a step here.
const gmst = gmstRad;
const propagate = propagateAt;
const propagateOnGrid = propagateGrid;
const EARTH_RATE = EARTH_ROTATION_RAD_PER_S;
const NO_ORIENTATION = NO_EARTH_ORIENTATION;
const FL = F;
const sinCos = sinCosImported;
/** sinCos's buffer: the angle at [2], its sine and cosine at [0] and [1]. */
const ROTATION = new Float64Array(3);
/** WGS-72 constants of SGP4 (satellite.js's radiusearthkm and mu). */
const EARTH_RADIUS_KM = 6378.135;
const MU_KM3_PER_S2 = 398_600.8;

/**
 * How far the object may stray from its mean orbit in the search window: the mean semi-major axis
 * and the apogee and perigee radii are widened by 2 % and 50 km, the eccentricity by 0.02 and the
 * inclination by 2° (drag, J2 short-period terms of a few km, lunar-solar changes of deep-space
 * orbits), and the angular rate by 2 %. The search also checks the bound at every coarse sample and
 * searches the object again without it when it is ever exceeded.
 */
const RADIUS_FACTOR = 1.02;
const RADIUS_MARGIN_KM = 50;
const ECCENTRICITY_MARGIN = 0.02;
const INCLINATION_MARGIN_RAD = (2 * Math.PI) / 180;
const RATE_FACTOR = 1.02;

/**
 * The motion bound of object `index` of `batch` from its mean elements at epoch. The direction of
 * the object from the Earth's centre turns, in inertial space, at ω = h/r² about the orbit normal;
 * in ITRF at |ω n − ωE z| = sqrt(ω² + ωE² − 2 ω ωE cos i), largest at one end of ω's range (a
 * geostationary object hardly turns at all).
 */
export function motionBoundOf(batch: Sgp4Batch, index: number): MotionBound {
  const n = batch.count;
  const ecc = batch.constants[FL.ecco * n + index] ?? 0;
  const incl = batch.constants[FL.inclo * n + index] ?? 0;
  const aKm = (batch.constants[FL.amFactor * n + index] ?? 0) * EARTH_RADIUS_KM;
  const maxRadiusKm = aKm * (1 + ecc) * RADIUS_FACTOR + RADIUS_MARGIN_KM;
  const aHigh = aKm * RADIUS_FACTOR + RADIUS_MARGIN_KM;
  const aLow = aKm / RADIUS_FACTOR - RADIUS_MARGIN_KM;
  const minRadiusKm = Math.max(aKm * (1 - ecc) / RADIUS_FACTOR - RADIUS_MARGIN_KM, 0.5 * EARTH_RADIUS_KM);
  // Fastest: vis-viva at the lowest radius on the widest orbit, all of it across the line of sight.
  const speed = Math.sqrt(MU_KM3_PER_S2 * Math.max(0, 2 / minRadiusKm - 1 / aHigh));
  const fastest = speed / minRadiusKm;
  // Slowest: the smallest angular momentum at the largest radius.
  const eHigh = Math.min(1, ecc + ECCENTRICITY_MARGIN);
  const slowest = Math.sqrt(MU_KM3_PER_S2 * Math.max(0, aLow) * (1 - eHigh * eHigh)) / (maxRadiusKm * maxRadiusKm);
  const cosI = Math.cos(Math.min(Math.PI, incl + INCLINATION_MARGIN_RAD));
  const we = EARTH_ROTATION_RAD_PER_S * RATE_FACTOR;
  const itrfRate = (w: number): number => Math.sqrt(Math.max(0, w * w + we * we - 2 * w * we * cosI));
  const rate = Math.max(itrfRate(fastest), itrfRate(slowest), itrfRate(Math.min(fastest, Math.max(slowest, 0)))) * RATE_FACTOR;
  // One object literal for both outcomes: every bound then has the same map.
  const bounded = maxRadiusKm > 0 && Number.isFinite(maxRadiusKm) && rate > 0 && Number.isFinite(rate);
  return { maxRadiusKm: bounded ? maxRadiusKm : Infinity, maxAngularRateRadPerS: bounded ? rate : Infinity };
}

/** The error of a failed batch step, as Propagator reports it. */
function errorOf(code: number, catalogId: number, utcMs: number, epochMs: number): PropagationError {
  return new PropagationError(code === SGP4_NOT_FINITE ? SGP4_NOT_FINITE_NUMBER : code, catalogId, (utcMs - epochMs) / MS_PER_MINUTE);
}

/**
 * The source of one object of a batch. A class, not an object literal with its own closures: every
 * source then shares one map and one function per method, so the search's optimized code, which
 * calls them for thousands of objects, keeps its single call target (a closure per source made V8
 * throw that code away as new sources came, and optimize it again).
 */
class BatchEphemeris implements EphemerisSource {
  readonly id: number;
  readonly name: string | undefined;
  readonly scanStepMs: number;
  readonly motionBound: MotionBound;
  readonly #batch: Sgp4Batch;
  readonly #index: number;
  readonly #epochMs: number;
  readonly #eop: EopTable | undefined;
  readonly #teme = new Float64Array(6);
  readonly #codes = new Uint8Array(1);

  constructor(batch: Sgp4Batch, index: number, es: ElementSet, eop: EopTable | undefined) {
    this.id = es.catalogId;
    this.name = es.name;
    this.scanStepMs = scanStepMsFor(es.meanMotionRevPerDay, es.eccentricity);
    this.motionBound = motionBoundOf(batch, index);
    this.#batch = batch;
    this.#index = index;
    this.#epochMs = es.epochMs;
    this.#eop = eop;
  }

  stateItrfAt(utcMs: number, out: Float64Array, offset: number): PropagationError | undefined {
    if (!Number.isFinite(utcMs)) throw new RangeError(`time must be finite ms of UTC, found ${utcMs}`);
    const teme = this.#teme;
    const code = propagate(this.#batch, this.#index, utcMs, teme, 0, this.#codes, 0);
    if (code !== 0) return errorOf(code, this.id, utcMs, this.#epochMs);
    temeToItrfInto(teme, 0, 0, utcMs, this.#eop, out, offset);
    return undefined;
  }

  statesItrfOnGrid(startMs: number, stepMs: number, count: number, out: Float64Array): number {
    if (!Number.isSafeInteger(count) || count < 0 || out.length < 6 * count) {
      throw new RangeError(`a grid of ${count} states does not fit in ${out.length} slots`);
    }
    const grid = gridScratch(count);
    propagateOnGrid(this.#batch, this.#index, startMs, stepMs, count, grid);
    const eop = this.#eop;
    for (let k = 0; k < count; k++) {
      if (grid.errors[k] !== 0) return k;
      temeToItrfInto(grid.positionsKm, grid.velocitiesKmPerS, 3 * k, startMs + k * stepMs, eop, out, 6 * k);
    }
    return count;
  }
}

/** The source of object `index` of `batch`, whose element set is `es`. */
export function ephemerisFromBatch(
  batch: Sgp4Batch,
  index: number,
  es: ElementSet,
  options: ElementsEphemerisOptions = {},
): EphemerisSource {
  if (batch.catalogIds[index] !== es.catalogId || batch.epochMs[index] !== es.epochMs) {
    throw new RangeError(`object ${index} of the batch is not element set ${es.catalogId} of epoch ${es.epochMs}`);
  }
  return new BatchEphemeris(batch, index, es, options.eop);
}

/** Grid buffers shared by every source of this thread (a call fills and reads them before returning). */
let scratch: FullStateBuffers = createStateBuffers(0);

function gridScratch(count: number): FullStateBuffers {
  if (scratch.errors.length < count) scratch = createStateBuffers(Math.max(count, 2 * scratch.errors.length));
  return scratch;
}

/**
 * The TEME state (position at positions[at ..+2], velocity at velocities[at ..+2], or both in one
 * buffer at at ..+5 when `velocities` is 0) at `utcMs` turned into ITRF at out[offset ..+5]:
 * temeToItrfAt's arithmetic, in the same order, without its objects.
 */
function temeToItrfInto(
  positions: Float64Array,
  velocities: Float64Array | 0,
  at: number,
  utcMs: number,
  eop: EopTable | undefined,
  out: Float64Array,
  offset: number,
): void {
  const v = velocities === 0 ? positions : velocities;
  const vAt = velocities === 0 ? at + 3 : at;
  const eo = eop === undefined ? NO_ORIENTATION : eopAt(eop, utcMs);
  // The batch's sine and cosine (within 2 ulp of Math's, about twice as fast for both).
  const rotation = ROTATION;
  rotation[2] = gmst(utcMs + eo.ut1MinusUtcS * 1000);
  sinCos(rotation, 0);
  const c = rotation[1] ?? 1;
  const s = rotation[0] ?? 0;
  const omega = EARTH_RATE * (1 - eo.lodS / 86_400);
  const rx = positions[at] ?? 0;
  const ry = positions[at + 1] ?? 0;
  const vxT = v[vAt] ?? 0;
  const vyT = v[vAt + 1] ?? 0;
  const px = c * rx + s * ry;
  const py = -s * rx + c * ry;
  const pz = positions[at + 2] ?? 0;
  const vx = c * vxT + s * vyT + omega * py;
  const vy = -s * vxT + c * vyT - omega * px;
  const vz = v[vAt + 2] ?? 0;
  if (eo.xpRad === 0 && eo.ypRad === 0) {
    out[offset] = px;
    out[offset + 1] = py;
    out[offset + 2] = pz;
    out[offset + 3] = vx;
    out[offset + 4] = vy;
    out[offset + 5] = vz;
    return;
  }
  // ITRF = Wᵀ·PEF, W = ROT1(yp)·ROT2(xp), as temeToItrf's pefToItrf.
  const cxp = Math.cos(eo.xpRad);
  const sxp = Math.sin(eo.xpRad);
  const cyp = Math.cos(eo.ypRad);
  const syp = Math.sin(eo.ypRad);
  out[offset] = cxp * px + sxp * syp * py + sxp * cyp * pz;
  out[offset + 1] = cyp * py - syp * pz;
  out[offset + 2] = -sxp * px + cxp * syp * py + cxp * cyp * pz;
  out[offset + 3] = cxp * vx + sxp * syp * vy + sxp * cyp * vz;
  out[offset + 4] = cyp * vy - syp * vz;
  out[offset + 5] = -sxp * vx + cxp * syp * vy + cxp * cyp * vz;
}

/** One batch for `elements` and a source for each, in the same order. */
export function ephemeridesFromElements(elements: readonly ElementSet[], options: ElementsEphemerisOptions = {}): EphemerisSource[] {
  const batch = batchFromElements(elements);
  return elements.map((es, i) => ephemerisFromBatch(batch, i, es, options));
}

