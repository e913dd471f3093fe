/**
 * Channel-neutral events: what every adapter (Kapso, Meta, sandbox) parses a
 * webhook into, and all that the rest of ARI knows about a provider's payload.
 */
import type { Channel } from '../core/vocabulary.js';

export { MEDIA_KINDS, type MediaRef } from '../core/media-ref.js';
import type { MediaRef } from '../core/media-ref.js';

export interface MessageEvent {
  kind: 'message';
  channel: Channel;
  /** The business's WhatsApp phone-number id (routes to a workspace). */
  phoneNumberId: string;
  providerMessageId: string;
  /** The customer: at least a phone or a BSUID (a parser never emits a message without either). */
  customer: CustomerIdentity;
  customerName: string | null;
  /**
   * customer: a lead wrote to the business; business_app: a team member wrote from
   * the WhatsApp Business app (an echo, stored as a human message, never answered);
   * history: imported history, stored and never answered.
   */
  origin: 'customer' | 'business_app' | 'history';
  type: string;
  /** Text, or a readable rendering of a message without text ("[image] caption"). */
  text: string;
  /** False for reactions, system notices and unsupported messages: stored, not answered. */
  answerable: boolean;
  sentAt: Date;
  /** The provider's timestamp when it was unusable (outside 2010 … now + 1 day) and sentAt is the receipt time. */
  rawTimestamp?: string;
  /** The media of an audio, image, document, video or sticker message; null otherwise. */
  media: MediaRef | null;
}

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface StatusEvent {
  kind: 'status';
  channel: Channel;
  phoneNumberId: string;
  providerMessageId: string;
  status: DeliveryStatus;
  error: string | null;
  /** Our outbound message id, echoed back by the provider (biz_opaque_callback_data). */
  callbackData: string | null;
  at: Date;
}

/**
 * Who a customer is on WhatsApp since 2026: an E.164 phone and/or a business-scoped
 * user id (BSUID, stable per business), its parent BSUID, and a username.
 */
export interface CustomerIdentity {
  /** The number as the provider gave it (normalised to E.164 on ingest). */
  phone: string | null;
  bsuid: string | null;
  parentBsuid: string | null;
  username: string | null;
}

/** A customer's BSUID changed (Meta system message user_changed_user_id / user_changed_number, user_id_update). */
export interface IdentityChangeEvent {
  kind: 'identity';
  channel: Channel;
  phoneNumberId: string;
  previousBsuid: string;
  customer: CustomerIdentity;
}

/** Meta user_preferences: the customer stopped or resumed marketing messages. */
export interface PreferenceEvent {
  kind: 'preference';
  channel: Channel;
  phoneNumberId: string;
  customer: CustomerIdentity;
  marketing: 'stop' | 'resume';
  at: Date;
}

export type ChannelEvent = MessageEvent | StatusEvent | IdentityChangeEvent | PreferenceEvent;

/** Why an event of a delivery could not be used (the dead-letter reason, a metrics label). */
export const DEAD_LETTER_REASONS = [
  'invalid_shape',
  'no_sender',
  'bad_phone',
  'no_phone_number_id',
  'unknown_phone_number_id',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

/** One event of a delivery that a parser could not use: kept whole, replayable through the same parser. */
export interface RejectedEvent {
  reason: DeadLetterReason;
  detail: string;
  phoneNumberId: string | null;
  /** A body of its own holding only this event, which the channel's parser reads again on replay. */
  raw: unknown;
}

/** A usable event and its replayable body. */
export interface ParsedEvent {
  event: ChannelEvent;
  raw: unknown;
}

/** What a parser makes of one delivery: every event judged on its own. */
export interface ParsedDelivery {
  events: ParsedEvent[];
  rejected: RejectedEvent[];
}

/**
 * An event and the workspace it belongs to: given (sandbox, by slug) or, when
 * null, found on ingest from the business phone-number id. `raw` is the provider's
 * body of this one event, kept if it turns out unusable (dead letter).
 */
export interface WorkspaceEvent {
  workspaceId: string | null;
  event: ChannelEvent;
  raw?: unknown;
  /** Found in the provider's message history after an outage, not delivered by a webhook. */
  recovered?: boolean;
}

/**
 * Where a receiving adapter hands its events: ingest stores them (one transaction,
 * replies queued) and answers with the messages it stored, in event order — a
 * duplicate stores none. Adapters get it from their caller, so no channel imports ingest.
 */
export type IngestEvents = (
  events: WorkspaceEvent[],
) => Promise<{ messages: Array<{ messageId: string; conversationId: string }> }>;

/** A body of which nothing can be read (not JSON, not an object): 400, nothing stored. */
export class PayloadError extends Error {
  override name = 'PayloadError';
}
