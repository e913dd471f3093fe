/**
 * The data model, as code. Table and column names are part of the product (they
 * carry over from the original system); migrations in ./drizzle are generated from
 * this file with `npm run db:generate` and committed.
 *
 * Tenant integrity is enforced by the database, not only by queries: child rows
 * reference their parent through (workspace_id, id), so a message can never point
 * at another workspace's conversation.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BookingReminderSettings, KnowledgeEntry, ModelChain } from '../core/assistant-settings.js';
import type { MediaRef } from '../core/media-ref.js';
import {
  AI_OUTCOMES,
  AI_TYPES,
  API_KEY_ROLES,
  BOOKING_REMINDER_STATUSES,
  BOOKING_RESOURCE_KINDS,
  BOOKING_STATUSES,
  BUDGET_EXHAUSTED_ACTIONS,
  BUDGET_PERIODS,
  CHANNELS,
  CONVERSATION_MODES,
  CONVERSATION_STATES,
  LANGUAGES,
  LEAD_STATUSES,
  LEAD_TEMPERATURES,
  MESSAGE_DIRECTIONS,
  MESSAGE_ROLES,
  MESSAGE_STATUSES,
  NEXT_ACTIONS,
  type Language,
} from '../core/vocabulary.js';

/** `column IN ('a', 'b')` from one of the vocabularies (values are code constants, never input). */
function oneOf(column: SQL, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    kapsoPhoneId: text('kapso_phone_id'),
    /** This workspace's own Kapso API key, AES-256-GCM encrypted with ARI_ENCRYPTION_KEY. */
    kapsoApiKeyCiphertext: text('kapso_api_key_ciphertext'),
    timezone: text('timezone').notNull().default('Asia/Jakarta'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('workspaces_slug_unique').on(t.slug),
    unique('workspaces_kapso_phone_id_unique').on(t.kapsoPhoneId),
    check('workspaces_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('workspaces_name_not_blank', sql`length(btrim(${t.name})) > 0`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** E.164; null for a customer known only by a business-scoped user id (a WhatsApp username). */
    phone: text('phone'),
    /** Business-scoped user id (Meta's per-business id for a WhatsApp user), stored as received. */
    bsuid: text('bsuid'),
    parentBsuid: text('parent_bsuid'),
    /** WhatsApp username, kept apart from the profile name. */
    username: text('username'),
    name: text('name'),
    /** The customer stopped marketing messages (Meta user_preferences); null once resumed. */
    marketingOptOutAt: timestamp('marketing_opt_out_at', { withTimezone: true }),
    leadScore: integer('lead_score'),
    leadStatus: text('lead_status', { enum: LEAD_STATUSES }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('contacts_workspace_phone_unique').on(t.workspaceId, t.phone),
    unique('contacts_workspace_bsuid_unique').on(t.workspaceId, t.bsuid),
    unique('contacts_workspace_username_unique').on(t.workspaceId, t.username),
    unique('contacts_workspace_id_id_unique').on(t.workspaceId, t.id),
    check('contacts_identified', sql`${t.phone} is not null or ${t.bsuid} is not null`),
    check('contacts_phone_e164', sql`${t.phone} ~ '^\\+[1-9][0-9]{6,14}$'`),
    check('contacts_lead_score_range', sql`${t.leadScore} between 0 and 100`),
    check('contacts_lead_status_valid', oneOf(sql`${t.leadStatus}`, LEAD_STATUSES)),
  ],
);

export const ariConfig = pgTable(
  'ari_config',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(true),
    botName: text('bot_name').notNull().default('Ari'),
    language: text('language', { enum: LANGUAGES }).notNull().default('id'),
    persona: text('persona').notNull().default(''),
    tone: text('tone').notNull().default(''),
    greetingTemplate: text('greeting_template').notNull().default(''),
    communityLink: text('community_link'),
    consultationOffer: text('consultation_offer'),
    /**
     * The built-in playbook the assistant follows, unless `playbook` holds the workspace's own.
     * The playbook owns the stages, the lead rubric and its thresholds.
     */
    playbookId: text('playbook_id').notNull().default('study-abroad'),
    /** The workspace's own playbook (validated by assistant/playbook/playbook-schema.ts), or null. */
    playbook: jsonb('playbook').$type<unknown>(),
    knowledgeEntries: jsonb('knowledge_entries').$type<KnowledgeEntry[]>().notNull().default([]),
    /** Null means "the defaults for the keys this deployment has". */
    mouthChain: jsonb('mouth_chain').$type<ModelChain>(),
    brainChain: jsonb('brain_chain').$type<ModelChain>(),
    budgetMonthlyUsd: numeric('budget_monthly_usd', { precision: 14, scale: 4 }),
    budgetDailyUsd: numeric('budget_daily_usd', { precision: 14, scale: 4 }),
    /** What a turn does when a paid call does not fit the budget: free links only, or a human. */
    budgetExhaustedAction: text('budget_exhausted_action', { enum: BUDGET_EXHAUSTED_ACTIONS })
      .notNull()
      .default('rules'),
    /** Opens the one reply to messages recovered after an outage, per conversation language. */
    lateReplyApology: jsonb('late_reply_apology')
      .$type<Record<Language, string>>()
      .notNull()
      .default({ id: 'Maaf kak, baru sempat membalas.', en: 'Sorry for the late reply.' }),
    /**
     * Booking reminders: minutes before the start each is sent (e.g. 1440 and 60), and the
     * approved WhatsApp template used outside the 24-hour window (null: skipped there).
     */
    bookingReminders: jsonb('booking_reminders')
      .$type<BookingReminderSettings>()
      .notNull()
      .default({ offsetsMinutes: [1440, 60], template: null }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('ari_config_workspace_unique').on(t.workspaceId),
    check('ari_config_language_valid', oneOf(sql`${t.language}`, LANGUAGES)),
    check(
      'ari_config_budgets_positive',
      sql`coalesce(${t.budgetMonthlyUsd}, 0) >= 0 and coalesce(${t.budgetDailyUsd}, 0) >= 0`,
    ),
    check('ari_config_budget_exhausted_action_valid', oneOf(sql`${t.budgetExhaustedAction}`, BUDGET_EXHAUSTED_ACTIONS)),
  ],
);

export const ariConversations = pgTable(
  'ari_conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull().default('sandbox'),
    state: text('state', { enum: CONVERSATION_STATES }).notNull().default('greeting'),
    leadScore: integer('lead_score'),
    leadTemperature: text('lead_temperature', { enum: LEAD_TEMPERATURES }),
    nextAction: text('next_action', { enum: NEXT_ACTIONS }),
    mode: text('mode', { enum: CONVERSATION_MODES }).notNull().default('ai'),
    handoffReason: text('handoff_reason'),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    unreadCount: integer('unread_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'ari_conversations_contact_fk',
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete('cascade'),
    unique('ari_conversations_workspace_contact_unique').on(t.workspaceId, t.contactId),
    unique('ari_conversations_workspace_id_id_unique').on(t.workspaceId, t.id),
    index('ari_conversations_by_workspace_recent').on(t.workspaceId, t.lastMessageAt),
    check('ari_conversations_state_valid', oneOf(sql`${t.state}`, CONVERSATION_STATES)),
    check('ari_conversations_lead_score_range', sql`${t.leadScore} between 0 and 100`),
    check('ari_conversations_lead_temperature_valid', oneOf(sql`${t.leadTemperature}`, LEAD_TEMPERATURES)),
    check('ari_conversations_next_action_valid', oneOf(sql`${t.nextAction}`, NEXT_ACTIONS)),
    check('ari_conversations_mode_valid', oneOf(sql`${t.mode}`, CONVERSATION_MODES)),
    check('ari_conversations_channel_valid', oneOf(sql`${t.channel}`, CHANNELS)),
    check('ari_conversations_unread_nonnegative', sql`${t.unreadCount} >= 0`),
  ],
);

export const ariMessages = pgTable(
  'ari_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull(),
    role: text('role', { enum: MESSAGE_ROLES }).notNull(),
    direction: text('direction', { enum: MESSAGE_DIRECTIONS }).notNull(),
    content: text('content').notNull(),
    type: text('type').notNull().default('text'),
    providerMessageId: text('provider_message_id'),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    error: text('error'),
    model: text('model'),
    responseTimeMs: integer('response_time_ms'),
    /** Inbound: when a reply (one for the whole burst) was committed for it. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Outbound: when the last send attempt started (a crash mid-send leaves `sending`). */
    sendStartedAt: timestamp('send_started_at', { withTimezone: true }),
    /**
     * Outbound: set when an attempt's outcome stayed unknown (no answer, no status webhook
     * within the confirmation window) and the message was sent once more.
     */
    resentAt: timestamp('resent_at', { withTimezone: true }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** Inbound media (voice note, image, document…): provider id, URL, caption, transcript. */
    media: jsonb('media').$type<MediaRef>(),
    /** Inbound: found in Kapso's message history after an outage (its webhook never reached ARI). */
    recovered: boolean('recovered').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'ari_messages_conversation_fk',
      columns: [t.workspaceId, t.conversationId],
      foreignColumns: [ariConversations.workspaceId, ariConversations.id],
    }).onDelete('cascade'),
    unique('ari_messages_provider_message_unique').on(t.workspaceId, t.providerMessageId),
    index('ari_messages_by_conversation').on(t.conversationId, t.createdAt),
    // Sends whose outcome is not known yet: checked at start (a dead process may have left them).
    index('ari_messages_sending').on(t.sendStartedAt).where(sql`${t.status} = 'sending'`),
    index('ari_messages_unanswered')
      .on(t.conversationId)
      .where(sql`${t.direction} = 'inbound' and ${t.answeredAt} is null`),
    check('ari_messages_role_valid', oneOf(sql`${t.role}`, MESSAGE_ROLES)),
    check('ari_messages_direction_valid', oneOf(sql`${t.direction}`, MESSAGE_DIRECTIONS)),
    check('ari_messages_status_valid', oneOf(sql`${t.status}`, MESSAGE_STATUSES)),
    check('ari_messages_role_matches_direction', sql`(${t.role} = 'user') = (${t.direction} = 'inbound')`),
  ],
);

