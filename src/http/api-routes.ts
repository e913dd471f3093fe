/**
 * /api/v1 — JSON over bearer tokens. The admin token sees every workspace; a
 * workspace key sees its own, and another workspace's data is a 404. The routes
 * live beside this file by subject; this one authenticates and maps errors.
 */
import type { FastifyInstance } from 'fastify';
import { UserError } from '../core/user-error.js';
import type { ServiceContext } from '../service/service-context.js';
import { registerAssistantRoutes } from './assistant-routes.js';
import { authenticate, type Principal } from './authenticate.js';
import { registerContactRoutes } from './contact-routes.js';
import { registerConversationRoutes } from './conversation-routes.js';
import { registerUsageRoutes } from './usage-routes.js';
import { registerWorkspaceRoutes } from './workspace-routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerApiRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  void app.register(
    async (api) => {
      api.decorateRequest('principal', null as never);
      api.addHook('onRequest', async (request, reply) => {
        const principal = await authenticate(ctx, request.headers.authorization);
        if (!principal) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer')
            .send({ error: 'a valid bearer token is required' });
        }
        request.principal = principal;
      });
      // Ids are UUIDs: anything else names nothing (404), rather than reaching the database as a cast error (500).
      api.addHook('preValidation', async (request, reply) => {
        const params = (request.params ?? {}) as Record<string, unknown>;
        for (const [name, value] of Object.entries(params)) {
          if ((name === 'id' || name.endsWith('Id')) && (typeof value !== 'string' || !UUID.test(value)))
            return reply.code(404).send({ error: `not found: "${String(value)}" is not an id` });
        }
      });
      api.setErrorHandler((error, request, reply) => {
        if (error instanceof UserError) return reply.code(error.status).send({ error: error.message });
        const status = (error as { statusCode?: number }).statusCode;
        if (status && status < 500) return reply.code(status).send({ error: (error as Error).message });
        request.log.error({ err: error }, 'api error');
        return reply.code(500).send({ error: 'internal error' });
      });
      registerWorkspaceRoutes(api, ctx);
      registerConversationRoutes(api, ctx);
      registerContactRoutes(api, ctx);
      registerUsageRoutes(api, ctx);
      registerAssistantRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );
}
