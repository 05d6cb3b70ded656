// GET /api/parameters (the mission database tree), and per parameter (qualified name,
// URL-encoded in the path) its latest value and its history downsampled for plotting.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { formatIsoUtc } from '../../core/time/index.ts';
import { notFound } from './ApiError.ts';
import { parameterTree, resolveParameter } from './mdbViews.ts';
import type { RouteContext } from './RouteContext.ts';
import { HistorySchema, IsoTimeInput, ParameterTreeSchema, ParameterValueSchema, withErrors } from './schemas.ts';
import { PAST_DAY, timeRange } from './timeRange.ts';
import { parameterValueView } from './views.ts';

const NameParams = Type.Object({ name: Type.String({ minLength: 1, description: "the parameter's qualified name, URL-encoded" }) });
type NameParams = Type.Static<typeof NameParams>;

export const MAX_POINTS = 10_000;
const HistoryQuery = Type.Object({
  from: Type.Optional(IsoTimeInput),
  to: Type.Optional(IsoTimeInput),
  points: Type.Integer({ minimum: 1, maximum: MAX_POINTS, default: 500, description: 'at most this many buckets' }),
});
type HistoryQuery = Type.Static<typeof HistoryQuery>;

export function parameterRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { archive, clock } = ctx.deps;
  const tree = parameterTree(ctx.deps);
  app.get(
    '/api/parameters',
    {
      schema: {
        tags: ['telemetry'],
        summary: 'The mission database: space systems and their parameters',
        response: withErrors({ 200: ParameterTreeSchema }),
      },
    },
    () => tree,
  );
  app.get<{ Params: NameParams }>(
    '/api/parameters/:name/latest',
    {
      schema: {
        tags: ['telemetry'],
        summary: 'The newest value of a parameter',
        params: NameParams,
        response: withErrors({ 200: ParameterValueSchema }),
      },
    },
    async (request) => {
      const p = resolveParameter(ctx.deps, request.params.name, 'name');
      const [latest] = await archive.latestValues([p.qualifiedName]);
      if (latest === undefined) throw notFound('NO_VALUE', `${p.qualifiedName} has no value in the archive yet`, 'name');
      return parameterValueView(latest);
    },
  );
  app.get<{ Params: NameParams; Querystring: HistoryQuery }>(
    '/api/parameters/:name/history',
    {
      schema: {
        tags: ['telemetry'],
        summary: 'Numeric values of a parameter in a window, as min/max/mean per bucket (default: the last 24 h)',
        params: NameParams,
        querystring: HistoryQuery,
        response: withErrors({ 200: HistorySchema }),
      },
    },
    async (request) => {
      const p = resolveParameter(ctx.deps, request.params.name, 'name');
      const range = timeRange(request.query, clock.nowMs(), PAST_DAY);
      const buckets = await archive.parameterHistory(p.qualifiedName, range, request.query.points);
      return {
        name: p.qualifiedName,
        points: buckets.map((b) => ({ time: formatIsoUtc(b.startMs), endTime: formatIsoUtc(b.endMs), min: b.min, max: b.max, mean: b.mean, count: b.count })),
      };
    },
  );
}
