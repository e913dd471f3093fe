/**
 * Stores what webhooks delivered, exactly once, in ONE transaction: contacts
 * (E.164), conversations, messages (unique provider id: a re-delivery inserts
 * nothing), status changes, and the debounced `reply` jobs. A webhook answers 200
 * only after this commits, so nothing acknowledged is lost.
 *
 * Set-based: a whole batch of events costs a handful of statements, whatever its
 * size, which is what lets the ingest batcher group concurrent deliveries.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { MessageEvent, StatusEvent, WorkspaceEvent } from '../channels/channel-event.js';
import { normalizePhone } from '../core/normalize-phone.js';
import type { MessageStatus } from '../core/vocabulary.js';
import type { AriTransaction } from '../db/open-database.js';
import { positionalSql } from '../db/positional-sql.js';
import { ariMessages } from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';
import { resolveWorkspacesByPhoneId } from '../workspaces/resolve-workspaces-by-phone-id.js';
import type { ReplyJobData } from './enqueue-reply.js';
import { recordHumanTakeover } from './record-human-takeover.js';

export type EventOutcome =
  | { kind: 'stored'; workspaceId: string; messageId: string; conversationId: string; replyQueued: boolean }
  | { kind: 'duplicate' }
  | { kind: 'status'; workspaceId: string; applied: boolean }
  /** The phone-number id belongs to no workspace: acknowledged, nothing stored. */
  | { kind: 'ignored' };

export interface IngestSummary {
  ignored: number;
  stored: number;
  duplicates: number;
  statusUpdates: number;
  repliesQueued: number;
  /** Stored messages, in event order (duplicates excluded). */
  messages: Array<{ messageId: string; conversationId: string }>;
}

/** Normalises phone numbers first: a bad number is a 400 for its delivery, never a rollback of others. */
export function prepareEvents(events: WorkspaceEvent[]): PreparedEvent[] {
  return events.map((e) => ({
    ...e,
    phone: e.event.kind === 'message' ? normalizePhone(e.event.customerPhone) : null,
  }));
}

export type PreparedEvent = WorkspaceEvent & { phone: string | null };

export async function ingestChannelEvents(ctx: ServiceContext, events: WorkspaceEvent[]): Promise<IngestSummary> {
  const prepared = prepareEvents(events);
  const outcomes =
    prepared.length === 0 ? [] : await ctx.database.db.transaction((tx) => ingestPrepared(ctx, tx, prepared));
  wakeReplyWorkers(ctx, outcomes);
  announceIngested(ctx, outcomes);
  return summarize(outcomes);
}

/** After the commit: the reply workers look for the new jobs when they are due, not at their next poll. */
export function wakeReplyWorkers(ctx: ServiceContext, outcomes: EventOutcome[]): void {
  if (outcomes.some((o) => o.kind === 'stored' && o.replyQueued)) {
    ctx.jobs.wake(QUEUES.reply, new Date(Date.now() + ctx.config.debounceMs));
  }
}

/** Tells open consoles what a committed ingest changed: one signal per conversation, however many messages it got. */
export function announceIngested(ctx: ServiceContext, outcomes: EventOutcome[]): void {
  const changed = new Map<string, { workspaceId: string; conversationId: string | null }>();
  for (const o of outcomes) {
    if (o.kind === 'stored')
      changed.set(o.conversationId, { workspaceId: o.workspaceId, conversationId: o.conversationId });
    else if (o.kind === 'status' && o.applied)
      changed.set(`statuses:${o.workspaceId}`, { workspaceId: o.workspaceId, conversationId: null });
  }
  for (const { workspaceId, conversationId } of changed.values())
    ctx.events.publish(workspaceId, { type: 'conversation.changed', conversationId });
}

export function summarize(outcomes: EventOutcome[]): IngestSummary {
  const summary: IngestSummary = {
    ignored: 0,
    stored: 0,
    duplicates: 0,
    statusUpdates: 0,
    repliesQueued: 0,
    messages: [],
  };
  for (const o of outcomes) {
    if (o.kind === 'ignored') summary.ignored++;
    else if (o.kind === 'stored') {
      summary.stored++;
      if (o.replyQueued) summary.repliesQueued++;
      summary.messages.push({ messageId: o.messageId, conversationId: o.conversationId });
    } else if (o.kind === 'duplicate') summary.duplicates++;
    else if (o.applied) summary.statusUpdates++;
  }
  return summary;
}

