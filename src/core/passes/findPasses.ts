// All passes of N objects over M stations in a time window: AOS, TCA (maximum elevation) and LOS,
// found by root finding on the sine of the elevation and its analytic rate, with minimum elevation
// and horizon masks. Each object is propagated once per coarse sample (all samples in one call when
// its source gives a grid), and each sample is shared by every station; a station only looks at
// steps where the object could come above its threshold. Between two samples the motion is a
// quintic curve (position, velocity and modelled acceleration at both ends), on which each event is
// found without propagating; one propagation at the event then confirms it with a Newton step, or,
// should the curve be off, the event is found again on propagations alone. When a source bounds its
// motion, a station's work is skipped while the object cannot come near its horizon (and, past the
// grid, the samples themselves while it is out of every station's reach): the passes are exactly
// those of the search without skipping.

import type { ZenithError } from '../errors/index.ts';
import { geodeticToItrf } from '../frames/index.ts';
import type { EphemerisSource, MotionBound } from './EphemerisSource.ts';
import { STATE_SIZE } from './EphemerisSource.ts';
import { earthFixedAcceleration as earthFixedAccelerationImported } from './earthFixedAcceleration.ts';
import { hermiteExtremum as hermiteExtremumImported, hermiteZero as hermiteZeroImported } from './hermiteGuess.ts';
import type { HorizonMask } from './HorizonMask.ts';
import type { PassStation } from './PassStation.ts';
import { stationFrameOf } from './PassStation.ts';
import { QuinticSegment, SEGMENT_SAMPLE_SIZE } from './QuinticSegment.ts';
import * as lookSlots from './StationFrame.ts';
import type { StationFrame } from './StationFrame.ts';

// Imported values copied to module constants: under tsx an imported binding may be read through a
// getter at every use, and these are used at every sample.
const { LOOK_AZIMUTH, LOOK_ELEVATION, LOOK_SIZE, SINE_ELEVATION, SINE_ELEVATION_RATE } = lookSlots;
const hermiteExtremum = hermiteExtremumImported;
const hermiteZero = hermiteZeroImported;
const earthFixedAcceleration = earthFixedAccelerationImported;

export interface Pass {
  readonly objectId: number;
  readonly objectName: string | undefined;
  readonly stationName: string;
  /** Acquisition of signal: elevation rises above the station's minimum and mask (or the window start when aosCut). */
  readonly aosMs: number;
  /** Time of closest approach: the maximum elevation within [aosMs, losMs]. */
  readonly tcaMs: number;
  /** Loss of signal (or the window end / last reachable time when losCut). */
  readonly losMs: number;
  readonly maxElevationRad: number;
  readonly aosAzimuthRad: number;
  readonly tcaAzimuthRad: number;
  readonly losAzimuthRad: number;
  /** The object was already visible at the start of the window: the real AOS is earlier. */
  readonly aosCut: boolean;
  /** The object was still visible at the end of the window, or its propagation failed during the pass. */
  readonly losCut: boolean;
}

/** An object whose search ended early because it could not be propagated past `utcMs`. */
export interface PassSearchFailure {
  readonly objectId: number;
  readonly objectName: string | undefined;
  readonly utcMs: number;
  readonly error: ZenithError;
}

export interface PassSearchResult {
  /** Sorted by AOS, then station name, then object id. */
  readonly passes: Pass[];
  readonly failures: PassSearchFailure[];
}

export interface PassSearchOptions {
  /** Default minimum elevation for stations that do not set their own (rad); 0 when absent. */
  readonly minElevationRad?: number;
  /** Precision of AOS and LOS (ms); 1 ms when absent. */
  readonly toleranceMs?: number;
  /** Precision of TCA (ms); 10 ms when absent (the elevation is flat there). */
  readonly tcaToleranceMs?: number;
  /** Sampling step inside a window to find where a horizon mask cuts it (ms); 5 s when absent. */
  readonly maskStepMs?: number;
  /** Called after each object with the number of objects done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Skip coarse samples while an object with a motion bound is far below a station's horizon (true
   * when absent). The passes are the same either way; false is for tests and measurements.
   */
  readonly skipFarBelow?: boolean;
}

/**
 * A hidden maximum between two samples that are both below the threshold is only refined when the
 * tangent lines at the two samples allow it to come within this margin of the threshold (the sine of
 * the elevation, about 2° near the horizon). The tangent estimate is an upper bound wherever the
 * curve is concave (near a culmination).
 */
const HIDDEN_EXTREMUM_MARGIN = Math.sin((2 * Math.PI) / 180);
/** Events are found on the interpolated curve to this share of their tolerance before confirming. */
const CURVE_TOLERANCE_SHARE = 0.5;
/** Newton steps on propagations before an event is searched on propagations alone. */
const NEWTON_STEPS = 3;
/** Newton steps on the curve before a crossing is searched there by bracketing. */
const CURVE_NEWTON_STEPS = 6;
const MAX_ITERATIONS = 60;

/** Layout of a pass as searchPassRows gives it. */
export const PASS_ROW_STATION = 0;
export const PASS_ROW_AOS = 1;
export const PASS_ROW_TCA = 2;
export const PASS_ROW_LOS = 3;
export const PASS_ROW_MAX_ELEVATION = 4;
export const PASS_ROW_AOS_AZIMUTH = 5;
export const PASS_ROW_TCA_AZIMUTH = 6;
export const PASS_ROW_LOS_AZIMUTH = 7;
export const PASS_ROW_FLAGS = 8;
export const PASS_ROW_SIZE = 9;

/** Slack (rad) kept between the skipping bound and the visibility limit: rounding of the angles. */
const SKIP_SLACK_RAD = 1e-6;

