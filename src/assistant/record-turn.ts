/**
 * What one turn leaves behind, in the reply's transaction: the Brain's results
 * (score, status and facts on the contact; state, score, temperature and next action
 * on the conversation), on handoff human mode plus the team's notice, and the
 * rules engine's zero-cost ai_usage rows.
 */
import { eq, sql } from 'drizzle-orm';
import { DEFAULT_MODELS } from '../assistant-config/default-chains.js';
import type { AriTransaction } from '../db/open-database.js';
import { findPrice } from '../prices/price-table.js';
import { aiUsage, ariConversations, contacts } from '../db/schema.js';
import { queueHandoffNotice } from '../handoff/notify-team.js';
import type { ServiceContext } from '../context/service-context.js';
import type { Workspace } from '../workspaces/create-workspace.js';
import type { LeadMemory } from './prepare-turn.js';
import type { TurnDecision } from './rules/rules-turn.js';

export async function recordTurn(
  ctx: ServiceContext,
  tx: AriTransaction,
  args: {
    conversation: typeof ariConversations.$inferSelect;
    workspace: Workspace;
    memory: LeadMemory;
    turn: TurnDecision;
    rulesSpoke: boolean;
    rulesJudged: boolean;
    latencyMs: number;
  },
): Promise<void> {
  const { conversation, workspace, memory, turn } = args;
  const leadMemory: LeadMemory & Record<string, unknown> = {
    ...memory,
    facts: turn.facts,
    signalsSeen: turn.signalsSeen,
    language: turn.language,
    communityOffered: memory.communityOffered === true || turn.reply.kind === 'community',
    lead: { points: turn.lead.points, reasoning: turn.reasoning, analyzedAt: new Date().toISOString() },
  };
  const [contact] = await tx
    .update(contacts)
    .set({
      leadScore: turn.lead.score,
      leadStatus: turn.lead.temperature,
      metadata: leadMemory,
      name: sql`coalesce(${contacts.name}, ${typeof turn.facts.name === 'string' ? turn.facts.name : null})`,
      updatedAt: sql`now()`,
    })
    .where(eq(contacts.id, conversation.contactId))
    .returning({ phone: contacts.phone, name: contacts.name });
  await tx
    .update(ariConversations)
    .set({
      state: turn.state,
      leadScore: turn.lead.score,
      leadTemperature: turn.lead.temperature,
      nextAction: turn.nextAction,
      unreadCount: 0,
      // The reply this turn queued (queueOutboundMessage leaves this update to us).
      lastMessageAt: sql`now()`,
      ...(turn.handoffReason ? { mode: 'human' as const, handoffReason: turn.handoffReason } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(ariConversations.id, conversation.id));
  if (turn.handoffReason) {
    await queueHandoffNotice(ctx, tx, {
      workspace: { id: workspace.id, slug: workspace.slug },
      conversationId: conversation.id,
      contact: { phone: contact!.phone, name: contact!.name },
      reason: turn.handoffReason,
      leadScore: turn.lead.score,
      leadTemperature: turn.lead.temperature,
    });
  }
  // The rules engine is metered like any model (at zero cost), so reports count every turn.
  const rulesTypes = (['mouth', 'brain'] as const).filter((type) =>
    type === 'mouth' ? args.rulesSpoke : args.rulesJudged,
  );
  if (rulesTypes.length > 0) {
    await tx.insert(aiUsage).values(
      rulesTypes.map((aiType) => ({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        provider: 'rules',
        model: DEFAULT_MODELS.rules,
        priceEntry: findPrice(ctx.prices, 'rules', DEFAULT_MODELS.rules, new Date())?.id ?? null,
        aiType,
        latencyMs: args.latencyMs,
        outcome: 'ok' as const,
      })),
    );
  }
}