export const aiUsage = pgTable(
  'ai_usage',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id'),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    aiType: text('ai_type', { enum: AI_TYPES }).notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    cachedInputTokens: integer('cached_input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    reasoningTokens: integer('reasoning_tokens').notNull().default(0),
    /** Exact decimal dollars: sums never drift. */
    costUsd: numeric('cost_usd', { precision: 20, scale: 12 }).notNull().default('0'),
    /** The price-table entry that priced this row (null when none did). */
    priceEntry: text('price_entry'),
    /** No price was known for the model: the tokens are real, the cost is not. */
    unpriced: boolean('unpriced').notNull().default(false),
    latencyMs: integer('latency_ms'),
    outcome: text('outcome', { enum: AI_OUTCOMES }).notNull().default('ok'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'ai_usage_conversation_fk',
      columns: [t.workspaceId, t.conversationId],
      foreignColumns: [ariConversations.workspaceId, ariConversations.id],
    }),
    index('ai_usage_by_workspace').on(t.workspaceId, t.createdAt),
    index('ai_usage_by_workspace_type').on(t.workspaceId, t.aiType),
    index('ai_usage_by_conversation').on(t.conversationId),
    check('ai_usage_ai_type_valid', oneOf(sql`${t.aiType}`, AI_TYPES)),
    check('ai_usage_outcome_valid', oneOf(sql`${t.outcome}`, AI_OUTCOMES)),
    check(
      'ai_usage_tokens_nonnegative',
      sql`${t.inputTokens} >= 0 and ${t.cachedInputTokens} >= 0 and ${t.outputTokens} >= 0 and ${t.reasoningTokens} >= 0`,
    ),
    check('ai_usage_cost_nonnegative', sql`${t.costUsd} >= 0`),
  ],
);

