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

/**
 * An approved WhatsApp template, filled: what may be sent outside the 24-hour customer-service
 * window. Kept in the outbox row's metadata (`template`), so a retry sends exactly this again.
 */
export interface TemplateMessage {
  name: string;
  /** The language code the template was approved in ("id", "en_US"). */
  language: string;
  /** {{1}}, {{2}}…: the body's text parameters, in order. */
  bodyParameters: string[];
}

export interface OutboundTemplate extends Omit<OutboundText, 'text'> {
  template: TemplateMessage;
}

export interface ChannelSender {
  sendText(message: OutboundText): Promise<{ providerMessageId: string }>;
  sendTemplate(message: OutboundTemplate): Promise<{ providerMessageId: string }>;
  /** Marks a customer's message read and shows "typing…" (only when a reply follows). */
  markRead(phoneNumberId: string, providerMessageId: string): Promise<void>;
}

/**
 * A failed send, classified: retryable (the provider certainly did not take it: 429, 409,
 * 5xx with an error body, connection refused, unknown host) or final (bad request, window closed…).
 */
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

/**
 * A send whose outcome is unknown: the request may have reached the provider (a timeout,
 * a connection reset, a 5xx without the provider's error body). Repeating it at once could
 * deliver the message twice; the outbox waits for the provider's status webhook first.
 */
export class UnconfirmedSendError extends SendError {
  override name = 'UnconfirmedSendError';
  constructor(message: string) {
    super(message, false);
  }
}
