// SDP4 for one deep-space object (period of 225 min or more) over many times: Vallado's sgp4 + dspace
// + dpper as satellite.js 7.1 runs them, keeping the resonance integrator state between calls where
// satellite.js integrates again from epoch at every call.

import { constants } from 'satellite.js';
import * as layout from './Sgp4Batch.ts';
import type { Sgp4Batch } from './Sgp4Batch.ts';
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
const { F, STATE_ATIME, STATE_XLDOT, STATE_XLI, STATE_XNDDT, STATE_XNDT, STATE_XNI } = layout;
const { COS4, COS6, COS8, SIN3, SIN5, SIN7, SIN9, SMALL_ANGLE, sinCos } = series;
const { SGP4_MEAN_ECCENTRICITY, SGP4_MEAN_MOTION, SGP4_PERTURBED_ECCENTRICITY, TIME_GRID_MS, TIME_LIST_MS } = codes;

const { j3oj2, xke, pi, twoPi } = constants;
/** The field index table as a plain module constant: an imported binding may be read through a
 * getter at every use under tsx. */
const FL = F;

/** Field `field` of object i of n in the field-major constants. */
function at(c: Float64Array, n: number, i: number, field: number): number {
  return c[field * n + i] ?? 0;
}

const MS_PER_MINUTE = 60_000;
/** Grid steps between fresh evaluations of the linear angles' sin/cos (a power of two). */
const RESEED = 32;
// dpper: mean motions and eccentricities of the solar and lunar perturbations.
const ZNS = 1.19459e-5;
const ZES = 0.01675;
const ZNL = 1.5835218e-4;
const ZEL = 0.0549;
// dspace: resonance phase constants, earth rotation rate (rad/min) and the 720-min step.
const FASX2 = 0.13130908;
const FASX4 = 2.8843198;
const FASX6 = 0.37448087;
const G22 = 5.7686396;
const G32 = 0.95240898;
const G44 = 1.8014998;
const G52 = 1.050833;
const G54 = 4.4108898;
// Vallado writes 4.37526908801129966e-3; this is the same double.
const RPTIM = 4.3752690880113e-3;
const STEPP = 720.0;
const STEPN = -720.0;
const STEP2 = 259200.0;

/**
 * Rates of the resonance integrator (dspace's "dot terms") at mean longitude `xli`, mean motion
 * `xni` and time `atime`, written to `state` slots XNDT, XLDOT, XNDDT of object i.
 */
