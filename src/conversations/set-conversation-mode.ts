/**
 * Take over (a human answers from now on; the assistant stays quiet) or hand back
 * to the assistant. Handing back starts from new messages: what the customer wrote
 * while a human had the conversation is marked answered, so the assistant does not
 * reply to old messages.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { CONVERSATION_MODES } from '../core/vocabulary.js';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import { ariConversations } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';
import { markInboundAnswered } from './mark-inbound-answered.js';

export const setConversationModeInput = z.strictObject({
  mode: z.enum(CONVERSATION_MODES, { error: 'mode must be "ai" or "human"' }),
});

export async function setConversationMode(
  ctx: ServiceContext,
  workspaceId: string,
  conversationId: string,
  rawInput: unknown,
) {
  const { mode } = parseInput(setConversationModeInput, rawInput);
  const updated = await ctx.database.db.transaction(async (tx) => {
    const [conversation] = await tx
      .update(ariConversations)
      .set({ mode, handoffReason: mode === 'human' ? 'taken over in the console' : null, updatedAt: sql`now()` })
      .where(and(eq(ariConversations.workspaceId, workspaceId), eq(ariConversations.id, conversationId)))
      .returning();
    if (!conversation) throw new UserError(`no conversation ${conversationId}`, 'not_found');
    if (mode === 'ai') {
      await markInboundAnswered(tx, conversationId);
    }
    return conversation;
  });
  ctx.events.publish(workspaceId, { type: 'conversation.changed', conversationId });
  return updated;
}
