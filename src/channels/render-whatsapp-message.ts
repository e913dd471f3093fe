/**
 * A readable text for any WhatsApp message object (Meta's shape, which Kapso
 * forwards): the text itself, or a rendering such as "[image] my passport" for
 * messages without text, so every message can be stored and shown.
 */
export interface RenderedMessage {
  text: string;
  /** Whether the assistant should answer it (a reaction or system notice is not a question). */
  answerable: boolean;
}

type Obj = Record<string, unknown>;

export function renderWhatsAppMessage(message: Obj): RenderedMessage {
  const type = typeof message.type === 'string' ? message.type : 'unknown';
  const part = (message[type] ?? {}) as Obj;
  const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const join = (...parts: Array<string | null>) => parts.filter(Boolean).join(' ');

  switch (type) {
    case 'text':
      return { text: str(part.body) ?? '', answerable: true };
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
      return {
        text: join(`[${type}${part.filename ? `: ${String(part.filename)}` : ''}]`, str(part.caption)),
        answerable: true,
      };
    case 'sticker':
      return { text: '[sticker]', answerable: false };
    case 'location':
      return {
        text: join(
          '[location]',
          str(part.name),
          str(part.address),
          part.latitude !== undefined ? `(${String(part.latitude)}, ${String(part.longitude)})` : null,
        ),
        answerable: true,
      };
    case 'contacts': {
      const contacts = Array.isArray(message.contacts) ? (message.contacts as Obj[]) : [];
      const names = contacts.map((c) => str((c.name as Obj | undefined)?.formatted_name)).filter(Boolean);
      return { text: join('[contact]', names.join(', ') || null), answerable: true };
    }
    case 'interactive': {
      const reply = (part.button_reply ?? part.list_reply ?? null) as Obj | null;
      if (reply)
        return { text: join(str(reply.title), str(reply.description)) || '[interactive reply]', answerable: true };
      if (part.nfm_reply) return { text: '[form reply]', answerable: true };
      return { text: '[interactive]', answerable: true };
    }
    case 'button':
      return { text: str(part.text) ?? str(part.payload) ?? '[button]', answerable: true };
    case 'reaction':
      return { text: `[reaction ${str(part.emoji) ?? 'removed'}]`, answerable: false };
    case 'order': {
      const items = Array.isArray(part.product_items) ? part.product_items.length : 0;
      return { text: join(`[order: ${items} item${items === 1 ? '' : 's'}]`, str(part.text)), answerable: true };
    }
    case 'system':
      return { text: join('[system]', str(part.body)), answerable: false };
    case 'template':
      return { text: '[template]', answerable: false };
    default:
      return { text: `[${type === 'unsupported' ? 'unsupported message' : type}]`, answerable: false };
  }
}