function resonanceRates(b: Sgp4Batch, i: number, xli: number, xni: number, atime: number): void {
  const n = b.count;
  const c = b.constants;
  const st = b.integrator;
  const xfact = at(c, n, i, FL.xfact);
  let xndt: number;
  let xnddt: number;
  if (b.irez[i] !== 2) {
    const del1 = at(c, n, i, FL.del1);
    const del2 = at(c, n, i, FL.del2);
    const del3 = at(c, n, i, FL.del3);
    xndt =
      del1 * Math.sin(xli - FASX2) + del2 * Math.sin(2.0 * (xli - FASX4)) + del3 * Math.sin(3.0 * (xli - FASX6));
    xnddt =
      del1 * Math.cos(xli - FASX2) +
      2.0 * del2 * Math.cos(2.0 * (xli - FASX4)) +
      3.0 * del3 * Math.cos(3.0 * (xli - FASX6));
  } else {
    const xomi = at(c, n, i, FL.argpo) + at(c, n, i, FL.argpdot) * atime;
    const x2omi = xomi + xomi;
    const x2li = xli + xli;
    const d2201 = at(c, n, i, FL.d2201);
    const d2211 = at(c, n, i, FL.d2211);
    const d3210 = at(c, n, i, FL.d3210);
    const d3222 = at(c, n, i, FL.d3222);
    const d4410 = at(c, n, i, FL.d4410);
    const d4422 = at(c, n, i, FL.d4422);
    const d5220 = at(c, n, i, FL.d5220);
    const d5232 = at(c, n, i, FL.d5232);
    const d5421 = at(c, n, i, FL.d5421);
    const d5433 = at(c, n, i, FL.d5433);
    xndt =
      d2201 * Math.sin(x2omi + xli - G22) +
      d2211 * Math.sin(xli - G22) +
      d3210 * Math.sin(xomi + xli - G32) +
      d3222 * Math.sin(-xomi + xli - G32) +
      d4410 * Math.sin(x2omi + x2li - G44) +
      d4422 * Math.sin(x2li - G44) +
      d5220 * Math.sin(xomi + xli - G52) +
      d5232 * Math.sin(-xomi + xli - G52) +
      d5421 * Math.sin(xomi + x2li - G54) +
      d5433 * Math.sin(-xomi + x2li - G54);
    xnddt =
      d2201 * Math.cos(x2omi + xli - G22) +
      d2211 * Math.cos(xli - G22) +
      d3210 * Math.cos(xomi + xli - G32) +
      d3222 * Math.cos(-xomi + xli - G32) +
      d5220 * Math.cos(xomi + xli - G52) +
      d5232 * Math.cos(-xomi + xli - G52) +
      2.0 *
        (d4410 * Math.cos(x2omi + x2li - G44) +
          d4422 * Math.cos(x2li - G44) +
          d5421 * Math.cos(xomi + x2li - G54) +
          d5433 * Math.cos(-xomi + x2li - G54));
  }
  const xldot = xni + xfact;
  xnddt *= xldot;
  st[STATE_XNDT * n + i] = xndt;
  st[STATE_XLDOT * n + i] = xldot;
  st[STATE_XNDDT * n + i] = xnddt;
}

