/**
 * Kapso webhooks (payload v2): one event, or a batch of them when buffering is on.
 * The event name comes from the X-Webhook-Event header (a batch also names it in
 * `type`). Message events become MessageEvents; status events StatusEvents; other
 * events are ignored (answered 200 by the route).
 */
import { z } from 'zod';
import { PayloadError, type ChannelEvent, type DeliveryStatus } from '../channel-event.js';
import { extractMedia } from '../extract-media.js';
import { messageText } from '../message-text.js';
import { renderWhatsAppMessage } from '../render-whatsapp-message.js';
import { toDate } from '../whatsapp-timestamp.js';

const kapsoMessage = z.looseObject({
  id: z.string().min(1),
  type: z.string().default('text'),
  timestamp: z.union([z.string(), z.number()]).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  kapso: z
    .looseObject({
      direction: z.string().optional(),
      origin: z.string().optional(),
      status: z.string().optional(),
      content: z.string().optional(),
      error: z.unknown().optional(),
      biz_opaque_callback_data: z.string().optional(),
      media_url: z.unknown().optional(),
      transcript: z.unknown().optional(),
    })
    .optional(),
  errors: z
    .array(
      z.looseObject({ code: z.unknown().optional(), title: z.string().optional(), message: z.string().optional() }),
    )
    .optional(),
});

const kapsoEvent = z.looseObject({
  message: kapsoMessage,
  conversation: z
    .looseObject({
      id: z.string().optional(),
      phone_number: z.string().optional(),
      phone_number_id: z.string().optional(),
      kapso: z.looseObject({ contact_name: z.string().nullish() }).optional(),
    })
    .optional(),
  phone_number_id: z.union([z.string(), z.number()]).optional(),
  is_new_conversation: z.boolean().optional(),
});
type KapsoEvent = z.infer<typeof kapsoEvent>;

const kapsoBatch = z.looseObject({
  type: z.string().optional(),
  batch: z.literal(true),
  data: z.array(kapsoEvent).min(1).max(1000),
});

const MESSAGE_EVENTS = new Set(['whatsapp.message.received']);
const STATUS_EVENTS: Record<string, DeliveryStatus> = {
  'whatsapp.message.sent': 'sent',
  'whatsapp.message.delivered': 'delivered',
  'whatsapp.message.read': 'read',
  'whatsapp.message.failed': 'failed',
};

export interface KapsoDelivery {
  eventName: string | null;
  events: ChannelEvent[];
}

export function parseKapsoWebhook(body: unknown, eventHeader: string | undefined): KapsoDelivery {
  const isBatch = typeof body === 'object' && body !== null && (body as { batch?: unknown }).batch === true;
  let eventName = eventHeader?.trim() || null;
  let items: KapsoEvent[];
  if (isBatch) {
    const batch = kapsoBatch.safeParse(body);
    if (!batch.success) throw new PayloadError(`invalid Kapso batch: ${describe(batch.error)}`);
    eventName ??= batch.data.type ?? null;
    items = batch.data.data;
  } else {
    if (eventName === null || !isKnownEvent(eventName)) return { eventName, events: [] };
    const single = kapsoEvent.safeParse(body);
    if (!single.success) throw new PayloadError(`invalid Kapso event: ${describe(single.error)}`);
    items = [single.data];
  }
  if (eventName === null || !isKnownEvent(eventName)) return { eventName, events: [] };
  return { eventName, events: items.map((item, index) => toChannelEvent(eventName, item, index)) };
}

function isKnownEvent(name: string): boolean {
  return MESSAGE_EVENTS.has(name) || name in STATUS_EVENTS;
}

function toChannelEvent(eventName: string, item: KapsoEvent, index: number): ChannelEvent {
  const { message, conversation } = item;
  const phoneNumberId = String(item.phone_number_id ?? conversation?.phone_number_id ?? '');
  if (!phoneNumberId) throw new PayloadError(`event ${index}: phone_number_id is missing`);
  const at = toDate(message.timestamp);
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
      error: status === 'failed' ? describeKapsoError(message) : null,
      callbackData: message.kapso?.biz_opaque_callback_data ?? null,
      at,
    };
  }

  const outbound = origin === 'business_app' || message.kapso?.direction === 'outbound';
  const customerPhone = conversation?.phone_number ?? (outbound ? message.to : message.from);
  if (!customerPhone) throw new PayloadError(`event ${index}: the customer's phone number is missing`);
  const rendered = renderWhatsAppMessage(message);
  const media = extractMedia(message, { url: message.kapso?.media_url, transcript: message.kapso?.transcript });
  return {
    kind: 'message',
    channel: 'kapso',
    phoneNumberId,
    providerMessageId: message.id,
    customerPhone,
    customerName: conversation?.kapso?.contact_name ?? null,
    origin: outbound ? 'business_app' : origin === 'history_sync' ? 'history' : 'customer',
    type: message.type,
    text: messageText(message.type, rendered.text, media, message.kapso?.content),
    answerable: rendered.answerable,
    sentAt: at,
    media,
  };
}

function describeKapsoError(message: z.infer<typeof kapsoMessage>): string {
  const error = message.kapso?.error ?? message.errors?.[0];
  if (!error) return 'delivery failed (no reason given)';
  if (typeof error === 'string') return error;
  const e = error as { code?: unknown; title?: string; message?: string; error_data?: { details?: string } };
  const text = e.error_data?.details ?? e.message ?? e.title ?? JSON.stringify(error);
  return e.code !== undefined ? `${String(e.code)}: ${text}` : text;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}
