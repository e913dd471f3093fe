/** A workspace's API keys, for its owners: list (never the secret), create (shown once), revoke. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { createApiKey, type createApiKeyInput } from '../api-keys/create-api-key.js';
import { listApiKeys } from '../api-keys/list-api-keys.js';
import { revokeApiKey } from '../api-keys/revoke-api-key.js';
import type { ServiceContext } from '../context/service-context.js';
import { workspaceOf, type ConversationParams, type SlugParams } from './authenticate.js';

export function registerKeyRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  api.get<SlugParams>('/workspaces/:slug/keys', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return { keys: await listApiKeys(ctx.database.db, { workspace: workspace.slug }) };
  });

  api.post<SlugParams & { Body: Omit<z.input<typeof createApiKeyInput>, 'workspace'> | undefined }>(
    '/workspaces/:slug/keys',
    async (request, reply) => {
      const workspace = await workspaceOf(ctx, request);
      // An owner can make keys up to its own role (owner is the top of the workspace roles).
      const created = await createApiKey(ctx.database.db, { ...request.body, workspace: workspace.slug });
      return reply.code(201).send({ key: created });
    },
  );

  api.delete<ConversationParams>('/workspaces/:slug/keys/:id', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return { key: await revokeApiKey(ctx.database.db, { id: request.params.id }, workspace.id) };
  });
}
