// Sun and Moon positions from astronomy-engine (VSOP87 / ELP), turned into SGP4's TEME frame so
// they can be set against propagated satellites directly (eclipse, beta angle, sky plots).
import { AstroTime, Body, GeoMoon, GeoVector, KM_PER_AU, RotateVector, Rotation_EQJ_EQD, e_tilt } from 'astronomy-engine';
import type { Vector } from 'astronomy-engine';
import type { Vec3 } from '../math/index.ts';
import { ttDaysSinceJ2000 } from '../time/index.ts';

/** Seconds of time → radians (the equation of the equinoxes comes in seconds of time). */
const TIME_SECONDS_RAD = (15 / 3600) * (Math.PI / 180);

/**
 * J2000 mean equator (EQJ) → TEME of date: precession-nutation to the true equator and equinox
 * (EQD), then a turn of the equation of the equinoxes about z, which moves the x axis from the
 * true to the mean equinox (AIAA 2006-6753 Appendix C: r_TOD = ROT3(−Eq_equinox)·r_TEME).
 */
function eqjToTeme(v: Vector, time: AstroTime): Vec3 {
  const { x, y, z } = RotateVector(Rotation_EQJ_EQD(time), v);
  const ee = e_tilt(time).ee * TIME_SECONDS_RAD;
  const c = Math.cos(ee);
  const s = Math.sin(ee);
  return { x: (c * x + s * y) * KM_PER_AU, y: (-s * x + c * y) * KM_PER_AU, z: z * KM_PER_AU };
}

/** astronomy-engine's time for `utcMs`, on TT from our leap-second table (not its ΔT model). */
function astroTime(utcMs: number): AstroTime {
  return AstroTime.FromTerrestrialTime(ttDaysSinceJ2000(utcMs));
}

/**
 * Geocentric Sun (km) in TEME at `utcMs`: the apparent direction (light time and aberration
 * applied), which is where sunlight at the Earth comes from — what a shadow model needs.
 */
export function sunPositionEci(utcMs: number): Vec3 {
  const time = astroTime(utcMs);
  return eqjToTeme(GeoVector(Body.Sun, time, true), time);
}

/** Geocentric Moon (km) in TEME at `utcMs` (geometric; light time is 1.3 s). */
export function moonPositionEci(utcMs: number): Vec3 {
  const time = astroTime(utcMs);
  return eqjToTeme(GeoMoon(time), time);
}
