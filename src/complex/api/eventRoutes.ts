// GET /api/events: events of the complex and the spacecraft in a window, oldest first, filtered
// by minimum severity and source.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { RouteContext } from './RouteContext.ts';
import { EventSchema, IsoTimeInput, Severity, withErrors } from './schemas.ts';
import { PAST_DAY, timeRange } from './timeRange.ts';
import { eventView } from './views.ts';

const EventsQuery = Type.Object({
  from: Type.Optional(IsoTimeInput),
  to: Type.Optional(IsoTimeInput),
  severity: Type.Optional(Severity),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }),
});
type EventsQuery = Type.Static<typeof EventsQuery>;

export function eventRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { archive, clock } = ctx.deps;
  app.get<{ Querystring: EventsQuery }>(
    '/api/events',
    {
      schema: {
        tags: ['telemetry'],
        summary: 'Events in a window, oldest first (default: the last 24 h)',
        description: 'severity: at least this severity; source: only this source.',
        querystring: EventsQuery,
        response: withErrors({ 200: Type.Array(EventSchema) }),
      },
    },
    async (request) => {
      const q = request.query;
      const range = timeRange(q, clock.nowMs(), PAST_DAY);
      const events = await archive.events({
        ...range,
        limit: q.limit,
        ...(q.severity === undefined ? {} : { minSeverity: q.severity }),
        ...(q.source === undefined ? {} : { source: q.source }),
      });
      return events.map(eventView);
    },
  );
}
