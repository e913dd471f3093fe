/**
 * The playbook a workspace follows, as the API and the CLI show it: which built-in
 * (null when the workspace brought its own), and the whole document.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Playbook } from '../assistant/playbook/playbook-schema.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConfig } from '../db/schema.js';
import { builtInPlaybook, DEFAULT_PLAYBOOK_ID } from './built-in-playbooks.js';
import { resolvePlaybook } from './resolve-playbook.js';

export interface WorkspacePlaybook {
  /** The built-in followed, or null when the playbook is the workspace's own. */
  playbookId: string | null;
  custom: boolean;
  playbook: Playbook;
}

export async function getWorkspacePlaybook(db: AriDatabase, workspaceId: string): Promise<WorkspacePlaybook> {
  const [stored] = await db
    .select({ playbookId: ariConfig.playbookId, playbook: ariConfig.playbook })
    .from(ariConfig)
    .where(eq(ariConfig.workspaceId, workspaceId))
    .limit(1);
  if (!stored) throw new UserError('this workspace has no assistant settings; run ari doctor --fix', 'not_found');
  const custom = stored.playbook != null;
  return {
    // A built-in no longer shipped falls back to the default, as the assistant does.
    playbookId: custom ? null : builtInPlaybook(stored.playbookId) ? stored.playbookId : DEFAULT_PLAYBOOK_ID,
    custom,
    playbook: usablePlaybook(stored),
  };
}

/**
 * A stored document was valid when saved; one written behind the API's back (or by an
 * older ARI) may not be. That is said with its problems, not as a server error.
 */
function usablePlaybook(stored: { playbookId: string; playbook: unknown }): Playbook {
  try {
    return resolvePlaybook(stored);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    throw new UserError(
      'the stored playbook cannot be used: import a valid one (PUT …/playbook, ari playbook import) or pick a built-in (ari playbook use)',
      'conflict',
      error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
}