const usageSums = () => ({
  calls: integer('calls').notNull().default(0),
  inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
  cachedInputTokens: bigint('cached_input_tokens', { mode: 'number' }).notNull().default(0),
  outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
  reasoningTokens: bigint('reasoning_tokens', { mode: 'number' }).notNull().default(0),
  costUsd: numeric('cost_usd', { precision: 24, scale: 12 }).notNull().default('0'),
});

/**
 * ai_usage summed per local day of the workspace (its time zone), kept by a
 * trigger in the same transaction as each insert, so reports and budgets read
 * hundreds of rows instead of millions and still equal the rows to the last
 * digit. Changing a workspace's time zone rebuilds its rollups.
 */
export const aiUsageRollup = pgTable(
  'ai_usage_rollup',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    aiType: text('ai_type').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    outcome: text('outcome').notNull(),
    unpriced: boolean('unpriced').notNull(),
    ...usageSums(),
  },
  (t) => [
    primaryKey({
      name: 'ai_usage_rollup_pk',
      columns: [t.workspaceId, t.day, t.aiType, t.provider, t.model, t.outcome, t.unpriced],
    }),
  ],
);

/** The same sums per conversation and local day: cost per conversation and per hot lead. */
export const aiUsageConversationRollup = pgTable(
  'ai_usage_conversation_rollup',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull(),
    day: date('day').notNull(),
    ...usageSums(),
    failedCalls: integer('failed_calls').notNull().default(0),
    skippedByBudget: integer('skipped_by_budget').notNull().default(0),
    unpricedCalls: integer('unpriced_calls').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'ai_usage_conversation_rollup_pk', columns: [t.workspaceId, t.day, t.conversationId] }),
    index('ai_usage_conversation_rollup_by_conversation').on(t.workspaceId, t.conversationId, t.day),
  ],
);