/** Thrown when an object's state breaks its motion bound: it is searched again without skipping. */
class BoundExceeded extends Error {}

/** Thrown inside one object's search when its propagation fails; caught by findPasses. */
class StopSearch extends Error {
  constructor(
    /** The first time found unreachable. */
    readonly utcMs: number,
    readonly error: ZenithError,
    /** The last time known reachable. */
    readonly lastGoodMs = utcMs,
  ) {
    super(error.message);
  }
}

/** A point of a visibility window: time, elevation and azimuth. */
interface WindowPoint {
  readonly t: number;
  readonly el: number;
  readonly az: number;
}

/** A point of the elevation curve of one object seen from one station. */
interface Sample {
  t: number;
  /** Sine of the elevation minus that of the station's lowest threshold: > 0 means possibly visible. */
  g: number;
  /** Rate of the sine of the elevation (1/s). */
  d: number;
  /** Elevation and azimuth (rad), when `angles` (they are only worked out where needed). */
  el: number;
  az: number;
  angles: boolean;
}

/**
 * A new sample. Its numbers start as NaN, not 0: V8 would otherwise first store them as small
 * integers and change the objects' layout at the first fraction, and the search ran about 6 % slower
 * in worker threads for it. Every field is written before it is read.
 */
function sample(): Sample {
  return { t: NaN, g: NaN, d: NaN, el: NaN, az: NaN, angles: false };
}

function copySample(to: Sample, from: Sample): void {
  to.t = from.t;
  to.g = from.g;
  to.d = from.d;
  to.el = from.el;
  to.az = from.az;
  to.angles = from.angles;
}

/** One station's view of the object being searched. */
class StationTrack {
  readonly station: PassStation;
  /** Position of the station in the list searched. */
  readonly index: number;
  readonly frame: StationFrame;
  /** The minimum elevation at this station. */
  readonly minElevationRad: number;
  /** The mask, when it rises above the minimum somewhere (else it changes nothing). */
  readonly mask: HorizonMask | undefined;
  /** Lowest threshold over all azimuths: windows above it are candidates, split by the mask. */
  readonly lowThresholdRad: number;
  /** Its sine (of the threshold held within ±90°). */
  readonly sinLowThreshold: number;
  readonly prev = sample();
  readonly cur = sample();
  open = false;
  aosCut = false;
  /**
   * Points of the open window, in time order: its start, the samples and the local maxima. Kept
   * only where a mask will split the window; else the window is summed up as it goes: its first
   * point, its highest and its last.
   */
  candidates: WindowPoint[] = [];
  points = 0;
  // Written when the window gets its points (NaN until then, for the reason sample() gives).
  firstT = NaN;
  firstAz = NaN;
  bestT = NaN;
  /** The best point's g, which orders points as their elevations do. */
  bestG = NaN;
  bestEl = NaN;
  bestAz = NaN;
  lastT = NaN;
  lastAz = NaN;
  /**
   * The best or the last point is a coarse sample whose angles were not worked out (most samples
   * of a window are neither in the end): its state is kept to work them out at the close.
   */
  bestPending = false;
  lastPending = false;
  readonly bestState = new Float64Array(STATE_SIZE);
  readonly lastState = new Float64Array(STATE_SIZE);
  // Skipping: the station's geocentric direction and radius (km), the angle between that direction
  // and its local vertical, and, per object, the largest angle from the station's direction (seen
  // from the Earth's centre) at which the object can be above the lowest threshold.
  readonly ux: number;
  readonly uy: number;
  readonly uz: number;
  readonly radiusKm: number;
  readonly verticalTiltRad: number;
  // The numbers below start as NaN (see sample()) and get their values in the constructor.
  reachRad = NaN;
  /** cos(reachRad): -1 when the reach is π or more (every angle is within it), 1 when it is 0 or less. */
  cosReach = NaN;
  /**
   * Cosine of the reach plus the turn of half a coarse step at the largest rate: when the object is
   * beyond it at both ends of a step, it cannot reach the threshold in between.
   */
  cosFar = NaN;
  /** The cosine of the angle from the station to the object at the current sample. */
  cos = NaN;
  /** The object was beyond cosFar at the last sample. */
  prevFar = false;
  /** `prev` holds the look of the last sample (else only its time: it was not needed). */
  prevLooked = false;
  constructor(station: PassStation, defaultMinElevationRad: number, index: number) {
    this.station = station;
    this.index = index;
    this.frame = stationFrameOf(station);
    const itrf = geodeticToItrf(station.geodetic);
    this.radiusKm = Math.hypot(itrf.x, itrf.y, itrf.z);
    this.ux = itrf.x / this.radiusKm;
    this.uy = itrf.y / this.radiusKm;
    this.uz = itrf.z / this.radiusKm;
    const lat = station.geodetic.latitudeRad;
    const lon = station.geodetic.longitudeRad;
    const up = Math.cos(lat) * Math.cos(lon) * this.ux + Math.cos(lat) * Math.sin(lon) * this.uy + Math.sin(lat) * this.uz;
    this.verticalTiltRad = Math.acos(Math.min(1, up));
    this.minElevationRad = station.minElevationRad ?? defaultMinElevationRad;
    if (!Number.isFinite(this.minElevationRad)) {
      throw new RangeError(`station ${station.name}: minimum elevation must be finite`);
    }
    const mask = station.horizonMask;
    this.mask = mask !== undefined && mask.maxElevationRad > this.minElevationRad ? mask : undefined;
    this.lowThresholdRad = Math.max(this.minElevationRad, this.mask?.minElevationRad ?? -Infinity);
    this.sinLowThreshold = Math.sin(Math.min(Math.PI / 2, Math.max(-Math.PI / 2, this.lowThresholdRad)));
    this.reachRad = Math.PI;
    this.cosReach = -1;
    this.cosFar = -2;
    this.cos = 1;
  }

