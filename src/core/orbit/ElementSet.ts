// The one element-set type of Zenith. OMM is the native format: a catalog id is a number of up to
// nine digits; TLE and OMM (KVN, XML, JSON, CSV) are all read into this shape.

export interface ElementSet {
  /** OBJECT_NAME, or the 3LE name line; undefined when the source has none. */
  readonly name: string | undefined;
  /** OBJECT_ID, the international designator such as `1998-067A`; undefined when blank. */
  readonly internationalDesignator: string | undefined;
  /** NORAD_CAT_ID: 0 .. 999 999 999. Alpha-5 `T0000` is 270000. */
  readonly catalogId: number;
  /** 'U', 'C' or 'S' (TLE column 8; OMM CLASSIFICATION_TYPE). */
  readonly classification: string;
  /** EPOCH in milliseconds of UTC since 1970, with its sub-millisecond fraction. */
  readonly epochMs: number;
  /** MEAN_MOTION in revolutions per day. */
  readonly meanMotionRevPerDay: number;
  readonly eccentricity: number;
  readonly inclinationDeg: number;
  readonly raanDeg: number;
  readonly argOfPericenterDeg: number;
  readonly meanAnomalyDeg: number;
  /** BSTAR drag term in 1/earth radii. */
  readonly bstar: number;
  /** MEAN_MOTION_DOT in rev/day^2 (the TLE's first derivative divided by two, as published). */
  readonly meanMotionDot: number;
  /** MEAN_MOTION_DDOT in rev/day^3 (divided by six, as published). */
  readonly meanMotionDdot: number;
  readonly ephemerisType: number;
  readonly elementSetNo: number;
  readonly revAtEpoch: number;
  /** Where the record was read from, for messages. */
  readonly source?: { readonly file?: string; readonly line?: number; readonly format: ElementFormat };
}

export type ElementFormat = 'tle' | 'omm-kvn' | 'omm-xml' | 'omm-json' | 'omm-csv';