/**
 * Money set aside for AI calls in flight: a call reserves its worst case here
 * before it is made and the row is deleted when its real cost is recorded. A
 * process that dies mid-call leaves a row that stops counting at expires_at.
 */
export const aiBudgetHolds = pgTable(
  'ai_budget_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    amountUsd: numeric('amount_usd', { precision: 20, scale: 12 }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('ai_budget_holds_by_workspace').on(t.workspaceId, t.expiresAt),
    check('ai_budget_holds_amount_nonnegative', sql`${t.amountUsd} >= 0`),
  ],
);

/** Budget alerts already raised: one per workspace, period and level. */
export const aiBudgetAlerts = pgTable(
  'ai_budget_alerts',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    period: text('period', { enum: BUDGET_PERIODS }).notNull(),
    /** The period's first day in the workspace's time zone. */
    periodStart: date('period_start').notNull(),
    percent: integer('percent').notNull(),
    limitUsd: numeric('limit_usd', { precision: 14, scale: 4 }).notNull(),
    spentUsd: numeric('spent_usd', { precision: 24, scale: 12 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'ai_budget_alerts_pk', columns: [t.workspaceId, t.period, t.periodStart, t.percent] }),
    check('ai_budget_alerts_period_valid', oneOf(sql`${t.period}`, BUDGET_PERIODS)),
  ],
);

/** Workspace API keys: only a SHA-256 hash is stored; the key is shown once. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default('default'),
    /** What the key may do (agent < manager < owner); keys made before roles became managers. */
    role: text('role', { enum: API_KEY_ROLES }).notNull().default('manager'),
    /** The first characters, to recognise a key in lists without revealing it. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    unique('api_keys_token_hash_unique').on(t.tokenHash),
    index('api_keys_by_workspace').on(t.workspaceId),
    check('api_keys_role_valid', oneOf(sql`${t.role}`, API_KEY_ROLES)),
  ],
);

/**
 * Webhook events that could not be used (no sender, a bad phone number, an unknown
 * phone number id, a shape that fails validation): kept whole, counted, listed and
 * replayable once the cause is fixed. The rest of their delivery was stored.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** Known when the event routed to a workspace (e.g. a bad phone number); null for an unknown phone number id. */
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    phoneNumberId: text('phone_number_id'),
    reason: text('reason').notNull(),
    detail: text('detail').notNull().default(''),
    /** A body holding only this event, which the channel's parser reads again on replay. */
    raw: jsonb('raw').notNull(),
    createdAt: createdAt(),
    replayedAt: timestamp('replayed_at', { withTimezone: true }),
  },
  (t) => [
    index('dead_letters_recent').on(t.createdAt),
    index('dead_letters_by_workspace').on(t.workspaceId, t.createdAt),
    check('dead_letters_channel_valid', oneOf(sql`${t.channel}`, CHANNELS)),
  ],
);

/**
 * How far Kapso's message history has been checked, per business phone number id:
 * the next run asks from `reconciledUntil` minus a margin. A failed run leaves the
 * point where it was and keeps Kapso's own error text.
 */
