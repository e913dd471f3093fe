/**
 * The Mouth: the rules engine decides WHAT happens (which question, handoff,
 * offer); a language model down the workspace's Mouth chain says it naturally.
 * Routing replies (handoff, consultation offer, community link) and the greeting
 * are the workspace's own words and go out as they are. When every model fails,
 * the rules engine's own sentence is the reply: the customer always gets one.
 */
import { generateText } from 'ai';
import { chainFor, DEFAULT_MODELS } from '../assistant-config/default-chains.js';
import { InvalidOutputError, runModelChain } from '../ai/run-model-chain.js';
import { estimateInputTokens } from '../budgets/worst-case-cost.js';
import type { MessageRole } from '../core/vocabulary.js';
import type { ServiceContext } from '../context/service-context.js';
import type { AssistantConfig } from '../assistant-config/assistant-config.js';
import { buildMouthPrompt } from './mouth-prompt.js';
import type { Playbook } from './playbook/playbook-schema.js';
import { slotById } from './lead/lead-facts.js';
import { findKnowledge } from './rules/find-knowledge.js';
import type { ReplyKind, TurnDecision } from './rules/rules-turn.js';

const MODEL_PHRASED: ReadonlySet<ReplyKind> = new Set(['question', 'knowledge', 'all_set']);
const MAX_REPLY_TOKENS = 200;

export interface PhrasedReply {
  text: string;
  /** The model that wrote it: a chain link's model, or the rules engine's. */
  model: string;
  provider: string;
  /** The budget refused the model and ari_config says a human takes over. */
  budgetHandoff: boolean;
}

export async function phraseReply(
  ctx: ServiceContext,
  args: {
    turn: TurnDecision;
    assistant: AssistantConfig;
    playbook: Playbook;
    workspace: { id: string; name: string };
    conversationId: string;
    history: Array<{ role: MessageRole; content: string }>;
    lastCustomerText: string;
  },
): Promise<PhrasedReply> {
  const { turn, assistant } = args;
  const rules: PhrasedReply = {
    text: turn.reply.text,
    model: DEFAULT_MODELS.rules,
    provider: 'rules',
    budgetHandoff: false,
  };
  if (!MODEL_PHRASED.has(turn.reply.kind)) return rules;
  const chain = chainFor(ctx.config, 'mouth', assistant.mouthChain);
  if (chain[0]?.provider === 'rules') return rules;

  const { system, messages } = buildMouthPrompt({
    botName: assistant.botName,
    workspaceName: args.workspace.name,
    persona: assistant.persona,
    tone: assistant.tone,
    language: turn.language,
    state: turn.state,
    playbook: args.playbook,
    stage: turn.stage,
    facts: turn.facts,
    knowledge: findKnowledge(assistant.knowledgeEntries, args.lastCustomerText),
    nextQuestion: slotById(args.playbook, turn.reply.asked)?.question[turn.language] ?? null,
    history: args.history,
  });
  const answer = await runModelChain(ctx, {
    chain,
    aiType: 'mouth',
    workspaceId: args.workspace.id,
    conversationId: args.conversationId,
    estimatedInputTokens: estimateInputTokens([system, ...messages.map((m) => m.content)]),
    maxOutputTokens: MAX_REPLY_TOKENS,
    async call(model, signal) {
      const result = await generateText({
        model,
        system,
        messages,
        abortSignal: signal,
        maxRetries: 0,
        maxOutputTokens: MAX_REPLY_TOKENS,
      });
      const text = result.text.trim();
      if (!text) throw new InvalidOutputError('the model returned an empty reply', result.usage);
      return { value: text, usage: result.usage };
    },
  });
  if (answer.kind === 'answered')
    return { text: answer.value, model: answer.link.model, provider: answer.link.provider, budgetHandoff: false };
  return { ...rules, budgetHandoff: answer.kind === 'handoff' };
}
