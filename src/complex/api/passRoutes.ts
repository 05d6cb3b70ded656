// GET /api/passes and GET /api/contacts: predicted passes of the fleet over the stations and the
// contact plan in force, both from the flight-dynamics service, over a bounded window.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { formatIsoUtc } from '../../core/time/index.ts';
import { badRequest } from './ApiError.ts';
import type { RouteContext } from './RouteContext.ts';
import { ContactSchema, IsoTimeInput, PassSchema, withErrors } from './schemas.ts';
import { timeRange } from './timeRange.ts';
import type { RangeRule } from './timeRange.ts';

const DAY_MS = 86_400_000;
/** Predictions: from now one day ahead unless asked, at most two weeks (a search costs CPU). */
export const PREDICTION_RANGE: RangeRule = { defaultSpanMs: DAY_MS, maxSpanMs: 14 * DAY_MS, anchor: 'future' };

const PassQuery = Type.Object({
  from: Type.Optional(IsoTimeInput),
  to: Type.Optional(IsoTimeInput),
  spacecraft: Type.Optional(Type.String({ maxLength: 64 })),
  station: Type.Optional(Type.String({ maxLength: 64 })),
});
type PassQuery = Type.Static<typeof PassQuery>;

const ContactQuery = Type.Object({ from: Type.Optional(IsoTimeInput), to: Type.Optional(IsoTimeInput) });
type ContactQuery = Type.Static<typeof ContactQuery>;

export function passRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { mission, flightDynamics, clock } = ctx.deps;
  app.get<{ Querystring: PassQuery }>(
    '/api/passes',
    {
      schema: {
        tags: ['flight dynamics'],
        summary: 'Predicted passes in a window (default: the next 24 h; at most 14 days)',
        querystring: PassQuery,
        response: withErrors({ 200: Type.Array(PassSchema) }),
      },
    },
    async (request) => {
      const q = request.query;
      if (q.spacecraft !== undefined && !ctx.fleet.includes(q.spacecraft)) {
        throw badRequest('UNKNOWN_SPACECRAFT', `expected one of ${ctx.fleet.join(', ')}, found ${JSON.stringify(q.spacecraft)}`, 'spacecraft');
      }
      if (q.station !== undefined && !mission.stations.some((s) => s.name === q.station)) {
        const names = mission.stations.map((s) => s.name).join(', ');
        throw badRequest('UNKNOWN_STATION', `expected one of ${names}, found ${JSON.stringify(q.station)}`, 'station');
      }
      const range = timeRange(q, clock.nowMs(), PREDICTION_RANGE);
      const filter = { ...(q.spacecraft === undefined ? {} : { spacecraft: q.spacecraft }), ...(q.station === undefined ? {} : { station: q.station }) };
      const passes = await flightDynamics.passes(range.fromMs, range.toMs, filter);
      return passes.map(({ aosMs, tcaMs, losMs, ...p }) => ({ ...p, aos: formatIsoUtc(aosMs), tca: formatIsoUtc(tcaMs), los: formatIsoUtc(losMs) }));
    },
  );
  app.get<{ Querystring: ContactQuery }>(
    '/api/contacts',
    {
      schema: {
        tags: ['flight dynamics'],
        summary: 'The contact plan in a window (default: the next 24 h; at most 14 days)',
        querystring: ContactQuery,
        response: withErrors({ 200: Type.Array(ContactSchema) }),
      },
    },
    async (request) => {
      const range = timeRange(request.query, clock.nowMs(), PREDICTION_RANGE);
      const contacts = await flightDynamics.contacts(range.fromMs, range.toMs);
      return contacts.map(({ aosMs, losMs, ...c }) => ({ ...c, aos: formatIsoUtc(aosMs), los: formatIsoUtc(losMs) }));
    },
  );
}
