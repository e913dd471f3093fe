/**
 * Stores what webhooks delivered, exactly once, in ONE transaction: contacts
 * (E.164), conversations, messages (unique provider id: a re-delivery inserts
 * nothing), status changes, and the debounced `reply` jobs. A webhook answers 200
 * only after this commits, so nothing acknowledged is lost.
 *
 * Set-based: a whole batch of events costs a handful of statements, whatever its
 * size, which is what lets the ingest batcher group concurrent deliveries.
 */
import { and, eq, sql } from 'drizzle-orm';
import type {
  ChannelEvent,
  DeadLetterReason,
  IdentityChangeEvent,
  MessageEvent,
  PreferenceEvent,
  RejectedEvent,
  WorkspaceEvent,
} from '../channels/channel-event.js';
import { resolveContacts } from '../contacts/resolve-contacts.js';
import { normalizePhone } from '../core/normalize-phone.js';
import type { Channel } from '../core/vocabulary.js';
import type { AriTransaction } from '../db/open-database.js';
import { positionalSql } from '../db/positional-sql.js';
import { contacts } from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import { applyDeliveryStatus } from '../outbox/apply-delivery-status.js';
import type { ServiceContext } from '../context/service-context.js';
import { resolveWorkspacesByPhoneId } from '../workspaces/resolve-workspaces-by-phone-id.js';
import { isWindowOpen } from '../channels/customer-service-window.js';
import type { ReplyJobData } from './enqueue-reply.js';
import { recordHumanTakeover } from './record-human-takeover.js';
import { loadReplyJobExpiries } from './reply-job-expiry.js';

/** An event a parser could not use: stored as a dead letter in the same transaction. */
export interface RejectedItem {
  workspaceId: null;
  channel: Channel;
  rejected: RejectedEvent;
}

export type IngestItem = WorkspaceEvent | RejectedItem;

export type EventOutcome =
  | { kind: 'stored'; workspaceId: string; messageId: string; conversationId: string; replyQueued: boolean }
  | { kind: 'duplicate' }
  | { kind: 'status'; workspaceId: string; applied: boolean }
  /** Kept in dead_letters (bad phone, unknown phone-number id, or rejected by the parser). */
  | { kind: 'dead_letter'; channel: Channel; reason: DeadLetterReason; detail: string };

export interface IngestSummary {
  deadLetters: number;
  stored: number;
  duplicates: number;
  statusUpdates: number;
  repliesQueued: number;
  /** Stored messages, in event order (duplicates excluded). */
  messages: Array<{ messageId: string; conversationId: string }>;
}

interface DeadLetter {
  reason: DeadLetterReason;
  detail: string;
  phoneNumberId: string | null;
}

export interface PreparedEvent {
  workspaceId: string | null;
  channel: Channel;
  event: ChannelEvent | null;
  raw: unknown;
  /** The customer's E.164 phone, when the event names one that parses. */
  phone: string | null;
  dead: DeadLetter | null;
  recovered?: boolean;
}

/**
 * Normalises phone numbers first (no database): a number that cannot be parsed is
 * dropped when the customer also has a BSUID, else the event is a dead letter.
 */
export function prepareEvents(items: IngestItem[]): PreparedEvent[] {
  return items.map((item) => {
    if ('rejected' in item) {
      const { reason, detail, phoneNumberId, raw } = item.rejected;
      return {
        workspaceId: null,
        channel: item.channel,
        event: null,
        raw,
        phone: null,
        dead: { reason, detail, phoneNumberId },
      };
    }
    const { event } = item;
    const prepared: PreparedEvent = {
      workspaceId: item.workspaceId,
      channel: event.channel,
      event,
      raw: item.raw ?? null,
      phone: null,
      dead: null,
      recovered: item.recovered === true,
    };
    if (event.kind === 'status') return prepared;
    const raw = event.customer.phone;
    if (raw) {
      try {
        prepared.phone = normalizePhone(raw);
      } catch {
        if (!event.customer.bsuid)
          prepared.dead = {
            reason: 'bad_phone',
            detail: `not a phone number: "${raw.slice(0, 64)}"`,
            phoneNumberId: event.phoneNumberId,
          };
      }
    }
    return prepared;
  });
}

export async function ingestChannelEvents(ctx: ServiceContext, events: IngestItem[]): Promise<IngestSummary> {
  const prepared = prepareEvents(events);
  const outcomes =
    prepared.length === 0 ? [] : await ctx.database.db.transaction((tx) => ingestPrepared(ctx, tx, prepared));
  afterCommit(ctx, outcomes);
  return summarize(outcomes);
}