/** The work of one transaction; returns one outcome per event, in order. */
export async function ingestPrepared(
  ctx: ServiceContext,
  tx: AriTransaction,
  events: PreparedEvent[],
): Promise<EventOutcome[]> {
  const outcomes: EventOutcome[] = new Array(events.length);
  const owners = await resolveWorkspacesByPhoneId(
    tx,
    events.filter((e) => e.workspaceId === null).map((e) => e.event.phoneNumberId),
  );
  const routed = events.map((e) => ({ ...e, workspaceId: e.workspaceId ?? owners.get(e.event.phoneNumberId) ?? null }));
  for (const [i, e] of routed.entries()) {
    if (e.workspaceId === null) {
      outcomes[i] = { kind: 'ignored' };
      ctx.logger.warn(
        { phoneNumberId: e.event.phoneNumberId, channel: e.event.channel },
        'webhook for an unknown phone number id: ignored',
      );
    }
  }
  const messageIndexes = routed.flatMap((e, i) => (e.event.kind === 'message' && e.workspaceId !== null ? [i] : []));
  if (messageIndexes.length > 0) {
    const items = messageIndexes.map((i) => routed[i]! as { workspaceId: string; event: MessageEvent; phone: string });
    const stored = await storeMessages(ctx, tx, items);
    messageIndexes.forEach((eventIndex, k) => {
      outcomes[eventIndex] = stored[k]!;
    });
  }
  // Statuses after messages: a status may concern a message of the same batch.
  for (const [i, e] of routed.entries()) {
    if (e.event.kind === 'status' && e.workspaceId !== null) {
      outcomes[i] = {
        kind: 'status',
        workspaceId: e.workspaceId,
        applied: await applyStatus(tx, e.workspaceId, e.event),
      };
    }
  }
  return outcomes;
}

/**
 * Contacts, conversations and messages of a batch in ONE statement (data-modifying
 * CTEs over a JSON parameter). Few statements and one parameter matter: on PGlite
 * each statement and each bound parameter has a fixed cost.
 */
const STORE_MESSAGES = `
with input as (
  select * from json_to_recordset($1::json) as x(
    ord int, workspace_id uuid, phone text, name text, channel text, provider_message_id text,
    role text, direction text, content text, type text, status text, answered_at timestamptz, metadata jsonb)
),
upserted_contacts as (
  insert into contacts (workspace_id, phone, name)
  select distinct on (workspace_id, phone) workspace_id, phone, name
    from input order by workspace_id, phone, (name is null), ord
  -- a name fills in, never overwrites
  on conflict (workspace_id, phone) do update set name = coalesce(contacts.name, excluded.name)
  returning id, workspace_id, phone
),
upserted_conversations as (
  insert into ari_conversations (workspace_id, contact_id, channel)
  select distinct on (c.id) c.workspace_id, c.id, i.channel
    from input i join upserted_contacts c on c.workspace_id = i.workspace_id and c.phone = i.phone
   order by c.id, i.ord desc
  -- replies go out the way the customer last wrote in
  on conflict (workspace_id, contact_id) do update set channel = excluded.channel
  returning id, contact_id
),
threads as (
  select i.*, v.id as conversation_id
    from input i
    join upserted_contacts c on c.workspace_id = i.workspace_id and c.phone = i.phone
    join upserted_conversations v on v.contact_id = c.id
),
inserted as (
  insert into ari_messages (workspace_id, conversation_id, role, direction, content, type, provider_message_id, status, answered_at, metadata)
  select workspace_id, conversation_id, role, direction, content, type, provider_message_id, status, answered_at, metadata
    from threads order by ord
  -- the unique provider id turns every re-delivery into "nothing happened"
  on conflict (workspace_id, provider_message_id) do nothing
  returning id, workspace_id, provider_message_id
)
select t.ord, t.conversation_id, m.id as message_id
  from threads t left join inserted m on m.workspace_id = t.workspace_id and m.provider_message_id = t.provider_message_id
 order by t.ord`;

