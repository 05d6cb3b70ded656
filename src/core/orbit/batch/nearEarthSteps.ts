// SGP4 for one near-earth object (period below 225 min) over many times: Vallado's sgp4 as satellite.js
// 7.1 runs it, with the per-object constants loaded once and fewer transcendental calls per step
// (one argument reduction gives sin and cos; small angles are added as rotations; no fmod, no pow).

import { F, type Sgp4Batch } from './Sgp4Batch.ts';
import * as shared from './keplerShortPeriod.ts';
import * as series from './sinCos.ts';
import * as codes from './stepCodes.ts';
import type { TimeMode } from './stepCodes.ts';

// Imported values copied to module constants once: a test runner's or bundler's module objects
// may turn every use of an imported binding into a property read, in the hottest loop there is.
const {
  BLOCK,
  finishBlock,
  W_AM,
  W_AXNL,
  W_AYNL,
  W_CNODE,
  W_CON41,
  W_COSI,
  W_COSU,
  W_NODE_REST,
  W_SINI,
  W_SINU,
  W_SNODE,
  W_X1MTH2,
  W_X7THM1,
} = shared;
const { COS4, COS6, COS8, SIN3, SIN5, SIN7, SIN9, SMALL_ANGLE, sinCos } = series;
const { SGP4_MEAN_ECCENTRICITY, SGP4_MEAN_MOTION, TIME_GRID_MS, TIME_LIST_MS } = codes;

/** The field index table as a plain module constant: an imported binding may be read through a
 * getter at every use under tsx. */
const FL = F;

/** Field `field` of object i of n in the field-major constants. */
function at(c: Float64Array, n: number, i: number, field: number): number {
  return c[field * n + i] ?? 0;
}

const MS_PER_MINUTE = 60_000;
/** Grid steps between fresh evaluations of the secular angles' sin/cos (a power of two). */
const RESEED = 32;

/**
 * Propagates object `i` (near-earth) to `count` times. Step k writes the TEME position (km) at
 * positions[posBase + stride * k ..+2], the velocity (km/s) at velocities[velBase + stride * k ..+2]
 * and its result code at errors[errBase + k]; a failed step writes zeros. Returns the number of
 * failed steps. Time k is
 * `(startMs + k * stepMs - epochMs) / 60000` minutes from epoch (TIME_GRID_MS), `(times[k] - epochMs)
 * / 60000` (TIME_LIST_MS) or `times[k]` (TIME_LIST_MIN).
 */
