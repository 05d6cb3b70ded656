// The one place where authentication plugs into the API (issue: security comes later): a
// preHandler hook, run for every route and for the WebSocket upgrade, that sets `request.apiUser`.
// State-changing routes sign what they do with `request.apiUser.name`.
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface ApiUser {
  readonly name: string;
  readonly roles: readonly string[];
}

/** Who sent the request; throw an ApiError (401/403) to refuse it. */
export type Authenticate = (request: FastifyRequest) => ApiUser | Promise<ApiUser>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook before any handler runs. */
    apiUser: ApiUser;
  }
}

/** Until sessions exist, everyone is this operator. */
export const DEFAULT_USER: ApiUser = { name: 'operator', roles: ['operator'] };

export function installAuthentication(app: FastifyInstance, authenticate: Authenticate = () => DEFAULT_USER): void {
  // Fastify wants null (not an object) as the initial value of a request decoration.
  app.decorateRequest('apiUser', null as unknown as ApiUser);
  app.addHook('preHandler', async (request) => {
    request.apiUser = await authenticate(request);
  });
}
