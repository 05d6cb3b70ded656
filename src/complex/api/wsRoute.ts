// GET /api/ws: the one WebSocket of the API. Each connection gets a WsConnection that multiplexes
// its subscriptions over the shared live topics; a plain GET (no upgrade) is told to upgrade.
import type { FastifyInstance } from 'fastify';
import { errorBody } from './ApiError.ts';
import type { LiveFeeds } from './LiveFeeds.ts';
import { TOPICS } from './LiveFeeds.ts';
import { ErrorSchema } from './schemas.ts';
import { WsConnection } from './WsConnection.ts';

export function wsRoute(app: FastifyInstance, feeds: LiveFeeds, connections: Set<WsConnection>): void {
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
      socket.on('close', () => connections.delete(connection));
    },
  });
}
