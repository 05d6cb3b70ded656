// Greenwich mean sidereal time, IAU 1982 (Aoki et al.), the angle SGP4's TEME frame is defined
// by (AIAA 2006-6753 Appendix C; Vallado 2013 eq. 3-45; satellite.js `gstime`).
import { MS_PER_DAY as MS_PER_DAY_IMPORTED } from './calendar.ts';
import { J2000_MS as J2000_MS_IMPORTED } from './julianDate.ts';

// Imported values copied to module constants: under tsx an imported binding may be read through a
// getter at every use, and GMST is computed at every step of the pass search.
const MS_PER_DAY = MS_PER_DAY_IMPORTED;
const J2000_MS = J2000_MS_IMPORTED;

const TWO_PI = 2 * Math.PI;
const SECONDS_PER_DAY = 86_400;

/** Mean angular velocity of the Earth (rad/s) used with GMST82 (Vallado's `thetasa`). */
export const EARTH_ROTATION_RAD_PER_S = 7.292_115_146_706_98e-5;

/**
 * GMST in radians, [0, 2π), at `ut1Ms` (ms of UT1 since 1970; pass UTC when UT1−UTC is unknown,
 * an error of at most 0.9 s of rotation). The 86400·36525·T term is taken from the ms directly,
 * which keeps the full precision a single Julian date would lose.
 */
export function gmstRad(ut1Ms: number): number {
  const sinceJ2000Ms = ut1Ms - J2000_MS;
  const t = sinceJ2000Ms / MS_PER_DAY / 36_525;
  const dayMs = sinceJ2000Ms - Math.floor(sinceJ2000Ms / MS_PER_DAY) * MS_PER_DAY;
  const seconds = 67_310.548_41 + (8_640_184.812_866 + (0.093_104 - 6.2e-6 * t) * t) * t + dayMs / 1000;
  const turns = seconds / SECONDS_PER_DAY;
  return (turns - Math.floor(turns)) * TWO_PI;
}
