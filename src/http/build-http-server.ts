/** The public HTTP server: health, metrics, webhooks, the API and the web console. */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ServiceContext } from '../context/service-context.js';
import { registerApiRoutes } from './api-routes.js';
import { registerConsoleRoutes } from './console-routes.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerMetricsRoutes } from './metrics-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';

export function buildHttpServer(ctx: ServiceContext, logger: Logger): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // No line per request: at webhook rates that is most of the CPU. Failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
  });
  registerHealthRoutes(app, ctx);
  registerMetricsRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerApiRoutes(app, ctx);
  registerConsoleRoutes(app);
  return app;
}
