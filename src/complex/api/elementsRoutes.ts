// POST /api/elements: element sets uploaded as text (TLE/3LE, OMM KVN, XML, JSON or CSV; the
// format is detected). Good records are taken even when others are bad; each bad one is listed
// with its line and column. A body with nothing readable at all is refused.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { ZenithError } from '../../core/errors/index.ts';
import { badRequest } from './ApiError.ts';
import type { RouteContext } from './RouteContext.ts';
import { ElementsUploadSchema, withErrors } from './schemas.ts';

/** A full public catalog in 3LE is under 4 MB. */
export const ELEMENTS_BODY_LIMIT = 8 * 1024 * 1024;

function problemView(p: ZenithError) {
  const c = p.context;
  return {
    code: p.code,
    message: p.message,
    ...(typeof c.line === 'number' ? { line: c.line } : {}),
    ...(typeof c.column === 'number' ? { column: c.column } : {}),
    ...(typeof c.field === 'string' ? { field: c.field } : {}),
  };
}

export function elementsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  // In its own context: here every text body is read as a string, JSON included (OMM JSON is text
  // to the element reader, which reports its errors with line and column).
  void app.register((child, _opts, done) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser(
      ['text/plain', 'application/json', 'application/xml', 'text/xml', 'text/csv', 'application/octet-stream'],
      { parseAs: 'string', bodyLimit: ELEMENTS_BODY_LIMIT },
      (_request, body, next) => {
        next(null, body);
      },
    );
    child.post<{ Body: string }>(
      '/api/elements',
      {
        bodyLimit: ELEMENTS_BODY_LIMIT,
        schema: {
          tags: ['fleet'],
          summary: 'Upload element sets (TLE or OMM text)',
          description: 'The body is the text of an element file (Content-Type text/plain, or the OMM media type).',
          body: Type.String({ description: 'TLE/3LE or OMM (KVN, XML, JSON, CSV) text' }),
          response: withErrors({ 200: ElementsUploadSchema }),
        },
      },
      async (request) => {
        const text = request.body;
        if (text.trim() === '') throw badRequest('EMPTY_BODY', 'expected element sets (TLE or OMM text), found an empty body', 'body');
        const result = await ctx.deps.flightDynamics.uploadElements(text, request.apiUser.name);
        const first = result.problems[0];
        if (result.accepted === 0 && first !== undefined) {
          const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : '';
          throw badRequest(first.code, `no element set could be read: ${first.describe()}${more}`, 'body');
        }
        if (result.accepted > 0) ctx.elementsChanged();
        return { accepted: result.accepted, problems: result.problems.map(problemView) };
      },
    );
    done();
  });
}
