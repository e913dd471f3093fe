/** Dead letters, newest first: all of them, or one workspace's (by slug). */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { deadLetters } from '../db/schema.js';
import { getWorkspaceBySlug } from '../workspaces/get-workspace-by-slug.js';

export const listDeadLettersInput = z.object({
  slug: z.string().trim().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  /** Only those not replayed yet. */
  pending: z.boolean().default(false),
});

export async function listDeadLetters(db: AriDatabase, input: z.input<typeof listDeadLettersInput>) {
  const values = parseInput(listDeadLettersInput, input);
  const workspaceId = values.slug ? (await getWorkspaceBySlug(db, values.slug)).id : null;
  const where = and(
    workspaceId ? eq(deadLetters.workspaceId, workspaceId) : undefined,
    values.pending ? isNull(deadLetters.replayedAt) : undefined,
  );
  const [rows, [counts]] = await Promise.all([
    db
      .select({
        id: deadLetters.id,
        channel: deadLetters.channel,
        workspaceId: deadLetters.workspaceId,
        phoneNumberId: deadLetters.phoneNumberId,
        reason: deadLetters.reason,
        detail: deadLetters.detail,
        createdAt: deadLetters.createdAt,
        replayedAt: deadLetters.replayedAt,
      })
      .from(deadLetters)
      .where(where)
      .orderBy(desc(deadLetters.createdAt), desc(deadLetters.id))
      .limit(values.limit),
    db
      .select({
        total: sql<number>`count(*)::int`,
        pending: sql<number>`(count(*) filter (where ${deadLetters.replayedAt} is null))::int`,
      })
      .from(deadLetters)
      .where(where),
  ]);
  return { total: counts?.total ?? 0, pending: counts?.pending ?? 0, deadLetters: rows };
}
