/** The public HTTP server: health now; webhooks, the API and the console join it. */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ServiceContext } from '../service/service-context.js';
import { registerHealthRoutes } from './health-routes.js';

export function buildHttpServer(ctx: ServiceContext, logger: Logger): FastifyInstance {
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger });
  registerHealthRoutes(app, ctx);
  return app;
}
