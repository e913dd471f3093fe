/**
 * The `ari_config` a new workspace starts with: a working, enabled assistant in
 * Indonesian that any business can use before editing it. The playbook (stages,
 * rubric) is ari_config's default built-in unless the caller picks one. Pure: no database.
 */
import type { Language } from '../core/vocabulary.js';
import type { ariConfig } from '../db/schema.js';

export type AssistantConfigValues = Omit<
  typeof ariConfig.$inferInsert,
  'id' | 'workspaceId' | 'createdAt' | 'updatedAt'
>;

export function defaultAssistantConfig(workspaceName: string, language: Language = 'id'): AssistantConfigValues {
  const indonesian = language === 'id';
  return {
    enabled: true,
    botName: 'Ari',
    language,
    persona: indonesian
      ? `Asisten WhatsApp ${workspaceName} yang ramah dan membantu.`
      : `The friendly WhatsApp assistant of ${workspaceName}.`,
    tone: indonesian ? 'ramah, sopan, singkat' : 'friendly, polite, brief',
    // Empty: the playbook's greeting and offer, in whichever language the customer writes. A
    // workspace that sets its own words here has them used for customers writing its language.
    greetingTemplate: '',
    communityLink: null,
    consultationOffer: null,
    knowledgeEntries: [],
    mouthChain: null,
    brainChain: null,
    budgetMonthlyUsd: null,
    budgetDailyUsd: null,
  };
}
