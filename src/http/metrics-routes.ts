/**
 * GET /metrics: Prometheus text format. Costs and workspace ids are business
 * data, so a scraper authenticates with the admin token (bearer_token in the
 * Prometheus scrape config).
 */
import type { FastifyInstance } from 'fastify';
import { constantTimeEqual } from '../core/constant-time-equal.js';
import type { ServiceContext } from '../context/service-context.js';

export function registerMetricsRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/metrics', async (request, reply) => {
    const token = ctx.config.adminToken;
    const given = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
    if (!token || !constantTimeEqual(given, token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({
          error: token ? 'metrics need the admin token as a bearer token' : 'metrics need ARI_ADMIN_TOKEN to be set',
        });
    }
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
