/**
 * Switches a workspace to a built-in playbook (`{ use }`) or to its own
 * (`{ playbook }`). A document with problems is refused with every one of them and
 * its path, and nothing is stored. What the contacts told us stays on the contacts:
 * facts of slots the new playbook lacks are kept, just not asked or scored.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { playbookSchema } from '../assistant/playbook/playbook-schema.js';
import { parseDocument, parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConfig } from '../db/schema.js';
import { BUILT_IN_PLAYBOOKS, builtInPlaybook } from './built-in-playbooks.js';
import { getWorkspacePlaybook, type WorkspacePlaybook } from './get-workspace-playbook.js';

export const setWorkspacePlaybookInput = z
  .object({
    /** A built-in playbook's id. */
    use: z.string().trim().min(1).max(80).optional(),
    /** The workspace's own playbook document. */
    playbook: z.unknown().optional(),
  })
  .strict()
  .refine((input) => (input.use === undefined) !== (input.playbook === undefined), {
    message: 'give either use (a built-in playbook id) or playbook (a playbook document), not both',
  });
export type SetWorkspacePlaybookInput = z.input<typeof setWorkspacePlaybookInput>;

export async function setWorkspacePlaybook(
  db: AriDatabase,
  workspaceId: string,
  rawInput: unknown,
): Promise<WorkspacePlaybook> {
  const input = parseInput(setWorkspacePlaybookInput, rawInput);
  let values: { playbookId?: string; playbook: unknown };
  if (input.use !== undefined) {
    if (!builtInPlaybook(input.use)) {
      throw new UserError(
        `no built-in playbook "${input.use}"; the built-ins are: ${[...BUILT_IN_PLAYBOOKS.keys()].join(', ')}`,
      );
    }
    values = { playbookId: input.use, playbook: null };
  } else {
    // Stored as parsed: the schema's defaults filled in, the one shape the engine reads.
    values = { playbook: parseDocument(playbookSchema, input.playbook, 'the playbook') };
  }
  const updated = await db
    .update(ariConfig)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(ariConfig.workspaceId, workspaceId))
    .returning({ id: ariConfig.id });
  if (updated.length === 0)
    throw new UserError('this workspace has no assistant settings; run ari doctor --fix', 'not_found');
  return getWorkspacePlaybook(db, workspaceId);
}
