/** The sending half of the channel contract. */

export interface OutboundText {
  /** The business's WhatsApp phone-number id. */
  phoneNumberId: string;
  /** The customer: their E.164 phone when known, else their business-scoped user id (WhatsApp `recipient`). */
  to: { phone: string } | { bsuid: string };
  text: string;
  /** Our outbound message id: echoed in status webhooks, and the request's idempotency key. */
  messageId: string;
}

export interface ChannelSender {
  sendText(message: OutboundText): Promise<{ providerMessageId: string }>;
  /** Marks a customer's message read and shows "typing…" (only when a reply follows). */
  markRead(phoneNumberId: string, providerMessageId: string): Promise<void>;
}

/** A failed send, classified: retryable (429, 409, 5xx, network) or final (bad request, window closed…). */
export class SendError extends Error {
  override name = 'SendError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