export const kapsoReconciliation = pgTable(
  'kapso_reconciliation',
  {
    phoneNumberId: text('phone_number_id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    reconciledUntil: timestamp('reconciled_until', { withTimezone: true }).notNull(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    /** Since when runs have been failing (null after a success). */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    lastError: text('last_error'),
    recoveredTotal: integer('recovered_total').notNull().default(0),
  },
  (t) => [index('kapso_reconciliation_by_workspace').on(t.workspaceId)],
);

/**
 * Bookings are whole multiples of this many minutes, on this grid (UTC epoch, which every
 * zone ARI serves is aligned to): the unit of booking_seats below.
 */
export const BOOKING_SEAT_MINUTES = 5;

/** `timestamptz` falls on the booking grid. */
function onBookingGrid(column: SQL): SQL {
  return sql`(extract(epoch from ${column})::bigint % ${sql.raw(String(BOOKING_SEAT_MINUTES * 60))}) = 0`;
}

/** Something customers book time with: a consultant's calendar or a room. */
export const bookingResources = pgTable(
  'booking_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: BOOKING_RESOURCE_KINDS }).notNull().default('consultant'),
    slotMinutes: integer('slot_minutes').notNull().default(60),
    /** Kept free after each booking (travel, notes) before the next may start. */
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    /** Bookings that may share one time (a room with 3 desks: 3). */
    capacity: integer('capacity').notNull().default(1),
    /** The earliest a slot may start, counted from now. */
    leadTimeMinutes: integer('lead_time_minutes').notNull().default(60),
    /** How many local days ahead slots are offered. */
    horizonDays: integer('horizon_days').notNull().default(14),
    /** Where the consultation happens: an address or a meeting link, sent in the confirmation. */
    location: text('location').notNull().default(''),
    /**
     * SHA-256 (hex) of the secret in the resource's ICS feed URL; null: no feed. The secret is
     * shown once when made; a new one replaces it (the old URL stops working).
     */
    feedTokenHash: text('feed_token_hash'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('booking_resources_workspace_id_id_unique').on(t.workspaceId, t.id),
    // The feed is found by its secret's hash alone (read-booking-feed.ts); null (no feed) is not unique-checked.
    uniqueIndex('booking_resources_feed_token_hash_unique').on(t.feedTokenHash),
    check('booking_resources_kind_valid', oneOf(sql`${t.kind}`, BOOKING_RESOURCE_KINDS)),
    check('booking_resources_name_not_blank', sql`length(btrim(${t.name})) > 0`),
    check(
      'booking_resources_slot_minutes_valid',
      sql`${t.slotMinutes} between ${sql.raw(String(BOOKING_SEAT_MINUTES))} and 1440 and ${t.slotMinutes} % ${sql.raw(String(BOOKING_SEAT_MINUTES))} = 0`,
    ),
    check(
      'booking_resources_buffer_minutes_valid',
      sql`${t.bufferMinutes} between 0 and 1440 and ${t.bufferMinutes} % ${sql.raw(String(BOOKING_SEAT_MINUTES))} = 0`,
    ),
    check('booking_resources_capacity_valid', sql`${t.capacity} between 1 and 100`),
    check('booking_resources_lead_time_valid', sql`${t.leadTimeMinutes} between 0 and 525600`),
    check('booking_resources_horizon_valid', sql`${t.horizonDays} between 1 and 365`),
  ],
);

/** Weekly opening hours of a resource, in the WORKSPACE's time zone (weekday 0 = Sunday, as Date.getDay). */
export const bookingAvailability = pgTable(
  'booking_availability',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    resourceId: uuid('resource_id').notNull(),
    weekday: integer('weekday').notNull(),
    /** 'HH:MM', local. */
    startTime: text('start_time').notNull(),
    /** 'HH:MM', local, after start_time; '24:00' is the end of the day. */
    endTime: text('end_time').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'booking_availability_resource_fk',
      columns: [t.workspaceId, t.resourceId],
      foreignColumns: [bookingResources.workspaceId, bookingResources.id],
    }).onDelete('cascade'),
    unique('booking_availability_workspace_id_id_unique').on(t.workspaceId, t.id),
    index('booking_availability_by_resource').on(t.resourceId, t.weekday),
    check('booking_availability_weekday_valid', sql`${t.weekday} between 0 and 6`),
    check('booking_availability_start_format', sql`${t.startTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('booking_availability_end_format', sql`${t.endTime} ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'`),
    check('booking_availability_ordered', sql`${t.endTime} > ${t.startTime}`),
  ],
);

