/**
 * Whether a stored ari_config is one the assistant can run on: knowledge entries,
 * model chains, and a playbook it can follow (a built-in that exists, or the
 * workspace's own document, valid). The editors validate with the same schemas
 * before saving.
 */
import { z } from 'zod';
import { playbookSchema } from '../assistant/playbook/playbook-schema.js';
import { knowledgeEntrySchema, modelChainSchema } from '../core/assistant-settings.js';
import { BUILT_IN_PLAYBOOKS, builtInPlaybook } from '../playbooks/built-in-playbooks.js';
import { upgradeStoredPlaybook } from '../playbooks/upgrade-stored-playbook.js';
import type { AssistantConfig } from './assistant-config.js';

const storedConfigSchema = z.object({
  knowledgeEntries: z.array(knowledgeEntrySchema),
  mouthChain: modelChainSchema.nullable(),
  brainChain: modelChainSchema.nullable(),
});

/** The problems of a stored config, one sentence each; empty when it is usable. */
export function assistantConfigProblems(config: AssistantConfig): string[] {
  const result = storedConfigSchema.safeParse({
    knowledgeEntries: config.knowledgeEntries,
    mouthChain: config.mouthChain,
    brainChain: config.brainChain,
  });
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
  return [...problems, ...playbookProblems(config)];
}

function playbookProblems(config: Pick<AssistantConfig, 'playbookId' | 'playbook'>): string[] {
  if (config.playbook == null) {
    return builtInPlaybook(config.playbookId)
      ? []
      : [
          `playbookId: no built-in playbook "${config.playbookId}" (the built-ins are: ${[...BUILT_IN_PLAYBOOKS.keys()].join(', ')})`,
        ];
  }
  const result = playbookSchema.safeParse(upgradeStoredPlaybook(config.playbook));
  return result.success
    ? []
    : result.error.issues.map((issue) => `playbook.${issue.path.join('.')}: ${issue.message}`.replace(/\.:/, ':'));
}
