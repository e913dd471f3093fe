/** The playbooks: the built-ins to pick from, and the one a workspace follows (read, switch, replace). */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context/service-context.js';
import { getWorkspacePlaybook } from '../playbooks/get-workspace-playbook.js';
import { listBuiltInPlaybooks } from '../playbooks/list-built-in-playbooks.js';
import { setWorkspacePlaybook } from '../playbooks/set-workspace-playbook.js';
import { workspaceOf, type SlugParams } from './authenticate.js';

export function registerPlaybookRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  api.get('/playbooks', async () => ({ playbooks: listBuiltInPlaybooks() }));

  api.get<SlugParams>('/workspaces/:slug/playbook', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return getWorkspacePlaybook(ctx.database.db, workspace.id);
  });

  /** `{ use: '<built-in id>' }` or `{ playbook: <document> }`; a bad document answers `{ error, issues }`. */
  api.put<SlugParams>('/workspaces/:slug/playbook', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    const result = await setWorkspacePlaybook(ctx.database.db, workspace.id, request.body ?? {});
    // The same event as the assistant settings' PUT: open consoles reload.
    ctx.events.publish(workspace.id, { type: 'settings.changed' });
    return result;
  });
}