  /**
   * Sets `reachRad` for an object bounded by `bound`. Above the lowest threshold means a geocentric
   * elevation above e = threshold − tilt, and an object at radius r at geocentric angle θ from the
   * station has cos(θ + e) > R cos(e) / r then: θ < acos(R cos e / r) − e, largest at the largest r.
   */
  setReach(bound: MotionBound): void {
    const e = this.lowThresholdRad - this.verticalTiltRad - SKIP_SLACK_RAD;
    const c = (this.radiusKm * Math.cos(e)) / bound.maxRadiusKm;
    if (!(Math.cos(e) > 0) || !(bound.maxRadiusKm > 0)) this.reachRad = Math.PI;
    else if (c >= 1) this.reachRad = -Math.PI;
    else this.reachRad = Math.acos(c) - e + SKIP_SLACK_RAD;
    this.cosReach = this.reachRad >= Math.PI ? -1 : this.reachRad <= 0 ? 1 : Math.cos(this.reachRad);
  }

  /** Sets `cosFar` for an object that turns at most `turnRad` in a coarse step. */
  setFar(turnRad: number): void {
    const far = this.reachRad + turnRad / 2;
    this.cosFar = far >= Math.PI ? -2 : far <= 0 ? 1 : Math.cos(far);
  }

  thresholdAt(azimuthRad: number): number {
    return this.mask === undefined ? this.minElevationRad : Math.max(this.minElevationRad, this.mask.elevationRadAt(azimuthRad));
  }

  /** Adds a point to the open window; it must carry its angles. */
  addCandidate(s: Sample): void {
    if (!s.angles) throw new Error(`internal: window point at ${s.t} without its angles`);
    if (this.mask !== undefined) {
      this.candidates.push({ t: s.t, el: s.el, az: s.az });
      return;
    }
    if (this.points === 0) {
      this.firstT = s.t;
      this.firstAz = s.az;
    }
    if (this.points === 0 || s.g > this.bestG) {
      this.bestT = s.t;
      this.bestG = s.g;
      this.bestEl = s.el;
      this.bestAz = s.az;
      this.bestPending = false;
    }
    this.lastT = s.t;
    this.lastAz = s.az;
    this.lastPending = false;
    this.points++;
  }

  /**
   * Adds a coarse sample, without its angles, to an open window without a mask that already has
   * its first point; `state` is the sample's state, copied only where the point may be needed.
   */
  addLazyCandidate(s: Sample, state: Float64Array): void {
    // Copied number by number: a subarray per sample would be an object per sample.
    if (s.g > this.bestG) {
      this.bestT = s.t;
      this.bestG = s.g;
      for (let i = 0; i < STATE_SIZE; i++) this.bestState[i] = state[i] ?? 0;
      this.bestPending = true;
    }
    this.lastT = s.t;
    for (let i = 0; i < STATE_SIZE; i++) this.lastState[i] = state[i] ?? 0;
    this.lastPending = true;
    this.points++;
  }

  /** Opens a window: no points yet. */
  startWindow(): void {
    this.candidates = this.mask === undefined ? this.candidates : [];
    this.points = 0;
  }
}

/** Searches one object over every station; reuses its buffers across objects. */
class ObjectSearch {
  readonly #tracks: StationTrack[];
  readonly #fromMs: number;
  readonly #toMs: number;
  readonly #toleranceMs: number;
  readonly #tcaToleranceMs: number;
  readonly #maskStepMs: number;
  // The coarse samples before and at the current time: state and modelled acceleration.
  #prevState = new Float64Array(SEGMENT_SAMPLE_SIZE);
  #curState = new Float64Array(SEGMENT_SAMPLE_SIZE);
  /** The curve between the two, fitted when first needed for the current interval. */
  readonly #curve = new QuinticSegment();
  #curveReady = false;
  #prevT = 0;
  #curT = 0;
  /** State of a point between samples, exact or on the curve. */
  readonly #point = new Float64Array(STATE_SIZE);
  /** The object's states on the coarse grid, when its source gives them in one call. */
  #grid = new Float64Array(0);
  readonly #look = new Float64Array(LOOK_SIZE);
  readonly #sine = new Float64Array(2);
  readonly #probe = sample();
  // Working samples of the root finding, reused (it allocates nothing): the bracket, and the results
  // of a crossing and of an extremum, which are copied by whoever keeps them. A crossing is refined
  // while an extremum is in use, never the other way round.
  readonly #lo = sample();
  readonly #hi = sample();
  readonly #crossingOut = sample();
  readonly #extremumOut = sample();
  /** The modelled acceleration at #point, for the Newton step at a TCA. */
  readonly #acceleration = new Float64Array(3);
  // Set by run() before any evaluation.
  #source!: EphemerisSource;
  /** The passes of the object searched last, PASS_ROW_SIZE numbers each (see PASS_ROW_*). */
  rows = new Float64Array(16 * PASS_ROW_SIZE);
  rowCount = 0;

  constructor(tracks: StationTrack[], fromMs: number, toMs: number, options: PassSearchOptions) {
    this.#tracks = tracks;
    this.#fromMs = fromMs;
    this.#toMs = toMs;
    this.#toleranceMs = positive(options.toleranceMs ?? 1, 'toleranceMs');
    this.#tcaToleranceMs = positive(options.tcaToleranceMs ?? 10, 'tcaToleranceMs');
    this.#maskStepMs = positive(options.maskStepMs ?? 5000, 'maskStepMs');
  }

