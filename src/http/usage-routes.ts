/** AI usage reports and budgets (the same numbers as `ari usage` and `ari budget`). */
import type { FastifyInstance } from 'fastify';
import { setBudget, type SetBudgetInput } from '../budgets/set-budget.js';
import { UserError } from '../core/user-error.js';
import type { ServiceContext } from '../context/service-context.js';
import { getUsageReport } from '../usage/get-usage-report.js';
import { listWorkspacesUsage } from '../usage/list-workspaces-usage.js';
import type { AllWorkspacesUsageInput, UsageReportInput } from '../usage/usage-input.js';
import { workspaceOf, type SlugParams } from './authenticate.js';

export function registerUsageRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  // The query is the report's input as it is (camelCase, like every /api/v1 name); zod validates it.
  api.get<SlugParams & { Querystring: Omit<UsageReportInput, 'slug'> }>('/workspaces/:slug/usage', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return getUsageReport(ctx.database.db, { ...request.query, slug: workspace.slug });
  });

  api.get<{ Querystring: AllWorkspacesUsageInput }>('/usage', async (request) => {
    if (request.principal.kind !== 'admin')
      throw new UserError("every workspace's usage needs the admin token", 'forbidden');
    return listWorkspacesUsage(ctx.database.db, request.query);
  });

  api.put<SlugParams & { Body: Omit<SetBudgetInput, 'slug'> | undefined }>(
    '/workspaces/:slug/budget',
    async (request) => {
      const workspace = await workspaceOf(ctx, request);
      const result = await setBudget(ctx.database.db, { ...request.body, slug: workspace.slug });
      ctx.events.publish(workspace.id, { type: 'settings.changed' });
      return result;
    },
  );
}
