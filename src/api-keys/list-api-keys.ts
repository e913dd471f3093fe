/** A workspace's keys (or every workspace's), newest first. Never the secret nor its hash. */
import { desc, eq } from 'drizzle-orm';
import type { AriDatabase } from '../db/open-database.js';
import { apiKeys, workspaces } from '../db/schema.js';
import { getWorkspaceBySlug } from '../workspaces/get-workspace-by-slug.js';

export async function listApiKeys(db: AriDatabase, input: { workspace?: string } = {}) {
  const workspace = input.workspace ? await getWorkspaceBySlug(db, input.workspace) : undefined;
  return db
    .select({
      id: apiKeys.id,
      workspace: workspaces.slug,
      name: apiKeys.name,
      role: apiKeys.role,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(workspace ? eq(apiKeys.workspaceId, workspace.id) : undefined)
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}
