/**
 * The `ari_config` a new workspace starts with: a working, enabled assistant in
 * Indonesian that any business can use before editing it. Pure: no database.
 */
import { DEFAULT_SCORING_WEIGHTS, type FlowStage } from '../core/assistant-settings.js';
import type { Language } from '../core/vocabulary.js';
import type { ariConfig } from '../db/schema.js';

export type AssistantConfigValues = Omit<
  typeof ariConfig.$inferInsert,
  'id' | 'workspaceId' | 'createdAt' | 'updatedAt'
>;

const GENERIC_STAGES: FlowStage[] = [
  {
    name: 'greeting',
    goal: 'Welcome the customer and learn their name and what they need.',
    sampleScript: '',
    exitCriteria: 'The customer said what they need.',
    order: 0,
    active: true,
  },
  {
    name: 'qualifying',
    goal: 'Collect the facts the team needs, one question at a time.',
    sampleScript: '',
    exitCriteria: 'The key facts are known.',
    order: 1,
    active: true,
  },
  {
    name: 'scheduling',
    goal: 'Offer a consultation with the team and agree on a time.',
    sampleScript: '',
    exitCriteria: 'A time is agreed or the customer asks for a human.',
    order: 2,
    active: true,
  },
];

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
    flowStages: GENERIC_STAGES,
    knowledgeEntries: [],
    scoringWeights: DEFAULT_SCORING_WEIGHTS,
    hotThreshold: 70,
    warmThreshold: 40,
    mouthChain: null,
    brainChain: null,
    budgetMonthlyUsd: null,
    budgetDailyUsd: null,
  };
}
