/** AI usage reports and budgets (the same numbers as `ari usage` and `ari budget`). */
import type { FastifyInstance } from 'fastify';
import { setBudget } from '../budgets/set-budget.js';
import { UserError } from '../core/user-error.js';
import type { ServiceContext } from '../context/service-context.js';
import { getUsageReport } from '../usage/get-usage-report.js';
import { listWorkspacesUsage } from '../usage/list-workspaces-usage.js';
import { workspaceOf, type SlugParams } from './authenticate.js';

export function registerUsageRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  api.get<SlugParams & { Querystring: { from?: string; to?: string; group_by?: string; limit?: string } }>(
    '/workspaces/:slug/usage',
    async (request) => {
      const workspace = await workspaceOf(ctx, request);
      const { from, to, group_by: groupBy, limit } = request.query;
      return getUsageReport(ctx.database.db, {
        slug: workspace.slug,
        from,
        to,
        groupBy: groupBy as never,
        limit: limit ?? 100,
      });
    },
  );

  api.get<{ Querystring: { from?: string; to?: string } }>('/usage', async (request) => {
    if (request.principal.kind !== 'admin')
      throw new UserError("every workspace's usage needs the admin token", 'forbidden');
    return listWorkspacesUsage(ctx.database.db, { from: request.query.from, to: request.query.to });
  });

  api.put<SlugParams>('/workspaces/:slug/budget', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    const result = await setBudget(ctx.database.db, { ...((request.body ?? {}) as object), slug: workspace.slug });
    ctx.events.publish(workspace.id, { type: 'settings.changed' });
    return result;
  });
}
