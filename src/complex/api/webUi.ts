// The web UI beside the API: its built files at `/`, and its index.html for every other GET path
// outside /api, so the UI's own routes (deep links) load it. Everything else unknown is the API's
// JSON 404. Without a web root only the JSON 404 is there. Files with a NAME.br or NAME.gz beside
// them (the build writes those) go out compressed to browsers that accept it.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFoundHandler } from './errorReply.ts';

export async function serveWebUi(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: true, index: ['index.html'], preCompressed: true });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if ((request.method === 'GET' || request.method === 'HEAD') && path !== '/api' && !path.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    notFoundHandler(request, reply);
    return reply;
  });
}
