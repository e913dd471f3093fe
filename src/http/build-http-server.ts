/** The public HTTP server: health, metrics, webhooks, the API and the web console. */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ServiceContext } from '../context/service-context.js';
import { registerApiRoutes } from './api-routes.js';
import { registerBookingFeedRoutes } from './booking-feed-routes.js';
import { registerConsoleRoutes } from './console-routes.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerMetricsRoutes } from './metrics-routes.js';
import { endEventStreams } from './stream-workspace-events.js';
import { registerWebhookRoutes } from './webhook-routes.js';

export function buildHttpServer(ctx: ServiceContext, logger: Logger): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // No line per request: at webhook rates that is most of the CPU. Failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
    // While closing, a request on a still-open connection gets 503 and no new connection is
    // taken: a provider retries what was not acknowledged, and nothing acknowledged is dropped.
    return503OnClosing: true,
  });
  // An event stream never ends by itself: end them first, or closing would wait for ever.
  app.addHook('preClose', (done) => {
    endEventStreams(ctx);
    done();
  });
  registerHealthRoutes(app, ctx);
  registerMetricsRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerApiRoutes(app, ctx);
  registerBookingFeedRoutes(app, ctx);
  registerConsoleRoutes(app);
  return app;
}
