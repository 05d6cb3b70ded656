// The JSON shapes of the API as TypeBox schemas: one schema per shape gives Fastify its request
// validation, its response serialisation (only the properties named here are sent) and the
// OpenAPI document. The shapes are those of docs/api.md.
import Type from 'typebox';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable code, e.g. INVALID_REQUEST, UNKNOWN_PARAMETER' }),
      message: Type.String({ description: 'what was expected and what was found' }),
      field: Type.Optional(Type.String({ description: 'the query, path or body field at fault' })),
    }),
  },
  { description: 'every 4xx/5xx answer' },
);

/** Adds the error body for 4xx and 5xx to a route's responses. */
export function withErrors<T extends Record<string, unknown>>(responses: T): T & { '4xx': typeof ErrorSchema; '5xx': typeof ErrorSchema } {
  return { ...responses, '4xx': ErrorSchema, '5xx': ErrorSchema };
}

export const IsoTime = Type.String({ description: 'ISO-8601 UTC with milliseconds, e.g. 2026-11-25T21:03:00.000Z' });
/** A time given by the client: checked by parseIsoUtc in the handler, so the message can name the field. */
export const IsoTimeInput = Type.String({ maxLength: 64, description: 'ISO-8601 UTC, e.g. 2026-11-25T21:03:00.000Z' });
export const NullableIsoTime = Type.Union([IsoTime, Type.Null()]);

/**
 * A parameter value in JSON: numbers, text and flags as themselves; 64-bit integer types as
 * decimal strings; bytes as lowercase hex; NaN and infinities as null (as on the bus).
 */
export const ValueSchema = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]);

export const Severity = Type.Enum(['info', 'watch', 'warning', 'distress', 'critical', 'severe']);
export const AlarmSeverity = Type.Enum(['watch', 'warning', 'distress', 'critical', 'severe']);

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  time: IsoTime,
  speed: Type.Number(),
});

export const ClockSchema = Type.Object({ time: IsoTime, speed: Type.Number({ description: 'simulated seconds per real second' }) });

export const ElementSetSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    internationalDesignator: Type.Optional(Type.String()),
    catalogId: Type.Integer(),
    classification: Type.String(),
    epochMs: Type.Number({ description: 'ms of UTC since 1970, with its sub-millisecond fraction' }),
    meanMotionRevPerDay: Type.Number(),
    eccentricity: Type.Number(),
    inclinationDeg: Type.Number(),
    raanDeg: Type.Number(),
    argOfPericenterDeg: Type.Number(),
    meanAnomalyDeg: Type.Number(),
    bstar: Type.Number(),
    meanMotionDot: Type.Number(),
    meanMotionDdot: Type.Number(),
    ephemerisType: Type.Integer(),
    elementSetNo: Type.Integer(),
    revAtEpoch: Type.Integer(),
  },
  { description: 'the ElementSet of src/core/orbit, for propagation in the browser' },
);

export const SpacecraftSchema = Type.Object({
  name: Type.String(),
  catalogId: Type.Integer(),
  role: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  priority: Type.Integer(),
  spacecraftId: Type.Integer(),
  downlinkHz: Type.Number(),
  uplinkHz: Type.Number(),
  elements: ElementSetSchema,
});

export const LinkStatusSchema = Type.Object({
  status: Type.String({ description: 'ok, unavailable, disabled or failed; the worst of the station links' }),
  statusDetail: Type.String(),
  links: Type.Array(Type.String(), { description: 'names of the links of the station' }),
  framesReceived: Type.Integer(),
  framesStored: Type.Integer(),
  framesDropped: Type.Integer(),
  lastFrameTime: NullableIsoTime,
});

export const StationSchema = Type.Object({
  name: Type.String(),
  role: Type.Optional(Type.String()),
  latitudeDeg: Type.Number(),
  longitudeDeg: Type.Number(),
  altitudeM: Type.Number(),
  minElevationDeg: Type.Number(),
  bands: Type.Array(Type.String()),
  horizonMask: Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { description: '[azimuthDeg, elevationDeg] pairs; empty when none' }),
  link: LinkStatusSchema,
});

export const ElementsUploadSchema = Type.Object({
  accepted: Type.Integer({ description: 'element sets taken in' }),
  problems: Type.Array(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      line: Type.Optional(Type.Integer()),
      column: Type.Optional(Type.Integer()),
      field: Type.Optional(Type.String()),
    }),
  ),
});

export const PassSchema = Type.Object({
  id: Type.String(),
  spacecraft: Type.String(),
  catalogId: Type.Integer(),
  station: Type.String(),
  aos: IsoTime,
  tca: IsoTime,
  los: IsoTime,
  maxElevationDeg: Type.Number(),
  aosAzimuthDeg: Type.Number(),
  losAzimuthDeg: Type.Number(),
  planned: Type.Boolean(),
});

export const ContactSchema = Type.Object({
  id: Type.String(),
  spacecraft: Type.String(),
  station: Type.String(),
  aos: IsoTime,
  los: IsoTime,
  maxElevationDeg: Type.Number(),
  state: Type.String(),
});

export const ParameterInfoSchema = Type.Object({
  name: Type.String(),
  qualifiedName: Type.String(),
  type: Type.String({ description: 'integer, float, enumerated, boolean, string, binary, absoluteTime, aggregate, array or unknown' }),
  units: Type.String(),
  description: Type.String(),
});

