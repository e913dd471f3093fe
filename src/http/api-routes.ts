/**
 * /api/v1 — JSON over bearer tokens. The admin token sees every workspace; a
 * workspace key sees its own, within its role (route-roles.ts), and another
 * workspace's data is a 404. The routes live beside this file by subject; this
 * one authenticates, checks roles and maps errors.
 */
import type { FastifyInstance } from 'fastify';
import { isUuid } from '../core/is-uuid.js';
import { UserError } from '../core/user-error.js';
import type { ServiceContext } from '../context/service-context.js';
import { registerAssistantRoutes } from './assistant-routes.js';
import { registerBookingRoutes } from './booking-routes.js';
import { authenticate, type Principal } from './authenticate.js';
import { registerBookingFeedApiRoutes } from './booking-feed-routes.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerPlaybookRoutes } from './playbook-routes.js';
import { requireRole } from './require-role.js';
import { ROUTE_ROLES, routeKey } from './route-roles.js';
import { registerContactRoutes } from './contact-routes.js';
import { registerConversationRoutes } from './conversation-routes.js';
import { registerReconciliationRoutes } from './reconciliation-routes.js';
import { registerUsageRoutes } from './usage-routes.js';
import { registerWorkspaceRoutes } from './workspace-routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

export function registerApiRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  void app.register(
    async (api) => {
      api.decorateRequest('principal', null as never);
      api.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) {
          const key = routeKey(method === 'HEAD' ? 'GET' : method, route.url);
          if (!(key in ROUTE_ROLES)) throw new Error(`route ${key} has no role in route-roles.ts`);
        }
      });
      api.addHook('onRequest', async (request, reply) => {
        const principal = await authenticate(ctx, request.headers.authorization);
        if (!principal) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer')
            .send({ error: 'a valid bearer token is required' });
        }
        request.principal = principal;
        // A route that does not exist has no pattern: Fastify answers 404 after this hook.
        const pattern = request.routeOptions.url;
        if (pattern === undefined) return;
        const required = ROUTE_ROLES[routeKey(request.method === 'HEAD' ? 'GET' : request.method, pattern)] ?? 'admin';
        requireRole(principal, required, `${request.method} ${pattern.replace(/^\/api\/v1/, '')}`);
      });
      // Ids are UUIDs: anything else names nothing (404), rather than reaching the database as a cast error (500).
      api.addHook('preValidation', async (request, reply) => {
        const params = (request.params ?? {}) as Record<string, unknown>;
        for (const [name, value] of Object.entries(params)) {
          if ((name === 'id' || name.endsWith('Id')) && !isUuid(value))
            return reply.code(404).send({ error: `not found: "${String(value)}" is not an id` });
        }
      });
      api.setErrorHandler((error, request, reply) => {
        if (error instanceof UserError) {
          // A refused document lists every problem with its path.
          const body = error.issues ? { error: error.message, issues: error.issues } : { error: error.message };
          return reply.code(error.status).send(body);
        }
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
      registerPlaybookRoutes(api, ctx);
      registerBookingRoutes(api, ctx);
      registerKeyRoutes(api, ctx);
      registerReconciliationRoutes(api, ctx);
      registerBookingFeedApiRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );
}
