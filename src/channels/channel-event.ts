/**
 * Channel-neutral events: what every adapter (Kapso, Meta, sandbox) parses a
 * webhook into, and all that the rest of ARI knows about a provider's payload.
 */
import type { Channel } from '../core/vocabulary.js';

export interface MessageEvent {
  kind: 'message';
  channel: Channel;
  /** The business's WhatsApp phone-number id (routes to a workspace). */
  phoneNumberId: string;
  providerMessageId: string;
  /** The customer's number as the provider gave it (normalised to E.164 on ingest). */
  customerPhone: string;
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

export type ChannelEvent = MessageEvent | StatusEvent;

/**
 * An event and the workspace it belongs to: given (sandbox, by slug) or, when
 * null, found on ingest from the business phone-number id.
 */
export interface WorkspaceEvent {
  workspaceId: string | null;
  event: ChannelEvent;
}

/**
 * Where a receiving adapter hands its events: ingest stores them (one transaction,
 * replies queued) and answers with the messages it stored, in event order — a
 * duplicate stores none. Adapters get it from their caller, so no channel imports ingest.
 */
export type IngestEvents = (
  events: WorkspaceEvent[],
) => Promise<{ messages: Array<{ messageId: string; conversationId: string }> }>;

/** A payload that fails the schema: 400 with this reason, nothing stored. */
export class PayloadError extends Error {
  override name = 'PayloadError';
}
