/**
 * The one definition of every closed vocabulary ARI stores. The database check
 * constraints (src/db/schema.ts), the zod validators and the TypeScript types
 * are all derived from these lists, so a value can never exist in one place and
 * not another (the original system had three lead-status vocabularies at once).
 */

export const LEAD_STATUSES = ['new', 'cold', 'warm', 'hot'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_TEMPERATURES = ['hot', 'warm', 'cold'] as const;
export type LeadTemperature = (typeof LEAD_TEMPERATURES)[number];

/**
 * Conversation states, in the only order they may move (handoff is reachable from any).
 * `booked`: the customer holds a booking made in the chat (a cancellation moves it back to scheduling).
 */
export const CONVERSATION_STATES = ['greeting', 'qualifying', 'scheduling', 'booked', 'handoff'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

export const NEXT_ACTIONS = ['continue_bot', 'offer_consultation', 'offer_community', 'handoff_human'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

/** Who answers a conversation: the assistant, or a human who took it over. */
export const CONVERSATION_MODES = ['ai', 'human'] as const;
export type ConversationMode = (typeof CONVERSATION_MODES)[number];

export const MESSAGE_ROLES = ['user', 'assistant', 'human', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * Delivery status of a message. Inbound messages are `received`. Outbound ones go
 * pending (in the outbox) → sending (an attempt is in flight) → sent → delivered → read,
 * or failed with a reason.
 */
export const MESSAGE_STATUSES = ['received', 'pending', 'sending', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** mouth replies, brain judges, transcribe turns a voice note into text. */
export const AI_TYPES = ['mouth', 'brain', 'transcribe'] as const;
export type AiType = (typeof AI_TYPES)[number];

/** How one AI call ended; every attempt is metered, failed ones included. */
export const AI_OUTCOMES = ['ok', 'error', 'timeout', 'rate_limited', 'invalid_output', 'skipped_budget'] as const;
export type AiOutcome = (typeof AI_OUTCOMES)[number];

export const BUDGET_PERIODS = ['month', 'day'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** When a paid call does not fit: carry on with the free links (rules, self-hosted), or hand over to a human. */
export const BUDGET_EXHAUSTED_ACTIONS = ['rules', 'handoff'] as const;
export type BudgetExhaustedAction = (typeof BUDGET_EXHAUSTED_ACTIONS)[number];

/** Budget alert levels, percent of the limit. */
export const BUDGET_ALERT_LEVELS = [50, 80, 100] as const;

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CHANNELS = ['kapso', 'meta', 'sandbox'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A workspace API key's role; each includes the ones before it (the admin token is above all). */
export const API_KEY_ROLES = ['agent', 'manager', 'owner'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** What a booking resource is: a person's calendar, or a room's. */
export const BOOKING_RESOURCE_KINDS = ['consultant', 'room'] as const;
export type BookingResourceKind = (typeof BOOKING_RESOURCE_KINDS)[number];

/** A booking's life: booked, then cancelled (its seats freed) or, once its time came, attended or no_show. */
export const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * A booking reminder's life: scheduled until due; then queued (its message is in the outbox,
 * which claims before it sends), skipped (with the reason: outside the 24-hour window and no
 * template configured, the customer opted out…) or cancelled (the booking was cancelled or moved).
 */
export const BOOKING_REMINDER_STATUSES = ['scheduled', 'queued', 'skipped', 'cancelled'] as const;
export type BookingReminderStatus = (typeof BOOKING_REMINDER_STATUSES)[number];
