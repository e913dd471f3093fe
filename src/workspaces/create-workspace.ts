import { defaultAssistantConfig, type AssistantConfigValues } from '../assistant-config/default-assistant-config.js';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import { violatedConstraint } from '../db/constraint-violation.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConfig, workspaces } from '../db/schema.js';
import { BUILT_IN_PLAYBOOKS, builtInPlaybook } from '../playbooks/built-in-playbooks.js';
import { createWorkspaceInput, type CreateWorkspaceInput } from './workspace-input.js';

export type Workspace = typeof workspaces.$inferSelect;

/**
 * Creates a workspace and its assistant settings in one transaction, so a
 * workspace never exists without an `ari_config`. Duplicates are refused with a
 * message naming what clashed, and leave nothing behind.
 */
export async function createWorkspace(
  db: AriDatabase,
  input: CreateWorkspaceInput,
  assistant?: Partial<AssistantConfigValues>,
): Promise<Workspace> {
  const values = parseInput(createWorkspaceInput, input);
  if (values.playbookId !== undefined && !builtInPlaybook(values.playbookId)) {
    throw new UserError(
      `no built-in playbook "${values.playbookId}"; the built-ins are: ${[...BUILT_IN_PLAYBOOKS.keys()].join(', ')}`,
    );
  }
  try {
    return await db.transaction(async (tx) => {
      const [workspace] = await tx
        .insert(workspaces)
        .values({
          name: values.name,
          slug: values.slug,
          kapsoPhoneId: values.kapsoPhoneId ?? null,
          timezone: values.timezone,
        })
        .returning();
      await tx.insert(ariConfig).values({
        ...defaultAssistantConfig(values.name),
        ...(values.playbookId === undefined ? {} : { playbookId: values.playbookId }),
        ...assistant,
        workspaceId: workspace!.id,
      });
      return workspace!;
    });
  } catch (error) {
    throw workspaceConflict(error, values) ?? error;
  }
}

/** Turns a unique violation on workspaces into the sentence a user needs. */
export function workspaceConflict(
  error: unknown,
  values: { slug?: string; kapsoPhoneId?: string | null },
): UserError | null {
  switch (violatedConstraint(error)) {
    case 'workspaces_slug_unique':
      return new UserError(`a workspace with slug "${values.slug}" already exists`, 'conflict');
    case 'workspaces_kapso_phone_id_unique':
      return new UserError(`kapso phone id ${values.kapsoPhoneId} already belongs to another workspace`, 'conflict');
    default:
      return null;
  }
}
