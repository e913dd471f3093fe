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
    greetingTemplate: indonesian
      ? 'Selamat {waktu} kak {nama}, terima kasih sudah menghubungi {workspace}. Ada yang bisa kami bantu?'
      : 'Good {waktu} {nama}, thank you for contacting {workspace}. How can we help?',
    communityLink: null,
    consultationOffer: indonesian
      ? 'Mau kami jadwalkan konsultasi gratis dengan tim kami?'
      : 'Shall we schedule a free consultation with our team?',
    knowledgeEntries: [],
    mouthChain: null,
    brainChain: null,
    budgetMonthlyUsd: null,
    budgetDailyUsd: null,
  };
}