async function storeMessages(
  ctx: ServiceContext,
  tx: AriTransaction,
  items: Array<{ workspaceId: string; event: MessageEvent; phone: string }>,
): Promise<EventOutcome[]> {
  const input = items.map(({ workspaceId, event, phone }, ord) => {
    const fromCustomer = event.origin !== 'business_app';
    return {
      ord,
      workspace_id: workspaceId,
      phone,
      name: event.customerName,
      channel: event.channel,
      provider_message_id: event.providerMessageId,
      role: fromCustomer ? 'user' : 'human',
      direction: fromCustomer ? 'inbound' : 'outbound',
      content: event.text,
      type: event.type,
      status: fromCustomer ? 'received' : 'sent',
      // History and unanswerable messages (reactions, system notices) never wait for a reply.
      answered_at:
        fromCustomer && (event.origin === 'history' || !event.answerable) ? event.sentAt.toISOString() : null,
      metadata: { channel: event.channel, origin: event.origin },
    };
  });
  const rows = (await tx.execute(positionalSql(STORE_MESSAGES, [JSON.stringify(input)]))) as unknown as {
    rows: Array<{ ord: number; conversation_id: string; message_id: string | null }>;
  };
  const stored = new Map(rows.rows.map((r) => [Number(r.ord), r]));

  // Per conversation: newest inbound time, unread count, whether to reply, echoes.
  const inbound = new Map<string, { workspaceId: string; at: Date; count: number; answer: boolean }>();
  const echoed = new Set<string>();
  const claimed = new Set<string>();
  const outcomes: EventOutcome[] = items.map((item, ord) => {
    const row = stored.get(ord)!;
    const id = row.message_id;
    // Two copies of one message in a batch: the first is stored, the rest are duplicates.
    if (!id || claimed.has(id)) return { kind: 'duplicate' };
    claimed.add(id);
    const conversationId = row.conversation_id;
    if (item.event.origin === 'business_app') {
      echoed.add(conversationId);
    } else {
      const entry = inbound.get(conversationId) ?? {
        workspaceId: item.workspaceId,
        at: item.event.sentAt,
        count: 0,
        answer: false,
      };
      entry.count++;
      if (item.event.sentAt > entry.at) entry.at = item.event.sentAt;
      entry.answer ||= item.event.origin === 'customer' && item.event.answerable;
      inbound.set(conversationId, entry);
    }
    return { kind: 'stored', workspaceId: item.workspaceId, messageId: id, conversationId, replyQueued: false };
  });

  if (inbound.size > 0) {
    const counters = [...inbound].map(([id, v]) => ({ id, at: v.at.toISOString(), n: v.count }));
    await tx.execute(
      positionalSql(
        `update ari_conversations c
            set last_inbound_at = greatest(c.last_inbound_at, v.at),
                last_message_at = greatest(c.last_message_at, v.at),
                unread_count = c.unread_count + v.n,
                updated_at = now()
           from json_to_recordset($1::json) as v(id uuid, at timestamptz, n int)
          where c.id = v.id`,
        [JSON.stringify(counters)],
      ),
    );
  }
  for (const conversationId of echoed)
    await recordHumanTakeover(tx, conversationId, 'a team member replied from the WhatsApp Business app');

  // One reply job per conversation (the queue drops it if one is already waiting).
  const replies = [...inbound].filter(([id, v]) => v.answer && !echoed.has(id));
  if (replies.length > 0) {
    const startAfter = new Date(Date.now() + ctx.config.debounceMs).toISOString();
    await ctx.jobs.insert(
      replies.map(([conversationId, v]) => ({
        name: QUEUES.reply,
        data: { workspaceId: v.workspaceId, conversationId } satisfies ReplyJobData,
        singletonKey: conversationId,
        startAfter,
      })),
      tx,
    );
    const replied = new Set(replies.map(([id]) => id));
    const first = new Set<string>();
    for (const o of outcomes) {
      if (o.kind === 'stored' && replied.has(o.conversationId) && !first.has(o.conversationId)) {
        first.add(o.conversationId);
        o.replyQueued = true;
      }
    }
  }
  return outcomes;
}

/** A team member answered from the phone app: they have taken this conversation over. */

/** Delivery progress only moves forward; out-of-order webhooks cannot undo "read". */
const STATUS_RANK: Record<MessageStatus, number> = {
  received: 0,
  pending: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  failed: 6,
};

async function applyStatus(tx: AriTransaction, workspaceId: string, event: StatusEvent): Promise<boolean> {
  const byProviderId = eq(ariMessages.providerMessageId, event.providerMessageId);
  // After a crash mid-send ARI may not know the provider id yet: the callback data names our row.
  const byCallback =
    event.callbackData && /^[0-9a-f-]{36}$/i.test(event.callbackData)
      ? and(eq(ariMessages.id, event.callbackData), isNull(ariMessages.providerMessageId))
      : undefined;
  const [message] = await tx
    .select({ id: ariMessages.id, status: ariMessages.status, providerMessageId: ariMessages.providerMessageId })
    .from(ariMessages)
    .where(
      and(
        eq(ariMessages.workspaceId, workspaceId),
        eq(ariMessages.direction, 'outbound'),
        byCallback ? sql`(${byProviderId} or ${byCallback})` : byProviderId,
      ),
    )
    .for('update')
    .limit(1);
  if (!message) return false;
  const forward = STATUS_RANK[event.status] > STATUS_RANK[message.status];
  if (!forward && message.providerMessageId) return false;
  await tx
    .update(ariMessages)
    .set({
      ...(forward ? { status: event.status, error: event.error } : {}),
      providerMessageId: message.providerMessageId ?? event.providerMessageId,
      updatedAt: sql`now()`,
    })
    .where(eq(ariMessages.id, message.id));
  return true;
}
