// The faults an operator (or a test) can inject into a simulated spacecraft, as data: one schema
// for the API and the CLI, and the checks that turn a bad request into a ZenithError naming the
// field. Each fault trips alarm limits of the demo database within simulated minutes.
import Type from 'typebox';
import Value from 'typebox/value';
import { ZenithError } from '../../core/errors/index.ts';
import { configErrors } from '../mission/index.ts';

export const FAULT_KINDS = ['battery-ageing', 'stuck-sensor', 'heater-failure'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FaultSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('battery-ageing'),
      /** Capacity left at the end of the ramp, as a fraction (default 0.4). */
      capacityFactor: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
      /** Internal resistance multiplied by this (default 2). */
      resistanceFactor: Type.Optional(Type.Number({ minimum: 1, maximum: 100 })),
      /** Open-circuit voltage lost per cell (V, default 0.7: below the watch limit at any charge). */
      cellDropV: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
      /** Simulated minutes over which the battery degrades to those figures (default 10). */
      rampMinutes: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('stuck-sensor'),
      /** The housekeeping parameter whose reading freezes (default BAT_TEMP_A, the heater's thermistor). */
      parameter: Type.Optional(Type.String({ minLength: 1 })),
      /** The value it sticks at, in engineering units (default: its reading when injected). */
      value: Type.Optional(Type.Number()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('heater-failure'),
    },
    { additionalProperties: false },
  ),
]);

export type Fault = Type.Static<typeof FaultSchema>;

/** A fault in force: what was asked, and when (simulated ms of UTC). */
export interface ActiveFault {
  readonly fault: Fault;
  readonly sinceMs: number;
}

/** Checks a fault request from the world; throws ZenithError SIM_BAD_FAULT naming the field. */
export function parseFault(raw: unknown): Fault {
  if (Value.Check(FaultSchema, raw)) return raw;
  const kind = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['kind'] : undefined;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new ZenithError('SIM_BAD_FAULT', `expected a fault kind (${FAULT_KINDS.join(', ')}), found ${typeof kind === 'string' ? `"${kind}"` : String(kind)}`, { field: 'kind' });
  }
  const schema = FaultSchema.anyOf.find((s) => s.properties.kind.const === kind) ?? FaultSchema;
  const first = configErrors(schema, raw, '')[0];
  throw new ZenithError('SIM_BAD_FAULT', `${kind}: ${first?.message ?? 'is not valid'}`, { field: first?.context.field ?? 'fault' });
}
