/**
 * Meta Cloud API webhooks: every entry, change, message, status, echo, identity
 * change and preference of one request, each judged on its own. One that cannot be
 * used (fails validation, no sender identity, no metadata.phone_number_id) is
 * rejected with a reason and a body holding only it (replayable), and the others go
 * on. Fields ARI does not handle (templates, account alerts, calls…) are skipped.
 */
import { z } from 'zod';
import {
  PayloadError,
  type ChannelEvent,
  type CustomerIdentity,
  type DeliveryStatus,
  type MessageEvent,
  type ParsedDelivery,
  type RejectedEvent,
} from '../channel-event.js';
import { cleanName, cleanText } from '../clean-text.js';
import { extractMedia } from '../extract-media.js';
import { messageText } from '../message-text.js';
import { renderWhatsAppMessage } from '../render-whatsapp-message.js';
import { readTimestamp, toDate } from '../whatsapp-timestamp.js';

const optionalString = z.string().nullish();
const timestamp = z.union([z.string(), z.number()]).nullish();

const metaMessage = z.looseObject({
  id: z.string().min(1),
  from: optionalString,
  from_user_id: optionalString,
  from_parent_user_id: optionalString,
  to: optionalString,
  to_user_id: optionalString,
  to_parent_user_id: optionalString,
  timestamp,
  type: z.string().default('unknown'),
  system: z
    .looseObject({
      type: optionalString,
      user_id: optionalString,
      parent_user_id: optionalString,
      previous_user_id: optionalString,
      wa_id: optionalString,
      new_wa_id: optionalString,
    })
    .nullish(),
});
type MetaMessage = z.infer<typeof metaMessage>;

