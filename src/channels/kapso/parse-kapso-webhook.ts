/**
 * Kapso webhooks (payload v2): one event, or a batch of them when buffering is on.
 * The event name comes from the signed body: a batch's `type`, a single event's own
 * `message.kapso.direction`/`status`. The X-Webhook-Event header is not signed, so a
 * replayed "delivered" could be relabelled "failed": it only names events whose body
 * says nothing, and a disagreement is reported (`headerDisagrees`) for the route to log.
 * Message events become MessageEvents; status events StatusEvents; other events are
 * ignored (answered 200 by the route).
 *
 * Every event is judged on its own: one that cannot be used (a shape that fails
 * validation, no sender identity, no phone number id) is rejected with a reason
 * and a replayable body, and the others of the delivery go on.
 */
import { z } from 'zod';
import {
  PayloadError,
  type ChannelEvent,
  type CustomerIdentity,
  type DeliveryStatus,
  type ParsedDelivery,
  type RejectedEvent,
} from '../channel-event.js';
import { cleanName, cleanText } from '../clean-text.js';
import { extractMedia } from '../extract-media.js';
import { messageText } from '../message-text.js';
import { renderWhatsAppMessage } from '../render-whatsapp-message.js';
import { readTimestamp } from '../whatsapp-timestamp.js';

const optionalString = z.string().nullish();

const kapsoMessage = z.looseObject({
  id: z.string().min(1),
  type: z.string().default('text'),
  timestamp: z.union([z.string(), z.number()]).nullish(),
  from: optionalString,
  to: optionalString,
  kapso: z
    .looseObject({
      direction: optionalString,
      origin: optionalString,
      status: optionalString,
      content: optionalString,
      contact_name: optionalString,
      error: z.unknown().optional(),
      biz_opaque_callback_data: optionalString,
      media_url: z.unknown().optional(),
      transcript: z.unknown().optional(),
    })
    .nullish(),
  errors: z
    .array(
      z.looseObject({ code: z.unknown().optional(), title: z.string().optional(), message: z.string().optional() }),
    )
    .nullish(),
});

const kapsoEvent = z.looseObject({
  message: kapsoMessage,
  conversation: z
    .looseObject({
      id: optionalString,
      phone_number: optionalString,
      phone_number_id: z.union([z.string(), z.number()]).nullish(),
      business_scoped_user_id: optionalString,
      parent_business_scoped_user_id: optionalString,
      username: optionalString,
      contact_name: optionalString,
      kapso: z.looseObject({ contact_name: optionalString }).nullish(),
    })
    .nullish(),
  phone_number_id: z.union([z.string(), z.number()]).nullish(),
  is_new_conversation: z.boolean().nullish(),
});
type KapsoEvent = z.infer<typeof kapsoEvent>;

const MESSAGE_EVENTS = new Set(['whatsapp.message.received']);
const STATUS_EVENTS: Record<string, DeliveryStatus> = {
  'whatsapp.message.sent': 'sent',
  'whatsapp.message.delivered': 'delivered',
  'whatsapp.message.read': 'read',
  'whatsapp.message.failed': 'failed',
};

export interface KapsoDelivery extends ParsedDelivery {
  eventName: string | null;
  /** The unsigned header named another event than the signed body (the body won). */
  headerDisagrees?: { header: string; body: string };
}

/** Throws PayloadError only when nothing of the body can be read (it is not an object). */
export function parseKapsoWebhook(
  body: unknown,
  eventHeader: string | undefined,
  receivedAt: Date = new Date(),
): KapsoDelivery {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new PayloadError('a Kapso webhook body is a JSON object');
  const obj = body as Record<string, unknown>;
  const isBatch = obj.batch === true;
  const header = eventHeader?.trim() || null;
  const signed = isBatch ? (typeof obj.type === 'string' && obj.type.trim()) || null : eventNameOf(obj);
  const eventName = signed ?? header;
  const headerDisagrees = signed && header && header !== signed ? { header, body: signed } : undefined;
  if (eventName === null || !isKnownEvent(eventName))
    return { eventName, events: [], rejected: [], ...(headerDisagrees ? { headerDisagrees } : {}) };

  const items: unknown[] = isBatch ? (Array.isArray(obj.data) ? obj.data : []) : [body];
  const delivery: KapsoDelivery = {
    eventName,
    events: [],
    rejected: [],
    ...(headerDisagrees ? { headerDisagrees } : {}),
  };
  if (isBatch && !Array.isArray(obj.data)) {
    delivery.rejected.push(reject('invalid_shape', 'batch: data is not an array', null, body));
    return delivery;
  }
  items.forEach((item, index) => {
    // Each event alone is a valid Kapso batch body: replayable through this same parser.
    const raw = { type: eventName, batch: true, data: [item] };
    const parsed = kapsoEvent.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = `${isBatch ? `data.${index}.` : ''}${issue.path.join('.')}`;
      delivery.rejected.push(reject('invalid_shape', `${where || 'event'}: ${issue.message}`, phoneIdOf(item), raw));
      return;
    }
    const result = toChannelEvent(eventName, parsed.data, receivedAt);
    if ('reason' in result) delivery.rejected.push({ ...result, raw });
    else delivery.events.push({ event: result, raw });
  });
  return delivery;
}

