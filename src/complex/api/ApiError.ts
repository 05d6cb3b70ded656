// The API's refusal of a request: a ZenithError with the HTTP status it answers with. Every error
// reply has the body `{error: {code, message, field?}}` (docs/api.md).
import { ZenithError } from '../../core/errors/index.ts';

export class ApiError extends ZenithError {
  readonly statusCode: number;

  constructor(statusCode: number, code: string, message: string, field?: string) {
    super(code, message, field === undefined ? {} : { field });
    if (!Number.isInteger(statusCode) || statusCode < 400 || statusCode > 599) {
      throw new RangeError(`ApiError: status must be 4xx or 5xx, got ${statusCode}`);
    }
    this.name = 'ApiError';
    this.statusCode = statusCode;
  }
}

/** The JSON body of every error reply. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string };
}

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: field === undefined || field === '' ? { code, message } : { code, message, field } };
}

export function badRequest(code: string, message: string, field?: string): ApiError {
  return new ApiError(400, code, message, field);
}

export function notFound(code: string, message: string, field?: string): ApiError {
  return new ApiError(404, code, message, field);
}
