// GET /api/alarms and POST /api/alarms/{id}/acknowledge. Acknowledging goes through the telemetry
// pipeline (which owns alarm state and tells the live feeds), signed by the requesting user.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { isZenithError } from '../../core/errors/index.ts';
import type { AlarmQuery, AlarmRecord } from '../archive/index.ts';
import { notFound } from './ApiError.ts';
import type { RouteContext } from './RouteContext.ts';
import { AlarmSchema, AlarmSeverity, IsoTimeInput, withErrors } from './schemas.ts';
import { parseTime } from './timeRange.ts';
import { alarmState } from '../tm/index.ts';
import { alarmView, spacecraftOfSubject } from './views.ts';

const AlarmsQuery = Type.Object({
  state: Type.Optional(Type.Enum(['active', 'raised', 'acknowledged', 'cleared', 'closed', 'all'])),
  severity: Type.Optional(AlarmSeverity),
  from: Type.Optional(IsoTimeInput),
  to: Type.Optional(IsoTimeInput),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }),
});
type AlarmsQuery = Type.Static<typeof AlarmsQuery>;

const ARCHIVE_ALARM_LIMIT = 100_000;

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
type IdParams = Type.Static<typeof IdParams>;

const AcknowledgeBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
type AcknowledgeBody = Type.Static<typeof AcknowledgeBody>;

export function alarmRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { archive, telemetry } = ctx.deps;
  const spacecraftOf = (subject: string): string | null => telemetry.spacecraftOfParameter?.(subject) ?? spacecraftOfSubject(subject, ctx.fleet);
  app.get<{ Querystring: AlarmsQuery }>(
    '/api/alarms',
    {
      schema: {
        tags: ['telemetry'],
        summary: 'Alarms, newest first (default: the active ones, i.e. all but closed)',
        description: 'state: active (default), raised, acknowledged, cleared, closed or all; severity: at least this severity.',
        querystring: AlarmsQuery,
        response: withErrors({ 200: Type.Array(AlarmSchema) }),
      },
    },
    async (request) => {
      const q = request.query;
      const state = q.state ?? 'active';
      const query: AlarmQuery = {
        activeOnly: state === 'active',
        // The archive returns the oldest first: ask for enough to keep the newest after filtering.
        limit: ARCHIVE_ALARM_LIMIT,
        ...(q.severity === undefined ? {} : { minSeverity: q.severity }),
        ...(q.from === undefined ? {} : { fromMs: parseTime(q.from, 'from') }),
        ...(q.to === undefined ? {} : { toMs: parseTime(q.to, 'to') }),
      };
      const alarms = await archive.alarms(query);
      const wanted = state === 'active' || state === 'all' ? alarms : alarms.filter((a) => alarmState(a) === state);
      return wanted
        .sort((a, b) => b.raisedMs - a.raisedMs || b.id - a.id)
        .slice(0, q.limit)
        .map((a) => alarmView(a, spacecraftOf(a.subject)));
    },
  );
  app.post<{ Params: IdParams; Body: AcknowledgeBody | undefined }>(
    '/api/alarms/:id/acknowledge',
    {
      schema: {
        tags: ['telemetry'],
        summary: 'Acknowledge an alarm (the first acknowledgement is kept)',
        params: IdParams,
        body: AcknowledgeBody,
        response: withErrors({ 200: AlarmSchema }),
      },
      // A POST without a body is an acknowledgement without comment.
      preValidation: (request, _reply, done) => {
        request.body ??= {};
        done();
      },
    },
    async (request) => {
      const id = request.params.id;
      const comment = request.body?.comment;
      let alarm: AlarmRecord;
      try {
        alarm = await (comment === undefined ? telemetry.acknowledgeAlarm(id, request.apiUser.name) : telemetry.acknowledgeAlarm(id, request.apiUser.name, comment));
      } catch (error) {
        if (isZenithError(error) && error.code === 'ARCHIVE_NOT_FOUND') throw notFound('UNKNOWN_ALARM', `expected the id of an alarm, found ${id}`, 'id');
        throw error;
      }
      return alarmView(alarm, spacecraftOf(alarm.subject));
    },
  );
}
