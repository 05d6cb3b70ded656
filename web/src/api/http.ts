// Requests to the complex's REST API: JSON in and out, the error shape of docs/api.md turned into an
// ApiError, and the CSRF token of the session sent on every state-changing request.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;
let onUnauthenticated: (() => void) | undefined;

/** Called when a request other than the auth routes answers 401: the session ended. */
export function setOnUnauthenticated(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

/** Set after login (or /api/auth/me); sent as `x-csrf-token` on POST, PUT, PATCH and DELETE. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string; readonly field?: string };
}

async function errorOf(response: Response, method: string, path: string): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not the API's error shape (a proxy, a crash): the status says enough.
  }
  const e = body.error ?? {};
  return new ApiError(response.status, e.code ?? `HTTP_${response.status}`, e.message ?? `${method} ${path}: the server answered ${response.status}`, e.field);
}

/** A request to the API; the parsed JSON answer, or an ApiError. */
export async function api<T>(path: string, init: { readonly method?: string; readonly body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.();
    throw await errorOf(response, method, path);
  }
  return (await response.json()) as T;
}

/** Query string from defined values. */
export function query(params: Readonly<Record<string, string | number | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

/** The path of one parameter's route: its name URL-encoded as one segment. */
export function parameterPath(name: string, rest: 'latest' | 'history'): string {
  return `/api/parameters/${encodeURIComponent(name)}/${rest}`;
}
