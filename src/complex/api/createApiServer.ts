// The API server of the complex (docs/api.md): Fastify with a TypeBox schema on every route (for
// validation, serialisation and the OpenAPI document at /api/openapi.json), one error shape for
// every refusal, one authentication hook (required), and the live WebSocket at /api/ws.
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { alarmRoutes } from './alarmRoutes.ts';
import type { ApiDeps } from './ApiDeps.ts';
import { installAuthentication } from './authentication.ts';
import type { Authenticate, OnAnswered } from './authentication.ts';
import { commandRoutes } from './commandRoutes.ts';
import { elementsRoutes } from './elementsRoutes.ts';
import { errorHandler, notFoundHandler } from './errorReply.ts';
import { eventRoutes } from './eventRoutes.ts';
import { exportRoutes } from './exportRoutes.ts';
import { fleetRoutes } from './fleetRoutes.ts';
import { healthRoutes } from './healthRoutes.ts';
import { LiveFeeds } from './LiveFeeds.ts';
import type { LiveFeedsOptions } from './LiveFeeds.ts';
import { parameterRoutes } from './parameterRoutes.ts';
import { passRoutes } from './passRoutes.ts';
import type { RouteContext } from './RouteContext.ts';
import { SpaceSystemSchema } from './schemas.ts';
import type { WsConnection } from './WsConnection.ts';
import { serveWebUi } from './webUi.ts';
import { wsRoute } from './wsRoute.ts';

export interface ApiServerOptions {
  /** Shown by /api/health and in the OpenAPI document. */
  readonly version?: string;
  /** A pino logger; default: no request logging. */
  readonly logger?: FastifyBaseLogger;
  /**
   * Who sent a request, or an ApiError 401/403: the one place authentication plugs in (required:
   * there is no open default; tests that are not about authentication pass a fixed user).
   */
  readonly authenticate: Authenticate;
  /** Told of every answered request (the audit log). */
  readonly onAnswered?: OnAnswered;
  /** Largest JSON body in bytes (default 1 MiB; element uploads may be 8 MiB). */
  readonly bodyLimit?: number;
  /** How often (real ms) an open WebSocket's credentials are checked again (default 60 s). */
  readonly wsRecheckMs?: number;
  /** Largest WebSocket message from a client in bytes (default 1 MiB). */
  readonly maxWsMessageBytes?: number;
  readonly live?: Partial<Omit<LiveFeedsOptions, 'onError'>>;
  /**
   * More routes (say, `zenith up`'s simulator controls), registered after the API's and before the
   * server is ready: they get the error shape, the authentication hook and the OpenAPI document.
   */
  readonly routes?: (app: FastifyInstance) => void | Promise<void>;
  /** A folder of static files (the built web UI) served at `/`; other GET paths outside /api get its index.html. */
  readonly webRoot?: string;
  /**
   * Reverse proxies in front of the server (addresses, CIDR ranges, or `loopback`, `linklocal`,
   * `uniquelocal`): from them, X-Forwarded-For gives the client's address (for the login limit and
   * the audit log) and X-Forwarded-Proto its scheme. Absent or empty: those headers are ignored, and
   * the client is whoever opened the connection (a client cannot claim another address).
   */
  readonly trustedProxies?: readonly string[];
}

export interface ApiServer {
  readonly app: FastifyInstance;
  readonly feeds: LiveFeeds;
  /** Open WebSocket connections. */
  readonly connections: ReadonlySet<WsConnection>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Builds the server (not listening yet): `app.listen(...)` to serve, `app.close()` to stop. */
export async function createApiServer(deps: ApiDeps, options: ApiServerOptions): Promise<ApiServer> {
  // Callers from plain JavaScript (or a cast) must not get an open server by leaving it out.
  if (typeof options.authenticate !== 'function') throw new TypeError('createApiServer: options.authenticate is required (there is no open default)');
  const app = Fastify({
    ...(options.logger === undefined ? { logger: false } : { loggerInstance: options.logger }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    ...(options.trustedProxies === undefined || options.trustedProxies.length === 0 ? {} : { trustProxy: [...options.trustedProxies] }),
    // Closing destroys every open connection, busy ones too: a client that stops reading a large
    // answer (the UI bundle) must not keep Ctrl-C from stopping the complex.
    forceCloseConnections: true,
    // Qualified parameter names travel URL-encoded in one path segment.
    routerOptions: { maxParamLength: 2048 },
    // A body field the schema does not name is refused, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    frameworkErrors: (error, request, reply) => {
      errorHandler(error, request, reply);
    },
  }) as unknown as FastifyInstance;
  app.setErrorHandler(errorHandler);

  const version = options.version ?? '0.0.0';
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Zenith ground control complex API', version, description: 'REST and WebSocket API of the complex (docs/api.md).' },
    },
    // Shared schemas keep their $id as their name under components.schemas.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`) },
  });
  await app.register(websocket, { options: { maxPayload: options.maxWsMessageBytes ?? 1024 * 1024 } });
  app.addSchema(SpaceSystemSchema);
  installAuthentication(app, options.authenticate, options.onAnswered);

  const connections = new Set<WsConnection>();
  const feeds = new LiveFeeds(deps, {
    ...options.live,
    onError: (error, what) => {
      app.log.warn({ err: error, what }, 'live feed');
    },
  });
  const ctx: RouteContext = {
    deps,
    version,
    fleet: deps.mission.spacecraft.map((s) => s.name),
    elementsChanged: () => {
      feeds.positionFeed.refresh();
    },
  };
  healthRoutes(app, ctx);
  fleetRoutes(app, ctx);
  elementsRoutes(app, ctx);
  passRoutes(app, ctx);
  parameterRoutes(app, ctx);
  alarmRoutes(app, ctx);
  eventRoutes(app, ctx);
  commandRoutes(app, ctx);
  exportRoutes(app, ctx);
  wsRoute(app, feeds, connections, { authenticate: options.authenticate, everyMs: options.wsRecheckMs ?? 60_000 });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  if (options.webRoot !== undefined) await serveWebUi(app, options.webRoot);
  else app.setNotFoundHandler(notFoundHandler);
  await options.routes?.(app);
  app.addHook('onClose', async () => {
    await feeds.close();
  });
  await app.ready();
  return { app, feeds, connections };
}