export function nearEarthSteps(
  b: Sgp4Batch,
  i: number,
  mode: TimeMode,
  startMs: number,
  stepMs: number,
  times: ArrayLike<number> | null,
  count: number,
  positions: Float64Array,
  posBase: number,
  velocities: Float64Array | null,
  velBase: number,
  stride: number,
  errors: Uint8Array,
  errBase: number,
): number {
  const n = b.count;
  const c = b.constants;
  const sc = b.scratch;
  const epochMs = b.epochMs[i] ?? 0;
  const simple = b.kind[i] === 1;
  const mo = at(c, n, i, FL.mo);
  const mdot = at(c, n, i, FL.mdot);
  const argpo = at(c, n, i, FL.argpo);
  const argpdot = at(c, n, i, FL.argpdot);
  const nodeo = at(c, n, i, FL.nodeo);
  const nodedot = at(c, n, i, FL.nodedot);
  const nodecf = at(c, n, i, FL.nodecf);
  const cc1 = at(c, n, i, FL.cc1);
  const bstarCc4 = at(c, n, i, FL.bstarCc4);
  const t2cof = at(c, n, i, FL.t2cof);
  const omgcof = at(c, n, i, FL.omgcof);
  const eta = at(c, n, i, FL.eta);
  const xmcof = at(c, n, i, FL.xmcof);
  const delmo = at(c, n, i, FL.delmo);
  const d2 = at(c, n, i, FL.d2);
  const d3 = at(c, n, i, FL.d3);
  const d4 = at(c, n, i, FL.d4);
  const bstarCc5 = at(c, n, i, FL.bstarCc5);
  const sinmao = at(c, n, i, FL.sinmao);
  const t3cof = at(c, n, i, FL.t3cof);
  const t4cof = at(c, n, i, FL.t4cof);
  const t5cof = at(c, n, i, FL.t5cof);
  const no = at(c, n, i, FL.no);
  const ecco = at(c, n, i, FL.ecco);
  const aycof = at(c, n, i, FL.aycof);
  const xlcof = at(c, n, i, FL.xlcof);
  const con41 = at(c, n, i, FL.con41);
  const x1mth2 = at(c, n, i, FL.x1mth2);
  const x7thm1 = at(c, n, i, FL.x7thm1);
  const amFactor = at(c, n, i, FL.amFactor);
  const sinio = at(c, n, i, FL.sinio);
  const cosio = at(c, n, i, FL.cosio);
  // On a time grid the three secular angles advance by fixed amounts: carry their sin/cos by
  // rotation and recompute them every RESEED steps, so rounding cannot build up (< 1e-14 rad).
  const grid = mode === TIME_GRID_MS;
  // The rotations are only used from the second grid step on: one time (root finding) skips them.
  const rotate = grid && count > 1;
  const hMin = stepMs / MS_PER_MINUTE;
  const rmS = rotate ? Math.sin(mdot * hMin) : 0;
  const rmC = rotate ? Math.cos(mdot * hMin) : 1;
  const raS = rotate ? Math.sin(argpdot * hMin) : 0;
  const raC = rotate ? Math.cos(argpdot * hMin) : 1;
  const rnS = rotate ? Math.sin(nodedot * hMin) : 0;
  const rnC = rotate ? Math.cos(nodedot * hMin) : 1;
  let sx = 0;
  let cx = 1;
  let sa = 0;
  let ca = 1;
  let sn = 0;
  let cn = 1;
  let failures = 0;

  const wb = b.block;
  // The inclination is constant near the earth: so are its terms in the shared short-period part.
  const rows = Math.min(BLOCK, count);
  for (let j = 0; j < rows; j++) {
    wb[W_CON41 + j] = con41;
    wb[W_X1MTH2 + j] = x1mth2;
    wb[W_X7THM1 + j] = x7thm1;
    wb[W_SINI + j] = sinio;
    wb[W_COSI + j] = cosio;
  }
  for (let k0 = 0; k0 < count; k0 += BLOCK) {
    const kEnd = Math.min(count, k0 + BLOCK);
    // Phase 1: the block's steps down to the mean elements the short-period part starts from.
    for (let k = k0; k < kEnd; k++) {
      const j = k - k0;
      const t =
        mode === TIME_GRID_MS
          ? (startMs + k * stepMs - epochMs) / MS_PER_MINUTE
          : mode === TIME_LIST_MS
            ? ((times?.[k] ?? 0) - epochMs) / MS_PER_MINUTE
            : (times?.[k] ?? 0);
      let code = 0;

      // ------- secular gravity and atmospheric drag -------
      // sin/cos of xmdf = mo + mdot t, argpdf = argpo + argpdot t, nodedf = nodeo + nodedot t.
      if (!grid || (k & (RESEED - 1)) === 0) {
        sc[2] = mo + mdot * t;
        sinCos(sc, 0);
        sx = sc[0] ?? 0;
        cx = sc[1] ?? 0;
        sc[2] = argpo + argpdot * t;
        sinCos(sc, 0);
        sa = sc[0] ?? 0;
        ca = sc[1] ?? 0;
        sc[2] = nodeo + nodedot * t;
        sinCos(sc, 0);
        sn = sc[0] ?? 0;
        cn = sc[1] ?? 0;
      } else {
        const sx1 = sx * rmC + cx * rmS;
        cx = cx * rmC - sx * rmS;
        sx = sx1;
        const sa1 = sa * raC + ca * raS;
        ca = ca * raC - sa * raS;
        sa = sa1;
        const sn1 = sn * rnC + cn * rnS;
        cn = cn * rnC - sn * rnS;
        sn = sn1;
      }
      const t2 = t * t;
      let tempa = 1.0 - cc1 * t;
      let tempe = bstarCc4 * t;
      let templ = t2cof * t2;
      // sin/cos of argpm = argpdf - temp (mm = xmdf + temp only enters through sin(mm) and mm + argpm).
      let sam = sa;
      let cam = ca;
      if (!simple) {
        const delomg = omgcof * t;
        const delmtemp = 1.0 + eta * cx;
        const delm = xmcof * (delmtemp * delmtemp * delmtemp - delmo);
        const temp = delomg + delm;
        const t3 = t2 * t;
        const t4 = t3 * t;
        tempa = tempa - d2 * t2 - d3 * t3 - d4 * t4;
        let st: number;
        let ct: number;
        if (Math.abs(temp) < SMALL_ANGLE) {
          const zTemp = temp * temp;
          st = temp + temp * zTemp * (SIN3 + zTemp * (SIN5 + zTemp * (SIN7 + zTemp * SIN9)));
          ct = 1 - 0.5 * zTemp + zTemp * zTemp * (COS4 + zTemp * (COS6 + zTemp * COS8));
        } else {
          sc[2] = temp;
          sinCos(sc, 0);
          st = sc[0] ?? 0;
          ct = sc[1] ?? 0;
        }
        sam = sa * ct - ca * st;
        cam = ca * ct + sa * st;
        tempe += bstarCc5 * (sx * ct + cx * st - sinmao);
        templ = templ + t3cof * t3 + t4 * (t4cof + t * t5cof);
      }
      if (no <= 0.0) {
        code = SGP4_MEAN_MOTION;
      } else {
        const am = amFactor * tempa * tempa;
        let em = ecco - tempe;
        if (em >= 1.0 || em < -0.001) {
          code = SGP4_MEAN_ECCENTRICITY;
        } else {
          if (em < 1.0e-6) em = 1.0e-6;
          const axnl = em * cam;
          const temp = 1.0 / (am * (1.0 - em * em));
          const aynl = em * sam + temp * aycof;
          // u = mm + argpm + xl correction = xmdf + argpdf + eps (Vallado reduces it modulo 2π; only
          // its sin/cos and its distance to the Kepler iterate are used).
          const eps = no * templ + temp * xlcof * axnl;
          let se: number;
          let ce: number;
          if (Math.abs(eps) < SMALL_ANGLE) {
            const zEps = eps * eps;
            se = eps + eps * zEps * (SIN3 + zEps * (SIN5 + zEps * (SIN7 + zEps * SIN9)));
            ce = 1 - 0.5 * zEps + zEps * zEps * (COS4 + zEps * (COS6 + zEps * COS8));
          } else {
            sc[2] = eps;
            sinCos(sc, 0);
            se = sc[0] ?? 0;
            ce = sc[1] ?? 0;
          }
          const su = sx * ca + cx * sa;
          const cu = cx * ca - sx * sa;
          wb[W_AXNL + j] = axnl;
          wb[W_AYNL + j] = aynl;
          wb[W_SINU + j] = su * ce + cu * se;
          wb[W_COSU + j] = cu * ce - su * se;
          wb[W_AM + j] = am;
          wb[W_SNODE + j] = sn;
          wb[W_CNODE + j] = cn;
          wb[W_NODE_REST + j] = nodecf * t2;
        }
      }
      errors[errBase + k] = code;
    }
    // Phase 2: Kepler, short-period terms and the state, for the steps still standing.
    const first = errBase + k0;
    failures += finishBlock(wb, kEnd - k0, sc, errors, first, positions, posBase + stride * k0, velocities, velBase + stride * k0, stride);
  }
  return failures;
}
