/**
 * One message of Kapso's history (as the SDK returns it, camelCased) back in the
 * shape of a Kapso v2 `whatsapp.message.received` event, so the webhook parser
 * reads it: identity, names, media and dead letters behave exactly as for webhooks.
 */
import type { UnifiedMessage } from '@kapso/whatsapp-cloud-api';

export function toKapsoWebhookEvent(message: UnifiedMessage, phoneNumberId: string): Record<string, unknown> {
  const wire = toSnakeCase(message) as Record<string, unknown>;
  const kapso = (wire.kapso ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    message: wire,
    conversation: {
      phone_number:
        str(kapso.phone_number) ?? (str(wire.from) ? `+${String(wire.from).replace(/^\+/, '')}` : undefined),
      business_scoped_user_id: str(wire.from_user_id),
      parent_business_scoped_user_id: str(wire.from_parent_user_id),
      phone_number_id: phoneNumberId,
      kapso: { contact_name: str(kapso.contact_name) },
    },
    phone_number_id: phoneNumberId,
  };
}

/** The SDK camelCases the wire's snake_case keys; the parser reads the wire. */
function toSnakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), toSnakeCase(v)]),
  );
}
