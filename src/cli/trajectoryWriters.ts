// Text forms of `zenith propagate` output: CSV, JSON and CCSDS OEM (502.0-B-3 KVN). Each object's
// samples become one chunk, so a catalog-wide run streams object by object.

import { itrfToGeodetic } from '../core/frames/index.ts';
import type { Vec3 } from '../core/math/index.ts';
import {
  formatOemHeader,
  formatOemSegment,
  type ElementSet,
  type PropagationError,
} from '../core/orbit/index.ts';
import { formatIsoUtc } from '../core/time/index.ts';

export type OutputFrame = 'teme' | 'itrf' | 'geodetic';
export type OutputFormat = 'csv' | 'json' | 'oem';

/** One state in the output frame's Cartesian form: TEME, or ITRF for both itrf and geodetic. */
export interface Sample {
  readonly utcMs: number;
  readonly minutesSinceEpoch: number;
  /** km */
  readonly position: Vec3;
  /** km/s */
  readonly velocity: Vec3;
}

export interface TrajectoryWriter {
  begin(): string;
  /** The samples of one object, cut short by `failure` when propagation stopped. */
  object(es: ElementSet, samples: readonly Sample[], failure: PropagationError | undefined): string;
  end(): string;
}

const RAD_TO_DEG = 180 / Math.PI;

// Vallado's verification output prints km with 8 decimals and km/s with 9 (10 µm, 1 µm/s).
const km = (v: number): string => v.toFixed(8);
const kmPerS = (v: number): string => v.toFixed(9);

function geodeticOf(s: Sample): { latDeg: number; lonDeg: number; altKm: number } {
  const g = itrfToGeodetic(s.position);
  return { latDeg: g.latitudeRad * RAD_TO_DEG, lonDeg: g.longitudeRad * RAD_TO_DEG, altKm: g.altitudeKm };
}

export function csvWriter(frame: OutputFrame): TrajectoryWriter {
  return {
    begin: () =>
      frame === 'geodetic'
        ? 'id,time_utc,lat_deg,lon_deg,alt_km\n'
        : 'id,time_utc,minutes_since_epoch,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s\n',
    object: (es, samples) => {
      let text = '';
      for (const s of samples) {
        const head = `${es.catalogId},${formatIsoUtc(s.utcMs)}`;
        if (frame === 'geodetic') {
          const g = geodeticOf(s);
          text += `${head},${g.latDeg.toFixed(8)},${g.lonDeg.toFixed(8)},${g.altKm.toFixed(6)}\n`;
        } else {
          const { position: r, velocity: v } = s;
          text +=
            `${head},${s.minutesSinceEpoch.toFixed(8)},${km(r.x)},${km(r.y)},${km(r.z)},` +
            `${kmPerS(v.x)},${kmPerS(v.y)},${kmPerS(v.z)}\n`;
        }
      }
      return text;
    },
    end: () => '',
  };
}

/** A JSON array with one entry per object: its states and, when it stopped early, why. */
export function jsonWriter(frame: OutputFrame): TrajectoryWriter {
  let first = true;
  return {
    begin: () => '[',
    object: (es, samples, failure) => {
      const states = samples.map((s) => {
        if (frame === 'geodetic') {
          const g = geodeticOf(s);
          return { time: formatIsoUtc(s.utcMs), latitudeDeg: g.latDeg, longitudeDeg: g.lonDeg, altitudeKm: g.altKm };
        }
        return {
          time: formatIsoUtc(s.utcMs),
          minutesSinceEpoch: s.minutesSinceEpoch,
          positionKm: s.position,
          velocityKmPerS: s.velocity,
        };
      });
      const entry = {
        id: es.catalogId,
        name: es.name ?? null,
        epoch: formatIsoUtc(es.epochMs),
        frame: frame === 'teme' ? 'TEME' : frame === 'itrf' ? 'ITRF' : 'WGS84',
        states,
        error:
          failure === undefined
            ? null
            : { code: failure.code, sgp4Code: failure.sgp4Code, minutesSinceEpoch: failure.minutesSinceEpoch, message: failure.message },
      };
      const text = `${first ? '\n' : ',\n'}${JSON.stringify(entry)}`;
      first = false;
      return text;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
}

/** CCSDS 502.0-B-3 OEM: one segment per object; an object without a single state gets none. */
export function oemWriter(frame: 'teme' | 'itrf', creationMs: number): TrajectoryWriter {
  return {
    begin: () => formatOemHeader(creationMs, 'ZENITH'),
    object: (es, samples, failure) => {
      if (samples.length === 0) return '';
      const comments = [`NORAD_CAT_ID ${es.catalogId}, SGP4 mean elements of epoch ${formatIsoUtc(es.epochMs)}`];
      if (failure !== undefined) {
        comments.push(`propagation stopped at ${failure.minutesSinceEpoch} min from epoch: [${failure.code}] SGP4 error ${failure.sgp4Code}`);
      }
      return formatOemSegment({
        objectName: es.name ?? String(es.catalogId),
        objectId: es.internationalDesignator ?? String(es.catalogId),
        refFrame: frame === 'teme' ? 'TEME' : 'ITRF',
        states: samples,
        comments,
      });
    },
    end: () => '',
  };
}
