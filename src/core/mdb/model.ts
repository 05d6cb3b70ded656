// The mission database model: space systems, data types, parameters, sequence containers and
// meta-commands as XTCE (CCSDS 660.0-B-2 / OMG XTCE 1.2) describes them, with every reference
// already resolved to the object it names. Built by loadMdb; read by the decoder and encoder.

/** Where a definition came from, for messages. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  /** XML element path inside the file. */
  readonly path: string;
}

export type ByteOrder = 'mostSignificantByteFirst' | 'leastSignificantByteFirst';
export type IntegerSignedness = 'unsigned' | 'twosComplement' | 'signMagnitude' | 'onesComplement';

export interface PolynomialCalibrator {
  readonly kind: 'polynomial';
  /** coefficients[i] multiplies x^i. */
  readonly coefficients: readonly number[];
}

export interface SplineCalibrator {
  readonly kind: 'spline';
  /** Points sorted by raw value. */
  readonly points: readonly { readonly raw: number; readonly calibrated: number }[];
  /** 0 = step (flat segments), 1 = linear interpolation. */
  readonly order: 0 | 1;
  readonly extrapolate: boolean;
}

export type Calibrator = PolynomialCalibrator | SplineCalibrator;

/** A value fixed in the database, or taken from a parameter / argument (value * slope + intercept). */
export type IntegerValue =
  | { readonly kind: 'fixed'; readonly value: number }
  | {
      readonly kind: 'dynamic';
      readonly parameter: Parameter | null;
      readonly argument: string | null;
      readonly slope: number;
      readonly intercept: number;
    };

export interface IntegerEncoding {
  readonly kind: 'integer';
  readonly sizeInBits: number;
  readonly signedness: IntegerSignedness;
  readonly byteOrder: ByteOrder;
  readonly calibrator: Calibrator | null;
}

export interface FloatEncoding {
  readonly kind: 'float';
  readonly sizeInBits: 32 | 64;
  readonly byteOrder: ByteOrder;
  readonly calibrator: Calibrator | null;
}

export type StringSize =
  | { readonly kind: 'fixed'; readonly bits: number }
  | { readonly kind: 'terminated'; readonly terminator: number; readonly maxBits: number }
  | { readonly kind: 'leading'; readonly tagBits: number; readonly maxBits: number }
  | { readonly kind: 'dynamic'; readonly bits: IntegerValue };

export interface StringEncoding {
  readonly kind: 'string';
  readonly charset: 'UTF-8' | 'US-ASCII' | 'ISO-8859-1';
  readonly size: StringSize;
}

export interface BinaryEncoding {
  readonly kind: 'binary';
  readonly bits: IntegerValue;
}

/**
 * A CCSDS unsegmented time code (CUC, CCSDS 301.0-B-4 §3.2), as the Yamcs TimeBinaryDecoder /
 * TimeBinaryEncoder algorithms describe it. pField null: the P-field is read from the data;
 * otherwise the P-field octet is implicit (not in the data) or, for encoding, written first.
 */
export interface CucEncoding {
  readonly kind: 'cuc';
  readonly pField: number | null;
  readonly implicitPField: boolean;
}

export type DataEncoding = IntegerEncoding | FloatEncoding | StringEncoding | BinaryEncoding | CucEncoding;

export type AlarmLevel = 'normal' | 'watch' | 'warning' | 'distress' | 'critical' | 'severe';

/** One acceptable range: a value outside it raises the range's level. */
export interface AlarmRange {
  readonly level: Exclude<AlarmLevel, 'normal'>;
  readonly min: number | null;
  readonly minInclusive: boolean;
  readonly max: number | null;
  readonly maxInclusive: boolean;
}

export interface StaticAlarm {
  /** From least to most severe. */
  readonly ranges: readonly AlarmRange[];
  /** Enumeration label -> level, for enumerated types. */
  readonly labels: ReadonlyMap<string, Exclude<AlarmLevel, 'normal'>>;
}

export interface ValidRange {
  readonly min: number | null;
  readonly minInclusive: boolean;
  readonly max: number | null;
  readonly maxInclusive: boolean;
}

export type EpochName = 'TAI' | 'J2000' | 'UNIX' | 'GPS';

export interface TypeCommon {
  readonly name: string;
  readonly qualifiedName: string;
  /** 'parameter' for ParameterTypeSet, 'argument' for ArgumentTypeSet. */
  readonly role: 'parameter' | 'argument';
  readonly units: readonly string[];
  /** Null when the database gives none (the type cannot be read from or written to a packet). */
  readonly encoding: DataEncoding | null;
  readonly alarm: StaticAlarm | null;
  readonly validRange: ValidRange | null;
  readonly source: SourceRef;
}

