/**
 * A team member's reply from the console: queued through the same outbox as the
 * assistant's (so it is retried, and its ticks and failures show), only inside the
 * 24-hour window, and it takes the conversation over so the assistant does not
 * answer as well.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import { ariConversations } from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import { queueOutboundMessage } from '../outbox/queue-outbound-message.js';
import type { ServiceContext } from '../context/service-context.js';
import { recordHumanTakeover } from './record-human-takeover.js';
import { isWindowOpen } from '../channels/customer-service-window.js';

export const sendHumanReplyInput = z.strictObject({
  text: z.string().trim().min(1, 'the reply is empty').max(4096, 'a WhatsApp text message is at most 4096 characters'),
});

export async function sendHumanReply(
  ctx: ServiceContext,
  workspaceId: string,
  conversationId: string,
  rawInput: unknown,
) {
  const { text } = parseInput(sendHumanReplyInput, rawInput);
  const messageId = await ctx.database.db.transaction(async (tx) => {
    const [conversation] = await tx
      .select()
      .from(ariConversations)
      .where(and(eq(ariConversations.workspaceId, workspaceId), eq(ariConversations.id, conversationId)))
      .for('update');
    if (!conversation) throw new UserError(`no conversation ${conversationId}`, 'not_found');
    if (!isWindowOpen(conversation.lastInboundAt, new Date())) {
      throw new UserError(
        'the 24-hour window is closed: WhatsApp only allows approved templates until the customer writes again',
        'conflict',
      );
    }
    await recordHumanTakeover(tx, conversationId, 'taken over in the console');
    return queueOutboundMessage(ctx, tx, { workspaceId, conversationId, role: 'human', content: text });
  });
  ctx.jobs.wake(QUEUES.send);
  ctx.events.publish(workspaceId, { type: 'conversation.changed', conversationId });
  return { messageId };
}
