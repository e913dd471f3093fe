import { eq } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { workspaces } from '../db/schema.js';
import type { Workspace } from './create-workspace.js';

/** The workspace with this slug; a clear not-found error otherwise. */
export async function getWorkspaceBySlug(db: AriDatabase, slug: string): Promise<Workspace> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  if (!workspace) throw new UserError(`no workspace with slug "${slug}"`, 'not_found');
  return workspace;
}