/** Same contract as nearEarthSteps, for a deep-space object. */
export function deepSpaceSteps(
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
  const st = b.integrator;
  const sc = b.scratch;
  const epochMs = b.epochMs[i] ?? 0;
  const irez = b.irez[i] ?? 0;
  const afspc = b.afspcMode[i] === 1;
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
  const no = at(c, n, i, FL.no);
  const ecco = at(c, n, i, FL.ecco);
  const inclo = at(c, n, i, FL.inclo);
  const dedt = at(c, n, i, FL.dedt);
  const didt = at(c, n, i, FL.didt);
  const domdt = at(c, n, i, FL.domdt);
  const dnodt = at(c, n, i, FL.dnodt);
  const dmdt = at(c, n, i, FL.dmdt);
  const gsto = at(c, n, i, FL.gsto);
  const xlamo = at(c, n, i, FL.xlamo);
  const e3 = at(c, n, i, FL.e3);
  const ee2 = at(c, n, i, FL.ee2);
  const peo = at(c, n, i, FL.peo);
  const pgho = at(c, n, i, FL.pgho);
  const pho = at(c, n, i, FL.pho);
  const pinco = at(c, n, i, FL.pinco);
  const plo = at(c, n, i, FL.plo);
  const se2 = at(c, n, i, FL.se2);
  const se3 = at(c, n, i, FL.se3);
  const sgh2 = at(c, n, i, FL.sgh2);
  const sgh3 = at(c, n, i, FL.sgh3);
  const sgh4 = at(c, n, i, FL.sgh4);
  const sh2 = at(c, n, i, FL.sh2);
  const sh3 = at(c, n, i, FL.sh3);
  const si2 = at(c, n, i, FL.si2);
  const si3 = at(c, n, i, FL.si3);
  const sl2 = at(c, n, i, FL.sl2);
  const sl3 = at(c, n, i, FL.sl3);
  const sl4 = at(c, n, i, FL.sl4);
  const xgh2 = at(c, n, i, FL.xgh2);
  const xgh3 = at(c, n, i, FL.xgh3);
  const xgh4 = at(c, n, i, FL.xgh4);
  const xh2 = at(c, n, i, FL.xh2);
  const xh3 = at(c, n, i, FL.xh3);
  const xi2 = at(c, n, i, FL.xi2);
  const xi3 = at(c, n, i, FL.xi3);
  const xl2 = at(c, n, i, FL.xl2);
  const xl3 = at(c, n, i, FL.xl3);
  const xl4 = at(c, n, i, FL.xl4);
  const zmol = at(c, n, i, FL.zmol);
  const zmos = at(c, n, i, FL.zmos);
  // Resonance integrator state of this object (dspace's atime, xli, xni and their rates).
  let atime = st[STATE_ATIME * n + i] ?? 0;
  let xli = st[STATE_XLI * n + i] ?? 0;
  let xni = st[STATE_XNI * n + i] ?? 0;
  let ratesValid = b.stateValid[i] === 1;
  const sinio = at(c, n, i, FL.sinio);
  const cosio = at(c, n, i, FL.cosio);
  const amFactor = at(c, n, i, FL.amFactor);
  // On a time grid the linear angles advance by fixed amounts: carry their sin/cos by rotation and
  // recompute them every RESEED steps (see nearEarthSteps). 1: mean anomaly without resonance,
  // 2: argument of perigee, 3: node without its t^2 drag term, 4 and 5: solar and lunar anomalies.
  const grid = mode === TIME_GRID_MS;
  const hMin = stepMs / MS_PER_MINUTE;
  const rate1 = (mdot + dmdt) * hMin;
  const rate2 = (argpdot + domdt) * hMin;
  const rate3 = (nodedot + dnodt) * hMin;
  const r1S = Math.sin(rate1);
  const r1C = Math.cos(rate1);
  const r2S = Math.sin(rate2);
  const r2C = Math.cos(rate2);
  const r3S = Math.sin(rate3);
  const r3C = Math.cos(rate3);
  const r4S = Math.sin(ZNS * hMin);
  const r4C = Math.cos(ZNS * hMin);
  const r5S = Math.sin(ZNL * hMin);
  const r5C = Math.cos(ZNL * hMin);
  let s1 = 0;
  let c1 = 1;
  let s2 = 0;
  let c2 = 1;
  let s3 = 0;
  let c3 = 1;
  let s4 = 0;
  let c4 = 1;
  let s5 = 0;
  let c5 = 1;
  let failures = 0;

  const wb = b.block;
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

      // ------- secular gravity, drag (isimp = 1 in deep space) and dspace's lunar-solar rates -------
      const xmdf = mo + mdot * t;
      const argpdf = argpo + argpdot * t;
      const nodedf = nodeo + nodedot * t;
      const t2 = t * t;
      const tempa = 1.0 - cc1 * t;
      const tempe = bstarCc4 * t;
      const templ = t2cof * t2;
      let em = ecco + dedt * t;
      const inclm = inclo + didt * t;
      const argpm = argpdf + domdt * t;
      const nodem = nodedf + nodecf * t2 + dnodt * t;
      let mm = xmdf + dmdt * t;
      if (!grid || (k & (RESEED - 1)) === 0) {
        sc[2] = mm;
        sinCos(sc, 0);
        s1 = sc[0] ?? 0;
        c1 = sc[1] ?? 0;
        sc[2] = argpm;
        sinCos(sc, 0);
        s2 = sc[0] ?? 0;
        c2 = sc[1] ?? 0;
        sc[2] = nodedf + dnodt * t;
        sinCos(sc, 0);
        s3 = sc[0] ?? 0;
        c3 = sc[1] ?? 0;
        sc[2] = zmos + ZNS * t;
        sinCos(sc, 0);
        s4 = sc[0] ?? 0;
        c4 = sc[1] ?? 0;
        sc[2] = zmol + ZNL * t;
        sinCos(sc, 0);
        s5 = sc[0] ?? 0;
        c5 = sc[1] ?? 0;
      } else {
        let r = s1 * r1C + c1 * r1S;
        c1 = c1 * r1C - s1 * r1S;
        s1 = r;
        r = s2 * r2C + c2 * r2S;
        c2 = c2 * r2C - s2 * r2S;
        s2 = r;
        r = s3 * r3C + c3 * r3S;
        c3 = c3 * r3C - s3 * r3S;
        s3 = r;
        r = s4 * r4C + c4 * r4S;
        c4 = c4 * r4C - s4 * r4S;
        s4 = r;
        r = s5 * r5C + c5 * r5S;
        c5 = c5 * r5C - s5 * r5S;
        s5 = r;
      }
      let nm = no;
      let am = amFactor * tempa * tempa;
      if (irez !== 0) {
        // Vallado's restart condition; otherwise continue from the last 720-min step, which is where
        // an integration from epoch would pass with the same numbers.
        if (atime === 0.0 || t * atime <= 0.0 || Math.abs(t) < Math.abs(atime)) {
          if (atime !== 0.0) ratesValid = false;
          atime = 0.0;
          xni = no;
          xli = xlamo;
        }
        const delt = t > 0.0 ? STEPP : STEPN;
        for (;;) {
          if (!ratesValid) {
            resonanceRates(b, i, xli, xni, atime);
            ratesValid = true;
          }
          if (Math.abs(t - atime) >= STEPP) {
            const xndt = st[STATE_XNDT * n + i] ?? 0;
            const xldot = st[STATE_XLDOT * n + i] ?? 0;
            const xnddt = st[STATE_XNDDT * n + i] ?? 0;
            xli += xldot * delt + xndt * STEP2;
            xni += xndt * delt + xnddt * STEP2;
            atime += delt;
            ratesValid = false;
          } else {
            break;
          }
        }
        const ft = t - atime;
        const xndt = st[STATE_XNDT * n + i] ?? 0;
        const xldot = st[STATE_XLDOT * n + i] ?? 0;
        const xnddt = st[STATE_XNDDT * n + i] ?? 0;
        nm = xni + xndt * ft + xnddt * ft * ft * 0.5;
        const xl = xli + xldot * ft + xndt * ft * ft * 0.5;
        // theta = gsto + t * rptim; Vallado reduces it modulo 2π, mm is only used periodically.
        const theta = gsto + t * RPTIM;
        mm = irez !== 1 ? xl - 2.0 * nodem + 2.0 * theta : xl - nodem - argpm + theta;
        const dndt = nm - no;
        nm = no + dndt;
        if (nm > 0.0) {
          const q = xke / nm;
          am = Math.cbrt(q * q) * tempa * tempa;
        }
      }

      if (nm <= 0.0) {
        code = SGP4_MEAN_MOTION;
      } else {
        em -= tempe;
        if (em >= 1.0 || em < -0.001) {
          code = SGP4_MEAN_ECCENTRICITY;
        } else {
          if (em < 1.0e-6) em = 1.0e-6;
          mm += no * templ;

          // ------- dpper: lunar-solar periodics; zf = zm + 2 e sin(zm) is a small turn of zm -------
          let d = 2.0 * ZES * s4;
          let z = d * d;
          let ds = d + d * z * (SIN3 + z * (SIN5 + z * (SIN7 + z * SIN9)));
          let dc = 1 - 0.5 * z + z * z * (COS4 + z * (COS6 + z * COS8));
          let sinzf = s4 * dc + c4 * ds;
          let f2 = 0.5 * sinzf * sinzf - 0.25;
          let f3 = -0.5 * sinzf * (c4 * dc - s4 * ds);
          const ses = se2 * f2 + se3 * f3;
          const sis = si2 * f2 + si3 * f3;
          const sls = sl2 * f2 + sl3 * f3 + sl4 * sinzf;
          const sghs = sgh2 * f2 + sgh3 * f3 + sgh4 * sinzf;
          const shs = sh2 * f2 + sh3 * f3;
          d = 2.0 * ZEL * s5;
          z = d * d;
          ds = d + d * z * (SIN3 + z * (SIN5 + z * (SIN7 + z * SIN9)));
          dc = 1 - 0.5 * z + z * z * (COS4 + z * (COS6 + z * COS8));
          sinzf = s5 * dc + c5 * ds;
          f2 = 0.5 * sinzf * sinzf - 0.25;
          f3 = -0.5 * sinzf * (c5 * dc - s5 * ds);
          const sel = ee2 * f2 + e3 * f3;
          const sil = xi2 * f2 + xi3 * f3;
          const sll = xl2 * f2 + xl3 * f3 + xl4 * sinzf;
          const sghl = xgh2 * f2 + xgh3 * f3 + xgh4 * sinzf;
          const shll = xh2 * f2 + xh3 * f3;
          const pe = ses + sel - peo;
          const pinc = sis + sil - pinco;
          const pl = sls + sll - plo;
          let pgh = sghs + sghl - pgho;
          let ph = shs + shll - pho;
          let inclp = inclm + pinc;
          const ep = em + pe;
          let argpp = argpm;
          let nodep = nodem;
          let mp = mm;
          // sin/cos of inclp = inclo + (didt t + pinc): a small turn of the epoch inclination.
          d = didt * t + pinc;
          let sinip: number;
          let cosip: number;
          if (Math.abs(d) < SMALL_ANGLE) {
            z = d * d;
            ds = d + d * z * (SIN3 + z * (SIN5 + z * (SIN7 + z * SIN9)));
            dc = 1 - 0.5 * z + z * z * (COS4 + z * (COS6 + z * COS8));
            sinip = sinio * dc + cosio * ds;
            cosip = cosio * dc - sinio * ds;
          } else {
            sc[2] = inclp;
            sinCos(sc, 0);
            sinip = sc[0] ?? 0;
            cosip = sc[1] ?? 0;
          }
          // lyddane: the node and perigee are no longer turns of the carried angles.
          const lyddane = inclp < 0.2;
          if (!lyddane) {
            ph /= sinip;
            pgh -= cosip * ph;
            argpp += pgh;
            nodep += ph;
            mp += pl;
          } else {
            // Lyddane modification: here the node's actual value matters, so reduce it as Vallado does.
            nodep %= twoPi;
            sc[2] = nodecf * t2;
            sinCos(sc, 0);
            const sinop = s3 * (sc[1] ?? 0) + c3 * (sc[0] ?? 0);
            const cosop = c3 * (sc[1] ?? 0) - s3 * (sc[0] ?? 0);
            let alfdp = sinip * sinop;
            let betdp = sinip * cosop;
            const dalf = ph * cosop + pinc * cosip * sinop;
            const dbet = -ph * sinop + pinc * cosip * cosop;
            alfdp += dalf;
            betdp += dbet;
            if (nodep < 0.0 && afspc) nodep += twoPi;
            let xls = mp + argpp + cosip * nodep;
            const dls = pl + pgh - pinc * nodep * sinip;
            xls += dls;
            const xnoh = nodep;
            nodep = Math.atan2(alfdp, betdp);
            if (nodep < 0.0 && afspc) nodep += twoPi;
            if (Math.abs(xnoh - nodep) > pi) {
              if (nodep < xnoh) nodep += twoPi;
              else nodep -= twoPi;
            }
            mp += pl;
            argpp = xls - mp - cosip * nodep;
          }
          // A negative inclination turns node and perigee by π: sin and cos change sign.
          let flip = 1.0;
          if (inclp < 0.0) {
            inclp = -inclp;
            sinip = -sinip;
            nodep += pi;
            argpp -= pi;
            flip = -1.0;
          }
          if (ep < 0.0 || ep > 1.0) {
            code = SGP4_PERTURBED_ECCENTRICITY;
          } else {
            // ------- long period periodics -------
            const aycof = -0.5 * j3oj2 * sinip;
            const xlcof =
              Math.abs(cosip + 1.0) > 1.5e-12
                ? (-0.25 * j3oj2 * sinip * (3.0 + 5.0 * cosip)) / (1.0 + cosip)
                : (-0.25 * j3oj2 * sinip * (3.0 + 5.0 * cosip)) / 1.5e-12;
            let sinArgp: number;
            let cosArgp: number;
            if (!lyddane && Math.abs(pgh) < SMALL_ANGLE) {
              z = pgh * pgh;
              ds = pgh + pgh * z * (SIN3 + z * (SIN5 + z * (SIN7 + z * SIN9)));
              dc = 1 - 0.5 * z + z * z * (COS4 + z * (COS6 + z * COS8));
              sinArgp = flip * (s2 * dc + c2 * ds);
              cosArgp = flip * (c2 * dc - s2 * ds);
            } else {
              sc[2] = argpp;
              sinCos(sc, 0);
              sinArgp = sc[0] ?? 0;
              cosArgp = sc[1] ?? 0;
            }
            const axnl = ep * cosArgp;
            const temp = 1.0 / (am * (1.0 - ep * ep));
            const aynl = ep * sinArgp + temp * aycof;
            // u = mp + argpp + xl correction; without resonance and Lyddane it is a turn of the
            // carried mean anomaly plus perigee.
            if (irez === 0 && !lyddane) {
              sc[2] = no * templ + pl + pgh + temp * xlcof * axnl;
              sinCos(sc, 0);
              const su = flip * (s1 * c2 + c1 * s2);
              const cu = flip * (c1 * c2 - s1 * s2);
              wb[W_SINU + j] = su * (sc[1] ?? 0) + cu * (sc[0] ?? 0);
              wb[W_COSU + j] = cu * (sc[1] ?? 0) - su * (sc[0] ?? 0);
            } else {
              sc[2] = mp + argpp + temp * xlcof * axnl;
              sinCos(sc, 0);
              wb[W_SINU + j] = sc[0] ?? 0;
              wb[W_COSU + j] = sc[1] ?? 0;
            }
            // The node: a turn of the carried one by nodecf t^2 + ph [+ π], or Lyddane's own value.
            if (!lyddane) {
              wb[W_SNODE + j] = flip * s3;
              wb[W_CNODE + j] = flip * c3;
              wb[W_NODE_REST + j] = nodecf * t2 + ph;
            } else {
              sc[2] = nodep;
              sinCos(sc, 0);
              wb[W_SNODE + j] = sc[0] ?? 0;
              wb[W_CNODE + j] = sc[1] ?? 0;
              wb[W_NODE_REST + j] = 0;
            }
            const cosisq = cosip * cosip;
            wb[W_AXNL + j] = axnl;
            wb[W_AYNL + j] = aynl;
            wb[W_AM + j] = am;
            wb[W_CON41 + j] = 3.0 * cosisq - 1.0;
            wb[W_X1MTH2 + j] = 1.0 - cosisq;
            wb[W_X7THM1 + j] = 7.0 * cosisq - 1.0;
            wb[W_SINI + j] = sinip;
            wb[W_COSI + j] = cosip;
          }
        }
      }
      errors[errBase + k] = code;
    }
    // Phase 2: Kepler, short-period terms and the state, for the steps still standing.
    const first = errBase + k0;
    failures += finishBlock(wb, kEnd - k0, sc, errors, first, positions, posBase + stride * k0, velocities, velBase + stride * k0, stride);
  }
  if (irez !== 0) {
    st[STATE_ATIME * n + i] = atime;
    st[STATE_XLI * n + i] = xli;
    st[STATE_XNI * n + i] = xni;
    b.stateValid[i] = ratesValid ? 1 : 0;
  }
  return failures;
}

