// The bus messages the live feeds relay, as the API reads them: the telemetry pipeline's
// `tm.param.<spacecraft>` (values of one packet), `alarm.<spacecraft>` and `event.<source>`, and
// the command pipeline's `tc.command`. Each is checked before use: another process wrote it.
import { Compile } from 'typebox/compile';
import Type from 'typebox';
import { FD_ELEMENTS_SUBJECT } from '../fd/index.ts';
import { TC_COMMAND_SUBJECT } from '../tc/index.ts';
import { ALARM_ALL, EVENT_ALL, TM_PARAM_ALL } from '../tm/index.ts';
import { AlarmSeverity, CommandSchema, Severity } from './schemas.ts';

/** The subjects of the telemetry and command pipelines that the feeds listen on. */
export const LIVE_SUBJECTS = {
  parameters: TM_PARAM_ALL,
  alarms: ALARM_ALL,
  events: EVENT_ALL,
  commands: TC_COMMAND_SUBJECT,
  /** Any message here means the element sets in force changed: positions reload them. */
  elements: FD_ELEMENTS_SUBJECT,
} as const;
export type LiveSubjects = { readonly [K in keyof typeof LIVE_SUBJECTS]: string };

const Scalar = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const ParamMessage = Compile(
  Type.Object({
    spacecraft: Type.String(),
    generationTimeMs: Type.Number(),
    receptionTimeMs: Type.Number(),
    parameters: Type.Array(Type.Object({ name: Type.String(), raw: Scalar, eng: Scalar, state: NullableString })),
  }),
);

export const AlarmMessage = Compile(
  Type.Object({
    id: Type.Integer(),
    change: Type.Enum(['raised', 'updated', 'acknowledged', 'cleared']),
    parameter: Type.String(),
    spacecraft: NullableString,
    state: Type.Enum(['raised', 'acknowledged', 'cleared', 'closed']),
    severity: AlarmSeverity,
    maxSeverity: AlarmSeverity,
    raisedMs: Type.Number(),
    updatedMs: Type.Number(),
    value: Scalar,
    triggerValue: Scalar,
    limit: Scalar,
    message: NullableString,
    acknowledgedBy: NullableString,
    acknowledgedMs: NullableNumber,
    comment: NullableString,
    clearedMs: NullableNumber,
  }),
);

export const EventMessage = Compile(
  Type.Object({
    source: Type.String(),
    sequence: Type.Number(),
    timeMs: Type.Number(),
    severity: Severity,
    type: Type.String(),
    message: Type.String(),
  }),
);

/** The command pipeline publishes the API's own Command shape. */
export const CommandMessage = Compile(CommandSchema);
