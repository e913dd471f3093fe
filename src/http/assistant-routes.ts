/** The assistant's settings, and talking to it as a customer (Try it, through the sandbox channel). */
import type { FastifyInstance } from 'fastify';
import { getAssistantConfig, updateAssistantConfig } from '../assistant-config/update-assistant-config.js';
import type { IngestEvents } from '../channels/channel-event.js';
import { receiveSandboxMessage } from '../channels/sandbox/receive-sandbox-message.js';
import { ingestChannelEvents } from '../conversations/ingest-channel-events.js';
import type { ServiceContext } from '../context/service-context.js';
import { workspaceOf, type SlugParams } from './authenticate.js';
import { requireRole } from './require-role.js';
import { FIELD_ROLES } from './route-roles.js';

export function registerAssistantRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  api.get<SlugParams>('/workspaces/:slug/assistant', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return getAssistantConfig(ctx.database.db, ctx.config, workspace.id);
  });

  api.put<SlugParams>('/workspaces/:slug/assistant', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    const body: unknown = request.body ?? {};
    const changesChains = typeof body === 'object' && body !== null && ('mouthChain' in body || 'brainChain' in body);
    if (changesChains) requireRole(request.principal, FIELD_ROLES.modelChains, 'changing model chains');
    const result = await updateAssistantConfig(ctx.database.db, ctx.config, workspace.id, body, {
      restrictModels: request.principal.kind !== 'admin',
    });
    ctx.events.publish(workspace.id, { type: 'settings.changed' });
    return result;
  });

  api.post<SlugParams>('/workspaces/:slug/sandbox/messages', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    const ingest: IngestEvents = (events) => ingestChannelEvents(ctx, events);
    const result = await receiveSandboxMessage(ingest, workspace.id, request.body ?? {});
    return reply.code(result.duplicate ? 200 : 202).send(result);
  });
}
