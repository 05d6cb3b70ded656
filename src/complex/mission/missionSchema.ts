// The schema of a mission folder's mission.yaml: the fleet and the station network, validated
// once at start-up so that a mistake fails naming its key, never during a pass.
import Type from 'typebox';

export const StationSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }),
    role: Type.Optional(Type.String()),
    latitudeDeg: Type.Number({ minimum: -90, maximum: 90 }),
    longitudeDeg: Type.Number({ minimum: -180, maximum: 360 }),
    altitudeM: Type.Number({ minimum: -500, maximum: 9000 }),
    minElevationDeg: Type.Number({ minimum: -5, maximum: 90 }),
    bands: Type.Array(Type.String(), { minItems: 1 }),
    horizonMask: Type.Optional(
      Type.Array(Type.Tuple([Type.Number({ minimum: 0, maximum: 360 }), Type.Number({ minimum: -5, maximum: 90 })]), {
        minItems: 2,
      }),
    ),
  },
  { additionalProperties: false },
);

export const SpacecraftSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }),
    catalogId: Type.Integer({ minimum: 1, maximum: 999_999_999 }),
    role: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    priority: Type.Integer({ minimum: 1, maximum: 99 }),
    spacecraftId: Type.Integer({ minimum: 0, maximum: 1023 }),
    downlinkHz: Type.Number({ exclusiveMinimum: 0 }),
    uplinkHz: Type.Number({ exclusiveMinimum: 0 }),
  },
  { additionalProperties: false },
);

export const MissionSchema = Type.Object(
  {
    name: Type.String(),
    elements: Type.String({ minLength: 1 }),
    spacecraft: Type.Array(SpacecraftSchema, { minItems: 1 }),
    stations: Type.Array(StationSchema, { minItems: 1 }),
  },
  { additionalProperties: true },
);

export type StationConfig = Type.Static<typeof StationSchema>;
export type SpacecraftConfig = Type.Static<typeof SpacecraftSchema>;
export type MissionConfig = Type.Static<typeof MissionSchema>;