  /**
   * Passes of `source` over every station; a failure ends the search and cuts open windows. With
   * `skip` and a motion bound, far-below samples are skipped; should the object ever break its
   * bound, its search is done again without skipping.
   */
  run(source: EphemerisSource, failures: PassSearchFailure[], skip: boolean): void {
    const step = source.scanStepMs;
    if (!(step > 0) || !Number.isFinite(step)) {
      throw new RangeError(`object ${source.id}: scanStepMs must be a positive number of ms, found ${step}`);
    }
    const bound = skip ? source.motionBound : undefined;
    if (bound !== undefined && bound.maxRadiusKm < Infinity && bound.maxAngularRateRadPerS < Infinity) {
      const ownFailures: PassSearchFailure[] = [];
      try {
        this.rowCount = 0;
        this.#scan(source, ownFailures, bound);
        for (const f of ownFailures) failures.push(f);
        return;
      } catch (exceeded) {
        if (!(exceeded instanceof BoundExceeded)) throw exceeded;
      }
    }
    this.rowCount = 0;
    this.#scan(source, failures, undefined);
  }

  #scan(source: EphemerisSource, failures: PassSearchFailure[], bound: MotionBound | undefined): void {
    const step = source.scanStepMs;
    this.#source = source;
    const tracks = this.#tracks;
    const maxR2 = bound === undefined ? Infinity : bound.maxRadiusKm * bound.maxRadiusKm;
    const maxRate = bound === undefined ? Infinity : bound.maxAngularRateRadPerS;
    /** Largest turn (rad) in one coarse step, and its cosine: two samples further apart break the bound. */
    const turn = (maxRate * step) / 1000 + SKIP_SLACK_RAD;
    const cosTurn = turn >= Math.PI ? -2 : Math.cos(turn);
    for (const track of tracks) {
      track.open = false;
      track.startWindow();
      track.prevLooked = false;
      if (bound !== undefined) {
        track.setReach(bound);
        track.setFar(turn);
      }
    }
    const from = this.#fromMs;
    const to = this.#toMs;
    const intervals = Math.max(1, Math.ceil((to - from) / step - 1e-9));
    // Samples 0 .. intervals−1 from the grid when the source gives one; the last, at `to`, on its own.
    let gridEnd = 0;
    if (source.statesItrfOnGrid !== undefined) {
      if (this.#grid.length < STATE_SIZE * intervals) this.#grid = new Float64Array(STATE_SIZE * intervals);
      gridEnd = source.statesItrfOnGrid(from, step, intervals, this.#grid);
    }
    const grid = this.#grid;
    try {
      let prevT = from;
      let prevK = 0;
      // The object's direction from the Earth's centre at the last sample.
      let px = 0;
      let py = 0;
      let pz = 0;
      for (let k = 0; k <= intervals; ) {
        // The last sample's state becomes the start of the interval that ends at this one.
        const previous = this.#prevState;
        this.#prevState = this.#curState;
        this.#curState = previous;
        const state = this.#curState;
        let t = k === intervals ? to : from + k * step;
        /** Samples were skipped to reach this one: no station can see the object since the last. */
        const jumped = k > prevK + 1;
        let stop: StopSearch | undefined;
        let error: ZenithError | undefined;
        if (k < gridEnd) {
          const at = STATE_SIZE * k;
          for (let i = 0; i < STATE_SIZE; i++) state[i] = grid[at + i] ?? 0;
        } else {
          error = source.stateItrfAt(t, state, 0);
        }
        if (error !== undefined) {
          if (k === 0) throw new StopSearch(t, error);
          if (jumped) {
            // Find the first failing sample (failures persist once reached), so that the failure
            // is bracketed as the search without skipping brackets it.
            let lo = prevK;
            let hi = k;
            while (hi - lo > 1) {
              const mid = (lo + hi) >> 1;
              const e = source.stateItrfAt(from + mid * step, state, 0);
              if (e === undefined) lo = mid;
              else {
                hi = mid;
                error = e;
              }
            }
            prevT = from + lo * step;
            t = hi === intervals ? to : from + hi * step;
          }
          // Search up to the last reachable time, then stop there.
          stop = this.#lastReachable(prevT, t, error);
          t = stop.lastGoodMs;
        }
        // The acceleration is only worked out when a curve through this sample is needed.
        state[STATE_SIZE] = NaN;
        this.#prevT = prevT;
        this.#curT = t;
        this.#curveReady = false;
        let x = 0;
        let y = 0;
        let z = 0;
        if (bound !== undefined) {
          x = state[0] ?? 0;
          y = state[1] ?? 0;
          z = state[2] ?? 0;
          const r2 = x * x + y * y + z * z;
          const vx = state[3] ?? 0;
          const vy = state[4] ?? 0;
          const vz = state[5] ?? 0;
          const hx = y * vz - z * vy;
          const hy = z * vx - x * vz;
          const hz = x * vy - y * vx;
          const most = maxRate * r2;
          if (!(r2 <= maxR2) || !(hx * hx + hy * hy + hz * hz <= most * most)) throw new BoundExceeded();
          const r = Math.sqrt(r2);
          x /= r;
          y /= r;
          z /= r;
          // The direction may not have turned faster than the bound since the last sample.
          if (k > 0 && !jumped && stop === undefined && x * px + y * py + z * pz < cosTurn) throw new BoundExceeded();
        }
        let allFar = bound !== undefined && stop === undefined;
        for (let i = 0; i < tracks.length; i++) {
          const track = tracks[i] as StationTrack;
          const cos = bound === undefined ? 1 : x * track.ux + y * track.uy + z * track.uz;
          track.cos = cos;
          const far = cos < track.cosFar;
          allFar &&= far;
          const prev = track.prev;
          if (k === 0 ? far : jumped || (far && track.prevFar)) {
            // Nothing to see since the last sample, nor now: no look is needed (nor kept).
            prev.t = t;
            track.prevLooked = false;
            track.prevFar = far;
            continue;
          }
          if (k > 0 && !track.prevLooked) {
            // The last sample was not looked at: look at it now, from its state.
            this.#sineInto(track, prev.t, this.#prevState, prev);
            if (prev.g > 0) throw new BoundExceeded();
          }
          const cur = track.cur;
          this.#sineInto(track, t, state, cur);
          if (k === 0) {
            if (cur.g > 0) {
              track.open = true;
              track.aosCut = true;
              track.startWindow();
              this.#addCoarse(track, cur);
            }
          } else if (t > prev.t) {
            this.#interval(track, prev, cur);
          }
          track.prevLooked = true;
          track.prevFar = far;
          copySample(prev, cur);
        }
        if (stop !== undefined) throw stop;
        let next = k + 1;
        if (allFar && tracks.length > 0 && k + 1 >= gridEnd) {
          // Every station is beyond reach: skip the samples none of them can see the object before
          // (each would be a propagation; on the grid a sample costs less than working out how far
          // to skip).
          let safeUntil = Infinity;
          for (const track of tracks) {
            const margin = Math.acos(track.cos < -1 ? -1 : track.cos) - track.reachRad;
            safeUntil = Math.min(safeUntil, t + (margin / maxRate) * 1000);
          }
          let j = Math.min(intervals, Math.floor((safeUntil - from) / step));
          while (j > k && (j === intervals ? to : from + j * step) > safeUntil) j--;
          if (j >= k + 2) next = j;
        }
        // Never past the first sample the grid could not reach: the search stops there.
        if (k < gridEnd && next > gridEnd) next = gridEnd;
        prevT = t;
        prevK = k;
        px = x;
        py = y;
        pz = z;
        k = next;
      }
      for (const track of tracks) {
        // The last sample is already the window's last point.
        if (track.open) this.#close(track, undefined, true);
      }
    } catch (stop) {
      if (!(stop instanceof StopSearch)) throw stop;
      failures.push({ objectId: source.id, objectName: source.name, utcMs: stop.utcMs, error: stop.error });
      for (const track of tracks) {
        if (!track.open) continue;
        try {
          this.#close(track, undefined, true);
        } catch (again) {
          // The mask split could not reach inside the window either: the window is dropped.
          if (!(again instanceof StopSearch)) throw again;
        }
      }
    }
  }

  /**
   * Between a reachable time and one where propagation failed, the last reachable time (to 1 s,
   * by bisection; SGP4's decay and eccentricity failures persist once reached), with the current
   * sample's buffer holding its state.
   */
  #lastReachable(goodMs: number, badMs: number, badError: ZenithError): StopSearch {
    let good = goodMs;
    let bad = badMs;
    let error = badError;
    const state = this.#curState;
    while (bad - good > 1000) {
      const mid = (good + bad) / 2;
      const e = this.#source.stateItrfAt(mid, state, 0);
      if (e === undefined) good = mid;
      else {
        bad = mid;
        error = e;
      }
    }
    const e = this.#source.stateItrfAt(good, state, 0);
    if (e !== undefined) return new StopSearch(goodMs, e, goodMs);
    return new StopSearch(bad, error, good);
  }

