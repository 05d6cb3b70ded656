// The one place where authentication plugs into the API: an onRequest hook, run for every route
// (before the body is read) and for the WebSocket upgrade, that sets `request.apiUser` or refuses
// the request (the authenticate function throws an ApiError 401/403), and an optional hook told of
// every answered request (auth/ writes its audit log there). State-changing routes sign what they
// do with `request.apiUser.name`. The server has no default: whoever builds it says who may use it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface ApiUser {
  readonly name: string;
  readonly roles: readonly string[];
}

/** Who sent the request; throw an ApiError (401/403) to refuse it. */
export type Authenticate = (request: FastifyRequest) => ApiUser | Promise<ApiUser>;

/** Told of each request once its reply is sent (not of WebSocket messages). */
export type OnAnswered = (request: FastifyRequest, reply: FastifyReply) => void | Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook before any handler runs. */
    apiUser: ApiUser;
    /** The `error.code` of the error reply, when the request was answered with one. */
    apiErrorCode: string | null;
  }
}

export function installAuthentication(app: FastifyInstance, authenticate: Authenticate, onAnswered?: OnAnswered): void {
  // Fastify wants null (not an object) as the initial value of a request decoration.
  app.decorateRequest('apiUser', null as unknown as ApiUser);
  app.decorateRequest('apiErrorCode', null);
  app.addHook('onRequest', async (request) => {
    request.apiUser = await authenticate(request);
  });
  if (onAnswered !== undefined) {
    app.addHook('onResponse', async (request, reply) => {
      await onAnswered(request, reply);
    });
  }
}
