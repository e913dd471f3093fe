/**
 * The console's settings editor: the assistant's fields, validated with the same
 * schemas the assistant and `ari doctor` use (chains of known providers). A bad
 * value changes nothing; a saved one shapes the very next reply, since every turn
 * reads ari_config afresh. The stages, the lead rubric and its thresholds belong
 * to the playbook (src/playbooks/set-workspace-playbook.ts).
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { chainFor } from './default-chains.js';
import { isProviderConfigured } from '../config/is-provider-configured.js';
import { chainPolicyProblems } from './chain-policy.js';
import type { Config } from '../config/config.js';
import {
  bookingReminderSettingsSchema,
  knowledgeEntrySchema,
  modelChainSchema,
  PROVIDERS,
} from '../core/assistant-settings.js';
import { LANGUAGES } from '../core/vocabulary.js';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConfig } from '../db/schema.js';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const updateAssistantConfigInput = z
  .object({
    enabled: z.boolean().optional(),
    botName: z.string().trim().min(1, 'the bot needs a name').max(60).optional(),
    language: z.enum(LANGUAGES).optional(),
    persona: z.string().trim().max(2000).optional(),
    tone: z.string().trim().max(500).optional(),
    greetingTemplate: z.string().trim().max(1000).optional(),
    /** Opens the one reply to messages recovered after an outage (one line per language). */
    lateReplyApology: z
      .object({ id: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) })
      .strict()
      .optional(),
    communityLink: optionalText(500),
    consultationOffer: optionalText(1000),
    knowledgeEntries: z.array(knowledgeEntrySchema).max(500).optional(),
    mouthChain: modelChainSchema.nullable().optional(),
    brainChain: modelChainSchema.nullable().optional(),
    /** When booking reminders go out, and the approved template for outside the 24-hour window. */
    bookingReminders: bookingReminderSettingsSchema.optional(),
  })
  .strict();
export type UpdateAssistantConfigInput = z.input<typeof updateAssistantConfigInput>;

export async function getAssistantConfig(db: AriDatabase, deployment: Config, workspaceId: string) {
  const [config] = await db.select().from(ariConfig).where(eq(ariConfig.workspaceId, workspaceId)).limit(1);
  if (!config) throw new UserError('this workspace has no assistant settings; run ari doctor --fix', 'not_found');
  return {
    config,
    // What runs when a chain is left to the defaults, and which providers have keys here.
    effectiveMouthChain: chainFor(deployment, 'mouth', config.mouthChain),
    effectiveBrainChain: chainFor(deployment, 'brain', config.brainChain),
    providers: PROVIDERS.map((provider) => ({ provider, configured: isProviderConfigured(deployment, provider) })),
  };
}

export async function updateAssistantConfig(
  db: AriDatabase,
  deployment: Config,
  workspaceId: string,
  rawInput: unknown,
  /** A workspace key (not the admin) may only name allowed models, with capped timeouts. */
  options: { restrictModels: boolean } = { restrictModels: false },
) {
  const input = parseInput(updateAssistantConfigInput, rawInput);
  if (options.restrictModels) {
    const policy = { allowlist: deployment.modelAllowlist, maxTimeoutMs: deployment.modelMaxTimeoutMs };
    const refused = chainPolicyProblems([...(input.mouthChain ?? []), ...(input.brainChain ?? [])], policy);
    if (refused.length > 0) throw new UserError([...new Set(refused)].join('; '), 'forbidden');
  }
  const unconfigured = [...(input.mouthChain ?? []), ...(input.brainChain ?? [])].filter(
    (link) => !isProviderConfigured(deployment, link.provider),
  );
  if (unconfigured.length > 0) {
    throw new UserError(
      `no API key for ${[...new Set(unconfigured.map((l) => l.provider))].join(', ')} on this server: remove it from the chain or set its key`,
    );
  }
  const updated = await db
    .update(ariConfig)
    .set({ ...input, updatedAt: sql`now()` })
    .where(eq(ariConfig.workspaceId, workspaceId))
    .returning({ id: ariConfig.id });
  if (updated.length === 0)
    throw new UserError('this workspace has no assistant settings; run ari doctor --fix', 'not_found');
  return getAssistantConfig(db, deployment, workspaceId);
}