  /**
   * Adds the current coarse sample to the open window: with its angles where they are needed now
   * (a mask's split, the window's first point), else lazily (see addLazyCandidate).
   */
  #addCoarse(track: StationTrack, s: Sample): void {
    if (!s.angles && track.mask === undefined && track.points > 0) {
      track.addLazyCandidate(s, this.#curState);
      return;
    }
    if (!s.angles) this.#angles(track, this.#curState, s);
    track.addCandidate(s);
  }

  /** Works out elevation and azimuth of `out` from the state in `state`. */
  #angles(track: StationTrack, state: Float64Array, out: Sample): void {
    track.frame.look(state, 0, this.#look);
    out.el = this.#look[LOOK_ELEVATION] ?? 0;
    out.az = this.#look[LOOK_AZIMUTH] ?? 0;
    out.angles = true;
  }

  /** The sine look of `state` from `track` at `t` into `out` (without its angles). */
  #sineInto(track: StationTrack, t: number, state: Float64Array, out: Sample): void {
    const sine = this.#sine;
    track.frame.sineLook(state, 0, sine);
    out.t = t;
    out.g = (sine[SINE_ELEVATION] ?? 0) - track.sinLowThreshold;
    out.d = sine[SINE_ELEVATION_RATE] ?? 0;
    out.angles = false;
  }

  /** Evaluates the object seen from one station at `t` into `out`, propagated; a failure stops the search. */
  #evaluate(track: StationTrack, t: number, out: Sample): void {
    const error = this.#source.stateItrfAt(t, this.#point, 0);
    if (error !== undefined) throw new StopSearch(t, error);
    this.#sineInto(track, t, this.#point, out);
    this.#angles(track, this.#point, out);
  }

  /** Evaluates the object at `t` (within the current interval) on the interpolated curve. */
  #evaluateOnCurve(track: StationTrack, t: number, out: Sample): void {
    const curve = this.#curve;
    if (!this.#curveReady) {
      const prev = this.#prevState;
      const cur = this.#curState;
      if (Number.isNaN(prev[STATE_SIZE])) earthFixedAcceleration(prev, 0, prev, STATE_SIZE);
      if (Number.isNaN(cur[STATE_SIZE])) earthFixedAcceleration(cur, 0, cur, STATE_SIZE);
      curve.fit(this.#prevT, prev, 0, this.#curT, cur, 0);
      this.#curveReady = true;
    }
    curve.stateAt(t, this.#point, 0);
    this.#sineInto(track, t, this.#point, out);
  }

  /** Events between two consecutive coarse samples a and b of one station. */
  #interval(track: StationTrack, a: Sample, b: Sample): void {
    let extremum: Sample | undefined;
    if (a.d > 0 && b.d < 0) {
      // A culmination inside: refine it when it may be visible.
      if (a.g > 0 || b.g > 0 || tangentMeet(a, b) > -HIDDEN_EXTREMUM_MARGIN) extremum = this.#extremum(track, a, b);
    } else if (a.d < 0 && b.d > 0 && a.g > 0 && b.g > 0) {
      // A dip inside a window: it may split it into two.
      if (tangentMeet(a, b) < HIDDEN_EXTREMUM_MARGIN) extremum = this.#extremum(track, a, b);
    }
    if (extremum === undefined) {
      this.#segment(track, a, b);
    } else {
      this.#segment(track, a, extremum);
      this.#segment(track, extremum, b);
    }
  }

  /** A monotone piece [a, b] of the curve: at most one crossing of the threshold. */
  #segment(track: StationTrack, a: Sample, b: Sample): void {
    if (!track.open && b.g > 0) {
      const aos = this.#crossing(track, a, b);
      track.open = true;
      track.aosCut = false;
      track.startWindow();
      track.addCandidate(aos);
    } else if (track.open && b.g <= 0) {
      const los = this.#crossing(track, a, b);
      this.#close(track, los, false);
      return;
    }
    if (track.open) this.#addCoarse(track, b);
  }

  /** Where g changes sign between a and b. */
  #crossing(track: StationTrack, a: Sample, b: Sample): Sample {
    return this.#refine(track, a, b, false, this.#toleranceMs, this.#crossingOut);
  }

  /** The extremum of the elevation between a and b, where its rate changes sign. */
  #extremum(track: StationTrack, a: Sample, b: Sample): Sample {
    return this.#refine(track, a, b, true, this.#tcaToleranceMs, this.#extremumOut);
  }

  /**
   * The root of g (or of its rate d when `onRate`) between a and b, in `out` (which must be neither
   * a nor b), with its angles: found on the curve, then propagated there. When the Newton step from
   * that exact point is within half the tolerance, the root is the point (a TCA, where the
   * elevation is flat) or the point moved by the step (a crossing); else the step is taken and
   * propagated again, up to NEWTON_STEPS times, and failing that the root is found on propagations
   * alone, in the bracket the exact points have narrowed.
   */
  #refine(track: StationTrack, a: Sample, b: Sample, onRate: boolean, tolMs: number, out: Sample): Sample {
    let t = onRate ? this.#solve(track, a, b, true, tolMs * CURVE_TOLERANCE_SHARE, out, false).t : this.#crossingOnCurve(track, a, b, tolMs, out);
    // Newton steps on propagations from the curve's root, within a bracket that each exact point narrows.
    const lo = this.#lo;
    const hi = this.#hi;
    copySample(lo, a);
    copySample(hi, b);
    const loPositive = onRate ? lo.d > 0 : lo.g > 0;
    for (let i = 0; i < NEWTON_STEPS; i++) {
      this.#evaluate(track, t, out);
      const value = onRate ? out.d : out.g;
      const stepMs = (-value / (onRate ? this.#sineAcceleration(track) : out.d)) * 1000;
      if ((value > 0) === loPositive) copySample(lo, out);
      else copySample(hi, out);
      const next = t + stepMs;
      if (!(next >= lo.t && next <= hi.t)) break;
      if (Math.abs(stepMs) <= tolMs / 2) {
        // A crossing moves by the step; a TCA stays at the point, where the elevation is flat.
        if (!onRate) out.t = next;
        return out;
      }
      t = next;
    }
    // The steps did not settle: search the bracket on propagations alone.
    const root = this.#solve(track, lo, hi, onRate, tolMs, out, true);
    // Landed next to a coarse sample, which has no angles yet: take them where the root is.
    if (!root.angles) this.#evaluate(track, root.t, root);
    return root;
  }

  /**
   * Where g crosses zero on the curve between a and b: the Hermite cubic's guess from the two ends,
   * then Newton steps on the curve (value and rate at each point); should they wander out of the
   * interval or not settle, the bracketed search on the curve.
   */
  #crossingOnCurve(track: StationTrack, a: Sample, b: Sample, tolMs: number, out: Sample): number {
    const span = b.t - a.t;
    const h = span / 1000;
    let t = a.t + hermiteZero(a.g, a.d * h, b.g, b.d * h) * span;
    const settled = tolMs * CURVE_TOLERANCE_SHARE;
    for (let i = 0; i < CURVE_NEWTON_STEPS; i++) {
      this.#evaluateOnCurve(track, t, out);
      const stepMs = (-out.g / out.d) * 1000;
      const next = t + stepMs;
      if (!(next >= a.t && next <= b.t)) break;
      if (Math.abs(stepMs) <= settled) return next;
      t = next;
    }
    return this.#solve(track, a, b, false, settled, out, false).t;
  }

  /**
   * The rate of the elevation's sine rate (1/s²) at the point just evaluated (#point), with the
   * modelled Earth-fixed acceleration there: the slope of a Newton step towards a TCA.
   */
  #sineAcceleration(track: StationTrack): number {
    earthFixedAcceleration(this.#point, 0, this.#acceleration, 0);
    return track.frame.sineElevationAcceleration(this.#point, 0, this.#acceleration, 0);
  }

  /**
   * Bracketed root finding on g (or on its rate d when `onRate`), on the curve or on propagations
   * (`exact`): each step evaluates the guess of the Hermite cubic through the two bracket ends,
   * which knows value and rate at both, so it converges in two or three evaluations. The result
   * carries the look of the last evaluation, within `tolMs` of the root, in `out` (which must be
   * neither a nor b; a and b may be the bracket buffers themselves).
   */
  #solve(track: StationTrack, a: Sample, b: Sample, onRate: boolean, tolMs: number, out: Sample, exact: boolean): Sample {
    const lo = this.#lo;
    const hi = this.#hi;
    if (a !== lo) copySample(lo, a);
    if (b !== hi) copySample(hi, b);
    const loPositive = onRate ? lo.d > 0 : lo.g > 0;
    for (let i = 0; i < MAX_ITERATIONS; i++) {
      const span = hi.t - lo.t;
      const h = span / 1000;
      const u = onRate
        ? hermiteExtremum(lo.g, lo.d * h, hi.g, hi.d * h)
        : hermiteZero(lo.g, lo.d * h, hi.g, hi.d * h);
      const x = lo.t + u * span;
      // Done when the guess lands within the tolerance of a point already evaluated (an end).
      const near = x - lo.t < tolMs ? lo : hi.t - x < tolMs ? hi : undefined;
      if (near !== undefined || span < tolMs) {
        copySample(out, near ?? (x - lo.t < hi.t - x ? lo : hi));
        out.t = x;
        return out;
      }
      if (exact) this.#evaluate(track, x, out);
      else this.#evaluateOnCurve(track, x, out);
      if ((onRate ? out.d > 0 : out.g > 0) === loPositive) copySample(lo, out);
      else copySample(hi, out);
    }
    return out;
  }

  /**
   * Ends the open window of a station at `end` (or, when absent, at its last known point) and
   * emits its passes.
   */
  #close(track: StationTrack, end: Sample | undefined, cut: boolean): void {
    track.open = false;
    if (end !== undefined) track.addCandidate(end);
    if (track.mask === undefined) {
      if (track.points > 0) {
        const probe = this.#probe;
        if (track.bestPending) {
          this.#angles(track, track.bestState, probe);
          track.bestEl = probe.el;
          track.bestAz = probe.az;
        }
        if (track.lastPending) {
          this.#angles(track, track.lastState, probe);
          track.lastAz = probe.az;
        }
        this.#push(track, track.firstT, track.firstAz, track.bestT, track.bestEl, track.bestAz, track.lastT, track.lastAz, track.aosCut, cut);
      }
    } else {
      const c = track.candidates;
      track.startWindow();
      this.#splitByMask(track, c, track.aosCut, cut);
    }
  }

  /**
   * Cuts a window (above the lowest threshold) where the mask hides the object: samples
   * f = elevation - threshold(azimuth) at the mask step and refines each sign change.
   */
  #splitByMask(track: StationTrack, c: WindowPoint[], aosCut: boolean, losCut: boolean): void {
    const first = c[0];
    const last = c[c.length - 1];
    if (first === undefined || last === undefined) return;
    const pts: WindowPoint[] = [first];
    const count = Math.ceil((last.t - first.t) / this.#maskStepMs);
    const p = this.#probe;
    for (let k = 1; k < count; k++) {
      this.#evaluate(track, first.t + (k * (last.t - first.t)) / count, p);
      pts.push({ t: p.t, el: p.el, az: p.az });
    }
    if (last.t > first.t) pts.push(last);
    const f = (q: WindowPoint): number => q.el - track.thresholdAt(q.az);
    // Every sampled point joins the candidates of the maximum.
    const all = [...c, ...pts].sort((a, b) => a.t - b.t);
    let start: WindowPoint | undefined = f(first) > 0 ? first : undefined;
    let startCut = aosCut;
    const emit = (end: WindowPoint, endCut: boolean): void => {
      if (start === undefined) return;
      const from = start;
      this.#emit(track, [from, ...all.filter((q) => q.t > from.t && q.t < end.t), end], startCut, endCut);
      start = undefined;
    };
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1] ?? first;
      const b = pts[i] ?? last;
      const fa = f(a);
      const fb = f(b);
      if (fa > 0 === fb > 0) continue;
      const root = this.#maskCrossing(track, a.t, fa, b.t, fb);
      if (fb > 0) {
        start = root;
        startCut = false;
      } else {
        emit(root, false);
      }
    }
    emit(last, losCut);
  }

  /** Where elevation - threshold(azimuth) changes sign between two window points (Illinois). */
  #maskCrossing(track: StationTrack, t0: number, f0: number, t1: number, f1: number): WindowPoint {
    let lo = t0;
    let flo = f0;
    let hi = t1;
    let fhi = f1;
    let side = 0;
    const out = sample();
    for (let i = 0; i < MAX_ITERATIONS; i++) {
      let x = (lo * fhi - hi * flo) / (fhi - flo);
      if (!(x > lo && x < hi)) x = (lo + hi) / 2;
      this.#evaluate(track, x, out);
      const fx = out.el - track.thresholdAt(out.az);
      if (fx > 0 === flo > 0) {
        lo = x;
        flo = fx;
        if (side === 1) fhi /= 2;
        side = 1;
      } else {
        hi = x;
        fhi = fx;
        if (side === -1) flo /= 2;
        side = -1;
      }
      if (hi - lo < this.#toleranceMs || fx === 0) break;
    }
    return { t: (lo + hi) / 2, el: out.el, az: out.az };
  }

  /** Emits one pass from the time-ordered window points c, whose ends are AOS and LOS. */
  #emit(track: StationTrack, c: WindowPoint[], aosCut: boolean, losCut: boolean): void {
    const aos = c[0];
    const los = c[c.length - 1];
    if (aos === undefined || los === undefined) return;
    let best = aos;
    for (const q of c) if (q.el > best.el) best = q;
    this.#push(track, aos.t, aos.az, best.t, best.el, best.az, los.t, los.az, aosCut, losCut);
  }

  #push(
    track: StationTrack,
    aosMs: number,
    aosAzimuthRad: number,
    tcaMs: number,
    maxElevationRad: number,
    tcaAzimuthRad: number,
    losMs: number,
    losAzimuthRad: number,
    aosCut: boolean,
    losCut: boolean,
  ): void {
    if (this.rows.length < (this.rowCount + 1) * PASS_ROW_SIZE) {
      const grown = new Float64Array(2 * this.rows.length);
      grown.set(this.rows);
      this.rows = grown;
    }
    const rows = this.rows;
    const at = this.rowCount * PASS_ROW_SIZE;
    rows[at + PASS_ROW_STATION] = track.index;
    rows[at + PASS_ROW_AOS] = aosMs;
    rows[at + PASS_ROW_TCA] = tcaMs;
    rows[at + PASS_ROW_LOS] = losMs;
    rows[at + PASS_ROW_MAX_ELEVATION] = maxElevationRad;
    rows[at + PASS_ROW_AOS_AZIMUTH] = aosAzimuthRad;
    rows[at + PASS_ROW_TCA_AZIMUTH] = tcaAzimuthRad;
    rows[at + PASS_ROW_LOS_AZIMUTH] = losAzimuthRad;
    rows[at + PASS_ROW_FLAGS] = (aosCut ? 1 : 0) | (losCut ? 2 : 0);
    this.rowCount++;
  }
}

