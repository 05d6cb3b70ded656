// A contact as the station sees it, computed in the browser with src/core/passes: the pointing
// track (azimuth, elevation, range, range rate) and the Doppler shift of the down- and uplink.
import { dopplerShiftHz, ephemerisFromElements, HorizonMask, pointingTrack } from '../../../src/core/passes/index.ts';
import type { PassStation } from '../../../src/core/passes/index.ts';
import type { Spacecraft, Station } from '../api/types.ts';

const DEG = Math.PI / 180;

export interface ContactSample {
  readonly utcMs: number;
  readonly azimuthDeg: number;
  readonly elevationDeg: number;
  readonly rangeKm: number;
  readonly rangeRateKmPerS: number;
  readonly downlinkDopplerHz: number;
  readonly uplinkDopplerHz: number;
}

export function passStation(station: Station): PassStation {
  const mask = station.horizonMask.length === 0 ? undefined : new HorizonMask(station.horizonMask.map(([az, el]) => ({ azimuthRad: az * DEG, elevationRad: el * DEG })));
  return {
    name: station.name,
    geodetic: { latitudeRad: station.latitudeDeg * DEG, longitudeRad: station.longitudeDeg * DEG, altitudeKm: station.altitudeM / 1000 },
    minElevationRad: station.minElevationDeg * DEG,
    ...(mask === undefined ? {} : { horizonMask: mask }),
  };
}

/** The samples of a contact from AOS to LOS, about `samples` of them (at least one per 10 s for short passes). */
export function contactTrack(spacecraft: Spacecraft, station: Station, aosMs: number, losMs: number, samples = 240): ContactSample[] {
  const stepMs = Math.max(10_000, (losMs - aosMs) / samples);
  const track = pointingTrack(ephemerisFromElements(spacecraft.elements), passStation(station), aosMs, losMs, stepMs);
  return track.samples.map((s) => ({
    utcMs: s.utcMs,
    azimuthDeg: s.azimuthRad / DEG,
    elevationDeg: s.elevationRad / DEG,
    rangeKm: s.rangeKm,
    rangeRateKmPerS: s.rangeRateKmPerS,
    downlinkDopplerHz: dopplerShiftHz(spacecraft.downlinkHz, s.rangeRateKmPerS, 'downlink'),
    uplinkDopplerHz: dopplerShiftHz(spacecraft.uplinkHz, s.rangeRateKmPerS, 'uplink'),
  }));
}

/** Where the spacecraft is in the station's sky at one instant. */
export function lookAt(spacecraft: Spacecraft, station: Station, utcMs: number): ContactSample | undefined {
  return contactTrack(spacecraft, station, utcMs, utcMs, 1)[0];
}
