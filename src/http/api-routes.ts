/**
 * /api/v1 — JSON over bearer tokens. The admin token sees every workspace; a
 * workspace key sees its own, and another workspace's data is a 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setBudget } from '../budgets/set-budget.js';
import { getUsageReport } from '../usage/get-usage-report.js';
import { listWorkspacesUsage } from '../usage/list-workspaces-usage.js';
import { receiveSandboxMessage } from '../channels/sandbox/receive-sandbox-message.js';
import { listContacts } from '../contacts/list-contacts.js';
import { getConversation } from '../conversations/get-conversation.js';
import { listConversations } from '../conversations/list-conversations.js';
import { UserError } from '../core/user-error.js';
import type { ServiceContext } from '../service/service-context.js';
import { listWorkspaces } from '../workspaces/list-workspaces.js';
import { publicWorkspace } from '../workspaces/public-workspace.js';
import { authenticate, workspaceFor, type Principal } from './authenticate.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

type SlugParams = { Params: { slug: string } };

export function registerApiRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  void app.register(
    async (api) => {
      api.decorateRequest('principal', null as never);
      api.addHook('onRequest', async (request, reply) => {
        const principal = await authenticate(ctx, request.headers.authorization);
        if (!principal) {
          return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'a valid bearer token is required' });
        }
        request.principal = principal;
      });
      api.setErrorHandler((error, request, reply) => {
        if (error instanceof UserError) return reply.code(error.status).send({ error: error.message });
        const status = (error as { statusCode?: number }).statusCode;
        if (status && status < 500) return reply.code(status).send({ error: (error as Error).message });
        request.log.error({ err: error }, 'api error');
        return reply.code(500).send({ error: 'internal error' });
      });

      api.get('/workspaces', async (request) => {
        const all = await listWorkspaces(ctx.database.db);
        const visible = all.filter((w) => request.principal.kind === 'admin' || w.id === request.principal.workspaceId);
        return { workspaces: visible.map(publicWorkspace) };
      });

      api.get<SlugParams>('/workspaces/:slug', async (request) => {
        return { workspace: publicWorkspace(await workspaceOf(ctx, request)) };
      });

      api.get<SlugParams & { Querystring: { limit?: string; mode?: string } }>('/workspaces/:slug/conversations', async (request) => {
        const workspace = await workspaceOf(ctx, request);
        const mode = request.query.mode === 'ai' || request.query.mode === 'human' ? request.query.mode : undefined;
        const rows = await listConversations(ctx.database.db, workspace.id, { limit: Number(request.query.limit) || 50, mode });
        return { conversations: rows.map((r) => ({ ...r.conversation, contact: r.contact })) };
      });

      api.get<{ Params: { slug: string; id: string } }>('/workspaces/:slug/conversations/:id', async (request) => {
        const workspace = await workspaceOf(ctx, request);
        const { conversation, contact, messages } = await getConversation(ctx.database.db, workspace.id, request.params.id);
        return { conversation: { ...conversation, contact, messages } };
      });

      api.get<SlugParams & { Querystring: { limit?: string } }>('/workspaces/:slug/contacts', async (request) => {
        const workspace = await workspaceOf(ctx, request);
        return { contacts: await listContacts(ctx.database.db, workspace.id, Number(request.query.limit) || 100) };
      });

      api.get<SlugParams & { Querystring: { from?: string; to?: string; group_by?: string; limit?: string } }>('/workspaces/:slug/usage', async (request) => {
        const workspace = await workspaceOf(ctx, request);
        const { from, to, group_by: groupBy, limit } = request.query;
        return getUsageReport(ctx.database.db, { slug: workspace.slug, from, to, groupBy: groupBy as never, limit: limit ?? 100 });
      });

      api.get<{ Querystring: { from?: string; to?: string } }>('/usage', async (request) => {
        if (request.principal.kind !== 'admin') throw new UserError("every workspace's usage needs the admin token", 'forbidden');
        return listWorkspacesUsage(ctx.database.db, { from: request.query.from, to: request.query.to });
      });

      api.put<SlugParams>('/workspaces/:slug/budget', async (request) => {
        const workspace = await workspaceOf(ctx, request);
        return setBudget(ctx.database.db, { ...((request.body ?? {}) as object), slug: workspace.slug });
      });

      api.post<SlugParams>('/workspaces/:slug/sandbox/messages', async (request, reply) => {
        const workspace = await workspaceOf(ctx, request);
        const result = await receiveSandboxMessage(ctx, workspace.id, (request.body ?? {}) as never);
        return reply.code(result.duplicate ? 200 : 202).send(result);
      });
    },
    { prefix: '/api/v1' },
  );
}

function workspaceOf(ctx: ServiceContext, request: FastifyRequest<SlugParams>) {
  return workspaceFor(ctx, request.principal, request.params.slug);
}