/** Space systems nest, so the tree is a shared schema that refers to itself (added with addSchema). */
export const SPACE_SYSTEM_ID = 'SpaceSystem';
export const SpaceSystemSchema = {
  $id: SPACE_SYSTEM_ID,
  type: 'object',
  required: ['name', 'qualifiedName', 'parameters', 'spaceSystems'],
  properties: {
    name: { type: 'string' },
    qualifiedName: { type: 'string' },
    parameters: { type: 'array', items: ParameterInfoSchema },
    spaceSystems: { type: 'array', items: { $ref: `${SPACE_SYSTEM_ID}#` } },
  },
} as const;

export const ParameterTreeSchema = Type.Object({
  spaceSystems: Type.Array(Type.Unsafe({ $ref: `${SPACE_SYSTEM_ID}#` })),
});

export const ParameterValueSchema = Type.Object({
  name: Type.String({ description: 'qualified name' }),
  generationTime: IsoTime,
  receptionTime: IsoTime,
  raw: ValueSchema,
  eng: ValueSchema,
  state: Type.Union([Type.String(), Type.Null()], { description: 'monitoring state: normal, watch, ..., severe; null when unchecked' }),
});

export const HistorySchema = Type.Object({
  name: Type.String(),
  points: Type.Array(
    Type.Object({
      time: IsoTime,
      endTime: IsoTime,
      min: Type.Number(),
      max: Type.Number(),
      mean: Type.Number(),
      count: Type.Integer(),
    }),
  ),
});

export const AlarmSchema = Type.Object({
  id: Type.Integer(),
  parameter: Type.String(),
  spacecraft: Type.Union([Type.String(), Type.Null()]),
  severity: Type.String(),
  maxSeverity: Type.String(),
  state: Type.Enum(['raised', 'acknowledged', 'cleared', 'closed'], {
    description: 'raised; acknowledged (still present); cleared (gone, awaiting acknowledgement); closed (gone and acknowledged)',
  }),
  raisedAt: IsoTime,
  updatedAt: IsoTime,
  value: ValueSchema,
  triggerValue: ValueSchema,
  limit: ValueSchema,
  message: Type.Union([Type.String(), Type.Null()]),
  acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
  acknowledgedAt: NullableIsoTime,
  acknowledgeComment: Type.Union([Type.String(), Type.Null()]),
  clearedAt: NullableIsoTime,
});

export const EventSchema = Type.Object({
  id: Type.String({ description: 'source:time:sequence' }),
  time: IsoTime,
  severity: Type.String(),
  source: Type.String(),
  type: Type.String(),
  message: Type.String(),
});

export const ArgumentInfoSchema = Type.Object({
  name: Type.String(),
  type: Type.String({ description: 'integer, float, enumerated, boolean, string, binary, absoluteTime, aggregate or array' }),
  units: Type.Optional(Type.String()),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  values: Type.Optional(Type.Array(Type.String(), { description: 'enumeration labels, or the two boolean strings' })),
  default: Type.Optional(Type.String()),
});

export const CommandInfoSchema = Type.Object({
  name: Type.String({ description: 'qualified name' }),
  description: Type.String(),
  critical: Type.Boolean({ description: 'needs approval before release' }),
  arguments: Type.Array(ArgumentInfoSchema),
});

export const ReleaseModeSchema = Type.Union([Type.Literal('now'), Type.Literal('at'), Type.Literal('next-contact')]);

export const CommandSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  spacecraft: Type.String(),
  arguments: Type.Record(Type.String(), Type.Unknown()),
  critical: Type.Boolean(),
  queuedBy: Type.String(),
  queuedAt: IsoTime,
  release: Type.Object({ mode: Type.String({ description: 'now, at or next-contact' }), time: Type.Optional(IsoTime) }),
  state: Type.String({ description: 'awaiting-approval, queued, released, sending, sent, completed, failed, timeout or cancelled' }),
  binary: Type.Optional(Type.String({ description: 'the encoded packet in hex' })),
  stages: Type.Array(
    Type.Object({
      stage: Type.String({ description: 'queued, approval, released, sent, ground-ack, acceptance, start, execution, or an XTCE verifier' }),
      status: Type.String({ description: 'pending, ok, failed, timeout or cancelled' }),
      time: IsoTime,
      message: Type.Optional(Type.String()),
    }),
  ),
});

export const CommandRequestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 512 }),
    spacecraft: Type.String({ minLength: 1, maxLength: 64 }),
    arguments: Type.Optional(Type.Record(Type.String({ maxLength: 256 }), Type.Unknown(), { maxProperties: 256 })),
    release: Type.Optional(Type.Object({ mode: ReleaseModeSchema, time: Type.Optional(IsoTimeInput) }, { additionalProperties: false })),
    id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', description: 'chosen by the client: a retry with the same id queues once' })),
  },
  { additionalProperties: false },
);

/** A position of the `positions` WebSocket topic. */
export const PositionSchema = Type.Object({
  spacecraft: Type.String(),
  time: IsoTime,
  latitudeDeg: Type.Number(),
  longitudeDeg: Type.Number(),
  altitudeKm: Type.Number(),
});
