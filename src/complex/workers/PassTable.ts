// Passes as columns: one typed array per field, one row per pass. A catalog-wide search finds
// millions of passes; as Pass objects they cost the main thread seconds to build and hundreds of
// bytes each to keep, as rows they are copied from the workers' buffers and read one at a time.
import type { ElementSet } from '../../core/orbit/index.ts';
import type { Pass, PassSearchFailure, PassStation } from '../../core/passes/index.ts';
import type { PassColumns } from './mergePassRows.ts';

/** Bits of PassTable.flags. */
export const AOS_CUT = 1;
export const LOS_CUT = 2;

export class PassTable implements PassColumns {
  /** Index of each pass's object in `elements`. */
  readonly object: Uint32Array;
  /** Index of each pass's station in `stations`. */
  readonly station: Uint32Array;
  readonly aosMs: Float64Array;
  readonly tcaMs: Float64Array;
  readonly losMs: Float64Array;
  readonly maxElevationRad: Float64Array;
  readonly aosAzimuthRad: Float64Array;
  readonly tcaAzimuthRad: Float64Array;
  readonly losAzimuthRad: Float64Array;
  /** AOS_CUT | LOS_CUT. */
  readonly flags: Uint8Array;

  /**
   * A table of `count` zeroed rows over `elements` and `stations`, for the search to fill in
   * findPasses's order (AOS, then station name, then catalog id). With `shared`, the columns are on
   * SharedArrayBuffers, so that worker threads can fill them in place.
   */
  constructor(
    readonly elements: readonly ElementSet[],
    readonly stations: readonly PassStation[],
    readonly count: number,
    readonly failures: PassSearchFailure[],
    shared = false,
  ) {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`a pass table needs a row count, found ${count}`);
    const memory = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes * count) : new ArrayBuffer(bytes * count));
    this.object = new Uint32Array(memory(4));
    this.station = new Uint32Array(memory(4));
    this.aosMs = new Float64Array(memory(8));
    this.tcaMs = new Float64Array(memory(8));
    this.losMs = new Float64Array(memory(8));
    this.maxElevationRad = new Float64Array(memory(8));
    this.aosAzimuthRad = new Float64Array(memory(8));
    this.tcaAzimuthRad = new Float64Array(memory(8));
    this.losAzimuthRad = new Float64Array(memory(8));
    this.flags = new Uint8Array(memory(1));
  }

  /** Row `i` as a Pass, its object and station resolved from `elements` and `stations`. */
  passAt(i: number): Pass {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new RangeError(`row ${i} is outside the table of ${this.count} passes`);
    const es = this.elements[this.object[i] ?? 0];
    const station = this.stations[this.station[i] ?? 0];
    if (es === undefined || station === undefined) {
      throw new RangeError(`row ${i} names object ${this.object[i]} and station ${this.station[i]}, which the table does not hold`);
    }
    const flags = this.flags[i] ?? 0;
    return {
      objectId: es.catalogId,
      objectName: es.name,
      stationName: station.name,
      aosMs: this.aosMs[i] ?? 0,
      tcaMs: this.tcaMs[i] ?? 0,
      losMs: this.losMs[i] ?? 0,
      maxElevationRad: this.maxElevationRad[i] ?? 0,
      aosAzimuthRad: this.aosAzimuthRad[i] ?? 0,
      tcaAzimuthRad: this.tcaAzimuthRad[i] ?? 0,
      losAzimuthRad: this.losAzimuthRad[i] ?? 0,
      aosCut: (flags & AOS_CUT) !== 0,
      losCut: (flags & LOS_CUT) !== 0,
    };
  }

  /** Every row as a Pass, in the table's order: findPasses's `passes`. */
  toPasses(): Pass[] {
    const passes: Pass[] = [];
    for (let i = 0; i < this.count; i++) passes.push(this.passAt(i));
    return passes;
  }
}
