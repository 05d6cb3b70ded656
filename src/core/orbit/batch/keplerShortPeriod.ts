// The part of Vallado's sgp4 that near-earth and deep-space objects share: Kepler's equation, the
// short-period periodics and the orientation vectors, from the long-period-corrected mean elements
// to the TEME state. Inputs travel in the batch's block buffer (doubles passed to a call V8 does not
// inline would be boxed, one allocation per step).

import { constants } from 'satellite.js';
import * as series from './sinCos.ts';
import * as codes from './stepCodes.ts';

// Imported values copied to module constants once: a test runner's or bundler's module objects
// may turn every use of an imported binding into a property read, in the hottest loop there is.
const { COS4, COS6, COS8, SIN3, SIN5, SIN7, SIN9, SMALL_ANGLE, sinCos } = series;
const { SGP4_DECAYED, SGP4_NOT_FINITE, SGP4_SEMI_LATUS_RECTUM } = codes;

const { earthRadius, j2, xke, vkmpersec } = constants;
const ONE_OVER_XKE = 1 / xke;

/**
 * Steps per block: a kernel first reduces a block of steps to mean elements (the W_ rows below, one
 * value per step), then runs this function on each. Steps of a block are independent of one another,
 * so the processor overlaps them; one step after the other would wait on its own divisions and roots.
 */
export const BLOCK = 64;
// Rows of the block buffer: row r of step j is at block[r + j].
/** axnl = e cos(argp), aynl = e sin(argp) + aycof / (a (1 - e^2)). */
export const W_AXNL = 0 * BLOCK;
export const W_AYNL = 1 * BLOCK;
/** sin and cos of u = M + argp + xlcof axnl / (a (1 - e^2)), where Newton starts. */
export const W_SINU = 2 * BLOCK;
export const W_COSU = 3 * BLOCK;
/** Mean semi-major axis (earth radii); the mean motion is xke / am^1.5. */
export const W_AM = 4 * BLOCK;
/** 3 cos^2 i - 1, 1 - cos^2 i and 7 cos^2 i - 1 of the inclination below. */
export const W_CON41 = 5 * BLOCK;
export const W_X1MTH2 = 6 * BLOCK;
export const W_X7THM1 = 7 * BLOCK;
/** sin and cos of the inclination the short-period terms start from (xincp). */
export const W_SINI = 8 * BLOCK;
export const W_COSI = 9 * BLOCK;
/** sin and cos of a node angle, and the rest of the node (nodep) beyond it. */
export const W_SNODE = 10 * BLOCK;
export const W_CNODE = 11 * BLOCK;
export const W_NODE_REST = 12 * BLOCK;
/** sin and cos of the eccentric longitude that solves Kepler's equation (filled here). */
const W_SINE = 13 * BLOCK;
const W_COSE = 14 * BLOCK;
/** Size of the block buffer. */
export const BLOCK_SIZE = 15 * BLOCK;

/**
 * Finishes steps 0..n-1 of the block `w`: step j whose code errors[errBase + j] is 0 has its Kepler
 * equation solved, the short-period periodics added and its TEME position (km) written to
 * positions[posBase + stride * j ..+2] and velocity (km/s) to velocities[velBase + stride * j ..+2];
 * a step that fails, here or before, gets its code and zeros. Returns the number of failed steps.
 * `sc` is sinCos's scratch. Two loops, each over the whole block, so that the processor overlaps
 * steps rather than waiting on one step's divisions and roots.
 */
export function finishBlock(
  w: Float64Array,
  n: number,
  sc: Float64Array,
  errors: Uint8Array,
  errBase: number,
  positions: Float64Array,
  posBase: number,
  velocities: Float64Array | null,
  velBase: number,
  stride: number,
): number {
  for (let j = 0; j < n; j++) {
    if (errors[errBase + j] === 0) solveKepler(w, j, sc);
  }
  let failures = 0;
  for (let j = 0; j < n; j++) {
    const p = posBase + stride * j;
    const v = velBase + stride * j;
    let code = errors[errBase + j] ?? 0;
    if (code === 0) code = shortPeriodState(w, j, sc, positions, p, velocities, v);
    if (code !== 0) {
      errors[errBase + j] = code;
      failures++;
      writeFailedState(positions, p, velocities, v);
    }
  }
  return failures;
}

/**
 * Kepler's equation of step j: Newton from u (Vallado's iteration, at most 10 steps of at most
 * 0.95 rad), with sin/cos of the iterate carried by rotation and the iterate kept as eo1 - u. Like
 * Vallado, keeps sin/cos of the iterate before the last (smaller than 1e-12 rad) correction.
 */
