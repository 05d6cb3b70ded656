// GET /api/ws: the one WebSocket of the API. Each connection gets a WsConnection that multiplexes
// its subscriptions over the shared live topics; a plain GET (no upgrade) is told to upgrade. An
// open socket's credentials are checked again now and then, so a logout or a revoked token ends it.
import type { FastifyInstance } from 'fastify';
import type { Authenticate } from './authentication.ts';
import { errorBody } from './ApiError.ts';
import type { LiveFeeds } from './LiveFeeds.ts';
import { TOPICS } from './LiveFeeds.ts';
import { ErrorSchema } from './schemas.ts';
import { WsConnection } from './WsConnection.ts';

/** WebSocket close code when the credentials it was opened with no longer hold (RFC 6455 §7.4.1: policy violation). */
export const CLOSE_CREDENTIALS_ENDED = 1008;

/**
 * `recheck`: every `everyMs` the credentials of each open socket are checked again with
 * `authenticate` (the request it was opened with); when they no longer hold (logged out, expired,
 * revoked) the socket is closed with 1008.
 */
export function wsRoute(
  app: FastifyInstance,
  feeds: LiveFeeds,
  connections: Set<WsConnection>,
  recheck?: { readonly authenticate: Authenticate; readonly everyMs: number },
): void {
  // A `handler` beside the `wsHandler` keeps the route in the OpenAPI document (a `websocket: true`
  // route is hidden by @fastify/websocket) and answers a request that did not ask to upgrade.
  app.route({
    method: 'GET',
    url: '/api/ws',
    schema: {
      tags: ['live'],
      summary: 'WebSocket: one connection, many subscriptions',
      description:
        `Send {"type":"subscribe","id":"..","topic":"..","options":{..}} with topic one of ${TOPICS.join(', ')}, and ` +
        '{"type":"cancel","id":".."}. Receive {"type":"subscribed"|"data"|"error"|"cancelled","id",...}. See docs/api.md.',
      response: { '4xx': ErrorSchema },
    },
    handler: (_request, reply) => {
      void reply.code(426).header('upgrade', 'websocket').send(errorBody('UPGRADE_REQUIRED', 'expected a WebSocket upgrade request on /api/ws, found a plain GET'));
    },
    wsHandler: (socket, request) => {
      const connection = new WsConnection(socket, feeds, (error) => {
        request.log.warn({ err: error }, 'websocket');
      });
      connections.add(connection);
      let timer: NodeJS.Timeout | undefined;
      if (recheck !== undefined) {
        timer = setInterval(() => {
          Promise.resolve()
            .then(() => recheck.authenticate(request))
            .catch(() => {
              socket.close(CLOSE_CREDENTIALS_ENDED, 'credentials ended: log in again');
            });
        }, recheck.everyMs);
        timer.unref();
      }
      socket.on('close', () => {
        clearInterval(timer);
        connections.delete(connection);
      });
    },
  });
}
