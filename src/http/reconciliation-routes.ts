/**
 * GET /api/v1/reconciliation: the last check of Kapso's message history per phone
 * number id, with Kapso's own error text when it failed (admin: every workspace).
 * GET /api/v1/workspaces/:slug/reconciliation: one workspace's.
 */
import type { FastifyInstance } from 'fastify';
import { UserError } from '../core/user-error.js';
import { listReconciliationStatus } from '../reconciliation/list-reconciliation-status.js';
import type { ServiceContext } from '../context/service-context.js';
import { workspaceOf, type SlugParams } from './authenticate.js';

export function registerReconciliationRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  api.get('/reconciliation', async (request) => {
    if (request.principal.kind !== 'admin')
      throw new UserError("every workspace's reconciliation needs the admin token", 'forbidden');
    return { reconciliation: await listReconciliationStatus(ctx.database.db) };
  });
  api.get<SlugParams>('/workspaces/:slug/reconciliation', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return { reconciliation: await listReconciliationStatus(ctx.database.db, workspace.id) };
  });
}
