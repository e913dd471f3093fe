import { eq } from 'drizzle-orm';
import type { AssistantConfig } from '../assistant-config/assistant-config.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConfig } from '../db/schema.js';
import type { Workspace } from './create-workspace.js';
import { getWorkspaceBySlug } from './get-workspace-by-slug.js';

export interface WorkspaceDetails {
  workspace: Workspace;
  /** null when missing (ari doctor reports it, --fix creates the defaults). */
  assistant: AssistantConfig | null;
}

export async function getWorkspaceDetails(db: AriDatabase, slug: string): Promise<WorkspaceDetails> {
  const workspace = await getWorkspaceBySlug(db, slug);
  const [assistant] = await db.select().from(ariConfig).where(eq(ariConfig.workspaceId, workspace.id)).limit(1);
  return { workspace, assistant: assistant ?? null };
}