const metaStatus = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp,
  biz_opaque_callback_data: optionalString,
  errors: z
    .array(
      z.looseObject({
        code: z.unknown().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .nullish(),
});

const metaContact = z.looseObject({
  wa_id: optionalString,
  user_id: optionalString,
  parent_user_id: optionalString,
  profile: z.looseObject({ name: optionalString, username: optionalString }).nullish(),
});
type MetaContact = z.infer<typeof metaContact>;

const metaPreference = z.looseObject({
  wa_id: optionalString,
  user_id: optionalString,
  parent_user_id: optionalString,
  category: optionalString,
  value: optionalString,
  timestamp,
});

const metaUserIdUpdate = z.looseObject({
  wa_id: optionalString,
  previous_user_id: optionalString,
  user_id: optionalString,
  parent_user_id: optionalString,
});

/** The arrays of a change value that carry events; each item is judged on its own. */
const ITEM_KEYS = ['messages', 'message_echoes', 'statuses', 'user_preferences', 'user_id_update'] as const;
type ItemKey = (typeof ITEM_KEYS)[number];

const HANDLED_FIELDS = new Set([
  'messages',
  'message_echoes',
  'smb_message_echoes',
  'user_preferences',
  'user_id_update',
]);
const STATUSES = new Set<string>(['sent', 'delivered', 'read', 'failed']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Throws PayloadError only when nothing of the body can be read (it is not an object). */
export function parseMetaWebhook(body: unknown, receivedAt: Date = new Date()): ParsedDelivery {
  if (!isObj(body)) throw new PayloadError('a Meta webhook body is a JSON object');
  const delivery: ParsedDelivery = { events: [], rejected: [] };
  if (body.object !== undefined && body.object !== 'whatsapp_business_account') return delivery;
  if (!Array.isArray(body.entry)) {
    delivery.rejected.push({
      reason: 'invalid_shape',
      detail: 'entry is not an array',
      phoneNumberId: null,
      raw: body,
    });
    return delivery;
  }
  body.entry.forEach((entry, e) => {
    const changes = isObj(entry) && Array.isArray(entry.changes) ? entry.changes : null;
    if (!changes) {
      delivery.rejected.push({
        reason: 'invalid_shape',
        detail: `entry.${e}: changes is not an array`,
        phoneNumberId: null,
        raw: { object: 'whatsapp_business_account', entry: [entry] },
      });
      return;
    }
    changes.forEach((change, c) => {
      const where = `entry.${e}.changes.${c}`;
      const wrap = (value: unknown) => ({
        object: 'whatsapp_business_account',
        entry: [{ id: (entry as Obj).id, changes: [{ ...(isObj(change) ? change : {}), value }] }],
      });
      if (!isObj(change) || typeof change.field !== 'string' || !isObj(change.value)) {
        delivery.rejected.push({
          reason: 'invalid_shape',
          detail: `${where}: not a change with a field and a value`,
          phoneNumberId: null,
          raw: { object: 'whatsapp_business_account', entry: [{ id: (entry as Obj).id, changes: [change] }] },
        });
        return;
      }
      if (!HANDLED_FIELDS.has(change.field)) return;
      readChange(change.value, where, wrap, receivedAt, delivery);
    });
  });
  return delivery;
}

function readChange(
  value: Obj,
  where: string,
  wrap: (value: unknown) => unknown,
  receivedAt: Date,
  delivery: ParsedDelivery,
): void {
  const metadata = isObj(value.metadata) ? value.metadata : null;
  const rawId = metadata?.phone_number_id;
  const phoneNumberId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : '';
  const contactList = z.array(metaContact).safeParse(value.contacts ?? []);
  const contacts: MetaContact[] = contactList.success ? contactList.data : [];
  // One body per item, the rest of the change kept (metadata, contacts): replayable alone.
  const bare: Obj = { ...value };
  for (const key of ITEM_KEYS) delete bare[key];
  const single = (key: ItemKey, item: unknown) => wrap({ ...bare, [key]: [item] });

  for (const key of ITEM_KEYS) {
    const items = value[key];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      delivery.rejected.push({
        reason: 'invalid_shape',
        detail: `${where}.value.${key}: not an array`,
        phoneNumberId: phoneNumberId || null,
        raw: wrap(value),
      });
      continue;
    }
    items.forEach((item, i) => {
      const raw = single(key, item);
      const at = `${where}.value.${key}.${i}`;
      const reject = (reason: RejectedEvent['reason'], detail: string) => {
        delivery.rejected.push({ reason, detail: `${at}: ${detail}`, phoneNumberId: phoneNumberId || null, raw });
      };
      if (!phoneNumberId) {
        reject('no_phone_number_id', 'metadata.phone_number_id is missing');
        return;
      }
      const events = readItem(key, item, phoneNumberId, contacts, receivedAt);
      if ('reason' in events) reject(events.reason, events.detail);
      else for (const event of events) delivery.events.push({ event, raw });
    });
  }
}

type ItemResult = ChannelEvent[] | { reason: RejectedEvent['reason']; detail: string };

function readItem(
  key: ItemKey,
  item: unknown,
  phoneNumberId: string,
  contacts: MetaContact[],
  receivedAt: Date,
): ItemResult {
  const invalid = (error: z.ZodError) => {
    const issue = error.issues[0]!;
    return { reason: 'invalid_shape' as const, detail: `${issue.path.join('.') || 'item'}: ${issue.message}` };
  };
  switch (key) {
    case 'messages': {
      const parsed = metaMessage.safeParse(item);
      if (!parsed.success) return invalid(parsed.error);
      const message = parsed.data;
      const events: ChannelEvent[] = [];
      const change = identityChange(message, phoneNumberId);
      if (change) events.push(change);
      const customer = senderOf(message, contacts);
      if (!customer.phone && !customer.bsuid) {
        // A BSUID change notice without any sender is fully used by the identity change.
        if (change) return events;
        return { reason: 'no_sender', detail: `message ${message.id} has no sender (no from, no user id)` };
      }
      const contact = contactOf(contacts, customer);
      events.push(
        messageEvent(message, phoneNumberId, customer, cleanName(contact?.profile?.name), 'customer', receivedAt),
      );
      return events;
    }
    case 'message_echoes': {
      const parsed = metaMessage.safeParse(item);
      if (!parsed.success) return invalid(parsed.error);
      const echo = parsed.data;
      const customer: CustomerIdentity = {
        phone: echo.to || null,
        bsuid: echo.to_user_id || null,
        parentBsuid: echo.to_parent_user_id || null,
        username: null,
      };
      if (!customer.phone && !customer.bsuid)
        return { reason: 'no_sender', detail: `echo ${echo.id} has no recipient (no to, no to_user_id)` };
      return [messageEvent(echo, phoneNumberId, customer, null, 'business_app', receivedAt)];
    }
    case 'statuses': {
      const parsed = metaStatus.safeParse(item);
      if (!parsed.success) return invalid(parsed.error);
      const status = parsed.data;
      if (!STATUSES.has(status.status)) return []; // e.g. "deleted", "warning"
      const error = status.errors?.[0];
      return [
        {
          kind: 'status',
          channel: 'meta',
          phoneNumberId,
          providerMessageId: status.id,
          status: status.status as DeliveryStatus,
          error: error
            ? cleanText(
                `${String(error.code ?? '')}: ${error.error_data?.details ?? error.message ?? error.title ?? 'failed'}`,
              ).replace(/^: /, '')
            : null,
          callbackData: status.biz_opaque_callback_data ?? null,
          at: toDate(status.timestamp, receivedAt),
        },
      ];
    }
    case 'user_preferences': {
      const parsed = metaPreference.safeParse(item);
      if (!parsed.success) return invalid(parsed.error);
      const p = parsed.data;
      if (p.value !== 'stop' && p.value !== 'resume') return [];
      if (p.category && p.category !== 'marketing_messages') return [];
      const customer = identity(p.wa_id, p.user_id, p.parent_user_id, contacts);
      if (!customer.phone && !customer.bsuid) return { reason: 'no_sender', detail: 'preference without a customer' };
      return [
        {
          kind: 'preference',
          channel: 'meta',
          phoneNumberId,
          customer,
          marketing: p.value,
          at: toDate(p.timestamp, receivedAt),
        },
      ];
    }
    case 'user_id_update': {
      const parsed = metaUserIdUpdate.safeParse(item);
      if (!parsed.success) return invalid(parsed.error);
      const u = parsed.data;
      if (!u.previous_user_id || !u.user_id)
        return { reason: 'invalid_shape', detail: 'user_id_update without previous_user_id and user_id' };
      return [
        {
          kind: 'identity',
          channel: 'meta',
          phoneNumberId,
          previousBsuid: u.previous_user_id,
          customer: { phone: u.wa_id || null, bsuid: u.user_id, parentBsuid: u.parent_user_id || null, username: null },
        },
      ];
    }
  }
}

/** System notices user_changed_user_id / user_changed_number carry the previous and the new BSUID. */
function identityChange(message: MetaMessage, phoneNumberId: string): ChannelEvent | null {
  const system = message.type === 'system' ? message.system : null;
  const next = system?.user_id || message.from_user_id;
  if (!system?.previous_user_id || !next) return null;
  return {
    kind: 'identity',
    channel: 'meta',
    phoneNumberId,
    previousBsuid: system.previous_user_id,
    customer: {
      phone: system.type === 'user_changed_number' ? system.wa_id || system.new_wa_id || null : null,
      bsuid: next,
      parentBsuid: system.parent_user_id || message.from_parent_user_id || null,
      username: null,
    },
  };
}

function senderOf(message: MetaMessage, contacts: MetaContact[]): CustomerIdentity {
  return identity(message.from, message.from_user_id, message.from_parent_user_id, contacts, contacts.length === 1);
}

/** The identifiers of a message or preference, completed from the matching `contacts` entry. */
function identity(
  phone: string | null | undefined,
  bsuid: string | null | undefined,
  parentBsuid: string | null | undefined,
  contacts: MetaContact[],
  loneContactIsSender = false,
): CustomerIdentity {
  const partial = { phone: phone || null, bsuid: bsuid || null, parentBsuid: parentBsuid || null, username: null };
  const contact =
    contactOf(contacts, partial) ?? (loneContactIsSender && !partial.phone && !partial.bsuid ? contacts[0] : undefined);
  return {
    phone: partial.phone ?? (contact?.wa_id || null),
    bsuid: partial.bsuid ?? (contact?.user_id || null),
    parentBsuid: partial.parentBsuid ?? (contact?.parent_user_id || null),
    username: cleanName(contact?.profile?.username),
  };
}

function contactOf(contacts: MetaContact[], who: Pick<CustomerIdentity, 'phone' | 'bsuid'>): MetaContact | undefined {
  return contacts.find((c) => (who.bsuid && c.user_id === who.bsuid) || (who.phone && c.wa_id === who.phone));
}

function messageEvent(
  message: MetaMessage,
  phoneNumberId: string,
  customer: CustomerIdentity,
  customerName: string | null,
  origin: MessageEvent['origin'],
  receivedAt: Date,
): MessageEvent {
  const rendered = renderWhatsAppMessage(message);
  const media = extractMedia(message);
  const time = readTimestamp(message.timestamp, receivedAt);
  return {
    kind: 'message',
    channel: 'meta',
    phoneNumberId,
    providerMessageId: message.id,
    customer,
    customerName,
    origin,
    type: message.type,
    text: messageText(message.type, rendered.text, media),
    // A team member's echo is never answered.
    answerable: origin === 'customer' && rendered.answerable,
    sentAt: time.at,
    ...(time.raw !== undefined ? { rawTimestamp: time.raw } : {}),
    media,
  };
}
