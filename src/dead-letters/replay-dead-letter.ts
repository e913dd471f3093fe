/**
 * Re-ingests a dead letter through the same path as its webhook (the channel's
 * parser, then the ingest transaction) once its cause is fixed — say, the phone
 * number id now belongs to a workspace. All or nothing: if the event is still
 * unusable, the replay says why and changes nothing. A replayed letter is marked
 * and cannot be replayed again; message ids make a second store impossible anyway.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ParsedDelivery } from '../channels/channel-event.js';
import { parseKapsoWebhook } from '../channels/kapso/parse-kapso-webhook.js';
import { parseMetaWebhook } from '../channels/meta/parse-meta-webhook.js';
import {
  afterCommit,
  ingestPrepared,
  prepareEvents,
  summarize,
  type EventOutcome,
} from '../conversations/ingest-channel-events.js';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import { deadLetters } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';

export const replayDeadLetterInput = z.object({ id: z.string().trim().uuid('a dead letter id is a uuid') });

export async function replayDeadLetter(ctx: ServiceContext, input: z.input<typeof replayDeadLetterInput>) {
  const { id } = parseInput(replayDeadLetterInput, input);
  const outcomes = await ctx.database.db.transaction(async (tx) => {
    const [letter] = await tx.select().from(deadLetters).where(eq(deadLetters.id, id)).for('update').limit(1);
    if (!letter) throw new UserError(`no dead letter with id ${id}`, 'not_found');
    if (letter.replayedAt)
      throw new UserError(`dead letter ${id} was already replayed at ${letter.replayedAt.toISOString()}`);
    const delivery = parse(letter.channel, letter.raw);
    const items = [
      ...delivery.events.map(({ event, raw }) => ({ workspaceId: null, event, raw })),
      ...delivery.rejected.map((rejected) => ({ workspaceId: null, channel: letter.channel, rejected })),
    ];
    const result: EventOutcome[] = await ingestPrepared(ctx, tx, prepareEvents(items));
    const still = delivery.rejected[0] ?? result.find((o) => o.kind === 'dead_letter');
    // Throwing rolls back everything, the new dead letter included: nothing changed.
    if (still && 'detail' in still) throw new UserError(`still unusable: ${still.reason}: ${still.detail}`);
    await tx.update(deadLetters).set({ replayedAt: new Date() }).where(eq(deadLetters.id, id));
    return result;
  });
  afterCommit(ctx, outcomes);
  const { messages: _messages, ...summary } = summarize(outcomes);
  return { id, replayed: true, ...summary };
}

function parse(channel: string, raw: unknown): ParsedDelivery {
  try {
    if (channel === 'kapso') return parseKapsoWebhook(raw, undefined);
    if (channel === 'meta') return parseMetaWebhook(raw);
  } catch (error) {
    throw new UserError(`still unusable: ${(error as Error).message}`);
  }
  throw new UserError(`dead letters of channel ${channel} cannot be replayed`);
}