function solveKepler(w: Float64Array, j: number, sc: Float64Array): void {
  const axnl = w[W_AXNL + j] ?? 0;
  const aynl = w[W_AYNL + j] ?? 0;
  let s = w[W_SINU + j] ?? 0;
  let co = w[W_COSU + j] ?? 0;
  let eoff = 0;
  let sineo1 = s;
  let coseo1 = co;
  for (let ktr = 0; ktr < 10; ktr++) {
    sineo1 = s;
    coseo1 = co;
    let tem5 = 1.0 - co * axnl - s * aynl;
    tem5 = (axnl * s - aynl * co - eoff) / tem5;
    if (Math.abs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
    eoff += tem5;
    if (Math.abs(tem5) < 1.0e-12) break;
    let ds: number;
    let dc: number;
    if (Math.abs(tem5) < 1e-5) {
      // Late Newton steps: the next terms are below 1e-21.
      const z = tem5 * tem5;
      ds = tem5 + tem5 * z * SIN3;
      dc = 1 - 0.5 * z;
    } else if (Math.abs(tem5) < SMALL_ANGLE) {
      const z = tem5 * tem5;
      ds = tem5 + tem5 * z * (SIN3 + z * (SIN5 + z * (SIN7 + z * SIN9)));
      dc = 1 - 0.5 * z + z * z * (COS4 + z * (COS6 + z * COS8));
    } else {
      sc[2] = tem5;
      sinCos(sc, 0);
      ds = sc[0] ?? 0;
      dc = sc[1] ?? 0;
    }
    const s1 = s * dc + co * ds;
    co = co * dc - s * ds;
    s = s1;
  }
  w[W_SINE + j] = sineo1;
  w[W_COSE + j] = coseo1;
}

/** Short-period periodics and state of step j, once solveKepler has run. Returns 0 or the result code. */
function shortPeriodState(
  w: Float64Array,
  j: number,
  sc: Float64Array,
  positions: Float64Array,
  p: number,
  velocities: Float64Array | null,
  v: number,
): number {
  const axnl = w[W_AXNL + j] ?? 0;
  const aynl = w[W_AYNL + j] ?? 0;
  const am = w[W_AM + j] ?? 0;
  const con41 = w[W_CON41 + j] ?? 0;
  const x1mth2 = w[W_X1MTH2 + j] ?? 0;
  const x7thm1 = w[W_X7THM1 + j] ?? 0;
  const sinip = w[W_SINI + j] ?? 0;
  const cosip = w[W_COSI + j] ?? 0;
  const sineo1 = w[W_SINE + j] ?? 0;
  const coseo1 = w[W_COSE + j] ?? 1;

  // ------- short period preliminary quantities -------
  const ecose = axnl * coseo1 + aynl * sineo1;
  const esine = axnl * sineo1 - aynl * coseo1;
  const el2 = axnl * axnl + aynl * aynl;
  const pl = am * (1.0 - el2);
  if (pl < 0.0) return SGP4_SEMI_LATUS_RECTUM;
  const rl = am * (1.0 - ecose);
  // One division for 1/rl and 1/pl, one root for sqrt(am) and the mean motion: the divider and
  // the root unit are the narrow part of the processor here.
  const invRlPl = 1.0 / (rl * pl);
  const invRl = pl * invRlPl;
  const sqrtAm = Math.sqrt(am);
  const nm = xke / (am * sqrtAm);
  const rdotl = sqrtAm * esine * invRl;
  const rvdotl = Math.sqrt(pl) * invRl;
  const betal = Math.sqrt(1.0 - el2);
  let temp = esine / (1.0 + betal);
  const amr = am * invRl;
  const sinu = amr * (sineo1 - aynl - axnl * temp);
  const cosu = amr * (coseo1 - axnl + aynl * temp);
  const sin2u = (cosu + cosu) * sinu;
  const cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = rl * invRlPl;
  const temp1 = 0.5 * j2 * temp;
  const temp2 = temp1 * temp;

  // ------- update for short period periodics -------
  const mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
  // sgp4fix for decaying satellites
  if (mrt < 1.0) return SGP4_DECAYED;
  // su = atan2(sinu, cosu) + dsu: the direction of (sinu, cosu) turned by dsu; likewise the node
  // and the inclination are turned by their (small) short-period terms.
  const norm2 = sinu * sinu + cosu * cosu;
  const invNorm = norm2 > 0 ? 1.0 / Math.sqrt(norm2) : 0;
  const su0 = sinu * invNorm;
  const cu0 = norm2 > 0 ? cosu * invNorm : 1;
  const dsu = -0.25 * temp2 * x7thm1 * sin2u;
  const dnode = (w[W_NODE_REST + j] ?? 0) + 1.5 * temp2 * cosip * sin2u;
  const dinc = 1.5 * temp2 * cosip * sinip * cos2u;
  const sn = w[W_SNODE + j] ?? 0;
  const cn = w[W_CNODE + j] ?? 1;
  let sinsu: number;
  let cossu: number;
  let snod: number;
  let cnod: number;
  let sini: number;
  let cosi: number;
  if (Math.abs(dsu) < SMALL_ANGLE && Math.abs(dnode) < SMALL_ANGLE && Math.abs(dinc) < SMALL_ANGLE) {
    let z = dsu * dsu;
    let ds = dsu + dsu * z * (SIN3 + z * (SIN5 + z * (SIN7 + z * SIN9)));
    let dc = 1 - 0.5 * z + z * z * (COS4 + z * (COS6 + z * COS8));
    sinsu = su0 * dc + cu0 * ds;
    cossu = cu0 * dc - su0 * ds;
    z = dnode * dnode;
    ds = dnode + dnode * z * (SIN3 + z * (SIN5 + z * (SIN7 + z * SIN9)));
    dc = 1 - 0.5 * z + z * z * (COS4 + z * (COS6 + z * COS8));
    snod = sn * dc + cn * ds;
    cnod = cn * dc - sn * ds;
    z = dinc * dinc;
    ds = dinc + dinc * z * (SIN3 + z * (SIN5 + z * (SIN7 + z * SIN9)));
    dc = 1 - 0.5 * z + z * z * (COS4 + z * (COS6 + z * COS8));
    sini = sinip * dc + cosip * ds;
    cosi = cosip * dc - sinip * ds;
  } else {
    sc[2] = dsu;
    sinCos(sc, 0);
    sinsu = su0 * (sc[1] ?? 0) + cu0 * (sc[0] ?? 0);
    cossu = cu0 * (sc[1] ?? 0) - su0 * (sc[0] ?? 0);
    sc[2] = dnode;
    sinCos(sc, 0);
    snod = sn * (sc[1] ?? 0) + cn * (sc[0] ?? 0);
    cnod = cn * (sc[1] ?? 0) - sn * (sc[0] ?? 0);
    sc[2] = dinc;
    sinCos(sc, 0);
    sini = sinip * (sc[1] ?? 0) + cosip * (sc[0] ?? 0);
    cosi = cosip * (sc[1] ?? 0) - sinip * (sc[0] ?? 0);
  }
  const mvt = rdotl - nm * temp1 * x1mth2 * sin2u * ONE_OVER_XKE;
  const rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) * ONE_OVER_XKE;

  // ------- orientation vectors -------
  const xmx = -snod * cosi;
  const xmy = cnod * cosi;
  const ux = xmx * sinsu + cnod * cossu;
  const uy = xmy * sinsu + snod * cossu;
  const uz = sini * sinsu;
  const vx = xmx * cossu - cnod * sinsu;
  const vy = xmy * cossu - snod * sinsu;
  const vz = sini * cossu;

  // ------- position and velocity (km and km/s) -------
  const px = mrt * ux * earthRadius;
  const py = mrt * uy * earthRadius;
  const pz = mrt * uz * earthRadius;
  const qx = (mvt * ux + rvdot * vx) * vkmpersec;
  const qy = (mvt * uy + rvdot * vy) * vkmpersec;
  const qz = (mvt * uz + rvdot * vz) * vkmpersec;
  // One test for NaN and ±Infinity in all six: x - x is 0 only for finite x.
  const sum = px + py + pz + qx + qy + qz;
  if (sum - sum !== 0) return SGP4_NOT_FINITE;
  positions[p] = px;
  positions[p + 1] = py;
  positions[p + 2] = pz;
  if (velocities !== null) {
    velocities[v] = qx;
    velocities[v + 1] = qy;
    velocities[v + 2] = qz;
  }
  return 0;
}

/** Writes the zeros of a failed step: Zenith hands out no NaN, and a result code says why. */
export function writeFailedState(
  positions: Float64Array,
  p: number,
  velocities: Float64Array | null,
  v: number,
): void {
  positions[p] = 0;
  positions[p + 1] = 0;
  positions[p + 2] = 0;
  if (velocities !== null) {
    velocities[v] = 0;
    velocities[v + 1] = 0;
    velocities[v + 2] = 0;
  }
}