/**
 * A single event's name from its own signed fields: a message the customer sent is
 * inbound; an outbound one carries its delivery status (an echo of the business app
 * without one is a message). Null when the body does not say.
 */
function eventNameOf(item: Record<string, unknown>): string | null {
  const message = item.message;
  if (typeof message !== 'object' || message === null) return null;
  const kapso = (message as { kapso?: unknown }).kapso;
  if (typeof kapso !== 'object' || kapso === null) return null;
  const { direction, status } = kapso as { direction?: unknown; status?: unknown };
  if (direction === 'inbound') return 'whatsapp.message.received';
  const statusEvent = `whatsapp.message.${String(status)}`;
  if (typeof status === 'string' && statusEvent in STATUS_EVENTS) return statusEvent;
  if (direction === 'outbound') return 'whatsapp.message.received';
  return null;
}

function isKnownEvent(name: string): boolean {
  return MESSAGE_EVENTS.has(name) || name in STATUS_EVENTS;
}

function toChannelEvent(
  eventName: string,
  item: KapsoEvent,
  receivedAt: Date,
): ChannelEvent | Omit<RejectedEvent, 'raw'> {
  const { message, conversation } = item;
  const phoneNumberId = String(item.phone_number_id ?? conversation?.phone_number_id ?? '');
  if (!phoneNumberId)
    return { reason: 'no_phone_number_id', detail: 'phone_number_id is missing', phoneNumberId: null };
  const time = readTimestamp(message.timestamp, receivedAt);
  const status = STATUS_EVENTS[eventName];
  const origin = message.kapso?.origin;

  // Status events of messages ARI sent; a business-app echo is a message of its own.
  if (status && origin !== 'business_app') {
    return {
      kind: 'status',
      channel: 'kapso',
      phoneNumberId,
      providerMessageId: message.id,
      status,
      error: status === 'failed' ? cleanText(describeKapsoError(message)) : null,
      callbackData: message.kapso?.biz_opaque_callback_data ?? null,
      at: time.at,
    };
  }

  const outbound = origin === 'business_app' || message.kapso?.direction === 'outbound';
  const customer: CustomerIdentity = {
    phone: conversation?.phone_number || (outbound ? message.to : message.from) || null,
    bsuid: conversation?.business_scoped_user_id || null,
    parentBsuid: conversation?.parent_business_scoped_user_id || null,
    username: cleanName(conversation?.username),
  };
  if (!customer.phone && !customer.bsuid)
    return {
      reason: 'no_sender',
      detail: `message ${message.id}: no phone number and no business-scoped user id`,
      phoneNumberId,
    };
  const rendered = renderWhatsAppMessage(message);
  const media = extractMedia(message, { url: message.kapso?.media_url, transcript: message.kapso?.transcript });
  return {
    kind: 'message',
    channel: 'kapso',
    phoneNumberId,
    providerMessageId: message.id,
    customer,
    // Every place Kapso (and emulators matching its wire shape) puts the name.
    customerName:
      cleanName(conversation?.kapso?.contact_name) ??
      cleanName(conversation?.contact_name) ??
      cleanName(message.kapso?.contact_name),
    origin: outbound ? 'business_app' : origin === 'history_sync' ? 'history' : 'customer',
    type: message.type,
    text: messageText(message.type, rendered.text, media, message.kapso?.content ?? undefined),
    answerable: rendered.answerable,
    sentAt: time.at,
    ...(time.raw !== undefined ? { rawTimestamp: time.raw } : {}),
    media,
  };
}

function reject(
  reason: RejectedEvent['reason'],
  detail: string,
  phoneNumberId: string | null,
  raw: unknown,
): RejectedEvent {
  return { reason, detail, phoneNumberId, raw };
}

function phoneIdOf(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const id = (item as { phone_number_id?: unknown }).phone_number_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

function describeKapsoError(message: z.infer<typeof kapsoMessage>): string {
  const error = message.kapso?.error ?? message.errors?.[0];
  if (!error) return 'delivery failed (no reason given)';
  if (typeof error === 'string') return error;
  const e = error as { code?: unknown; title?: string; message?: string; error_data?: { details?: string } };
  const text = e.error_data?.details ?? e.message ?? e.title ?? JSON.stringify(error);
  return e.code !== undefined ? `${String(e.code)}: ${text}` : text;
}