/** Whole local days a resource is away (holidays, leave), first and last day included. */
export const bookingExceptions = pgTable(
  'booking_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    resourceId: uuid('resource_id').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'booking_exceptions_resource_fk',
      columns: [t.workspaceId, t.resourceId],
      foreignColumns: [bookingResources.workspaceId, bookingResources.id],
    }).onDelete('cascade'),
    unique('booking_exceptions_workspace_id_id_unique').on(t.workspaceId, t.id),
    index('booking_exceptions_by_resource').on(t.resourceId, t.endsOn),
    check('booking_exceptions_ordered', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    resourceId: uuid('resource_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    conversationId: uuid('conversation_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default('booked'),
    /** The booking this one replaced (that one is cancelled in the same transaction). */
    rescheduledFrom: uuid('rescheduled_from'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'bookings_resource_fk',
      columns: [t.workspaceId, t.resourceId],
      foreignColumns: [bookingResources.workspaceId, bookingResources.id],
    }),
    foreignKey({
      name: 'bookings_contact_fk',
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'bookings_conversation_fk',
      columns: [t.workspaceId, t.conversationId],
      foreignColumns: [ariConversations.workspaceId, ariConversations.id],
    }),
    foreignKey({
      name: 'bookings_rescheduled_from_fk',
      columns: [t.workspaceId, t.rescheduledFrom],
      foreignColumns: [t.workspaceId, t.id],
    }),
    unique('bookings_workspace_id_id_unique').on(t.workspaceId, t.id),
    index('bookings_by_resource_time').on(t.resourceId, t.startsAt),
    index('bookings_by_workspace_time').on(t.workspaceId, t.startsAt),
    index('bookings_by_contact').on(t.workspaceId, t.contactId),
    check('bookings_status_valid', oneOf(sql`${t.status}`, BOOKING_STATUSES)),
    check('bookings_ordered', sql`${t.endsAt} > ${t.startsAt}`),
    check('bookings_starts_on_grid', onBookingGrid(sql`${t.startsAt}`)),
    check('bookings_ends_on_grid', onBookingGrid(sql`${t.endsAt}`)),
  ],
);

/**
 * What makes double booking impossible: a booking that holds a resource (status booked,
 * attended or no_show) owns one row here per BOOKING_SEAT_MINUTES step of
 * [starts_at, ends_at + the resource's buffer), each on a seat 1..capacity, and the primary
 * key lets one booking only hold a (resource, step, seat). bookSlot inserts them in the
 * booking's transaction; a concurrent one waits on the same key and then finds it taken.
 *
 * Why not an exclusion constraint over tstzrange: it needs btree_gist, which PGlite ships only
 * as an extension loaded when the database is opened (and PostgreSQL as CREATE EXTENSION), and
 * it can only say "no two overlap" — it cannot count up to a capacity above 1. Seat rows work
 * the same on both engines, count capacity, and still hold when a resource's slot length or
 * grid changes later (steps, not slot starts, are claimed). Cancelling deletes the rows.
 */
export const bookingSeats = pgTable(
  'booking_seats',
  {
    resourceId: uuid('resource_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    seat: integer('seat').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    bookingId: uuid('booking_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'booking_seats_pk', columns: [t.resourceId, t.at, t.seat] }),
    foreignKey({
      name: 'booking_seats_booking_fk',
      columns: [t.workspaceId, t.bookingId],
      foreignColumns: [bookings.workspaceId, bookings.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'booking_seats_resource_fk',
      columns: [t.workspaceId, t.resourceId],
      foreignColumns: [bookingResources.workspaceId, bookingResources.id],
    }),
    index('booking_seats_by_booking').on(t.bookingId),
    check('booking_seats_seat_positive', sql`${t.seat} >= 1`),
    check('booking_seats_on_grid', onBookingGrid(sql`${t.at}`)),
  ],
);

/**
 * One reminder of one booking (T-24h, T-1h…), made with the booking. The unique key makes
 * each at most one row, so a retried or doubled job finds it already queued or skipped.
 */
export const bookingReminders = pgTable(
  'booking_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    bookingId: uuid('booking_id').notNull(),
    /** Minutes before the booking's start. */
    offsetMinutes: integer('offset_minutes').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: BOOKING_REMINDER_STATUSES }).notNull().default('scheduled'),
    /** The outbound message that carries it, once queued. */
    messageId: uuid('message_id'),
    /** Why it was skipped or cancelled. */
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'booking_reminders_booking_fk',
      columns: [t.workspaceId, t.bookingId],
      foreignColumns: [bookings.workspaceId, bookings.id],
    }).onDelete('cascade'),
    unique('booking_reminders_once').on(t.bookingId, t.offsetMinutes),
    index('booking_reminders_due').on(t.status, t.dueAt),
    check('booking_reminders_status_valid', oneOf(sql`${t.status}`, BOOKING_REMINDER_STATUSES)),
    check('booking_reminders_offset_valid', sql`${t.offsetMinutes} between 1 and 10080`),
  ],
);
