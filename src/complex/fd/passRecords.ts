// Predicted passes as the archive keeps them (PassRecord, degrees, whole ms, the rest in `details`)
// and as the API shows them; and the joining of a pass cut by the edge of one prediction window
// with its continuation in the next.
import type { Pass } from '../../core/passes/index.ts';
import { formatIsoUtc } from '../../core/time/index.ts';
import type { PassView } from '../api/index.ts';
import type { PassRecord } from '../archive/index.ts';

const RAD_TO_DEG = 180 / Math.PI;

/** What a pass record carries in `details`. */
export interface PassDetails {
  readonly catalogId: number;
  readonly aosAzimuthDeg: number;
  readonly tcaAzimuthDeg: number;
  readonly losAzimuthDeg: number;
  /** Visible already at the start of the search: the real AOS is earlier. */
  readonly aosCut: boolean;
  /** Still visible at the end of the search (or propagation failed): the real LOS is later. */
  readonly losCut: boolean;
  /** Epoch of the element set it was predicted from, ISO-8601. */
  readonly elementsEpoch: string;
}

/**
 * The record of a pass found by the search. AOS is rounded down and LOS up to whole ms, so that
 * the record covers the pass and an AOS at a whole-ms window start stays inside the window.
 */
export function passRecordOf(p: Pass, spacecraft: string, catalogId: number, elementsEpochMs: number): PassRecord {
  const details: PassDetails = {
    catalogId,
    aosAzimuthDeg: p.aosAzimuthRad * RAD_TO_DEG,
    tcaAzimuthDeg: p.tcaAzimuthRad * RAD_TO_DEG,
    losAzimuthDeg: p.losAzimuthRad * RAD_TO_DEG,
    aosCut: p.aosCut,
    losCut: p.losCut,
    elementsEpoch: formatIsoUtc(elementsEpochMs),
  };
  return {
    station: p.stationName,
    spacecraft,
    aosMs: Math.floor(p.aosMs),
    losMs: Math.ceil(p.losMs),
    tcaMs: Math.round(p.tcaMs),
    maxElevationDeg: p.maxElevationRad * RAD_TO_DEG,
    details: { ...details },
  };
}

/** The details of a record as written by passRecordOf (fields missing from foreign records are defaulted). */
export function passDetails(r: PassRecord): PassDetails {
  const d = r.details ?? {};
  const num = (key: string): number => (typeof d[key] === 'number' ? d[key] : 0);
  return {
    catalogId: num('catalogId'),
    aosAzimuthDeg: num('aosAzimuthDeg'),
    tcaAzimuthDeg: num('tcaAzimuthDeg'),
    losAzimuthDeg: num('losAzimuthDeg'),
    aosCut: d['aosCut'] === true,
    losCut: d['losCut'] === true,
    elementsEpoch: typeof d['elementsEpoch'] === 'string' ? d['elementsEpoch'] : '',
  };
}

/**
 * `earlier` (a pass still in view at the end of its search) and `later` (the same pass, in view
 * at the start of the next search) as one pass: AOS of the first, LOS of the second, the higher
 * culmination. Undefined when they are not two pieces of one pass of one spacecraft over one station.
 */
export function joinPasses(earlier: PassRecord, later: PassRecord): PassRecord | undefined {
  const a = passDetails(earlier);
  const b = passDetails(later);
  if (earlier.station !== later.station || earlier.spacecraft !== later.spacecraft) return undefined;
  if (!b.aosCut || earlier.aosMs >= later.aosMs || earlier.losMs < later.aosMs) return undefined;
  const top = later.maxElevationDeg > earlier.maxElevationDeg ? later : earlier;
  const topDetails = top === later ? b : a;
  const details: PassDetails = {
    ...b,
    aosAzimuthDeg: a.aosAzimuthDeg,
    tcaAzimuthDeg: topDetails.tcaAzimuthDeg,
    aosCut: a.aosCut,
  };
  return {
    station: later.station,
    spacecraft: later.spacecraft,
    aosMs: earlier.aosMs,
    losMs: Math.max(earlier.losMs, later.losMs),
    tcaMs: top.tcaMs,
    maxElevationDeg: top.maxElevationDeg,
    details: { ...details },
  };
}

export function passViewOf(r: PassRecord, planned: boolean): PassView {
  const d = passDetails(r);
  return {
    id: `${r.spacecraft}:${r.station}:${r.aosMs}`,
    spacecraft: r.spacecraft,
    catalogId: d.catalogId,
    station: r.station,
    aosMs: r.aosMs,
    tcaMs: r.tcaMs,
    losMs: r.losMs,
    maxElevationDeg: r.maxElevationDeg,
    aosAzimuthDeg: d.aosAzimuthDeg,
    losAzimuthDeg: d.losAzimuthDeg,
    planned,
  };
}
