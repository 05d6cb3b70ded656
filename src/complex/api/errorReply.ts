// Turns whatever went wrong while answering a request into the one error body of the API, with a
// stable code and, where known, the field at fault. Unexpected errors are logged and answered 500
// without their details: the server keeps running whatever a request holds.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isZenithError } from '../../core/errors/index.ts';
import { ApiError, errorBody } from './ApiError.ts';
import type { ErrorBody } from './ApiError.ts';

/** Fastify's own codes for refused bodies and URLs, mapped to the API's stable codes. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'BAD_URL',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_URL',
};

interface ValidationIssue {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

/** `querystring`, `/points` and `{missingProperty: 'to'}` become the field `to`; body paths keep dots. */
function fieldOf(issue: ValidationIssue): string {
  const parts = (issue.instancePath ?? '').split('/').filter((p) => p !== '');
  const params = issue.params ?? {};
  const extra = params['missingProperty'] ?? params['additionalProperty'] ?? params['propertyName'];
  if (typeof extra === 'string') parts.push(extra);
  return parts.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function validationMessage(context: string, issue: ValidationIssue, field: string): string {
  const params = issue.params ?? {};
  const what = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : context === 'headers' ? 'header' : 'body';
  if (typeof params['missingProperty'] === 'string') return `expected ${what} ${field}, found none`;
  if (typeof params['additionalProperty'] === 'string') return `unexpected ${what} field ${field}`;
  const allowed = params['allowedValues'];
  if (Array.isArray(allowed)) return `expected ${what} ${field} to be one of ${allowed.map(String).join(', ')}`;
  return `expected ${what}${field === '' ? '' : ` ${field}`} to be valid: it ${issue.message ?? 'is not'}`;
}

/** The status and body for `error`; `internal` tells the caller to log it. */
export function describeError(error: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (error instanceof ApiError) {
    return { status: error.statusCode, body: errorBody(error.code, error.message, error.context.field), internal: false };
  }
  const e = error as Partial<FastifyError> & { validation?: readonly ValidationIssue[]; validationContext?: string };
  if (Array.isArray(e.validation) && e.validation.length > 0) {
    const issue = e.validation[0] as ValidationIssue;
    const field = fieldOf(issue);
    const context = e.validationContext ?? 'body';
    return { status: 400, body: errorBody('INVALID_REQUEST', validationMessage(context, issue, field), field), internal: false };
  }
  if (isZenithError(error)) {
    // Bad input found below the routes (a time, an argument, an element set): the request's fault.
    return { status: 400, body: errorBody(error.code, error.message, error.context.field), internal: false };
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = (e.code !== undefined ? FASTIFY_CODES[e.code] : undefined) ?? (error instanceof SyntaxError ? 'BAD_JSON' : 'BAD_REQUEST');
    const message = code === 'BAD_JSON' ? `expected a JSON body, found one that is not: ${e.message ?? ''}` : (e.message ?? 'bad request');
    return { status, body: errorBody(code, message), internal: false };
  }
  return { status: 500, body: errorBody('INTERNAL', 'the server failed to answer this request; the reason is in its log'), internal: true };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body, internal } = describeError(error);
  if (internal) request.log.error({ err: error }, 'request failed');
  request.apiErrorCode = body.error.code;
  void reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  request.apiErrorCode = 'NOT_FOUND';
  void reply
    .code(404)
    .type('application/json; charset=utf-8')
    .send(errorBody('NOT_FOUND', `expected a route of the API (see /api/openapi.json), found ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}`));
}
