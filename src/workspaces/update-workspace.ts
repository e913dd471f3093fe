import { eq, sql } from 'drizzle-orm';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { workspaces } from '../db/schema.js';
import { sealSecret } from '../secrets/secret-box.js';
import { workspaceConflict, type Workspace } from './create-workspace.js';
import { updateWorkspaceInput, type UpdateWorkspaceInput } from './workspace-input.js';

/** Changes a workspace's name, phone id, time zone or Kapso API key; the slug names it. */
export async function updateWorkspace(
  db: AriDatabase,
  input: UpdateWorkspaceInput,
  encryptionKey?: Buffer,
): Promise<Workspace> {
  const values = parseInput(updateWorkspaceInput, input);
  const changes: Partial<typeof workspaces.$inferInsert> = {};
  if (values.name !== undefined) changes.name = values.name;
  if (values.kapsoPhoneId !== undefined) changes.kapsoPhoneId = values.kapsoPhoneId;
  if (values.timezone !== undefined) changes.timezone = values.timezone;
  if (values.kapsoApiKey !== undefined) {
    changes.kapsoApiKeyCiphertext = values.kapsoApiKey === null ? null : sealSecret(values.kapsoApiKey, encryptionKey);
  }
  if (Object.keys(changes).length === 0) {
    throw new UserError(
      'nothing to update: give at least one of --name, --kapso-phone-id, --timezone, --kapso-api-key',
    );
  }
  try {
    return await db.transaction(async (tx) => {
      const [workspace] = await tx
        .update(workspaces)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(workspaces.slug, values.slug))
        .returning();
      if (!workspace) throw new UserError(`no workspace with slug "${values.slug}"`, 'not_found');
      // Usage is rolled up per local day: a new time zone moves the day boundaries.
      if (changes.timezone !== undefined) await tx.execute(sql`select ai_usage_rollup_rebuild(${workspace.id})`);
      return workspace;
    });
  } catch (error) {
    throw workspaceConflict(error, values) ?? error;
  }
}
