/**
 * The playbook a workspace follows, as the API and the CLI show it: which built-in
 * (null when the workspace brought its own), and the whole document.
 */
import { eq } from 'drizzle-orm';
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
    playbook: resolvePlaybook(stored),
  };
}
