/** Who am I, which workspaces, and how healthy: /me, /workspaces, /doctor, /dead-letters. */
import type { FastifyInstance } from 'fastify';
import { listDeadLetters } from '../dead-letters/list-dead-letters.js';
import { runDoctor } from '../doctor/run-doctor.js';
import type { ServiceContext } from '../context/service-context.js';
import { listWorkspaces } from '../workspaces/list-workspaces.js';
import { publicWorkspace } from '../workspaces/public-workspace.js';
import { workspaceOf, type SlugParams } from './authenticate.js';
import { principalRole } from './require-role.js';

export function registerWorkspaceRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  const visibleWorkspaces = async (principal: { kind: string; workspaceId?: string }) =>
    (await listWorkspaces(ctx.database.db))
      .filter((w) => principal.kind === 'admin' || w.id === principal.workspaceId)
      .map(publicWorkspace);

  api.get('/me', async (request) => ({
    kind: request.principal.kind,
    role: principalRole(request.principal),
    workspaces: await visibleWorkspaces(request.principal),
  }));

  api.get('/workspaces', async (request) => ({ workspaces: await visibleWorkspaces(request.principal) }));

  api.get<SlugParams>('/workspaces/:slug', async (request) => ({
    workspace: publicWorkspace(await workspaceOf(ctx, request)),
  }));

  /** The `ari doctor` checks for this workspace; the deployment's own for the admin alone. */
  api.get<SlugParams>('/workspaces/:slug/doctor', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return runDoctor(ctx, { workspace: workspace.slug }, { scoped: request.principal.kind !== 'admin' });
  });

  /** This workspace's webhook events that could not be used: counts and the latest few. */
  api.get<SlugParams & { Querystring: { limit?: string } }>('/workspaces/:slug/dead-letters', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return listDeadLetters(ctx.database.db, { slug: workspace.slug, limit: (request.query.limit ?? 5) as never });
  });
}