export interface IntegerType extends TypeCommon {
  readonly kind: 'integer';
  readonly signed: boolean;
  readonly sizeInBits: number;
}
export interface FloatType extends TypeCommon {
  readonly kind: 'float';
  readonly sizeInBits: number;
}
export interface EnumeratedType extends TypeCommon {
  readonly kind: 'enumerated';
  readonly enumerations: readonly { readonly value: number; readonly maxValue: number; readonly label: string }[];
}
export interface BooleanType extends TypeCommon {
  readonly kind: 'boolean';
  readonly oneString: string;
  readonly zeroString: string;
}
export interface StringType extends TypeCommon {
  readonly kind: 'string';
}
export interface BinaryType extends TypeCommon {
  readonly kind: 'binary';
}
export interface AbsoluteTimeType extends TypeCommon {
  readonly kind: 'absoluteTime';
  /** Seconds = raw * scale + offset, counted from the epoch. */
  readonly scale: number;
  readonly offset: number;
  /** A named epoch, or ms of UTC since 1970 for a date epoch; null when the time is relative to another parameter. */
  readonly epoch: EpochName | number | null;
}
export interface AggregateType extends TypeCommon {
  readonly kind: 'aggregate';
  readonly members: readonly { readonly name: string; readonly type: DataType }[];
}
export interface ArrayType extends TypeCommon {
  readonly kind: 'array';
  readonly elementType: DataType;
  readonly dimensions: readonly { readonly start: IntegerValue; readonly end: IntegerValue }[];
}

export type DataType =
  | IntegerType
  | FloatType
  | EnumeratedType
  | BooleanType
  | StringType
  | BinaryType
  | AbsoluteTimeType
  | AggregateType
  | ArrayType;

export interface Parameter {
  readonly name: string;
  readonly qualifiedName: string;
  /** Null when the type reference could not be resolved (reported as a problem). */
  readonly type: DataType | null;
  readonly dataSource: string;
  readonly shortDescription: string;
  readonly source: SourceRef;
}

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface Comparison {
  readonly kind: 'comparison';
  readonly parameter: Parameter;
  /** Members of an aggregate parameter to walk into (`P/member` or `P.member`). */
  readonly memberPath: readonly string[];
  readonly operator: ComparisonOperator;
  readonly value: string;
  readonly useCalibratedValue: boolean;
}

export type MatchCriteria =
  | Comparison
  | { readonly kind: 'and'; readonly terms: readonly MatchCriteria[] }
  | { readonly kind: 'or'; readonly terms: readonly MatchCriteria[] };

export type ReferenceLocation = 'previousEntry' | 'containerStart' | 'containerEnd';

export interface EntryCommon {
  readonly location: { readonly reference: ReferenceLocation; readonly bits: number } | null;
  readonly include: MatchCriteria | null;
  readonly repeat: IntegerValue | null;
  readonly source: SourceRef;
}

export type SequenceEntry =
  | (EntryCommon & { readonly kind: 'parameter'; readonly parameter: Parameter })
  | (EntryCommon & { readonly kind: 'container'; readonly container: SequenceContainer });

export interface SequenceContainer {
  readonly name: string;
  readonly qualifiedName: string;
  readonly abstract: boolean;
  readonly entries: readonly SequenceEntry[];
  readonly base: SequenceContainer | null;
  readonly restriction: MatchCriteria | null;
  readonly source: SourceRef;
}

export interface Argument {
  readonly name: string;
  /** Null when the type reference could not be resolved (reported as a problem). */
  readonly type: DataType | null;
  readonly initialValue: string | null;
}

export type CommandEntry =
  | (EntryCommon & { readonly kind: 'fixed'; readonly name: string; readonly sizeInBits: number; readonly bytes: Uint8Array })
  | (EntryCommon & { readonly kind: 'argument'; readonly argument: string })
  | (EntryCommon & { readonly kind: 'parameter'; readonly parameter: Parameter })
  | (EntryCommon & { readonly kind: 'container'; readonly container: SequenceContainer });

export interface CommandContainer {
  readonly name: string;
  readonly entries: readonly CommandEntry[];
  /** Entries of a base container (a command container or a sequence container) come first. */
  readonly base: CommandContainer | SequenceContainer | null;
  readonly source: SourceRef;
}

/** XTCE 1.2 ConsequenceLevelType: how hazardous a command is (`critical` asks for confirmation). */
export type ConsequenceLevel = 'normal' | 'vital' | 'critical' | 'forbidden' | 'user1' | 'user2';

/** A meta-command's DefaultSignificance (XTCE 1.2 §3.5.3.2). */
export interface Significance {
  readonly consequenceLevel: ConsequenceLevel;
  readonly reasonForWarning: string | null;
}

export interface MetaCommand {
  readonly name: string;
  readonly qualifiedName: string;
  readonly abstract: boolean;
  readonly base: MetaCommand | null;
  /** Argument values fixed by this command for its base command's arguments. */
  readonly assignments: ReadonlyMap<string, string>;
  readonly arguments: readonly Argument[];
  readonly container: CommandContainer | null;
  /** Its own DefaultSignificance, else its base command's; null when neither gives one. */
  readonly significance: Significance | null;
  readonly shortDescription: string;
  readonly source: SourceRef;
}

export interface SpaceSystem {
  readonly name: string;
  /** `/` for the root that holds the loaded files, `/PUS`, `/PUS/DETAIL_REPORT`, ... */
  readonly qualifiedName: string;
  readonly parent: SpaceSystem | null;
  readonly children: SpaceSystem[];
  readonly parameterTypes: Map<string, DataType>;
  readonly argumentTypes: Map<string, DataType>;
  readonly parameters: Map<string, Parameter>;
  readonly containers: Map<string, SequenceContainer>;
  readonly commands: Map<string, MetaCommand>;
  readonly source: SourceRef | null;
}

/** A construct that Zenith does not support yet, reported by element path and line. */
export interface Unsupported {
  readonly file: string;
  readonly path: string;
  readonly line: number;
  readonly element: string;
}
