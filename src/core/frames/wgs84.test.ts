import fc from 'fast-check';
import { eciToGeodetic, geodeticToEcf } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { WGS84_A_KM, WGS84_B_KM, geodeticToItrf, itrfToGeodetic } from './index.ts';

const DEG = Math.PI / 180;

describe('WGS-84 geodetic <-> ITRF', () => {
  it('round-trips to micrometres from below the surface to beyond GEO (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -10, max: 400_000, noNaN: true }),
        (latDeg, lonDeg, altitudeKm) => {
          const g = itrfToGeodetic(geodeticToItrf({ latitudeRad: latDeg * DEG, longitudeRad: lonDeg * DEG, altitudeKm }));
          let dLon = g.longitudeRad - lonDeg * DEG;
          dLon -= 2 * Math.PI * Math.round(dLon / (2 * Math.PI));
          const nearPole = Math.abs(latDeg) > 89.999_999;
          return (
            Math.abs(g.latitudeRad - latDeg * DEG) < 1e-12 &&
            (nearPole || Math.abs(dLon) < 1e-12) &&
            Math.abs(g.altitudeKm - altitudeKm) < 1e-9 * Math.max(1, Math.abs(altitudeKm) / 1000)
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('puts the equator, the poles and the axes where the ellipsoid says', () => {
    expect(itrfToGeodetic({ x: WGS84_A_KM + 1, y: 0, z: 0 })).toEqual({ latitudeRad: 0, longitudeRad: 0, altitudeKm: 1 });
    const north = itrfToGeodetic({ x: 0, y: 0, z: WGS84_B_KM + 2 });
    expect(north.latitudeRad).toBe(Math.PI / 2);
    expect(north.altitudeKm).toBeCloseTo(2, 12);
    const south = geodeticToItrf({ latitudeRad: -Math.PI / 2, longitudeRad: 0, altitudeKm: 0 });
    expect(south.z).toBeCloseTo(-WGS84_B_KM, 10);
    const east = geodeticToItrf({ latitudeRad: 0, longitudeRad: Math.PI / 2, altitudeKm: 0 });
    expect(east.y).toBeCloseTo(WGS84_A_KM, 10);
    expect(Math.abs(east.x)).toBeLessThan(1e-9);
    // The semi-minor axis follows from a and 1/f = 298.257223563 (NIMA TR8350.2: b = 6356752.3142 m).
    expect(WGS84_B_KM).toBeCloseTo(6356.752_314_2, 7);
  });

  it('agrees with satellite.js geodeticToEcf and eciToGeodetic (gmst = 0)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        fc.double({ min: -179.9, max: 179.9, noNaN: true }),
        fc.double({ min: 0, max: 40_000, noNaN: true }),
        (latDeg, lonDeg, h) => {
          const g = { latitudeRad: latDeg * DEG, longitudeRad: lonDeg * DEG, altitudeKm: h };
          const ours = geodeticToItrf(g);
          const theirs = geodeticToEcf({ latitude: g.latitudeRad, longitude: g.longitudeRad, height: h });
          const back = eciToGeodetic(ours, 0);
          const mine = itrfToGeodetic(ours);
          // satellite.js takes b = 6356.7523142 km rounded (0.1 mm); its inverse runs 20 fixed steps.
          return (
            Math.abs(ours.x - theirs.x) + Math.abs(ours.y - theirs.y) + Math.abs(ours.z - theirs.z) < 1e-6 &&
            Math.abs(mine.latitudeRad - back.latitude) < 1e-10 &&
            Math.abs(mine.longitudeRad - back.longitude) < 1e-12 &&
            Math.abs(mine.altitudeKm - back.height) < 1e-6
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never returns NaN, even at the centre of the Earth', () => {
    const g = itrfToGeodetic({ x: 0, y: 0, z: 0 });
    expect([g.latitudeRad, g.longitudeRad, g.altitudeKm].some(Number.isNaN)).toBe(false);
  });
});
