/**
 * The web console (built by `npm run build` into dist/console) at /. Paths that are
 * not files get index.html, so a reload on any screen works; /api, /webhooks and
 * the health routes keep their own 404s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** From dist/http or src/http alike: the package's dist/console. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console', import.meta.url));

export function registerConsoleRoutes(app: FastifyInstance): void {
  const index = path.join(CONSOLE_DIR, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', async (_request, reply) =>
      reply.code(503).type('text/plain').send('The console is not built: run npm run build.'),
    );
    return;
  }
  void app.register(fastifyStatic, {
    root: CONSOLE_DIR,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    maxAge: '1h',
  });
  app.setNotFoundHandler((request, reply) => {
    const apiLike = /^\/(api|webhooks|metrics|healthz|readyz)(\/|$)/.test(request.url);
    if (request.method !== 'GET' || apiLike || path.extname(request.url.split('?')[0]!)) {
      return reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
