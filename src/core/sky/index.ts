// The sky as a satellite meets it: Sun and Moon in TEME (astronomy-engine), the Earth's shadow
// (our conical model) and the beta angle.
export { moonPositionEci, sunPositionEci } from './sunMoon.ts';
export { SHADOW_EARTH_RADIUS_KM, SUN_RADIUS_KM, eclipse, eclipseFromSun } from './eclipse.ts';
export type { Eclipse, EclipseState } from './eclipse.ts';
export { betaAngleFromSun, betaAngleRad } from './betaAngle.ts';
