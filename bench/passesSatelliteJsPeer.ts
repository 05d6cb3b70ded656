// The plain pass search a programmer writes with satellite.js: elevation every 60 s, bisection of
// each horizon crossing to 1 ms, and the maximum by bisection on the sign of the elevation's slope.
// It is the peer of the passes benchmark (bench/passes.ts); it misses passes shorter than a step.
import { SatRecError, ecfToLookAngles, eciToEcf, gstime, sgp4, twoline2satrec, type SatRec } from 'satellite.js';

export interface PeerStation {
  readonly name: string;
  readonly latitudeRad: number;
  readonly longitudeRad: number;
  readonly altitudeKm: number;
}

export interface PeerPass {
  readonly id: number;
  readonly station: string;
  readonly aosMs: number;
  readonly tcaMs: number;
  readonly losMs: number;
  readonly maxElevationRad: number;
}

const STEP_MS = 60_000;
const CROSSING_MS = 1;
const TCA_MS = 10;
const JD_UNIX_EPOCH = 2_440_587.5;

/** Elevation (rad) of `satrec` from `station` at `utcMs`, or undefined when SGP4 fails. */
function elevation(satrec: SatRec, epochMs: number, station: PeerStation, utcMs: number): number | undefined {
  const pv = sgp4(satrec, (utcMs - epochMs) / 60_000);
  if (pv === null || satrec.error !== SatRecError.None) return undefined;
  const ecf = eciToEcf(pv.position, gstime(utcMs / 86_400_000 + JD_UNIX_EPOCH));
  return ecfToLookAngles({ latitude: station.latitudeRad, longitude: station.longitudeRad, height: station.altitudeKm }, ecf).elevation;
}

/** Passes of one TLE over the stations between fromMs and toMs, elevation above `minElevationRad`. */
export function peerPasses(
  line1: string,
  line2: string,
  stations: readonly PeerStation[],
  fromMs: number,
  toMs: number,
  minElevationRad: number,
): PeerPass[] {
  const satrec = twoline2satrec(line1, line2);
  const epochMs = (satrec.jdsatepoch - JD_UNIX_EPOCH) * 86_400_000;
  const id = Number(satrec.satnum);
  const out: PeerPass[] = [];
  for (const station of stations) {
    const f = (t: number): number => (elevation(satrec, epochMs, station, t) ?? Number.NEGATIVE_INFINITY) - minElevationRad;
    const crossing = (lo: number, hi: number, rising: boolean): number => {
      let a = lo;
      let b = hi;
      while (b - a > CROSSING_MS) {
        const mid = (a + b) / 2;
        if (f(mid) > 0 === rising) b = mid;
        else a = mid;
      }
      return (a + b) / 2;
    };
    const peak = (lo: number, hi: number): number => {
      let a = lo;
      let b = hi;
      while (b - a > TCA_MS) {
        const mid = (a + b) / 2;
        if (f(mid + 1) > f(mid)) a = mid;
        else b = mid;
      }
      return (a + b) / 2;
    };
    let aos: number | undefined = undefined;
    let bestT = fromMs;
    let bestF = Number.NEGATIVE_INFINITY;
    let prevT = fromMs;
    const first = f(fromMs);
    if (first > 0) [aos, bestT, bestF] = [fromMs, fromMs, first];
    for (let t = fromMs + STEP_MS; prevT < toMs; t += STEP_MS) {
      const time = Math.min(t, toMs);
      const value = f(time);
      if (aos === undefined && value > 0) {
        aos = crossing(prevT, time, true);
        bestF = Number.NEGATIVE_INFINITY;
      }
      if (aos !== undefined && value > bestF) [bestT, bestF] = [time, value];
      if (aos !== undefined && value <= 0) {
        const los = crossing(prevT, time, false);
        const tca = peak(Math.max(aos, bestT - STEP_MS), Math.min(los, bestT + STEP_MS));
        out.push({ id, station: station.name, aosMs: aos, tcaMs: tca, losMs: los, maxElevationRad: f(tca) + minElevationRad });
        aos = undefined;
      }
      prevT = time;
    }
    if (aos !== undefined) {
      const tca = peak(Math.max(aos, bestT - STEP_MS), Math.min(toMs, bestT + STEP_MS));
      out.push({ id, station: station.name, aosMs: aos, tcaMs: tca, losMs: toMs, maxElevationRad: Math.max(f(tca), bestF) + minElevationRad });
    }
  }
  return out;
}
