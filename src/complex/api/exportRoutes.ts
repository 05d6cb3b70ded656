// GET /api/export/parameters.csv: parameter values in a window as CSV (RFC 4180), streamed from
// the archive page by page so that a long export does not sit in memory.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { badRequest } from './ApiError.ts';
import { resolveParameter } from './mdbViews.ts';
import type { RouteContext } from './RouteContext.ts';
import { ErrorSchema, IsoTimeInput } from './schemas.ts';
import { PAST_DAY, timeRange } from './timeRange.ts';

export const MAX_EXPORT_NAMES = 1000;

const ExportQuery = Type.Object({
  names: Type.Array(Type.String({ maxLength: 64 * 1024 }), {
    minItems: 1,
    maxItems: MAX_EXPORT_NAMES,
    description: 'qualified names, comma-separated and/or repeated',
  }),
  from: Type.Optional(IsoTimeInput),
  to: Type.Optional(IsoTimeInput),
});
type ExportQuery = Type.Static<typeof ExportQuery>;

export function exportRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { archive, clock } = ctx.deps;
  app.get<{ Querystring: ExportQuery }>(
    '/api/export/parameters.csv',
    {
      schema: {
        tags: ['telemetry'],
        summary: 'Parameter values as CSV: time,parameter,raw,engineering,monitoring (default: the last 24 h)',
        querystring: ExportQuery,
        response: {
          200: { description: 'RFC 4180 CSV, CRLF line ends', content: { 'text/csv': { schema: Type.String() } } },
          '4xx': ErrorSchema,
          '5xx': ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const names = q.names.flatMap((n) => n.split(',')).map((n) => n.trim()).filter((n) => n !== '');
      if (names.length === 0) throw badRequest('INVALID_REQUEST', 'expected at least one parameter name in names, found none', 'names');
      if (names.length > MAX_EXPORT_NAMES) throw badRequest('INVALID_REQUEST', `expected at most ${MAX_EXPORT_NAMES} names, found ${names.length}`, 'names');
      const qualified = [...new Set(names.map((n) => resolveParameter(ctx.deps, n, 'names').qualifiedName))];
      const range = timeRange(q, clock.nowMs(), PAST_DAY);
      const chunks = archive.exportParametersCsv(qualified, range)[Symbol.asyncIterator]();
      // The first chunk (the header) is awaited here, so a refusal by the archive is still a clean 4xx/5xx.
      const first = await chunks.next();
      async function* rest(): AsyncGenerator<string> {
        if (first.done !== true) yield first.value;
        for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) yield next.value;
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="parameters.csv"')
        .send(Readable.from(rest()));
    },
  );
}