/** Value where the tangents at a and b meet: an estimate of the extremum between them. */
function tangentMeet(a: Sample, b: Sample): number {
  const h = (b.t - a.t) / 1000;
  let s = (b.g - a.g - b.d * h) / (a.d - b.d);
  if (!(s >= 0)) s = 0;
  if (s > h) s = h;
  return a.g + a.d * s;
}

function positive(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, found ${value}`);
  return value;
}

/**
 * All passes of `sources` over `stations` between fromMs and toMs (ms of UTC). Passes cut by the
 * window edges carry aosCut/losCut; an object that cannot be propagated ends its search at that
 * time and is listed in `failures` (its open windows are cut there).
 */
export function findPasses(
  sources: readonly EphemerisSource[],
  stations: readonly PassStation[],
  fromMs: number,
  toMs: number,
  options: PassSearchOptions = {},
): PassSearchResult {
  const passes: Pass[] = [];
  const failures = searchPassRows(sources, stations, fromMs, toMs, options, (object, rows, count) => {
    const source = sources[object] as EphemerisSource;
    for (let k = 0; k < count; k++) {
      const at = k * PASS_ROW_SIZE;
      const flags = rows[at + PASS_ROW_FLAGS] ?? 0;
      passes.push({
        objectId: source.id,
        objectName: source.name,
        stationName: (stations[rows[at + PASS_ROW_STATION] ?? 0] as PassStation).name,
        aosMs: rows[at + PASS_ROW_AOS] ?? 0,
        tcaMs: rows[at + PASS_ROW_TCA] ?? 0,
        losMs: rows[at + PASS_ROW_LOS] ?? 0,
        maxElevationRad: rows[at + PASS_ROW_MAX_ELEVATION] ?? 0,
        aosAzimuthRad: rows[at + PASS_ROW_AOS_AZIMUTH] ?? 0,
        tcaAzimuthRad: rows[at + PASS_ROW_TCA_AZIMUTH] ?? 0,
        losAzimuthRad: rows[at + PASS_ROW_LOS_AZIMUTH] ?? 0,
        aosCut: (flags & 1) !== 0,
        losCut: (flags & 2) !== 0,
      });
    }
  });
  sortPasses(passes);
  return { passes, failures };
}

/**
 * The pass search without Pass objects, for callers that keep passes as numbers (worker threads):
 * after each object, `onObject` gets its index in `sources` and its passes as `count` rows of
 * PASS_ROW_SIZE numbers (station index, AOS, TCA, LOS, maximum elevation, the three azimuths and
 * the flags 1 = aosCut, 2 = losCut), in the order found, not sorted. The rows are only valid during
 * the call. Returns the failures, in object order.
 */
export function searchPassRows(
  sources: readonly EphemerisSource[],
  stations: readonly PassStation[],
  fromMs: number,
  toMs: number,
  options: PassSearchOptions,
  onObject: (object: number, rows: Float64Array, count: number) => void,
): PassSearchFailure[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs)) {
    throw new RangeError(`findPasses: need finite fromMs < toMs, found ${fromMs} .. ${toMs}`);
  }
  const tracks = stations.map((s, i) => new StationTrack(s, options.minElevationRad ?? 0, i));
  const search = new ObjectSearch(tracks, fromMs, toMs, options);
  const failures: PassSearchFailure[] = [];
  const skip = options.skipFarBelow ?? true;
  sources.forEach((source, i) => {
    search.run(source, failures, skip);
    onObject(i, search.rows, search.rowCount);
    options.onProgress?.(i + 1, sources.length);
  });
  return failures;
}

/** Sorts passes in place as findPasses returns them: by AOS, then station name, then object id. */
export function sortPasses(passes: Pass[]): Pass[] {
  return passes.sort(
    (p, q) => p.aosMs - q.aosMs || (p.stationName < q.stationName ? -1 : p.stationName > q.stationName ? 1 : 0) || p.objectId - q.objectId,
  );
}
