/** Webhook bodies as Kapso (v2) and Meta send them, and their signatures. */
import { hmacSha256Hex } from '../../src/channels/webhook-signature.js';

export const KAPSO_SECRET = 'kapso-test-secret';
export const META_SECRET = 'meta-app-secret';
export const PHONE_ID = '1098765432101';

export interface KapsoMessageOptions {
  id: string;
  from?: string;
  text?: string;
  name?: string;
  origin?: 'cloud_api' | 'business_app' | 'history_sync';
  direction?: 'inbound' | 'outbound';
  status?: string;
  phoneNumberId?: string;
  timestamp?: number;
}

export function kapsoEvent(o: KapsoMessageOptions) {
  const from = o.from ?? '+6281234567890';
  return {
    message: {
      id: o.id,
      timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
      type: 'text',
      from: from.replace('+', ''),
      text: { body: o.text ?? 'halo' },
      kapso: {
        direction: o.direction ?? 'inbound',
        origin: o.origin ?? 'cloud_api',
        status: o.status ?? 'received',
        content: o.text ?? 'halo',
      },
    },
    conversation: {
      id: `conv-${from}`,
      phone_number: from,
      phone_number_id: o.phoneNumberId ?? PHONE_ID,
      kapso: { contact_name: o.name ?? 'Budi Santoso' },
    },
    is_new_conversation: false,
    phone_number_id: o.phoneNumberId ?? PHONE_ID,
  };
}

/** The provider's status webhook for a message it took, signed, carrying our callback data. */
export function kapsoStatus(
  send: { providerMessageId: string; to: string; callbackData: string | undefined },
  status: 'sent' | 'delivered' | 'read' | 'failed' = 'sent',
) {
  const event = kapsoEvent({ id: send.providerMessageId, from: `+${send.to}`, direction: 'outbound', status });
  (event.message.kapso as Record<string, unknown>).biz_opaque_callback_data = send.callbackData;
  return event;
}

export function kapsoBatch(events: ReturnType<typeof kapsoEvent>[]) {
  return {
    type: 'whatsapp.message.received',
    batch: true,
    data: events,
    batch_info: { size: events.length, window_ms: 5000 },
  };
}

export function kapsoHeaders(
  body: string,
  event = 'whatsapp.message.received',
  secret = KAPSO_SECRET,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-webhook-event': event,
    'x-webhook-signature': hmacSha256Hex(body, secret),
    'x-idempotency-key': crypto.randomUUID(),
    'x-webhook-payload-version': 'v2',
  };
}

export function metaHeaders(body: string, secret = META_SECRET): Record<string, string> {
  return { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${hmacSha256Hex(body, secret)}` };
}

export async function postKapso(baseUrl: string, payload: unknown, event?: string) {
  const body = JSON.stringify(payload);
  return fetch(`${baseUrl}/webhooks/kapso`, { method: 'POST', headers: kapsoHeaders(body, event), body });
}

export async function postMeta(baseUrl: string, payload: unknown) {
  const body = JSON.stringify(payload);
  return fetch(`${baseUrl}/webhooks/meta`, { method: 'POST', headers: metaHeaders(body), body });
}
