/**
 * Meta Cloud API webhooks: every entry, change, message, status and echo of one
 * request. Fields ARI does not handle (templates, account alerts, calls…) are
 * skipped, never a crash.
 */
import { z } from 'zod';
import { PayloadError, type ChannelEvent, type DeliveryStatus, type MessageEvent } from '../channel-event.js';
import { extractMedia } from '../extract-media.js';
import { messageText } from '../message-text.js';
import { renderWhatsAppMessage } from '../render-whatsapp-message.js';
import { toDate } from '../whatsapp-timestamp.js';

const metaMessage = z.looseObject({
  id: z.string().min(1),
  from: z.string().optional(),
  to: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  type: z.string().default('unknown'),
});

const metaStatus = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  recipient_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z
    .array(
      z.looseObject({
        code: z.unknown().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

const metaValue = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.union([z.string(), z.number()]) }).optional(),
  contacts: z
    .array(
      z.looseObject({
        wa_id: z.string().optional(),
        profile: z.looseObject({ name: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  messages: z.array(metaMessage).optional(),
  statuses: z.array(metaStatus).optional(),
  message_echoes: z.array(metaMessage).optional(),
});

const metaBody = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: z.unknown().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).default([]),
    }),
  ),
});

const HANDLED_FIELDS = new Set(['messages', 'message_echoes', 'smb_message_echoes']);
const STATUSES = new Set<string>(['sent', 'delivered', 'read', 'failed']);

export function parseMetaWebhook(body: unknown): ChannelEvent[] {
  const parsed = metaBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PayloadError(`invalid Meta webhook: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  if (parsed.data.object !== 'whatsapp_business_account') return [];
  const events: ChannelEvent[] = [];
  parsed.data.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      if (!HANDLED_FIELDS.has(change.field)) return;
      const value = metaValue.safeParse(change.value);
      if (!value.success) {
        const issue = value.error.issues[0]!;
        throw new PayloadError(
          `invalid Meta webhook: entry.${e}.changes.${c}.value.${issue.path.join('.')}: ${issue.message}`,
        );
      }
      events.push(...changeEvents(value.data, `entry.${e}.changes.${c}`));
    });
  });
  return events;
}

function messageEvent(
  message: z.infer<typeof metaMessage>,
  phoneNumberId: string,
  customerPhone: string,
  customerName: string | null,
  origin: MessageEvent['origin'],
): MessageEvent {
  const rendered = renderWhatsAppMessage(message);
  const media = extractMedia(message);
  return {
    kind: 'message',
    channel: 'meta',
    phoneNumberId,
    providerMessageId: message.id,
    customerPhone,
    customerName,
    origin,
    type: message.type,
    text: messageText(message.type, rendered.text, media),
    // A team member's echo is never answered.
    answerable: origin === 'customer' && rendered.answerable,
    sentAt: toDate(message.timestamp),
    media,
  };
}

function changeEvents(value: z.infer<typeof metaValue>, where: string): ChannelEvent[] {
  const phoneNumberId = value.metadata ? String(value.metadata.phone_number_id) : '';
  if (!phoneNumberId) throw new PayloadError(`invalid Meta webhook: ${where}: metadata.phone_number_id is missing`);
  const names = new Map((value.contacts ?? []).map((c) => [c.wa_id ?? '', c.profile?.name ?? null]));
  const events: ChannelEvent[] = [];

  for (const message of value.messages ?? []) {
    // `system` messages (e.g. a changed number) may come without `contacts`; `from` is still there.
    if (!message.from) throw new PayloadError(`invalid Meta webhook: ${where}: message ${message.id} has no sender`);
    events.push(messageEvent(message, phoneNumberId, message.from, names.get(message.from) ?? null, 'customer'));
  }

  for (const echo of value.message_echoes ?? []) {
    if (!echo.to) throw new PayloadError(`invalid Meta webhook: ${where}: echo ${echo.id} has no recipient`);
    events.push(messageEvent(echo, phoneNumberId, echo.to, null, 'business_app'));
  }

  for (const status of value.statuses ?? []) {
    if (!STATUSES.has(status.status)) continue; // e.g. "deleted", "warning"
    const error = status.errors?.[0];
    events.push({
      kind: 'status',
      channel: 'meta',
      phoneNumberId,
      providerMessageId: status.id,
      status: status.status as DeliveryStatus,
      error: error
        ? `${String(error.code ?? '')}: ${error.error_data?.details ?? error.message ?? error.title ?? 'failed'}`.replace(
            /^: /,
            '',
          )
        : null,
      callbackData: status.biz_opaque_callback_data ?? null,
      at: toDate(status.timestamp),
    });
  }
  return events;
}
