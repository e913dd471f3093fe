import { asc, eq } from 'drizzle-orm';
import type { AriDatabase } from '../db/open-database.js';
import { ariConfig, workspaces } from '../db/schema.js';
import type { Workspace } from './create-workspace.js';

export interface WorkspaceSummary extends Workspace {
  /** null when the workspace has no ari_config (ari doctor --fix repairs that). */
  assistantEnabled: boolean | null;
}

export async function listWorkspaces(db: AriDatabase): Promise<WorkspaceSummary[]> {
  const rows = await db
    .select({ workspace: workspaces, assistantEnabled: ariConfig.enabled })
    .from(workspaces)
    .leftJoin(ariConfig, eq(ariConfig.workspaceId, workspaces.id))
    .orderBy(asc(workspaces.slug));
  return rows.map((r) => ({ ...r.workspace, assistantEnabled: r.assistantEnabled }));
}
