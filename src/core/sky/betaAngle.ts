// Beta angle: the Sun's elevation above the orbit plane. It sets how long eclipses last and how
// the Sun falls on the panels; positive when the Sun is on the side of the orbit normal r × v.
import type { Vec3 } from '../math/index.ts';
import { sunPositionEci } from './sunMoon.ts';

/** Beta angle (rad, −π/2..π/2) of the orbit through `r`, `v` with the Sun at `rSun` (same frame). */
export function betaAngleFromSun(r: Vec3, v: Vec3, rSun: Vec3): number {
  const hx = r.y * v.z - r.z * v.y;
  const hy = r.z * v.x - r.x * v.z;
  const hz = r.x * v.y - r.y * v.x;
  const h = Math.sqrt(hx * hx + hy * hy + hz * hz);
  const s = Math.sqrt(rSun.x * rSun.x + rSun.y * rSun.y + rSun.z * rSun.z);
  if (h === 0 || s === 0) throw new RangeError('betaAngleFromSun(): the orbit or the Sun has no direction');
  return Math.asin(Math.min(1, Math.max(-1, (hx * rSun.x + hy * rSun.y + hz * rSun.z) / (h * s))));
}

/** Beta angle (rad) of the orbit through `rTeme`, `vTeme` at `utcMs`. */
export function betaAngleRad(rTeme: Vec3, vTeme: Vec3, utcMs: number): number {
  return betaAngleFromSun(rTeme, vTeme, sunPositionEci(utcMs));
}
