import { eq, sql } from 'drizzle-orm';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { workspaces } from '../db/schema.js';
import { sealSecret, secretContext } from '../secrets/secret-box.js';
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
  const newKey = values.kapsoApiKey;
  if (newKey === null) changes.kapsoApiKeyCiphertext = null;
  if (Object.keys(changes).length === 0 && newKey === undefined) {
    throw new UserError(
      'nothing to update: give at least one of --name, --kapso-phone-id, --timezone, --kapso-api-key',
    );
  }
  try {
    return await db.transaction(async (tx) => {
      if (typeof newKey === 'string') {
        // Sealed for this workspace: the associated data names it, so the value opens nowhere else.
        const [target] = await tx
          .select({ id: workspaces.id })
          .from(workspaces)
          .where(eq(workspaces.slug, values.slug))
          .for('update');
        if (!target) throw new UserError(`no workspace with slug "${values.slug}"`, 'not_found');
        changes.kapsoApiKeyCiphertext = sealSecret(newKey, encryptionKey, secretContext('kapso_api_key', target.id));
      }
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
