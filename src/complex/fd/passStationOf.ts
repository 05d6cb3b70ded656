// A mission station (degrees, metres, mask as [azimuthDeg, elevationDeg] pairs) as the pass search
// sees it (radians, km, HorizonMask). A mask that closes the circle with both 0 and 360 names one
// azimuth twice: the higher elevation of the two is kept.
import { HorizonMask } from '../../core/passes/index.ts';
import type { PassStation } from '../../core/passes/index.ts';
import type { StationConfig } from '../mission/index.ts';

const DEG = Math.PI / 180;

export function passStationOf(station: StationConfig): PassStation {
  const base = {
    name: station.name,
    geodetic: { latitudeRad: station.latitudeDeg * DEG, longitudeRad: station.longitudeDeg * DEG, altitudeKm: station.altitudeM / 1000 },
    minElevationRad: station.minElevationDeg * DEG,
  };
  if (station.horizonMask === undefined) return base;
  const byAzimuth = new Map<number, number>();
  for (const [azimuthDeg, elevationDeg] of station.horizonMask) {
    const az = ((azimuthDeg % 360) + 360) % 360;
    byAzimuth.set(az, Math.max(elevationDeg, byAzimuth.get(az) ?? -90));
  }
  const points = [...byAzimuth].map(([az, el]) => ({ azimuthRad: az * DEG, elevationRad: el * DEG }));
  return { ...base, horizonMask: new HorizonMask(points) };
}
