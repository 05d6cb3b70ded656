// TEME (SGP4's output frame) <-> ITRF, as AIAA 2006-6753 Appendix C and Vallado's teme2ecef do it:
// rotate by GMST82 of UT1 into the pseudo-Earth-fixed frame, add the Earth-rotation term to the
// velocity, then apply polar motion. UT1−UTC and the pole come from an EOP table when given.
import type { Vec3 } from '../math/index.ts';
import { EARTH_ROTATION_RAD_PER_S, gmstRad } from '../time/index.ts';
import { NO_EARTH_ORIENTATION, eopAt } from './eop.ts';
import type { EarthOrientation, EopTable } from './eop.ts';

export interface PositionVelocity {
  /** km */
  readonly position: Vec3;
  /** km/s */
  readonly velocity: Vec3;
}

/** TEME → ITRF with the Earth orientation given explicitly. */
export function temeToItrfAt(rTeme: Vec3, vTeme: Vec3, utcMs: number, eo: EarthOrientation): PositionVelocity {
  const g = gmstRad(utcMs + eo.ut1MinusUtcS * 1000);
  const c = Math.cos(g);
  const s = Math.sin(g);
  const omega = EARTH_ROTATION_RAD_PER_S * (1 - eo.lodS / 86_400);
  // PEF = R3(gmst)·TEME; v_PEF = R3(gmst)·v_TEME − ω × r_PEF.
  const px = c * rTeme.x + s * rTeme.y;
  const py = -s * rTeme.x + c * rTeme.y;
  const pz = rTeme.z;
  const vx = c * vTeme.x + s * vTeme.y + omega * py;
  const vy = -s * vTeme.x + c * vTeme.y - omega * px;
  const vz = vTeme.z;
  if (eo.xpRad === 0 && eo.ypRad === 0) return { position: { x: px, y: py, z: pz }, velocity: { x: vx, y: vy, z: vz } };
  return { position: pefToItrf(px, py, pz, eo), velocity: pefToItrf(vx, vy, vz, eo) };
}

/** ITRF = Wᵀ·PEF with W = ROT1(yp)·ROT2(xp) (Vallado's polarm, IAU-76/FK5 form). */
function pefToItrf(x: number, y: number, z: number, eo: EarthOrientation): Vec3 {
  const cx = Math.cos(eo.xpRad);
  const sx = Math.sin(eo.xpRad);
  const cy = Math.cos(eo.ypRad);
  const sy = Math.sin(eo.ypRad);
  return {
    x: cx * x + sx * sy * y + sx * cy * z,
    y: cy * y - sy * z,
    z: -sx * x + cx * sy * y + cx * cy * z,
  };
}

function itrfToPef(v: Vec3, eo: EarthOrientation): Vec3 {
  const cx = Math.cos(eo.xpRad);
  const sx = Math.sin(eo.xpRad);
  const cy = Math.cos(eo.ypRad);
  const sy = Math.sin(eo.ypRad);
  return {
    x: cx * v.x - sx * v.z,
    y: sx * sy * v.x + cy * v.y + cx * sy * v.z,
    z: sx * cy * v.x - sy * v.y + cx * cy * v.z,
  };
}

/**
 * TEME → ITRF at `utcMs`. Without `eop`, UT1 is taken as UTC (up to 0.9 s of Earth rotation,
 * ~400 m on the equator) and the pole as fixed (up to ~15 m).
 */
export function temeToItrf(rTeme: Vec3, vTeme: Vec3, utcMs: number, eop?: EopTable): PositionVelocity {
  return temeToItrfAt(rTeme, vTeme, utcMs, eop === undefined ? NO_EARTH_ORIENTATION : eopAt(eop, utcMs));
}

/** ITRF → TEME with the Earth orientation given explicitly: the exact inverse of temeToItrfAt. */
export function itrfToTemeAt(rItrf: Vec3, vItrf: Vec3, utcMs: number, eo: EarthOrientation): PositionVelocity {
  const rp = eo.xpRad === 0 && eo.ypRad === 0 ? rItrf : itrfToPef(rItrf, eo);
  const vp = eo.xpRad === 0 && eo.ypRad === 0 ? vItrf : itrfToPef(vItrf, eo);
  const g = gmstRad(utcMs + eo.ut1MinusUtcS * 1000);
  const c = Math.cos(g);
  const s = Math.sin(g);
  const omega = EARTH_ROTATION_RAD_PER_S * (1 - eo.lodS / 86_400);
  const vx = vp.x - omega * rp.y;
  const vy = vp.y + omega * rp.x;
  return {
    position: { x: c * rp.x - s * rp.y, y: s * rp.x + c * rp.y, z: rp.z },
    velocity: { x: c * vx - s * vy, y: s * vx + c * vy, z: vp.z },
  };
}

/** ITRF → TEME at `utcMs`; see temeToItrf for what happens without `eop`. */
export function itrfToTeme(rItrf: Vec3, vItrf: Vec3, utcMs: number, eop?: EopTable): PositionVelocity {
  return itrfToTemeAt(rItrf, vItrf, utcMs, eop === undefined ? NO_EARTH_ORIENTATION : eopAt(eop, utcMs));
}
