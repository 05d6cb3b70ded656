// The commanding routes: what the mission database offers (GET /api/commands), queueing one
// (POST, signed by the requesting user), the history, one command with its verification stages,
// and approving or cancelling one. The command and spacecraft names are checked here; the
// arguments and the release by the command pipeline, whose refusals name the field.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { isZenithError } from '../../core/errors/index.ts';
import { ApiError, badRequest, notFound } from './ApiError.ts';
import type { ApiCommandView } from './ApiDeps.ts';
import { resolveCommand } from './mdbViews.ts';
import type { RouteContext } from './RouteContext.ts';
import { CommandInfoSchema, CommandRequestSchema, CommandSchema, IsoTimeInput, withErrors } from './schemas.ts';
import { parseTime } from './timeRange.ts';

type CommandBody = Type.Static<typeof CommandRequestSchema>;

const CatalogQuery = Type.Object({ spacecraft: Type.Optional(Type.String({ maxLength: 64, description: 'default: the first of the fleet' })) });
type CatalogQuery = Type.Static<typeof CatalogQuery>;

const HistoryQuery = Type.Object({
  spacecraft: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(IsoTimeInput),
  to: Type.Optional(IsoTimeInput),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 500 }),
});
type HistoryQuery = Type.Static<typeof HistoryQuery>;

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
type IdParams = Type.Static<typeof IdParams>;

export function commandRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { mdb, commands } = ctx.deps;
  const spacecraftNamed = (name: string, field: string): string => {
    if (!ctx.fleet.includes(name)) throw badRequest('UNKNOWN_SPACECRAFT', `expected one of ${ctx.fleet.join(', ')}, found ${JSON.stringify(name)}`, field);
    return name;
  };
  const found = (c: ApiCommandView | undefined, id: string): ApiCommandView => {
    if (c === undefined) throw notFound('UNKNOWN_COMMAND_ID', `expected the id of a queued command, found ${JSON.stringify(id)}`, 'id');
    return c;
  };

  app.get<{ Querystring: CatalogQuery }>(
    '/api/commands',
    {
      schema: {
        tags: ['commanding'],
        summary: "The commands of a spacecraft's mission database with their arguments",
        querystring: CatalogQuery,
        response: withErrors({ 200: Type.Array(CommandInfoSchema) }),
      },
    },
    (request) => {
      const first = ctx.fleet[0];
      const spacecraft = request.query.spacecraft === undefined ? first : spacecraftNamed(request.query.spacecraft, 'spacecraft');
      return spacecraft === undefined ? [] : commands.catalog(spacecraft);
    },
  );
  app.post<{ Body: CommandBody }>(
    '/api/commands',
    {
      schema: {
        tags: ['commanding'],
        summary: 'Queue a command',
        description: 'release.mode: now (default), at (with release.time) or next-contact. A retried request with the same id queues once.',
        body: CommandRequestSchema,
        response: withErrors({ 201: CommandSchema }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const command = resolveCommand(mdb, body.name, 'name');
      const spacecraft = spacecraftNamed(body.spacecraft, 'spacecraft');
      const release = body.release;
      if (release !== undefined && (release.mode === 'at') !== (release.time !== undefined)) {
        throw badRequest('INVALID_REQUEST', `expected release.time exactly when release.mode is "at", found mode "${release.mode}" ${release.time === undefined ? 'without' : 'with'} a time`, 'release.time');
      }
      if (release?.time !== undefined) parseTime(release.time, 'release.time');
      const queued = await commands.queue({
        name: command.qualifiedName,
        spacecraft,
        origin: request.apiUser.name,
        ...(body.arguments === undefined ? {} : { arguments: body.arguments }),
        ...(release === undefined ? {} : { release }),
        ...(body.id === undefined ? {} : { id: body.id }),
      });
      return reply.code(201).send(queued);
    },
  );
  app.get<{ Querystring: HistoryQuery }>(
    '/api/commands/history',
    {
      schema: {
        tags: ['commanding'],
        summary: 'Commands queued, newest first (default: the last 7 days)',
        querystring: HistoryQuery,
        response: withErrors({ 200: Type.Array(CommandSchema) }),
      },
    },
    async (request) => {
      const q = request.query;
      const fromMs = q.from === undefined ? undefined : parseTime(q.from, 'from');
      const toMs = q.to === undefined ? undefined : parseTime(q.to, 'to');
      if (fromMs !== undefined && toMs !== undefined && !(toMs > fromMs)) throw badRequest('BAD_RANGE', `expected to after from, found ${q.from ?? ''} .. ${q.to ?? ''}`, 'to');
      return commands.history({
        limit: q.limit,
        ...(q.spacecraft === undefined ? {} : { spacecraft: spacecraftNamed(q.spacecraft, 'spacecraft') }),
        ...(fromMs === undefined ? {} : { fromMs }),
        ...(toMs === undefined ? {} : { toMs }),
      });
    },
  );
  app.get<{ Params: IdParams }>(
    '/api/commands/:id',
    {
      schema: {
        tags: ['commanding'],
        summary: 'One command with its verification stages',
        params: IdParams,
        response: withErrors({ 200: CommandSchema }),
      },
    },
    async (request) => found(await commands.command(request.params.id), request.params.id),
  );
  for (const action of ['approve', 'cancel'] as const) {
    app.post<{ Params: IdParams }>(
      `/api/commands/:id/${action}`,
      {
        schema: {
          tags: ['commanding'],
          summary: action === 'approve' ? 'Approve a critical command waiting for approval' : 'Cancel a command not yet sent',
          params: IdParams,
          response: withErrors({ 200: CommandSchema }),
        },
      },
      async (request) => {
        const id = request.params.id;
        const command = found(await commands.command(id), id);
        const act = commands[action]?.bind(commands);
        if (act === undefined) throw new ApiError(501, 'NOT_IMPLEMENTED', `the command pipeline does not ${action} commands`);
        // The two-person rule (docs/security.md): the pipeline refuses it too.
        if (action === 'approve' && command.queuedBy === request.apiUser.name) {
          throw new ApiError(403, 'FORBIDDEN', `expected a flight director other than ${command.queuedBy}, who queued command ${id}: nobody approves their own critical command`, 'id');
        }
        try {
          return await act(id, request.apiUser.name);
        } catch (error) {
          if (isZenithError(error) && error.code === 'TC_SELF_APPROVAL') throw new ApiError(403, 'FORBIDDEN', error.message, 'id');
          throw error;
        }
      },
    );
  }
}