/** What follows a commit: wake the reply workers, tell open consoles, count dead letters. */
export function afterCommit(ctx: ServiceContext, outcomes: EventOutcome[]): void {
  wakeReplyWorkers(ctx, outcomes);
  announceIngested(ctx, outcomes);
  for (const o of outcomes)
    if (o.kind === 'dead_letter') ctx.metrics.deadLetters.inc({ channel: o.channel, reason: o.reason });
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
    deadLetters: 0,
    stored: 0,
    duplicates: 0,
    statusUpdates: 0,
    repliesQueued: 0,
    messages: [],
  };
  for (const o of outcomes) {
    if (o.kind === 'dead_letter') summary.deadLetters++;
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
    events.flatMap((e) => {
      const id = e.dead ? e.dead.phoneNumberId : e.event?.phoneNumberId;
      return e.workspaceId === null && id ? [id] : [];
    }),
  );
  const routed = events.map((e) => {
    // A dead letter is filed under its workspace when its phone number id names one.
    if (e.dead)
      return e.workspaceId === null && e.dead.phoneNumberId
        ? { ...e, workspaceId: owners.get(e.dead.phoneNumberId)?.workspaceId ?? null }
        : e;
    if (!e.event || e.workspaceId !== null) return e;
    const workspaceId = owners.get(e.event.phoneNumberId)?.workspaceId ?? null;
    const dead: DeadLetter | null =
      workspaceId === null
        ? {
            reason: 'unknown_phone_number_id',
            detail: `phone number id ${e.event.phoneNumberId} belongs to no workspace`,
            phoneNumberId: e.event.phoneNumberId,
          }
        : null;
    return { ...e, workspaceId, dead };
  });
  const dead = routed.flatMap((e, i) => (e.dead ? [i] : []));
  if (dead.length > 0) {
    const rows = dead.map((i) => {
      const e = routed[i]!;
      return {
        channel: e.channel,
        workspace_id: e.workspaceId,
        phone_number_id: e.dead!.phoneNumberId,
        reason: e.dead!.reason,
        detail: e.dead!.detail,
        raw: e.raw ?? null,
      };
    });
    await tx.execute(
      positionalSql(
        `insert into dead_letters (channel, workspace_id, phone_number_id, reason, detail, raw)
         select channel, workspace_id, phone_number_id, reason, detail, coalesce(raw, 'null'::jsonb)
           from json_to_recordset($1::json) as v(channel text, workspace_id uuid, phone_number_id text, reason text, detail text, raw jsonb)`,
        [JSON.stringify(rows)],
      ),
    );
    for (const i of dead) {
      const e = routed[i]!;
      outcomes[i] = { kind: 'dead_letter', channel: e.channel, reason: e.dead!.reason, detail: e.dead!.detail };
      ctx.logger.warn(
        { channel: e.channel, reason: e.dead!.reason, detail: e.dead!.detail },
        'webhook event kept as a dead letter',
      );
    }
  }
  // Identity changes first: a message of the same delivery lands on the moved contact.
  for (const [i, e] of routed.entries()) {
    if (!e.dead && e.event?.kind === 'identity')
      outcomes[i] = {
        kind: 'status',
        workspaceId: e.workspaceId!,
        applied: await moveIdentity(tx, e.workspaceId!, e.event, e.phone),
      };
  }
  const messageIndexes = routed.flatMap((e, i) => (!e.dead && e.event?.kind === 'message' ? [i] : []));
  if (messageIndexes.length > 0) {
    const items = messageIndexes.map((i) => {
      const e = routed[i]!;
      return { workspaceId: e.workspaceId!, event: e.event as MessageEvent, phone: e.phone, recovered: e.recovered };
    });
    // The workspaces found by phone-number id came with their chains: no second read for the reply jobs' expiry.
    const chains = new Map([...owners.values()].map((o) => [o.workspaceId, o.chains]));
    const stored = await storeMessages(ctx, tx, items, chains);
    messageIndexes.forEach((eventIndex, k) => {
      outcomes[eventIndex] = stored[k]!;
    });
  }
  for (const [i, e] of routed.entries()) {
    if (!e.dead && e.event?.kind === 'preference')
      outcomes[i] = {
        kind: 'status',
        workspaceId: e.workspaceId!,
        applied: await recordPreference(tx, e.workspaceId!, e.event, e.phone),
      };
  }
  // Statuses after messages: a status may concern a message of the same batch. In provider-id
  // order (a stable sort: one message's statuses keep theirs), so concurrent deliveries lock the
  // same sends in the same order instead of each holding one the other waits for.
  const statuses = routed.flatMap((e, i) =>
    !e.dead && e.event?.kind === 'status' && e.workspaceId !== null
      ? [{ i, workspaceId: e.workspaceId, event: e.event }]
      : [],
  );
  statuses.sort((a, b) => codeOrder(a.event.providerMessageId, b.event.providerMessageId));
  for (const { i, workspaceId, event } of statuses) {
    outcomes[i] = { kind: 'status', workspaceId, applied: await applyDeliveryStatus(tx, workspaceId, event) };
  }
  return outcomes;
}

function codeOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Conversations (with their channel, last inbound time and unread count) and messages of a
 * batch in ONE statement (data-modifying CTEs over a JSON parameter). Few statements and one parameter matter: on PGlite
 * each statement and each bound parameter has a fixed cost.
 */
const STORE_MESSAGES = `
with input as (
  select * from json_to_recordset($1::json) as x(
    ord int, workspace_id uuid, contact_id uuid, channel text, provider_message_id text,
    role text, direction text, content text, type text, status text, answered_at timestamptz, metadata jsonb, media jsonb,
    recovered boolean, sent_at timestamptz)
),
-- per customer: the channel they last wrote in, and what their messages add to the counters
per_contact as (
  select distinct on (contact_id) workspace_id, contact_id, channel,
         max(sent_at) filter (where direction = 'inbound') over customer as last_inbound,
         count(*) filter (where direction = 'inbound') over customer as inbound
    from input
  window customer as (partition by contact_id)
   order by contact_id, ord desc
),
-- Counted as if every message were new; storeMessages takes re-delivered ones back off (rare).
upserted_conversations as (
  insert into ari_conversations (workspace_id, contact_id, channel, last_inbound_at, last_message_at, unread_count)
  select workspace_id, contact_id, channel, last_inbound, last_inbound, inbound
    from per_contact order by contact_id
  -- replies go out the way the customer last wrote in
  on conflict (workspace_id, contact_id) do update
    set channel = excluded.channel,
        last_inbound_at = greatest(ari_conversations.last_inbound_at, excluded.last_inbound_at),
        last_message_at = greatest(ari_conversations.last_message_at, excluded.last_message_at),
        unread_count = ari_conversations.unread_count + excluded.unread_count,
        updated_at = case when excluded.unread_count > 0 then now() else ari_conversations.updated_at end
  returning id, contact_id
),
threads as (
  select i.*, v.id as conversation_id
    from input i join upserted_conversations v on v.contact_id = i.contact_id
),
inserted as (
  insert into ari_messages (workspace_id, conversation_id, role, direction, content, type, provider_message_id, status, answered_at, metadata, media, recovered)
  select workspace_id, conversation_id, role, direction, content, type, provider_message_id, status, answered_at, metadata, media, recovered
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
  items: Array<{ workspaceId: string; event: MessageEvent; phone: string | null; recovered?: boolean }>,
  knownChains: Parameters<typeof loadReplyJobExpiries>[3],
): Promise<EventOutcome[]> {
  const now = new Date();
  const contactIds = await resolveContacts(
    tx,
    items.map(({ workspaceId, event, phone }) => ({
      workspaceId,
      phone,
      bsuid: event.customer.bsuid,
      parentBsuid: event.customer.parentBsuid,
      username: event.customer.username,
      name: event.customerName,
    })),
    { concurrent: ctx.database.engine === 'postgres' },
  );
  const input = items.map(({ workspaceId, event, recovered }, ord) => {
    const fromCustomer = event.origin !== 'business_app';
    // Recovered after the 24-hour window closed: left for the team, never answered by the assistant.
    const tooLate = recovered === true && !isWindowOpen(event.sentAt, now);
    return {
      ord,
      workspace_id: workspaceId,
      contact_id: contactIds[ord],
      channel: event.channel,
      provider_message_id: event.providerMessageId,
      role: fromCustomer ? 'user' : 'human',
      direction: fromCustomer ? 'inbound' : 'outbound',
      content: event.text,
      type: event.type,
      status: fromCustomer ? 'received' : 'sent',
      // History and unanswerable messages (reactions, system notices) never wait for a reply.
      answered_at:
        fromCustomer && (event.origin === 'history' || !event.answerable || tooLate)
          ? event.sentAt.toISOString()
          : null,
      metadata: {
        channel: event.channel,
        origin: event.origin,
        ...(event.rawTimestamp !== undefined ? { rawTimestamp: event.rawTimestamp } : {}),
      },
      media: event.media,
      recovered: recovered === true,
      sent_at: event.sentAt.toISOString(),
    };
  });
  const rows = (await tx.execute(positionalSql(STORE_MESSAGES, [JSON.stringify(input)]))) as unknown as {
    rows: Array<{ ord: number; conversation_id: string; message_id: string | null }>;
  };
  const stored = new Map(rows.rows.map((r) => [Number(r.ord), r]));

  // Per conversation with new customer messages: whether they want a reply; and echoes.
  const inbound = new Map<string, { workspaceId: string; answer: boolean }>();
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
      const entry = inbound.get(conversationId) ?? { workspaceId: item.workspaceId, answer: false };
      entry.answer ||=
        item.event.origin === 'customer' &&
        item.event.answerable &&
        !(item.recovered === true && !isWindowOpen(item.event.sentAt, now));
      inbound.set(conversationId, entry);
    }
    return { kind: 'stored', workspaceId: item.workspaceId, messageId: id, conversationId, replyQueued: false };
  });

  // The statement counted every inbound message of the batch; re-delivered ones come back off.
  const redelivered = new Map<string, number>();
  items.forEach((item, ord) => {
    if (outcomes[ord]!.kind === 'duplicate' && item.event.origin !== 'business_app') {
      const conversationId = stored.get(ord)!.conversation_id;
      redelivered.set(conversationId, (redelivered.get(conversationId) ?? 0) + 1);
    }
  });
  if (redelivered.size > 0)
    await tx.execute(
      positionalSql(
        `update ari_conversations c set unread_count = c.unread_count - v.n
           from json_to_recordset($1::json) as v(id uuid, n int)
          where c.id = v.id`,
        [JSON.stringify([...redelivered].map(([id, n]) => ({ id, n })))],
      ),
    );
  for (const conversationId of echoed)
    await recordHumanTakeover(tx, conversationId, 'a team member replied from the WhatsApp Business app');

  // One reply job per conversation. A customer still writing: the job already waiting moves to
  // the end of the new debounce window, instead of running, finding the burst still going and
  // queueing itself again; the other conversations get a new one.
  const replies = [...inbound].filter(([id, v]) => v.answer && !echoed.has(id));
  if (replies.length > 0) {
    const startAfter = new Date(Date.now() + ctx.config.debounceMs);
    const waiting = await ctx.jobs.postpone(
      QUEUES.reply,
      replies.map(([conversationId]) => conversationId),
      startAfter,
      tx,
    );
    const queued = replies.filter(([conversationId]) => !waiting.has(conversationId));
    const expiries = await loadReplyJobExpiries(
      tx,
      ctx.config,
      queued.map(([, v]) => v.workspaceId),
      knownChains,
    );
    await ctx.jobs.insert(
      queued.map(([conversationId, v]) => ({
        name: QUEUES.reply,
        data: { workspaceId: v.workspaceId, conversationId } satisfies ReplyJobData,
        singletonKey: conversationId,
        startAfter: startAfter.toISOString(),
        expireInSeconds: expiries.get(v.workspaceId),
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

/** A customer's BSUID changed: the contact follows it (and its new phone, when the notice names one). */
async function moveIdentity(
  tx: AriTransaction,
  workspaceId: string,
  event: IdentityChangeEvent,
  phone: string | null,
): Promise<boolean> {
  const [taken] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.bsuid, event.customer.bsuid!)))
    .limit(1);
  if (taken) return false; // already moved (a re-delivery), or the new id already has its own contact
  const moved = await tx
    .update(contacts)
    .set({
      bsuid: event.customer.bsuid,
      ...(event.customer.parentBsuid ? { parentBsuid: event.customer.parentBsuid } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.bsuid, event.previousBsuid)))
    .returning({ id: contacts.id });
  if (moved.length === 0 || !phone) return moved.length > 0;
  // The number moves only if no other contact holds it.
  await tx.execute(
    positionalSql(
      `update contacts set phone = $1 where id = $2
          and not exists (select 1 from contacts o where o.workspace_id = $3 and o.phone = $1)`,
      [phone, moved[0]!.id, workspaceId],
    ),
  );
  return true;
}

/** Meta user_preferences: marketing stopped (the time kept) or resumed (cleared) on the contact. */
async function recordPreference(
  tx: AriTransaction,
  workspaceId: string,
  event: PreferenceEvent,
  phone: string | null,
): Promise<boolean> {
  const who = event.customer.bsuid
    ? phone
      ? sql`(${contacts.bsuid} = ${event.customer.bsuid} or ${contacts.phone} = ${phone})`
      : eq(contacts.bsuid, event.customer.bsuid)
    : eq(contacts.phone, phone ?? '');
  const updated = await tx
    .update(contacts)
    .set({ marketingOptOutAt: event.marketing === 'stop' ? event.at : null, updatedAt: sql`now()` })
    .where(and(eq(contacts.workspaceId, workspaceId), who))
    .returning({ id: contacts.id });
  return updated.length > 0;
}
